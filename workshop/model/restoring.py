"""Restoring a whole workshop from a JSON export, ids and all, into a new, empty workshop.

The file is checked whole (format, schema, every value's type, references, unique values) before anything
is written, so a bad file ends in an `InputError` that says where and leaves the workshop as it was.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Time,
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy import Enum as EnumType
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .ballots import RATING_RANGE
from .csv_values import BadValue, read_text
from .errors import InputError
from .exporting import FORMAT_NAME, FORMAT_VERSION
from .store import known_revisions

# A whole number SQLite and PostgreSQL's BIGINT can keep: 64 bits, signed.
LOWEST_WHOLE_NUMBER, HIGHEST_WHOLE_NUMBER = -(2**63), 2**63 - 1


def import_json(session: Session, path: Path | str) -> None:
    """Gives nothing; fills an empty workshop with every row of a JSON export, ids and all.

    Raises InputError (and writes nothing) for a file that is not such an export, holds a value of the
    wrong type, or when the workshop already holds data. If the database itself refuses a row, the error
    leaves the caller's transaction to be rolled back, as `store.transaction()` does.
    """
    fill_from_export(session, read_export(path))


@dataclass(frozen=True)
class CheckedExport:
    """A JSON export read and checked whole, before any workshop is touched: each table's rows."""

    file: str
    tables: dict[str, list[dict[str, Any]]]


def read_export(path: Path | str) -> CheckedExport:
    """Gives the export's rows, every value checked; raises InputError for a file that is no such export."""
    path = Path(path)
    return CheckedExport(path.name, _checked_tables(path.name, _json_document(path)))


def fill_from_export(session: Session, export: CheckedExport) -> None:
    """Gives nothing; fills an empty workshop with the rows of a checked export (see `import_json`)."""
    _refuse_when_holding_data(session, export.file)
    for table in reversed(e.Base.metadata.sorted_tables):
        session.execute(delete(table))
    for table in e.Base.metadata.sorted_tables:
        if export.tables.get(table.name):
            _insert_table(session, export.file, table, export.tables[table.name])
    session.expire_all()


