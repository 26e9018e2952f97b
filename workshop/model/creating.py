"""Whole operations that make a workshop: a new one with its teams, or one restored from a JSON export.

The command line and the window call these, so each gets every step (the id counters of a server, the
removal of a half-made file) whichever way the user came.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Required, TypedDict, Unpack

from . import entities as e
from .operations import team_named
from .restoring import import_json
from .server import connect_server, restart_id_counters
from .store import WorkshopStore, create_workshop, is_server_url, open_workshop, table_counts


class WorkshopDetails(TypedDict, total=False):
    """What a new workshop is told about itself (the keywords of `store.create_workshop`)."""

    title: Required[str]
    organisation: str
    facilitator: str
    held_on: dt.date | None
    anonymity: e.Anonymity


def create_with_teams(
    path: Path | str, teams: Sequence[str] = (), **details: Unpack[WorkshopDetails]
) -> WorkshopStore:
    """Gives the open store of a new workshop: its details, the default readiness dimensions and teams.

    If the teams cannot be added, the half-made file is removed, so the facilitator never finds a workshop
    that holds only part of what they entered."""
    store = create_workshop(path, **details)
    with _removed_on_failure(store, remove=store.url is None), store.transaction() as session:
        for name in teams:
            team_named(session, name)
    return store


def restore_workshop(location: Path | str, document: Path | str) -> WorkshopStore:
    """Gives the open store of the workshop restored from a JSON export, ids and all.

    `location` is a new file (created, titled by its name), an empty workshop file, or a server
    database (a workshop is first created in it when it holds none). A file created here is removed again
    when the restore fails.
    """
    store, created = _empty_workshop(location)
    with _removed_on_failure(store, remove=created), store.transaction() as session:
        import_json(session, document)
        # Rows came with their own ids: a server's counters must continue above them, or the next
        # participant added would take an id the restore already used.
        restart_id_counters(session)
    return store


def _empty_workshop(location: Path | str) -> tuple[WorkshopStore, bool]:
    """Gives the workshop a restore goes into, and whether it is a file made for it."""
    if is_server_url(location):
        with connect_server(str(location)) as server:
            empty = table_counts(server)["workshop"] == 0
        url = str(location)
        return (create_workshop(url, title="Restored workshop") if empty else open_workshop(url)), False
    path = Path(location)
    if path.exists():
        return open_workshop(path), False
    return create_workshop(path, title=path.stem), True


@contextmanager
def _removed_on_failure(store: WorkshopStore, *, remove: bool) -> Iterator[None]:
    """Closes the store and, when `remove`, deletes its file if the block fails."""
    try:
        yield
    except BaseException:
        store.close()
        if remove:
            Path(store.path).unlink(missing_ok=True)
        raise
