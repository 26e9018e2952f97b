"""Generic changes to any table of a workshop, each run by the caller inside one `store.transaction()`.

Typed text is turned into a column's value in one place (`validate`), read from the schema itself, so a
screen never needs one function per table. A deleted row is captured with every row its delete cascades
to or clears, so undoing the delete brings all of them back with the same ids.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Table,
    UniqueConstraint,
    and_,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy import Enum as EnumType
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import csv_values
from . import entities as e
from .errors import InputError
from .store import now

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def table_named(entity: str) -> Table:
    """Gives the table of that name (e.g. 'task'); an unknown name is a programming error."""
    try:
        return e.Base.metadata.tables[entity]
    except KeyError:
        raise KeyError(f"the workshop has no table called {entity!r}") from None


def column_of(entity: str, field: str) -> Column[Any]:
    """Gives the column `field` of table `entity`."""
    table = table_named(entity)
    if field not in table.c:
        raise KeyError(f"the table {entity!r} has no column {field!r}")
    return table.c[field]


def referenced_table(entity: str, field: str) -> str | None:
    """Gives the table a column refers to (e.g. 'team' for task.team_id), or None."""
    keys = list(column_of(entity, field).foreign_keys)
    return keys[0].column.table.name if keys else None


def is_yes_no(entity: str, field: str) -> bool:
    """Gives whether the column holds yes or no."""
    return isinstance(column_of(entity, field).type, Boolean)


def is_number(entity: str, field: str) -> bool:
    """Gives whether the column holds a number (and is not a reference to another row)."""
    column = column_of(entity, field)
    return isinstance(column.type, Integer | Float) and not column.foreign_keys


def is_optional(entity: str, field: str) -> bool:
    """Gives whether the column may be left empty."""
    return bool(column_of(entity, field).nullable)


def field_label(field: str) -> str:
    """Gives a column name as a facilitator says it: 'hours_per_week' -> 'hours per week'."""
    return field.removesuffix("_id").replace("_", " ")


# --- Typed text to values ----------------------------------------------------------------------------


def _bounds(column: Column[Any]) -> tuple[float | None, float | None]:
    """Gives the lowest and highest value the table's check constraints allow in the column."""
    low: float | None = None
    high: float | None = None
    for constraint in column.table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        text = str(constraint.sqltext)
        between = re.search(rf"\b{column.name} BETWEEN (\d+) AND (\d+)", text)
        at_least = re.search(rf"\b{column.name} >= (\d+)", text)
        if between:
            low, high = float(between.group(1)), float(between.group(2))
        elif at_least:
            low = float(at_least.group(1))
    return low, high


def _in_bounds(column: Column[Any], value: float, text: str) -> None:
    low, high = _bounds(column)
    if low is not None and high is not None and not low <= value <= high:
        raise csv_values.BadValue(
            tr("{text!r} is not from {low:g} to {high:g}.").format(text=text, low=low, high=high)
        )
    if low is not None and value < low:
        raise csv_values.BadValue(
            tr("{text!r} is below {low:g}; use {low:g} or more.").format(text=text, low=low)
        )