def _json_document(path: Path) -> dict[str, Any]:
    """Gives the export's top level after checking its format and schema."""
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            tr("{file}, line {line}, column {column}").format(
                file=path.name, line=exc.lineno, column=exc.colno
            ),
            tr("this is not valid JSON ({error}).").format(error=exc.msg),
        ) from exc
    except RecursionError:
        # Python's reader recurses once per bracket; an export nests only a few levels.
        raise InputError(path.name, tr("the JSON is nested too deeply to be a workshop export.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise InputError(
            path.name,
            tr("this is not a workshop export (its 'format' is not {format!r}).").format(format=FORMAT_NAME),
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            path.name,
            tr("the format version {version!r} is not a version this app knows.").format(version=version),
        )
    if version > FORMAT_VERSION or document.get("schema") not in known_revisions():
        raise InputError(
            path.name,
            tr(
                "this export comes from a newer version of the app (schema {schema!r}, "
                "format version {version}); update the app to import it."
            ).format(schema=document.get("schema"), version=version),
        )
    if not isinstance(document.get("tables"), dict):
        raise InputError(path.name, tr("the export has no 'tables' object."))
    return document


def _checked_tables(file: str, document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Gives each table's rows with values of the column types; refuses unknown names and bad values."""
    known = e.Base.metadata.tables
    checked = {}
    for name, rows in document["tables"].items():
        if name not in known:
            raise InputError(
                file, tr("the table {name!r} is unknown to this version of the app.").format(name=name)
            )
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise InputError(_in_table(file, name), tr("the rows must be a list of objects."))
        checked[name] = [_checked_row(file, known[name], index, row) for index, row in enumerate(rows)]
    if len(checked.get(e.Workshop.__tablename__, [])) != 1:
        raise InputError(_in_table(file, "workshop"), tr("an export holds exactly one workshop row."))
    _check_meaning(file, checked)
    _check_references(file, checked)
    _check_unique(file, checked)
    return checked


def _row_label(table: Table, index: int, row: Mapping[str, Any]) -> str:
    if "id" in table.columns and "id" in row:
        return tr("row id {id}").format(id=row["id"])
    return tr("row {number}").format(number=index + 1)


def _in_table(file: str, table: str) -> str:
    """Gives where in an export a table's problem is: 'file, table name'."""
    return tr("{file}, table {table}").format(file=file, table=table)


def _in_row(file: str, table_name: str, table: Table, index: int, row: Mapping[str, Any]) -> str:
    """Gives where in an export a row's problem is: 'file, table name, row ...'."""
    return tr("{place}, {row}").format(place=_in_table(file, table_name), row=_row_label(table, index, row))


def _checked_row(file: str, table: Table, index: int, row: dict[str, Any]) -> dict[str, Any]:
    label = _in_row(file, table.name, table, index, row)
    unknown = sorted(set(row) - set(table.columns.keys()))
    if unknown:
        raise InputError(
            tr("{place}, column {column}").format(place=label, column=unknown[0]),
            tr("this column is unknown to this version of the app."),
        )
    values = {}
    for column in table.columns:
        if column.name not in row and _made_fresh(column):
            # An older export has no row uids, and no export holds the label salt: new ones are made.
            values[column.name] = column.default.arg(None)  # type: ignore[union-attr]
            continue
        try:
            values[column.name] = json_value(column, row.get(column.name))
        except BadValue as exc:
            raise InputError(
                tr("{place}, column {column}").format(place=label, column=column.name), str(exc)
            ) from None
    return values


def _made_fresh(column: Column[Any]) -> bool:
    """Gives whether the app makes the column's value itself (a row's uid, the label salt)."""
    return column.default is not None and column.default.is_callable


def json_value(column: Column[Any], value: Any) -> Any:
    """Gives a JSON value as the column stores it; refuses a value of the wrong type."""
    if value is None:
        if not column.nullable:
            raise BadValue(tr("the value is missing, but this column needs one."))
        return None
    kind = column.type
    if isinstance(kind, EnumType) and kind.enum_class is not None:
        return _enum_value(kind.enum_class, value)
    for types, reader in _JSON_READERS:
        if isinstance(kind, types):
            return reader(value)
    raise BadValue(tr("the column type {kind} cannot be imported.").format(kind=kind))


def _enum_value(enum_class: type[enum.Enum], value: Any) -> enum.Enum:
    try:
        return enum_class(value)
    except ValueError:
        options = ", ".join(repr(member.value) for member in enum_class)
        raise BadValue(
            tr("{value!r} is not one of {options}.").format(value=value, options=options)
        ) from None


def _json_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadValue(tr("{value!r} is not true or false.").format(value=value))
    return value


def _json_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(tr("{value!r} is not a whole number.").format(value=value))
    if not LOWEST_WHOLE_NUMBER <= value <= HIGHEST_WHOLE_NUMBER:
        raise BadValue(
            tr("{value} is too large a whole number for the workshop to keep.").format(value=value)
        )
    return value


def _json_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(tr("{value!r} is not a number.").format(value=value))
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise BadValue(tr("{value!r} is not a finite number.").format(value=value))
    return number


def _json_text(value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue(tr("{value!r} is not text.").format(value=value))
    return value


def _json_datetime(value: Any) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(_json_text(value))
    except ValueError:
        raise BadValue(
            tr("{value!r} is not a date and time like '2024-05-31T14:30:00'.").format(value=value)
        ) from None
    if moment.tzinfo is not None:
        raise BadValue(
            tr("{value!r} has a time zone; the workshop keeps local times without one.").format(value=value)
        )
    return moment


def _json_date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_json_text(value))
    except ValueError:
        raise BadValue(tr("{value!r} is not a date like '2024-05-31'.").format(value=value)) from None


def _json_time(value: Any) -> dt.time:
    try:
        moment = dt.time.fromisoformat(_json_text(value))
    except ValueError:
        raise BadValue(tr("{value!r} is not a time of day like '09:30:00'.").format(value=value)) from None
    if moment.tzinfo is not None:
        raise BadValue(
            tr("{value!r} has a time zone; the workshop keeps local times without one.").format(value=value)
        )
    return moment


# DateTime before Date and Text before nothing else: each column type takes the first reader that fits.
_JSON_READERS: tuple[tuple[type | tuple[type, ...], Callable[[Any], Any]], ...] = (
    (Boolean, _json_bool),
    (Integer, _json_int),
    (Float, _json_float),
    (DateTime, _json_datetime),
    (Date, _json_date),
    (Time, _json_time),
    (String, _json_text),
)


def _check_meaning(file: str, tables: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuses values of the right type that the app itself would never store."""
    low, high = RATING_RANGE
    for name, column, wrong, reason in (
        (
            "ballot_entry",
            "impact",
            lambda row: row["impact"] is not None and not low <= row["impact"] <= high,
            tr("impact goes from {low:g} to {high:g}.").format(low=low, high=high),
        ),
        (
            "ballot_entry",
            "effort",
            lambda row: row["effort"] is not None and not low <= row["effort"] <= high,
            tr("effort goes from {low:g} to {high:g}.").format(low=low, high=high),
        ),
        (
            "ballot_round",
            "revealed_at",
            lambda row: row["revealed_at"] is not None and row["closed_at"] is None,
            tr("the round is revealed but not closed; a round is closed before it is revealed."),
        ),
    ):
        table = e.Base.metadata.tables[name]
        for index, row in enumerate(tables.get(name, [])):
            if wrong(row):
                raise InputError(
                    tr("{place}, column {column}").format(
                        place=_in_row(file, name, table, index, row), column=column
                    ),
                    reason,
                )


def _check_references(file: str, tables: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuses a row that refers to a row the file does not hold."""
    for name, rows in tables.items():
        table = e.Base.metadata.tables[name]
        for column in table.columns:
            for key in column.foreign_keys:
                target = key.column
                present = {row[target.name] for row in tables.get(target.table.name, [])}
                for index, row in enumerate(rows):
                    if row[column.name] is not None and row[column.name] not in present:
                        raise InputError(
                            tr("{place}, column {column}").format(
                                place=_in_row(file, name, table, index, row), column=column.name
                            ),
                            tr("it refers to {table} {column} {value}, which is not in the file.").format(
                                table=target.table.name, column=target.name, value=row[column.name]
                            ),
                        )


def _check_unique(file: str, tables: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuses two rows that share a value the workshop keeps unique (an id, a team name, ...)."""
    for name, rows in tables.items():
        table = e.Base.metadata.tables[name]
        for columns, none_counts in _unique_column_sets(table):
            seen: dict[tuple[Any, ...], int] = {}
            for index, row in enumerate(rows):
                key = tuple(row[column] for column in columns)
                if None in key and not none_counts:
                    continue
                if key in seen:
                    raise InputError(
                        _in_row(file, name, table, index, row),
                        # The values are left out: they may be a person's name.
                        tr("it repeats the {columns} of row {row}.").format(
                            columns=", ".join(columns), row=seen[key] + 1
                        ),
                    )
                seen[key] = index


def _unique_column_sets(table: Table) -> list[tuple[tuple[str, ...], bool]]:
    """Gives the groups of columns whose values no two rows of the table may share, each with whether
    a missing value (None) counts as one: it does in a unique index over coalesced columns (a person's
    name without a team), never in a unique constraint."""
    sets = [tuple(column.name for column in table.primary_key.columns)]
    sets += [(column.name,) for column in table.columns if column.unique]
    sets += [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    coalesced = [
        (tuple(column.name for column in index.columns), True)
        for index in table.indexes
        if index.unique and any(not isinstance(part, Column) for part in index.expressions)
    ]
    return [(columns, False) for columns in sets] + coalesced


def _refuse_when_holding_data(session: Session, file: str) -> None:
    """Refuses unless the workshop holds only what a new one has: its own row and the default dimensions."""
    counts = {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in e.Base.metadata.sorted_tables
    }
    holding = {
        name: count
        for name, count in counts.items()
        if count and name not in {e.Workshop.__tablename__, e.ReadinessDimension.__tablename__}
    }
    dimension_texts = select(e.ReadinessDimension.name, e.ReadinessDimension.description)
    dimensions = {(name, description) for name, description in session.execute(dimension_texts)}
    if dimensions and dimensions != set(e.DEFAULT_DIMENSIONS):  # none at all: an empty server database
        holding[e.ReadinessDimension.__tablename__] = counts[e.ReadinessDimension.__tablename__]
    if counts[e.Workshop.__tablename__] > 1:
        holding[e.Workshop.__tablename__] = counts[e.Workshop.__tablename__]
    if holding:
        held = ", ".join(
            tr("{count} {table} rows").format(count=count, table=name)
            for name, count in sorted(holding.items())
        )
        raise InputError(
            file,
            tr(
                "this workshop already holds data ({held}); "
                "restore an export only into a new, empty workshop."
            ).format(held=held),
        )


def _insert_table(session: Session, file: str, table: Table, rows: list[dict[str, Any]]) -> None:
    try:
        session.execute(insert(table), rows)
    except IntegrityError as exc:
        raise InputError(
            _in_table(file, table.name),
            tr("the workshop refuses these rows ({error}); nothing was imported.").format(error=exc.orig),
        ) from exc
