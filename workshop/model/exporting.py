"""Exports of the whole workshop: one JSON document that restores it exactly, and CSV files per table."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Column, String, Table, select
from sqlalchemy.orm import Session

from workshop.privacy import MIN_GROUP
from workshop.wording import tr

from . import entities as e
from .errors import WorkshopError
from .files import write_all_atomically, write_text_atomically
from .store import schema_head

FORMAT_NAME = "ai-strategy-workshop"
FORMAT_VERSION = 1
CSV_ENCODING = "utf-8-sig"  # the byte order mark tells spreadsheet programs the file is UTF-8

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection"; ASVS 1.2.10
# adds NUL, which some spreadsheets skip before reading the formula behind it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def export_json(session: Session) -> dict[str, Any]:
    """Gives the whole workshop as plain JSON values: every table, every row, every column."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema": schema_head(),
        "tables": {
            table.name: [
                {column.name: plain_value(value) for column, value in zip(table.columns, row, strict=True)}
                for row in table_rows(session, table)
            ]
            for table in e.Base.metadata.sorted_tables
        },
    }


def json_text(document: dict[str, Any]) -> str:
    """Gives the document as the JSON text written to files (stable, so two exports compare equal)."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_json(session: Session, path: Path | str) -> None:
    """Gives nothing; writes the whole workshop to `path` as UTF-8 JSON, in one step."""
    write_text_atomically(path, json_text(export_json(session)))


def write_csv_tables(session: Session, folder: Path | str) -> list[Path]:
    """Gives the CSV files written into `folder`: one `<table>.csv` per table, header row first."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkshopError(
            tr("Could not create the folder {folder}: {reason}.").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    # All files or none: a failure half-way must not leave a folder of old and new tables mixed.
    contents = {
        folder / f"{table.name}.csv": csv_text(session, table).encode(CSV_ENCODING)
        for table in e.Base.metadata.sorted_tables
    }
    write_all_atomically({path: _writer(data) for path, data in contents.items()})
    return list(contents)


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda handle: handle.write(data)


def csv_text(session: Session, table: Table) -> str:
    """Gives one table as CSV text, with cells a spreadsheet could run as formulas neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in table.columns])
    for row in table_rows(session, table):
        writer.writerow([csv_cell(column, value) for column, value in zip(table.columns, row, strict=True)])
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


def table_rows(session: Session, table: Table) -> list[Any]:
    """Gives the rows of the table that may leave the app, ordered by primary key.

    Exports are for sharing, so they keep the room's promises: ballots (and replaced-ballot records) of
    rounds not yet revealed are left out, and voter codes of rounds still open; a round's PIN hash is
    never written, and unless the workshop is named, participants
    appear as "Participant <number>", with their team only where at least 3 people of their role share
    it. The `.workshop` file itself keeps everything.
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
    if table.name == "participant" and session.scalar(select(e.Workshop.anonymity)) is not e.Anonymity.NAMED:
        group_size = Counter((row.team_id, row.role) for row in rows)
        return [
            _replaced(
                table,
                row,
                name=f"Participant {row.id}",
                # The only manager of a team is that team's manager, whatever the name says: fewer than
                # MIN_GROUP people of one role in one team are written without their team.
                team_id=row.team_id if group_size[row.team_id, row.role] >= MIN_GROUP else None,
            )
            for row in rows
        ]
    return rows


def _replaced(table: Table, row: Any, **values: Any) -> tuple[Any, ...]:
    return tuple(values.get(column.name, value) for column, value in zip(table.columns, row, strict=True))


def plain_value(value: Any) -> Any:
    """Gives a column value as JSON has it: choices as their text, dates and times in ISO 8601."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