def _date(text: str) -> dt.date:
    if not _DATE.fullmatch(text):
        raise csv_values.BadValue(
            tr("{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31.").format(text=text)
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise csv_values.BadValue(tr("{text!r} is not a day of the calendar.").format(text=text)) from None


def _parsed(column: Column[Any], text: str) -> Any:
    """Gives the text as a value of the column's type, or raises BadValue."""
    kind = column.type
    if isinstance(kind, EnumType) and kind.enum_class is not None:
        return csv_values.choice(kind.enum_class, field_label(column.name))(text)
    if isinstance(kind, Boolean):
        return csv_values.yes_no(text)
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(text)
    if isinstance(kind, Date):
        return _date(text)
    if isinstance(kind, Integer | Float):
        value: float = (
            csv_values.whole_number(text) if isinstance(kind, Integer) else csv_values.decimal(text)
        )
        _in_bounds(column, value, text)
        return value
    return text


# Cells that take the same words as the CSV columns of their name ("high" for a score, "partly" for manual).
_TYPED_WORDS = {"task": csv_values.TASK_COLUMN_WORDS, "participant": csv_values.PARTICIPANT_COLUMN_WORDS}


def validate(entity: str, field: str, text: str) -> Any:
    """Gives typed text as the value the column holds; raises InputError naming the field and the text."""
    column = column_of(entity, field)
    cleaned = text.strip()
    if not cleaned and not isinstance(column.type, EnumType | Boolean):
        if column.nullable:
            return None
        if isinstance(column.type, Integer | Float):
            raise InputError(field_label(field), tr("a number is needed here; it cannot be left empty."))
        if column.unique:
            raise InputError(field_label(field), tr("a name is needed here; it cannot be left empty."))
        return ""
    words = _TYPED_WORDS.get(entity, {}).get(field)
    try:
        return words.read(cleaned) if words is not None else _parsed(column, cleaned)
    except csv_values.BadValue as bad:
        raise InputError(field_label(field), str(bad)) from None
    except ValueError:
        raise InputError(
            field_label(field), tr("{text!r} is not a date and time.").format(text=text)
        ) from None


# --- Changes -----------------------------------------------------------------------------------------


def _unique_groups(table: Table) -> list[tuple[tuple[str, ...], bool]]:
    """Gives each group of columns no two rows may share, and whether a missing value counts as one: it
    does in a unique index over coalesced columns (one person of a name without a team)."""
    constrained = [
        (tuple(column.name for column in constraint.columns), False)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    coalesced = [
        (tuple(column.name for column in index.columns), True)
        for index in table.indexes
        if index.unique and any(not isinstance(part, Column) for part in index.expressions)
    ]
    return constrained + coalesced


def _refuse_clash(session: Session, table: Table, values: Mapping[str, Any], row_id: int | None) -> None:
    """Raises InputError when the values repeat a name (or name and team) another row already has."""
    for group, none_counts in _unique_groups(table):
        if not none_counts and any(values.get(name) is None for name in group):
            continue
        query = select(table.c.id).where(
            *(table.c[name].is_not_distinct_from(values.get(name)) for name in group)
        )
        if row_id is not None:
            query = query.where(table.c.id != row_id)
        if session.scalar(query) is not None:
            where = tr(" and ").join(field_label(name) for name in group)
            raise InputError(
                tr("{table} {columns}").format(table=table.name.replace("_", " "), columns=where),
                tr("{value!r} is already taken; choose another {column}.").format(
                    value=values[group[0]], column=field_label(group[0])
                ),
            )


def _row_values(session: Session, table: Table, row_id: int) -> dict[str, Any]:
    found = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if found is None:
        raise InputError(
            table.name.replace("_", " "),
            tr("there is no longer a row {row}; it was deleted.").format(row=row_id),
        )
    return dict(found)


def _filled(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """Gives the values with a time stamp for every required date-and-time column left out."""
    filled = dict(values)
    for column in table.columns:
        required = not column.nullable and column.default is None and not column.primary_key
        if required and column.name not in filled and isinstance(column.type, DateTime):
            filled[column.name] = now()
    return filled


def _checked_write(session: Session, statement: Any, where: str) -> Any:
    try:
        return session.execute(statement)
    except IntegrityError as error:
        raise InputError(
            where, tr("the change breaks a rule of the workshop ({rule}).").format(rule=error.orig)
        ) from None


def add_row(session: Session, *, entity: str, values: Mapping[str, Any]) -> int:
    """Gives the id of a new row of `entity` with these values (an 'id' among them is kept)."""
    table = table_named(entity)
    filled = _filled(table, values)
    _refuse_clash(session, table, filled, None)
    result = _checked_write(session, insert(table).values(filled), entity.replace("_", " "))
    return int(filled.get("id") or result.inserted_primary_key[0])


def update_field(session: Session, *, entity: str, row_id: int, field: str, value: Any) -> Any:
    """Gives the field's old value after setting it to `value` on the row."""
    table = table_named(entity)
    column_of(entity, field)
    current = _row_values(session, table, row_id)
    _refuse_clash(session, table, {**current, field: value}, row_id)
    statement = update(table).where(table.c.id == row_id).values({field: value})
    _checked_write(session, statement, field_label(field))
    return current[field]


@dataclass(frozen=True)
class RowSnapshot:
    """Rows a delete removed (parents first) and the references it cleared, to put them all back."""

    rows: tuple[tuple[str, Mapping[str, Any]], ...]
    cleared: tuple[tuple[str, Mapping[str, Any], str, Any], ...]

    @property
    def root(self) -> Mapping[str, Any]:
        return self.rows[0][1]


def _key(table: Table, row: Mapping[str, Any]) -> tuple[Any, ...]:
    return (table.name, *(row[column.name] for column in table.primary_key.columns))


class _Capture:
    """Walks the foreign keys from deleted rows to the rows their delete cascades to or clears."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
        self.cleared: list[tuple[str, dict[str, Any], str, Any]] = []

    def take(self, table: Table, condition: Any) -> None:
        found = [dict(row) for row in self.session.execute(select(table).where(condition)).mappings()]
        fresh = [row for row in found if _key(table, row) not in self.rows]
        for row in fresh:
            self.rows[_key(table, row)] = (table.name, row)
        for child in e.Base.metadata.sorted_tables:
            for foreign_key in child.foreign_keys:
                if foreign_key.column.table is table and fresh:
                    self._follow(child, foreign_key, [row[foreign_key.column.name] for row in fresh])

    def _follow(self, child: Table, foreign_key: ForeignKey, parent_ids: list[Any]) -> None:
        column = foreign_key.parent
        rule = (foreign_key.ondelete or "").upper()
        if rule == "CASCADE":
            self.take(child, column.in_(parent_ids))
        elif rule == "SET NULL":
            found = self.session.execute(select(child).where(column.in_(parent_ids))).mappings()
            for row in found:
                keys = {c.name: row[c.name] for c in child.primary_key.columns}
                self.cleared.append((child.name, keys, column.name, row[column.name]))

    def snapshot(self) -> RowSnapshot:
        order = {table.name: position for position, table in enumerate(e.Base.metadata.sorted_tables)}
        rows = sorted(self.rows.values(), key=lambda item: order[item[0]])
        return RowSnapshot(tuple(rows), tuple(self.cleared))


def delete_row(session: Session, *, entity: str, row_id: int) -> RowSnapshot:
    """Gives a snapshot of the row and everything its delete cascades to or clears, after deleting it."""
    table = table_named(entity)
    _row_values(session, table, row_id)
    capture = _Capture(session)
    capture.take(table, table.c.id == row_id)
    snapshot = capture.snapshot()
    # The root row first in the snapshot, whatever the table order, so `root` names what was deleted.
    root = next(item for item in snapshot.rows if item[0] == entity and item[1]["id"] == row_id)
    snapshot = RowSnapshot((root, *(item for item in snapshot.rows if item is not root)), snapshot.cleared)
    session.execute(delete(table).where(table.c.id == row_id))
    return snapshot


def restore_rows(session: Session, snapshot: RowSnapshot) -> None:
    """Puts back every row of a delete's snapshot with its ids, and the references it had cleared."""
    order = {table.name: position for position, table in enumerate(e.Base.metadata.sorted_tables)}
    for name, row in sorted(snapshot.rows, key=lambda item: order[item[0]]):
        session.execute(insert(table_named(name)).values(dict(row)))
    for name, keys, field, value in snapshot.cleared:
        table = table_named(name)
        condition = and_(*(table.c[key] == key_value for key, key_value in keys.items()))
        session.execute(update(table).where(condition).values({field: value}))


def set_links(
    session: Session,
    *,
    link_table: str,
    owner_field: str,
    owner_id: int,
    target_field: str,
    targets: set[int],
) -> set[int]:
    """Gives the ids linked before, after linking the owner row to exactly `targets` (e.g. tasks)."""
    table = table_named(link_table)
    owned = table.c[owner_field] == owner_id
    before = set(session.scalars(select(table.c[target_field]).where(owned)))
    session.execute(delete(table).where(owned))
    if targets:
        session.execute(
            insert(table), [{owner_field: owner_id, target_field: target} for target in sorted(targets)]
        )
    return before


def free_name(session: Session, *, entity: str, field: str, base: str) -> str:
    """Gives `base`, or `base 2`, `base 3`, ... : the first that no row of `entity` uses yet."""
    column = column_of(entity, field)
    taken = set(session.scalars(select(column).where(column.like(f"{base}%"))))
    number = 1
    name = base
    while name in taken:
        number += 1
        name = f"{base} {number}"
    return name


def enum_values(entity: str, field: str) -> tuple[str, ...]:
    """Gives the choices of an enum column as the words stored and shown."""
    kind = column_of(entity, field).type
    if not isinstance(kind, EnumType) or kind.enum_class is None:
        return ()
    members: list[enum.Enum] = list(kind.enum_class)
    return tuple(str(member.value) for member in members)
