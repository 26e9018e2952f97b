"""Opening, creating and migrating a `.workshop` file, and the short transactions all changes go through.

Durability: the rollback journal with `synchronous=FULL` puts every committed entry into the `.workshop`
file itself before the commit returns, so a plain copy of the file taken at any moment holds all of it.
Nothing is written to a file until it has been recognised as a workshop of a schema this app knows.
A file the app may not change (no write permission on it, or on its folder, where SQLite must make its
journal) opens read-only: no update, no backup, and every transaction is refused with one sentence.

A shared server (`postgresql://user@host/dbname`) holds the same tables through the same migrations; the
file-only steps (pragmas, application id, file lock, backups before an update) are skipped there, and the
server's own transactions and row locks keep several laptops from overwriting each other.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workshop.wording import tr

from . import entities as e
from .errors import (
    DiskFullError,
    FileInUseError,
    NewerSchemaError,
    ReadOnlyWorkshopError,
    WorkshopError,
    WorkshopFileError,
    is_disk_full,
    plain_reason,
)
from .locking import WorkshopLock, holder_of, sqlite_lock_holder

if TYPE_CHECKING:  # Alembic loads only when a schema is built or updated, not for every file opened
    from alembic.config import Config

SUFFIX = ".workshop"
APPLICATION_ID = 0x57534B50  # "WSKP": marks an SQLite file as a workshop
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Each pragma with the value SQLite must report back once it is set.
DURABILITY_PRAGMAS: tuple[tuple[str, str, object], ...] = (
    ("journal_mode", "DELETE", "delete"),
    ("synchronous", "FULL", 2),
    ("foreign_keys", "ON", 1),
    ("busy_timeout", "5000", 5000),
)
# How long a look at the file waits for other work on it to finish before calling the file busy.
BUSY_WAIT_SECONDS = 5.0


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(config: Config) -> None:
    from alembic import command

    command.upgrade(config, "head")


def _revision_links() -> dict[str, str | None]:
    """Gives each shipped schema revision with the one it follows, as its migration file declares them."""
    links: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        declared = {
            target.id: node.value
            for node in ast.parse(script.read_text(encoding="utf-8")).body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value
        }
        if "revision" in declared:
            previous = declared.get("down_revision")
            links[ast.literal_eval(declared["revision"])] = (
                ast.literal_eval(previous) if previous is not None else None
            )
    return links


def schema_head() -> str:
    """Gives the newest schema revision this app knows."""
    links = _revision_links()
    heads = set(links) - set(links.values())
    assert len(heads) == 1, f"the app ships one line of migrations, not {sorted(heads)}"
    return heads.pop()


def refuse_newer_schema(where: Path | str, revision: str | None, untouched: str) -> None:
    """Refuses a workshop saved by a newer version of the app, saying that `untouched` holds."""
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            where,
            tr(
                "this workshop was saved by a newer version of the app (schema {schema}). "
                "Update the app to open it; {untouched}"
            ).format(schema=revision, untouched=untouched),
        )


def known_revisions() -> set[str]:
    """Gives every schema revision this app ships a migration for."""
    return set(_revision_links())


@dataclass(frozen=True)
class FileHealth:
    """What a read-only look at a file found."""

    revision: str | None
    integrity: list[str]
    journal_present: bool


def apply_durability_pragmas(dbapi_connection: Any) -> None:
    """Sets and verifies the pragmas on a DB-API connection (works on every Python 3.11+ sqlite3)."""
    cursor = dbapi_connection.cursor()
    try:
        for name, value, expected in DURABILITY_PRAGMAS:
            cursor.execute(f"PRAGMA {name} = {value}")
            cursor.execute(f"PRAGMA {name}")
            actual = cursor.fetchone()[0]
            if actual != expected:
                raise WorkshopFileError(
                    "",
                    tr("SQLite refused PRAGMA {name}={value} (it reports {actual!r})").format(
                        name=name, value=value, actual=actual
                    ),
                )
    finally:
        cursor.close()


def _header_problem(path: Path) -> str | None:
    """Gives why the file's first bytes are not those of a workshop, or None when they are."""
    size = path.stat().st_size
    if size == 0:
        return tr("the file is empty (0 bytes), not a workshop.")
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        return tr("this is not a workshop file (it is not an SQLite database).")
    if len(header) < 100:
        return tr("the file is cut off: it is shorter than an SQLite header.")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return tr("this is an SQLite database of another program, not a workshop file.")
    header_pages_valid = header[24:28] == header[92:96]
    if header_pages_valid and _length_in_header(header) > size and _still_short_when_settled(path):
        return tr(
            "the file is cut off ({size} of {expected} bytes); it was probably copied or saved "
            "incompletely. Use an earlier copy or its backup."
        ).format(size=f"{path.stat().st_size:,}", expected=f"{_length_in_header(header):,}")
    return None


