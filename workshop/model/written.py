"""Which tables a transaction wrote: what the screens need to know to refresh only what changed.

Rows written through the ORM are seen before each flush; INSERT, UPDATE and DELETE statements run through
the session are seen as they execute. A delete also changes the tables whose rows point at the deleted
rows (the database sets their references to NULL or deletes them), so those count as written too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session

from . import entities as e


def referencing(table: str) -> frozenset[str]:
    """Gives the tables with a foreign key to `table`, and theirs in turn."""
    found: set[str] = set()
    todo = [table]
    while todo:
        current = todo.pop()
        for other in e.Base.metadata.sorted_tables:
            if other.name not in found and any(fk.column.table.name == current for fk in other.foreign_keys):
                found.add(other.name)
                todo.append(other.name)
    return frozenset(found)


def referenced(tables: frozenset[str]) -> frozenset[str]:
    """Gives `tables` with every table they point at: a screen showing a team's name beside a participant
    shows the team table too."""
    found = set(tables)
    for table in e.Base.metadata.sorted_tables:
        if table.name in tables:
            found.update(fk.column.table.name for fk in table.foreign_keys)
    return frozenset(found)


@contextmanager
def tables_written(session: Session) -> Iterator[set[str]]:
    """Yields the set that collects the names of the tables the session writes while the block runs."""
    written: set[str] = set()

    def before_flush(flushing: Session, _context: Any, _instances: Any) -> None:
        for obj in (*flushing.new, *flushing.dirty):
            written.add(inspect(obj).mapper.local_table.name)
        for obj in flushing.deleted:
            name = inspect(obj).mapper.local_table.name
            written.update({name, *referencing(name)})

    def do_orm_execute(state: ORMExecuteState) -> None:
        table = getattr(state.statement, "table", None)
        if table is None or not (state.is_insert or state.is_update or state.is_delete):
            return
        written.add(table.name)
        if state.is_delete:
            written.update(referencing(table.name))

    event.listen(session, "before_flush", before_flush)
    event.listen(session, "do_orm_execute", do_orm_execute)
    try:
        yield written
    finally:
        event.remove(session, "before_flush", before_flush)
        event.remove(session, "do_orm_execute", do_orm_execute)
