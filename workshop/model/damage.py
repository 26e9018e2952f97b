"""Finding damage in a workshop file's values, read-only: what `workshop check` reports and what a read
that failed names instead of a traceback.

SQLite's integrity check proves the pages fit together; it cannot tell that a flipped byte turned a
choice into a word the app does not know, a name into bytes that are not UTF-8, or a rank into text.
This module compares every stored value with what the entities declare, and never prints a value: a
damaged cell may hold a person's name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Boolean, CheckConstraint, Column, Date, DateTime, Enum, Float, Integer, Table, Time
from sqlalchemy.exc import DBAPIError

from workshop.wording import plural, tr

from . import entities as e
from .errors import WorkshopError, WorkshopFileError

SHOWN_FAULTS = 5  # the report names this many faults, then says how many more there are


@dataclass(frozen=True)
class Fault:
    """One damaged place: a table, and where known its row and column, and what is wrong there."""

    table: str
    what: str
    row: int | None = None
    column: str | None = None

    def place(self) -> str:
        row = tr(" row {row}").format(row=self.row) if self.row is not None else ""
        column = f" ({self.column})" if self.column else ""
        return tr("damaged at {table}{row}{column}").format(table=self.table, row=row, column=column)

    def line(self) -> str:
        return f"{self.place()}: {self.what}"


@dataclass(frozen=True)
class Damage:
    """The first faults found in a file and how many there are in all."""

    faults: tuple[Fault, ...]
    total: int

    def lines(self) -> list[str]:
        more = self.total - len(self.faults)
        return [fault.line() for fault in self.faults] + (
            [tr("and {count} more").format(count=more)] if more > 0 else []
        )


def find_damage(conn: sqlite3.Connection, *, shown: int = SHOWN_FAULTS) -> Damage:
    """Gives the faults in the values of the workshop open on `conn`, which is only read."""
    conn.text_factory = bytes  # a cell that is not UTF-8 is found here, not raised from deep in a read
    faults: list[Fault] = []
    total = 0
    for fault in _faults(conn):
        total += 1
        if len(faults) < shown:
            faults.append(fault)
    return Damage(tuple(faults), total)


def _faults(conn: sqlite3.Connection) -> Iterator[Fault]:
    stored = _stored_columns(conn)
    for table in e.Base.metadata.sorted_tables:
        if table.name not in stored:
            yield Fault(table.name, tr("the table is missing"))
            continue
        missing = [column for column in table.columns if column.name not in stored[table.name]]
        yield from (Fault(table.name, tr("the column is missing"), column=column.name) for column in missing)
        present = [column for column in table.columns if column not in missing]
        yield from _table_faults(conn, table, present)
    yield from _broken_references(conn, stored)


def _stored_columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Gives each table the file holds with the names of its columns."""
    names = [_text(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        name: {_text(row[1]) or "" for row in conn.execute(f'PRAGMA table_info("{name}")')}
        for name in names
        if name is not None
    }


def _table_faults(conn: sqlite3.Connection, table: Table, columns: list[Column]) -> Iterator[Fault]:
    """Yields each cell of `table` whose stored value does not fit its column, then each broken CHECK."""
    if not columns:
        return
    selected = ", ".join(f'typeof("{column.name}"), "{column.name}"' for column in columns)
    try:
        rows = conn.execute(f'SELECT rowid, {selected} FROM "{table.name}"').fetchall()
    except sqlite3.DatabaseError as error:
        yield Fault(table.name, _sqlite_problem(error))
        return
    for row in rows:
        for index, column in enumerate(columns):
            what = _cell_problem(column, _text(row[1 + 2 * index]), row[2 + 2 * index])
            if what is not None:
                yield Fault(table.name, what, row=row[0], column=column.name)
    yield from _broken_checks(conn, table)


def _cell_problem(column: Column, kind: str | None, value: object) -> str | None:
    """Gives what is wrong with one stored value of `column` (SQLite's `typeof` is `kind`), or None."""
    if value is None:
        return None if column.nullable or column.primary_key else tr("it is empty, which it may not be")
    declared = column.type
    if isinstance(declared, Integer | Boolean):
        if kind != "integer":
            return tr("it is not a whole number")
        if isinstance(declared, Boolean) and value not in (0, 1):
            return tr("it is neither yes nor no")
        return None
    if isinstance(declared, Float):
        ok = kind in ("integer", "real") and math.isfinite(float(value))  # type: ignore[arg-type]
        return None if ok else tr("it is not a number")
    return _text_problem(declared, kind, value)


def _text_problem(declared: object, kind: str | None, value: object) -> str | None:
    if kind != "text" or not isinstance(value, bytes):
        return tr("it is not text")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return tr("the text is not valid UTF-8")
    if isinstance(declared, Enum) and text not in declared.enums:
        return tr("it is not one of the choices the app knows")
    if isinstance(declared, DateTime | Date) and not _is_date(text, with_time=isinstance(declared, DateTime)):
        return tr("it is not a date")
    if isinstance(declared, Time) and not _is_time(text):
        return tr("it is not a time of day")
    return None


# SQLAlchemy reads SQLite dates with patterns like these; anything else ends a read with ValueError.
_DATE = re.compile(r"(\d+)-(\d+)-(\d+)$")
_DATE_TIME = re.compile(r"(\d+)-(\d+)-(\d+)(?: (\d+):(\d+):(\d+)(?:\.(\d+))?)?$")


_TIME = re.compile(r"(\d+):(\d+):(\d+)(?:\.\d+)?$")


def _is_time(text: str) -> bool:
    found = _TIME.match(text)
    return found is not None and int(found[1]) < 24 and int(found[2]) < 60 and int(found[3]) < 60


def _is_date(text: str, *, with_time: bool) -> bool:
    found = (_DATE_TIME if with_time else _DATE).match(text)
    if found is None:
        return False
    parts = [int(part) for part in found.groups() if part is not None]
    try:
        (dt.datetime if with_time else dt.date)(*parts[:6])
    except (ValueError, OverflowError):
        return False
    return True


def _broken_checks(conn: sqlite3.Connection, table: Table) -> Iterator[Fault]:
    """Yields each row breaking one of the table's CHECK rules (a score outside 1–5, negative hours)."""
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        try:
            broken = conn.execute(
                f'SELECT rowid FROM "{table.name}" WHERE NOT ({constraint.sqltext})'
            ).fetchall()
        except sqlite3.DatabaseError:
            continue  # a missing column is reported already
        rule = str(constraint.sqltext)
        for (row,) in broken:
            yield Fault(table.name, tr("it breaks the rule {rule}").format(rule=rule), row=row)


def _broken_references(conn: sqlite3.Connection, stored: dict[str, set[str]]) -> Iterator[Fault]:
    """Yields each row whose reference to another row leads nowhere."""
    try:
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        yield Fault(tr("the references"), _sqlite_problem(error))
        return
    for table, row, parent, _key in broken:
        yield Fault(
            _text(table) or "?",
            tr("it refers to a {parent} row that does not exist").format(parent=_text(parent)),
            row=row,
        )


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return None if value is None else str(value)


def _sqlite_problem(error: sqlite3.Error) -> str:
    return tr("SQLite cannot read it ({error})").format(error=" ".join(str(error).split()))


# --- Naming the damage a read met ---------------------------------------------------------------------

# What a read meets on a damaged page; other errors are the app's own and keep their traceback.
_DAMAGE_WORDS = ("could not decode", "no such column", "no such table", "malformed", "not a database")


def damage_met(path: Path, database: Path, error: BaseException) -> DamagedFileError | None:
    """Gives the one-line error naming where `database` (read as the workshop `path`) is damaged, when
    damage explains `error` that ended a read; None when the file is sound, so the error is the app's."""
    if isinstance(error, WorkshopError) or _busy(error):
        return None
    from .store import read_only_connection

    try:
        conn = read_only_connection(database)
        try:
            damage = find_damage(conn, shown=1)
        finally:
            conn.close()
    except sqlite3.Error:
        damage = Damage((), 0)
    if damage.faults:
        return damaged_file_error(path, damage.faults[0], damage.total)
    if not _looks_damaged(error):
        return None
    return damaged_file_error(path, Fault(_table_named_by(error), _kind_of(error)), 1)


class DamagedFileError(WorkshopFileError):
    """A workshop whose pages or values are damaged; `faults` are the first places found."""

    def __init__(self, path: Path, reason: str, faults: tuple[Fault, ...], total: int) -> None:
        super().__init__(path, reason)
        self.faults = faults
        self.total = total


def damaged_file_error(path: Path, fault: Fault, total: int) -> DamagedFileError:
    """Gives the one-line error about damage in `path`, starting from its first fault."""
    if fault.row is None:
        more = tr("`workshop check {file}` names the damaged rows").format(file=path)
    elif total > 1:
        others = plural(total - 1, "%n more place", "%n more places")
        more = tr("`workshop check {file}` names {others}").format(file=path, others=others)
    else:
        more = tr("`workshop check {file}` shows the whole report").format(file=path)
    reason = tr("{fault}; {more}, or use an earlier copy.").format(fault=fault.line(), more=more)
    return DamagedFileError(path, reason, (fault,), total)


def _busy(error: BaseException) -> bool:
    return "database is locked" in str(error).lower()


def _looks_damaged(error: BaseException) -> bool:
    if isinstance(error, UnicodeDecodeError):
        return True
    if isinstance(error, LookupError) and "enum" in str(error):
        return True
    return isinstance(error, DBAPIError | sqlite3.DatabaseError) and any(
        word in str(error).lower() for word in _DAMAGE_WORDS
    )


def _table_named_by(error: BaseException) -> str:
    """Gives the table a failed read names ("no such column: participant.role"), or the tables read."""
    text = str(error.orig if isinstance(error, DBAPIError) else error)
    named = re.search(r"no such (?:column|table): (?:main\.)?(\w+)", text)
    if named:
        return named.group(1)
    statement = getattr(error, "statement", None) or ""
    tables = re.findall(r"\bFROM (\w+)", statement)
    return tables[0] if tables else tr("an unknown table")


def _kind_of(error: BaseException) -> str:
    text = str(error.orig if isinstance(error, DBAPIError) else error).lower()
    if "no such column" in text:
        return tr("a column the app needs is missing")
    if "no such table" in text:
        return tr("the table is missing")
    if isinstance(error, UnicodeDecodeError) or "decode" in text:
        return tr("a text is not valid UTF-8")
    if isinstance(error, LookupError):
        return tr("a stored choice is not one the app knows")
    return tr("SQLite cannot read the file's pages")


# --- Naming where SQLite's integrity check found broken pages ----------------------------------------

_INTEGRITY_PLACES = (
    (re.compile(r"\bindex (\w+)"), "index"),
    (re.compile(r"\bpage (\d+)"), "page"),
    (re.compile(r"\bin (\w+)\.\w+"), "table"),
)


def integrity_faults(conn: sqlite3.Connection, messages: list[str]) -> list[Fault]:
    """Gives SQLite's integrity messages as faults, each at the table whose pages or index it names."""
    found = [line for message in messages for line in message.splitlines() if not line.startswith("***")]
    return [_integrity_fault(conn, line.strip()) for line in found if line.strip()]


def _integrity_fault(conn: sqlite3.Connection, message: str) -> Fault:
    row = re.search(r"\b[Rr]ow(?:id)? (\d+)", message)
    return Fault(_table_of(conn, message), message, row=int(row.group(1)) if row else None)


def _table_of(conn: sqlite3.Connection, message: str) -> str:
    for pattern, kind in _INTEGRITY_PLACES:
        named = pattern.search(message)
        if named is None:
            continue
        query = {
            "index": "SELECT tbl_name FROM sqlite_master WHERE name = ?",
            "page": "SELECT tbl_name FROM dbstat JOIN sqlite_master USING (name) WHERE pageno = ?",
            "table": "SELECT tbl_name FROM sqlite_master WHERE name = ?",
        }[kind]
        try:
            table = conn.execute(query, (named.group(1),)).fetchone()
        except sqlite3.Error:  # the pages that say which table is which may be the damaged ones
            table = None
        if table:
            return _text(table[0]) or "?"
    return tr("an unknown table")


def damaged_pages_error(path: Path, conn: sqlite3.Connection, messages: list[str]) -> DamagedFileError:
    """Gives the one-line error for a file whose pages SQLite's check found broken."""
    faults = integrity_faults(conn, messages) or [Fault(tr("an unknown table"), tr("the pages are broken"))]
    error = damaged_file_error(path, faults[0], len(faults))
    error.faults = tuple(faults[:SHOWN_FAULTS])
    return error


def unreadable_file_error(path: Path, conn: sqlite3.Connection, error: sqlite3.Error) -> DamagedFileError:
    """Gives the one-line error for a file SQLite could not read through, at the first table it fails on."""
    return damaged_file_error(path, Fault(_unreadable_table(conn), _sqlite_problem(error)), 1)


def _unreadable_table(conn: sqlite3.Connection) -> str:
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    except sqlite3.Error:
        return "sqlite_master"  # the list of tables itself
    for table in tables:
        try:
            conn.execute(f'SELECT * FROM "{table}"').fetchall()
        except sqlite3.DatabaseError:
            return _text(table) or "?"
    return tr("an unknown table")
