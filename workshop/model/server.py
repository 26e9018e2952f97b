"""A workshop held by a shared PostgreSQL server (`postgresql://user@host/dbname`): connecting, building
and updating its schema, and reporting on it. The same tables and migrations as a file; the file-only
steps (pragmas, application id, lock, backups before an update) are skipped, and the server's own
transactions and row locks keep several laptops from overwriting each other."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, func, inspect, make_url, select, text
from sqlalchemy.engine import URL, ExceptionContext
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

# Without a handler of its own, psycopg's notes on a lost connection would reach the terminal beside the
# app's one sentence about it.
logging.getLogger("psycopg").addHandler(logging.NullHandler())


class PasswordNeeded(WorkshopFileError):
    """The server asks for a password the address does not give; `user_at_host` says whose, for a prompt."""

    def __init__(self, label: str, user_at_host: str) -> None:
        self.user_at_host = user_at_host
        super().__init__(
            label,
            tr(
                "the workshop server asks for the password of {who}; run the job at a terminal to be asked "
                "for it, or give it in ~/.pgpass or PGPASSWORD."
            ).format(who=user_at_host),
        )


def server_label(url: str) -> str:
    """Gives how a server workshop is named to people: `database@host`, never with a password."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # a port that is not a number is a ValueError
        return tr("the workshop server")
    return f"{parsed.database or '?'}@{parsed.host or 'localhost'}"


# Passwords typed at a prompt this run, by user@host:port: kept out of the address, so no label, message or
# argument that shows an address can show them.
_typed_passwords: dict[str, str] = {}


def remember_password(url: str, password: str) -> None:
    """Gives nothing; connections to the server `url` names use this password from now on in this run."""
    _typed_passwords[_whose(make_url(url))] = password


def _whose(parsed: URL) -> str:
    return f"{parsed.username}@{parsed.host or 'localhost'}:{parsed.port or 5432}"


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
    except (ArgumentError, ValueError):
        # Neither the parser's words nor the address: both may hold the password.
        raise WorkshopFileError(
            label, tr("this is not a server address like postgresql://user@host/db.")
        ) from None
    typed = _typed_passwords.get(_whose(parsed)) if parsed.password is None else None
    try:
        engine = create_engine(parsed, pool_pre_ping=True, connect_args={"password": typed} if typed else {})
    except (NoSuchModuleError, ImportError) as exc:
        raise WorkshopFileError(
            label, tr("the PostgreSQL driver is missing; install it with: pip install 'psycopg[binary]'")
        ) from exc
    event.listen(engine, "handle_error", partial(_said_plainly, label))
    return engine


def _server_revision(engine: Engine, label: str) -> str | None:
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if _wants_password(engine, reason):
            raise PasswordNeeded(label, f"{engine.url.username}@{engine.url.host or 'localhost'}") from None
        raise WorkshopFileError(
            label, tr("cannot reach the workshop server ({reason}).").format(reason=reason)
        ) from exc


def _wants_password(engine: Engine, reason: str) -> bool:
    """Gives whether asking for a password could help: the address has none and the server wants one."""
    return (
        engine.url.password is None
        and _whose(engine.url) not in _typed_passwords
        and ("no password supplied" in reason or "password authentication failed" in reason)
    )


# --- The server's refusals, in one line ---------------------------------------------------------------


def _said_plainly(label: str, context: ExceptionContext) -> None:
    """Raises a WorkshopError for a lost connection or a value the server cannot keep; other errors pass.

    The sentence names the table and column, never a value: those are the workshop's stored data."""
    if context.is_pre_ping:
        return
    if context.is_disconnect:
        if context.statement is None:  # lost while committing: the server may have kept it
            raise WorkshopFileError(
                label,
                tr(
                    "the connection to the workshop server was lost while saving; look whether this work "
                    "arrived before doing it again."
                ),
            )
        raise WorkshopFileError(
            label,
            tr(
                "the connection to the workshop server was lost during this work; nothing of it was saved. "
                "Do it again once the server answers."
            ),
        )
    driver_error = context.dialect.loaded_dbapi.DataError
    if isinstance(context.original_exception, driver_error):
        raise WorkshopFileError(label, _refused_value(context))


def _refused_value(context: ExceptionContext) -> str:
    """Gives what the server could not keep: the table, and the column when it can be told."""
    table = _written_table(context)
    if table is None:
        return tr("the workshop server refused a value it cannot store; nothing was saved.")
    # The rows as the statement was given them, keyed by column (the driver's own may be renumbered).
    rows = getattr(context.execution_context, "compiled_parameters", None) or []
    with_nul = _columns_where(table, rows, lambda column, value: "\x00" in value)
    if with_nul:
        return tr(
            "{table}.{column} holds a NUL character (\\0), which a PostgreSQL server cannot store; "
            "remove it from the source and try again. Nothing was saved."
        ).format(table=table.name, column=with_nul[0])
    too_long = _columns_where(
        table, rows, lambda column, value: len(value) > (getattr(column.type, "length", None) or len(value))
    )
    if too_long:
        return tr("{table}.{column} holds text longer than the column keeps; nothing was saved.").format(
            table=table.name, column=too_long[0]
        )
    return tr("the workshop server refused a value in the {table} table; nothing was saved.").format(
        table=table.name
    )


def _written_table(context: ExceptionContext) -> Table | None:
    compiled = context.execution_context.compiled if context.execution_context else None
    table = getattr(compiled.statement, "table", None) if compiled is not None else None
    return table if isinstance(table, Table) else None


def _columns_where(
    table: Table, rows: Iterable[Mapping[str, Any]], refused: Callable[[Any, str], bool]
) -> list[str]:
    """Gives the names of the table's columns holding a text value `refused` turns down, in any row."""
    found: list[str] = []
    for row in rows:
        for key, value in row.items():
            column = table.c.get(key)
            if column is not None and isinstance(value, str) and key not in found and refused(column, value):
                found.append(key)
    return found


def _run_server_migrations(engine: Engine) -> None:
    with engine.connect() as connection:
        _update_schema_in(connection)
        connection.commit()


def _update_schema_in(connection: Connection) -> None:
    """Gives nothing; builds or updates the schema inside the connection's open transaction, uncommitted."""
    # Laptops joining an empty database at once must not build the schema twice: one builds, the
    # others wait for it here and then find nothing left to do.
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPLICATION_ID})
    config = alembic_config()
    config.attributes["connection"] = connection
    upgrade_to_head(config)


def restore_on_server(url: str, fill: Callable[[Session], None]) -> WorkshopStore:
    """Gives the store of the server database `fill` has filled, schema building and rows in one transaction.

    PostgreSQL undoes tables made in a transaction that fails, so a restore refused anywhere leaves the
    database exactly as it was, an empty one empty."""
    label = server_label(url)
    engine = _server_engine(url, label)
    try:
        refuse_newer_schema(label, _server_revision(engine, label), tr("nothing was changed."))
        with engine.connect() as connection:
            _update_schema_in(connection)
            with Session(bind=connection) as session:  # joins the connection's transaction
                fill(session)
                # Rows came with their own ids: the counters must continue above them.
                restart_id_counters(session)
                session.flush()
            connection.commit()
    except BaseException:
        engine.dispose()
        raise
    return WorkshopStore(Path(label), engine, None, url=url)


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
