"""Backups of a workshop by the app's own means: one committed state of the file, even while it is written.

A plain `cp` of a file the app is saving to can catch half a transaction (a row in its table but not yet in
its index). SQLite's backup API reads every page under one read lock instead, so the copy is whole. The copy
is written beside its destination under a hidden name, checked with `integrity_check`, and only then moved
into place, so a failed backup leaves any earlier file of that name as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from workshop.wording import tr

from .errors import WorkshopError, WorkshopFileError
from .snapshot import copy_consistently
from .store import inspect_file, read_only_connection


def back_up(path: Path, out: Path, *, replace: bool = False, exact: bool = False) -> Path:
    """Gives `out`, now a checked, consistent copy of the workshop at `path` (which is only read).

    An existing `out` is refused unless `replace`. An `exact` copy is the file's bytes, read under
    SQLite's read lock (the backup kept before an update, which can be renamed back as it was)."""
    if out.exists() and out.resolve() == path.resolve():
        raise WorkshopError(tr("{out}: this is the workshop itself; choose another name.").format(out=out))
    if out.exists() and not replace:
        raise WorkshopError(
            tr("{out} already exists; choose another name (or --force to replace it).").format(out=out)
        )
    if not out.parent.is_dir():
        raise WorkshopFileError(out, tr("the folder {folder} does not exist.").format(folder=out.parent))
    inspect_file(path, read_only=True)  # a bad file is named as itself, before anything is written
    partial = out.with_name(f".{out.name}.partial")
    try:
        (copy_exactly if exact else copy_consistently)(path, partial)
        _check_whole(partial, out)
        _flush_to_disk(partial)
        os.replace(partial, out)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise WorkshopFileError(
            out, tr("the copy could not be written ({error}).").format(error=exc)
        ) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out


def copy_exactly(path: Path, copy: Path) -> None:
    """Copies the file's bytes while holding SQLite's read lock on it, so no save lands halfway."""
    connection = read_only_connection(path)
    try:
        connection.execute("BEGIN")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # takes the read lock
        shutil.copyfile(path, copy)
    finally:
        connection.close()


def _check_whole(copy: Path, out: Path) -> None:
    """Refuses a copy that SQLite's integrity check does not call ok."""
    connection = read_only_connection(copy)
    try:
        found = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        raise WorkshopFileError(
            out, tr("the copy could not be checked ({error}).").format(error=exc)
        ) from exc
    finally:
        connection.close()
    if found != ["ok"]:
        raise WorkshopFileError(
            out,
            tr("the copy failed its integrity check ({problem}); nothing was written.").format(
                problem=found[0]
            ),
        )


def _flush_to_disk(copy: Path) -> None:
    """Makes the copy's bytes durable before its name is, so a power cut never leaves a torn backup."""
    with open(copy, "rb+") as handle:
        os.fsync(handle.fileno())