def _length_in_header(header: bytes) -> int:
    """Gives the file's length in bytes as its SQLite header states it (page count times page size)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return int.from_bytes(header[28:32], "big") * page_size


def _still_short_when_settled(path: Path) -> bool:
    """Gives whether the file is shorter than its header says once no one is half-way through saving.

    A save writes the first page (with the new page count) before the pages that lengthen the file, so a
    look taken without SQLite's read lock can catch a healthy file mid-save. Under the read lock the
    header and the length agree unless the file really was cut."""
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_WAIT_SECONDS
        )
    except sqlite3.Error:
        return True
    try:
        connection.execute("BEGIN")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        with path.open("rb") as handle:
            return _length_in_header(handle.read(100)) > path.stat().st_size
    except sqlite3.OperationalError as exc:
        return "database is locked" not in str(exc)  # still being saved after the wait: busy, said later
    except sqlite3.Error:
        return True
    finally:
        connection.close()


def inspect_file(path: Path, *, read_only: bool = False) -> FileHealth:
    """Checks a workshop file without changing it; raises WorkshopFileError with the reason.

    `read_only` reads even beside a journal in read-only mode: right while an app holds the file (its
    journal is then no crash's), wrong after a crash, when the journal must be rolled back first."""
    if not path.exists():
        raise WorkshopFileError(path, tr("no such file."))
    if path.is_dir():
        raise WorkshopFileError(path, tr("this is a folder, not a workshop file."))
    try:
        problem = _header_problem(path)
    except PermissionError as exc:
        raise WorkshopFileError(path, tr("you do not have permission to read this file.")) from exc
    if problem:
        raise WorkshopFileError(path, problem)
    journal = path.with_name(path.name + "-journal")
    # A hot journal after a crash must be rolled back to read the committed state, which needs write mode.
    mode = "rw" if journal.exists() and not read_only else "ro"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_WAIT_SECONDS)
    except sqlite3.Error as exc:
        raise WorkshopFileError(path, tr("SQLite cannot open the file ({error}).").format(error=exc)) from exc
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA quick_check")]
        has_version = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
        if integrity != ["ok"]:
            from .damage import damaged_pages_error  # names the table of the broken pages

            raise damaged_pages_error(path, conn, integrity)
    except sqlite3.DatabaseError as exc:
        if "database is locked" in str(exc):  # busy, not damaged: an earlier copy would lose work
            raise _busy(path) from exc
        from .damage import unreadable_file_error

        raise unreadable_file_error(path, conn, exc) from exc
    finally:
        conn.close()
    return FileHealth(revision[0] if revision else None, integrity, journal.exists())


def _busy(path: Path) -> FileInUseError:
    return FileInUseError(
        path,
        tr("the file is busy: {holder} is still writing to it. Try again when that work is done.").format(
            holder=holder_of(path) or tr("another program")
        ),
    )


def may_change(path: Path) -> bool:
    """Gives whether the app may change the workshop: SQLite writes the file and its journal beside it."""
    real = path.resolve()
    return os.access(real, os.W_OK) and os.access(real.parent, os.W_OK)


