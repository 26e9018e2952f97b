"""A workshop held by a shared PostgreSQL server (`postgresql://user@host/dbname`): connecting, building
and updating its schema, and reporting on it. The same tables and migrations as a file; the file-only
steps (pragmas, application id, lock, backups before an update) are skipped, and the server's own
transactions and row locks keep several laptops from overwriting each other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, inspect, make_url, select, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .errors import WorkshopFileError
from .store import (
    APPLICATION_ID,
    FileReport,
    WorkshopStore,
    add_workshop,
    alembic_config,
    refuse_newer_schema,
    schema_head,
    upgrade_to_head,
)


def server_label(url: str) -> str:
    """Gives how a server workshop is named to people: `database@host`, never with a password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "the workshop server"
    return f"{parsed.database or '?'}@{parsed.host or 'localhost'}"


def connect_server(url: str) -> WorkshopStore:
    """Gives a store on a server database, building its schema when empty and updating an older one;
    refuses a schema newer than this app's. The database may not hold a workshop yet."""
    label = server_label(url)
    engine = _server_engine(url, label)
    try:
        revision = _server_revision(engine, label)
        refuse_newer_schema(label, revision, tr("nothing was changed."))
        if revision != schema_head():
            _run_server_migrations(engine)
    except BaseException:
        engine.dispose()
        raise
    return WorkshopStore(Path(label), engine, None, url=url)


def _server_engine(url: str, label: str) -> Engine:
    try:
        parsed = make_url(url).set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    except ArgumentError as exc:
        raise WorkshopFileError(
            label,
            tr("this is not a server address like postgresql://user@host/db ({error}).").format(error=exc),
        ) from exc
    except (NoSuchModuleError, ImportError) as exc:
        raise WorkshopFileError(
            label, tr("the PostgreSQL driver is missing; install it with: pip install 'psycopg[binary]'")
        ) from exc


def _server_revision(engine: Engine, label: str) -> str | None:
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise WorkshopFileError(
            label, tr("cannot reach the workshop server ({reason}).").format(reason=reason)
        ) from exc


def _run_server_migrations(engine: Engine) -> None:
    config = alembic_config()
    with engine.connect() as connection:
        # Laptops joining an empty database at once must not build the schema twice: one builds, the
        # others wait for it here and then find nothing left to do.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPLICATION_ID})
        config.attributes["connection"] = connection
        upgrade_to_head(config)
        connection.commit()


def _holds_workshop(store: WorkshopStore) -> bool:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(e.Workshop)) != 0


def open_server_workshop(url: str) -> WorkshopStore:
    store = connect_server(url)
    if not _holds_workshop(store):
        store.close()
        raise WorkshopFileError(
            store.path,
            tr("this database holds no workshop yet; create one with: workshop --db URL new --title ..."),
        )
    return store


def create_server_workshop(url: str, details: dict[str, Any]) -> WorkshopStore:
    store = connect_server(url)
    try:
        if _holds_workshop(store):
            raise WorkshopFileError(
                store.path, tr("this database already holds a workshop; open it, or use another database.")
            )
        add_workshop(store, details)
    except BaseException:
        store.close()
        raise
    return store


def restart_id_counters(session: Session) -> None:
    """Gives nothing; after rows were inserted with their own ids (a JSON import), makes the server's
    id counters continue above them. SQLite files need nothing: they count from the largest id."""
    if session.get_bind().dialect.name == "sqlite":
        return
    for table in e.Base.metadata.sorted_tables:
        if "id" in table.c:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f'coalesce(max(id), 0) + 1, false) FROM "{table.name}"'
                )
            )


def server_report(url: str) -> FileReport:
    """Gives the schema and row counts of a server workshop, changing nothing; the server itself vouches
    for the integrity of its tables."""
    label = server_label(url)
    engine = _server_engine(url, label)
    try:
        revision = _server_revision(engine, label)
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            counts = {
                name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar() or 0
                for name in tables
            }
    finally:
        engine.dispose()
    return FileReport(Path(label), revision, ["ok"], counts)
