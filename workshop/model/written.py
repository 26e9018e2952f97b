"""Which tables a transaction wrote: what the screens need to know to refresh only what changed.

Every INSERT, UPDATE and DELETE the session's connection runs names its table. A delete also changes the
tables whose rows point at the deleted rows (the database sets their references to NULL or deletes them),
so those count as written too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

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


_WRITE = re.compile(r'^\s*(INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@contextmanager
def tables_written(session: Session) -> Iterator[set[str]]:
    """Yields the set that collects the names of the tables the session writes while the block runs.

    Call it before the session first touches the database: it listens on the connection the session
    takes then.

    Every write reaches the database as an INSERT, UPDATE or DELETE statement on the session's
    connection, whether the ORM flushed it or a model function ran it itself, so the statements are
    where the tables are read from."""
    written: set[str] = set()

    def on_statement(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        found = _WRITE.match(statement)
        if found is None:
            return
        verb, table = found.group(1).upper(), found.group(2)
        written.add(table)
        if verb.startswith("DELETE"):
            written.update(referencing(table))

    def on_begin(_session: Session, _transaction: Any, connection: Connection) -> None:
        event.listen(connection, "before_cursor_execute", on_statement)
        listened.append(connection)

    listened: list[Connection] = []
    event.listen(session, "after_begin", on_begin)
    try:
        yield written
    finally:
        event.remove(session, "after_begin", on_begin)
        for connection in listened:
            event.remove(connection, "before_cursor_execute", on_statement)