def read_only_reason() -> str:
    return tr(
        "is read-only; nothing was changed; save a copy (workshop backup FILE OUT, "
        "or File > Save a Copy As) to edit it."
    )


def _make_engine(path: Path, *, read_only: bool = False) -> Engine:
    # A read-only file is opened with mode=ro, so SQLite never tries to write it; the URL still names
    # the plain path, which is what the rest of the app reads back from it.
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
        **({"creator": lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)} if read_only else {}),
    )
    event.listen(
        engine, "connect", lambda dbapi_connection, _record: apply_durability_pragmas(dbapi_connection)
    )
    return engine


def _run_migrations(engine: Engine) -> None:
    config = alembic_config()
    with engine.connect() as connection:
        # Batch migrations rebuild tables; foreign keys must be off so rows are not cascaded away.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        config.attributes["connection"] = connection
        upgrade_to_head(config)
        connection.commit()
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
    if broken:
        raise WorkshopFileError(
            "", tr("the schema update left {count} broken references").format(count=len(broken))
        )


def backup_path_for(path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-update-{revision or 'v0'}-{stamp}{path.suffix}.bak")


class WorkshopStore:
    """An open workshop file (or server database): owns its lock and engine; `transaction()` runs one
    user action. On a server, `url` is set and `path` is only a label such as `room@host`."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: WorkshopLock | None,
        backup: Path | None = None,
        *,
        url: str | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self.backup = backup
        self.url = url
        self.read_only = read_only
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self, action: str | None = None) -> Iterator[Session]:
        """Yields a session whose work is committed together at the end, or not at all.

        Raises WorkshopError with one sentence (never the stored data or SQL of the failed save) when the
        workshop is read-only, the disk is full, or other work held the file past the busy timeout;
        `action` names what was being saved ("import"), a change when not given."""
        self.refuse_if_read_only()
        try:
            with self._sessions.begin() as session:
                yield session
        except Exception as error:
            refused = None if isinstance(error, WorkshopError) else self._refusal(error, action)
            if refused is None:
                raise
            raise refused from error

    def refuse_if_read_only(self) -> None:
        """Raises ReadOnlyWorkshopError when the workshop can only be read; else does nothing."""
        if self.read_only:
            raise ReadOnlyWorkshopError(self.path, read_only_reason())

    def _refusal(self, error: Exception, action: str | None) -> WorkshopError | None:
        """Gives the sentence for a save the file or disk refused, or None for any other error."""
        if is_disk_full(error):
            return DiskFullError(self.path, disk_full_reason(action))
        if isinstance(error, OperationalError) and _locked(error):
            holder = sqlite_lock_holder(self.path) if self.url is None else None
            if holder is None:
                return WorkshopError(
                    tr("the workshop file is busy with other work (an import or a merge); nothing was saved.")
                )
            return FileInUseError(
                self.path,
                tr("the file is busy: {holder} is still writing to it; nothing was saved.").format(
                    holder=holder
                ),
            )
        if isinstance(error, OperationalError) and "readonly database" in str(error.orig):
            return ReadOnlyWorkshopError(self.path, read_only_reason())
        return None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yields a session for queries only; anything written in it is rolled back.

        A read that a damaged file ends (text that is not UTF-8, an unknown choice, a missing column)
        raises WorkshopFileError naming the damaged table and row instead."""
        try:
            with self._sessions() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except Exception as error:
            damaged = None if self.url is not None else self._damage_met(error)
            if damaged is None:
                raise
            raise damaged from error

    def _damage_met(self, error: Exception) -> WorkshopError | None:
        from .damage import damage_met  # loaded only when a read has failed

        database = self.engine.url.database
        return damage_met(self.path, Path(database), error) if database else None

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> WorkshopStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def disk_full_reason(action: str | None = None) -> str:
    return tr("the disk is full; nothing of this {action} was saved.").format(action=action or tr("change"))


def _locked(error: OperationalError) -> bool:
    """Gives whether the database refused the write because another connection holds it."""
    text_ = str(error.orig).lower()
    return "database is locked" in text_ or "lock timeout" in text_ or "could not obtain lock" in text_


def open_workshop(path: Path | str) -> WorkshopStore:
    """Opens an existing workshop file, updating its schema after a backup when it is older.

    A `postgresql://` URL opens the workshop held by that server database instead."""
    if is_server_url(path):
        from .server import open_server_workshop

        return open_server_workshop(str(path))
    path = Path(path)
    read_only = path.is_file() and not may_change(path)
    health = inspect_file(path, read_only=read_only)
    refuse_newer_schema(path, health.revision, tr("the file was not changed."))
    if read_only and health.revision != schema_head():
        raise ReadOnlyWorkshopError(
            path,
            tr(
                "is read-only and was saved by an older version of the app: it needs updating, which "
                "cannot be done in a read-only file; nothing was written. Save a copy where you can write "
                "(workshop backup FILE OUT) and open that."
            ),
        )
    lock = WorkshopLock(path, read_only=read_only)
    lock.acquire()
    try:
        engine = _make_engine(path, read_only=read_only)
        backup = None
        if health.revision != schema_head():
            backup = _migrate_with_backup(path, engine, health.revision)
        return WorkshopStore(path, engine, lock, backup, read_only=read_only)
    except BaseException:
        lock.release()
        raise


def _migrate_with_backup(path: Path, engine: Engine, revision: str | None) -> Path:
    from .backup import back_up  # backup reads files through this module, so it loads after it

    backup = backup_path_for(path, revision)
    try:
        back_up(path, backup, exact=True)  # whole or not at all: a partial name, fsync, then renamed
    except WorkshopError as exc:
        engine.dispose()
        if not is_disk_full(exc):
            raise
        raise DiskFullError(
            path,
            tr(
                "the disk is full, so the copy kept before updating the file to this version of the app "
                "could not be written; the file was not changed. Free some space, then open it again."
            ),
        ) from exc
    try:
        _run_migrations(engine)
    except Exception as exc:
        engine.dispose()
        shutil.copy2(backup, path)
        said = tr("the disk is full") if is_disk_full(exc) else plain_reason(exc)
        raise WorkshopFileError(
            path,
            tr(
                "updating the file to this version of the app failed ({error}); "
                "it was restored from {backup}."
            ).format(error=said, backup=backup.name),
        ) from exc
    return backup


def create_workshop(
    path: Path | str,
    *,
    title: str,
    organisation: str = "",
    facilitator: str = "",
    held_on: dt.date | None = None,
    anonymity: e.Anonymity = e.Anonymity.ANONYMOUS,
) -> WorkshopStore:
    """Creates a new workshop file with the default readiness dimensions; refuses an existing path.

    A `postgresql://` URL creates it in that server database, which must not hold a workshop yet."""
    details = dict(
        title=title, organisation=organisation, facilitator=facilitator, held_on=held_on, anonymity=anonymity
    )
    if is_server_url(path):
        from .server import create_server_workshop

        return create_server_workshop(str(path), details)
    path = Path(path)
    if path.exists():
        raise WorkshopFileError(path, tr("a file of that name already exists; choose another name."))
    if not path.parent.is_dir():
        raise WorkshopFileError(path, tr("the folder {folder} does not exist.").format(folder=path.parent))
    lock = WorkshopLock(path)
    lock.acquire()
    engine = None
    try:
        engine = _initialise(path)
        store = WorkshopStore(path, engine, lock)
        add_workshop(store, details)
        return store
    except BaseException as exc:
        if engine is not None:
            engine.dispose()
        lock.release()
        path.unlink(missing_ok=True)
        path.with_name(path.name + "-journal").unlink(missing_ok=True)  # a new file's, never another's
        if isinstance(exc, Exception) and is_disk_full(exc):
            raise DiskFullError(path, tr("the disk is full; the workshop was not created.")) from exc
        raise


def add_workshop(store: WorkshopStore, details: dict[str, Any]) -> None:
    with store.transaction() as session:
        session.add(e.Workshop(**details, created_at=now()))
        for position, (name, description) in enumerate(e.DEFAULT_DIMENSIONS):
            session.add(e.ReadinessDimension(name=name, description=description, position=position))


def _initialise(path: Path) -> Engine:
    """Gives the engine of a new, empty workshop file at the current schema, written at `path` (empty or
    absent): a copy of one file built by the migrations once per process, so every new file has
    exactly the schema an updated file has, without running every migration again (a fifth of a second)."""
    # The lock made the file, empty, to hold it (not on Windows): the schema goes into it from the start.
    with open(path, "ab") as out:
        if out.tell() != 0:
            raise WorkshopFileError(path, tr("a file of that name already exists; choose another name."))
        out.write(_empty_file_at_head())
        out.flush()
        os.fsync(out.fileno())
    return _make_engine(path)


_EMPTY_AT_HEAD: list[bytes] = []  # the bytes of an empty workshop file at the current schema, once made


def _empty_file_at_head() -> bytes:
    if not _EMPTY_AT_HEAD:
        with tempfile.TemporaryDirectory(prefix="workshop-schema-") as folder:
            built = Path(folder) / "empty.workshop"
            engine = _make_engine(built)
            try:
                with engine.connect() as connection:
                    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                    connection.commit()
                _run_migrations(engine)
            finally:
                engine.dispose()
            _EMPTY_AT_HEAD.append(built.read_bytes())
    return _EMPTY_AT_HEAD[0]


def now() -> dt.datetime:
    """The local time to the second: what a facilitator expects to read back."""
    return dt.datetime.now().replace(microsecond=0)


def table_counts(store: WorkshopStore) -> dict[str, int]:
    """Gives the number of rows in each table of the workshop."""
    with store.reading() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in e.Base.metadata.sorted_tables
        }


