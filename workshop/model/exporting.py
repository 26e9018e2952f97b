"""Exports of the workshop for sharing (JSON and CSV per table), and the whole workshop as a JSON backup."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Column, String, Table, select
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .errors import WorkshopError
from .files import write_all_atomically, write_text_atomically
from .store import schema_head
from .unlinking import unlinked

FORMAT_NAME = "ai-strategy-workshop"
FORMAT_VERSION = 1
CSV_ENCODING = "utf-8-sig"  # the byte order mark tells spreadsheet programs the file is UTF-8

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection"; ASVS 1.2.10
# adds NUL, which some spreadsheets skip before reading the formula behind it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")

# The salt that keys anonymous labels: with it, anyone could work labels back to participant ids.
SECRET_COLUMNS = ("label_salt",)
WITHHELD_FILE = "withheld.csv"
WITHHELD_WHY = "anonymous export: fewer than 3 people share the team or role, or the analysis withholds it"


def export_json(session: Session) -> dict[str, Any]:
    """Gives the workshop as plain JSON values: every table, every row, every column that may leave the app.

    An anonymous export also says how many values it withholds (`withheld`), so a reader knows the
    tables are not the whole record.
    """
    shared = shared_tables(session)
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema": schema_head(),
        "tables": {
            name: [{column: plain_value(value) for column, value in row.items()} for row in rows]
            for name, rows in shared.tables.items()
        },
    }
    if shared.withheld is not None:
        document["withheld"] = shared.withheld
    return document


def backup_json(session: Session) -> dict[str, Any]:
    """Gives the whole workshop as plain JSON values: every row of every table, as stored.

    Unlike an export, a backup keeps what the room was promised stays private (open rounds' ballots, PIN
    hashes, the label salt, who is who): it restores into the same workshop, so it must be kept as safely
    as the workshop itself. It is how a server workshop, which has no file to copy, is backed up.
    """
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema": schema_head(),
        "backup": True,
        "tables": {
            table.name: [
                {column.name: plain_value(value) for column, value in zip(table.columns, row, strict=True)}
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in e.Base.metadata.sorted_tables
        },
    }


def write_backup_json(session: Session, path: Path | str) -> None:
    """Gives nothing; writes the whole workshop, private parts included, to `path` as JSON in one step."""
    write_text_atomically(path, json_text(backup_json(session)))


def json_text(document: dict[str, Any]) -> str:
    """Gives the document as the JSON text written to files (stable, so two exports compare equal)."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_json(session: Session, path: Path | str) -> None:
    """Gives nothing; writes the whole workshop to `path` as UTF-8 JSON, in one step."""
    write_text_atomically(path, json_text(export_json(session)))


def write_csv_tables(session: Session, folder: Path | str) -> list[Path]:
    """Gives the CSV files written into `folder`: one `<table>.csv` per table, header row first.

    An anonymous export adds `withheld.csv`, saying how many values of each kind it leaves out.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkshopError(
            tr("Could not create the folder {folder}: {reason}.").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    shared = shared_tables(session)
    texts = {
        f"{table.name}.csv": csv_text(table, shared.tables[table.name])
        for table in e.Base.metadata.sorted_tables
    }
    if shared.withheld is not None:
        texts[WITHHELD_FILE] = withheld_text(shared.withheld)
    contents = {folder / name: text.encode(CSV_ENCODING) for name, text in texts.items()}
    # All files or none: a failure half-way must not leave a folder of old and new tables mixed.
    write_all_atomically({path: _writer(data) for path, data in contents.items()})
    return list(contents)


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda handle: handle.write(data)


def csv_text(table: Table, rows: list[dict[str, Any]]) -> str:
    """Gives one table's shared rows as CSV text, with cells that would run as formulas neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    columns = shared_columns(table)
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([csv_cell(column, row[column.name]) for column in columns])
    return buffer.getvalue()


def withheld_text(withheld: dict[str, int]) -> str:
    """Gives the CSV that says what an anonymous export leaves out: what, how many, and why."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["withheld", "count", "why"])
    for what, count in withheld.items():
        writer.writerow([what, count, WITHHELD_WHY])
    return buffer.getvalue()


def csv_cell(column: Column[Any], value: Any) -> Any:
    """Gives the value as written in a CSV cell: text prefixed with ' when it would start a formula."""
    plain = plain_value(value)
    if plain is None:
        return ""
    if isinstance(plain, bool):
        return "true" if plain else "false"
    if isinstance(column.type, String) and isinstance(plain, str) and plain.startswith(FORMULA_STARTS):
        return "'" + plain
    return plain


@dataclass(frozen=True)
class SharedTables:
    """The rows of every table as an export writes them; `withheld` counts what an anonymous one omits."""

    tables: dict[str, list[dict[str, Any]]]
    withheld: dict[str, int] | None


def shared_tables(session: Session) -> SharedTables:
    """Gives every table's rows that may leave the app, as column name -> value, in primary key order.

    Unless the workshop is named, the rows go through `unlinking.unlinked`: no ballot, answer or stance
    can be joined to a team or role of fewer than MIN_GROUP people.
    """
    tables = {
        table.name: [
            {column.name: value for column, value in zip(table.columns, row, strict=True)}
            for row in table_rows(session, table)
        ]
        for table in e.Base.metadata.sorted_tables
    }
    for row in tables[e.Workshop.__tablename__]:
        for secret in SECRET_COLUMNS:
            row.pop(secret, None)
    if session.scalar(select(e.Workshop.anonymity)) is e.Anonymity.NAMED:
        return SharedTables(tables, None)
    anonymous = unlinked(tables, session.scalar(select(e.Workshop.label_salt)) or "")
    return SharedTables(anonymous.tables, anonymous.withheld)


def shared_columns(table: Table) -> list[Column[Any]]:
    """Gives the table's columns an export writes: all but the workshop's secret."""
    if table.name != e.Workshop.__tablename__:
        return list(table.columns)
    return [column for column in table.columns if column.name not in SECRET_COLUMNS]


def table_rows(session: Session, table: Table) -> list[Any]:
    """Gives the rows of the table that may leave the app, ordered by primary key.

    Exports are for sharing, so they keep the room's promises: ballots (and replaced-ballot records) of
    rounds not yet revealed are left out, and voter codes of rounds still open; a round's PIN hash is
    never written. The `.workshop` file itself keeps everything.
    """
    query = select(table).order_by(*table.primary_key.columns)
    revealed = select(e.BallotRound.id).where(e.BallotRound.revealed_at.is_not(None))
    if table.name == "ballot":
        query = query.where(table.c.round_id.in_(revealed))
    elif table.name == "ballot_entry":
        query = query.where(table.c.ballot_id.in_(select(e.Ballot.id).where(e.Ballot.round_id.in_(revealed))))
    elif table.name == "ballot_replacement":  # who voted again says who voted: private until the reveal
        query = query.where(table.c.round_id.in_(revealed))
    elif table.name == "voter_code":  # a code still open for voting would let its reader vote as another
        closed = select(e.BallotRound.id).where(e.BallotRound.closed_at.is_not(None))
        query = query.where(table.c.round_id.in_(closed))
    rows = list(session.execute(query))
    if table.name == "ballot_round":
        return [_replaced(table, row, pin_hash=None) for row in rows]
    return rows


def _replaced(table: Table, row: Any, **values: Any) -> tuple[Any, ...]:
    return tuple(values.get(column.name, value) for column, value in zip(table.columns, row, strict=True))


def plain_value(value: Any) -> Any:
    """Gives a column value as JSON has it: choices as their text, dates and times in ISO 8601."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value
