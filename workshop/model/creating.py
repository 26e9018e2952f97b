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
from .restoring import fill_from_export, read_export
from .server import restore_on_server
from .store import WorkshopStore, create_workshop, is_server_url, open_workshop


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
    database (empty, or holding a workshop without data). The export is checked whole before anything is
    touched; a file created here is removed again and a server database left as it was when it fails.
    """
    export = read_export(document)
    if is_server_url(location):
        return restore_on_server(str(location), lambda session: fill_from_export(session, export))
    path = Path(location)
    created = not path.exists()
    store = create_workshop(path, title=path.stem) if created else open_workshop(path)
    with _removed_on_failure(store, remove=created), store.transaction() as session:
        fill_from_export(session, export)
    return store


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