@dataclass(frozen=True)
class FileReport:
    """What `workshop check` tells about a file, read without changing it."""

    path: Path
    revision: str | None
    integrity: list[str]
    counts: dict[str, int]
    journal: str | None = None  # what the app will do with a journal SQLite would play back, if any

    @property
    def healthy(self) -> bool:
        return self.integrity == ["ok"] and self.revision in known_revisions()

    def lines(self) -> list[str]:
        head = schema_head()
        if self.revision == head:
            schema = f"schema {self.revision} (current)"
        elif self.revision in known_revisions() or self.revision is None:
            schema = f"schema {self.revision or 'none'} (older; it is updated to {head} when opened)"
        else:
            schema = f"schema {self.revision} (newer than this app's {head})"
        lines = [f"{self.path}", f"  {schema}", f"  integrity: {'; '.join(self.integrity)}"]
        lines += [f"  journal: {self.journal}"] if self.journal else []
        lines += [
            f"  {name}: {count}" for name, count in self.counts.items() if not name.startswith("alembic")
        ]
        return lines


def read_only_connection(path: Path) -> sqlite3.Connection:
    """Gives a plain SQLite connection that can only read the file (it never plays back a journal)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def file_report(path: Path | str) -> FileReport:
    """Gives integrity, schema and row counts of a workshop file, changing nothing."""
    path = Path(path)
    health = inspect_file(path)
    conn = read_only_connection(path)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}
    finally:
        conn.close()
    return FileReport(path, health.revision, integrity, counts)


SERVER_SCHEMES = ("postgresql", "postgres")


def is_server_url(location: object) -> bool:
    """Gives whether `location` names a database server (postgresql://...) rather than a file."""
    if not isinstance(location, str):
        return False
    scheme, separator, _ = location.partition("://")
    return bool(separator) and scheme.partition("+")[0] in SERVER_SCHEMES
