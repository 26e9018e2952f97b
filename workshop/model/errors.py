"""Errors the model raises for things a user did or has; each message says what and where."""

from __future__ import annotations

import errno
from pathlib import Path


class WorkshopError(Exception):
    """Base for every error a user can act on; `str()` is a complete sentence for them."""


class WorkshopFileError(WorkshopError):
    """A file that cannot be opened or created as a workshop; the file is left as it was."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class FileInUseError(WorkshopFileError):
    """The workshop is open in another copy of the app."""


class NewerSchemaError(WorkshopFileError):
    """The file was written by a newer version of the app."""


class InputError(WorkshopError):
    """Bad input in an imported file or a typed value; names the place (file, line, column)."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}" if where else reason)


class ReadOnlyWorkshopError(WorkshopFileError):
    """A change asked of a workshop that can only be read (its file or folder is read-only)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, reason)
        self.args = (f"{self.path} {reason}",)  # "room.workshop is read-only; …" reads as one sentence


class DiskFullError(WorkshopFileError):
    """The disk (or the user's quota, or the largest file allowed) ran out while saving."""


DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def is_disk_full(error: BaseException | None) -> bool:
    """Gives whether `error`, or an error it was raised from, says the disk is full (SQLITE_FULL or
    ENOSPC/EDQUOT/EFBIG), however many layers (sqlalchemy, a WorkshopError) wrap it."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
            return True
        if getattr(error, "sqlite_errorname", None) == "SQLITE_FULL":
            return True
        if isinstance(error, DiskFullError) or "database or disk is full" in str(getattr(error, "orig", "")):
            return True
        error = error.__cause__ or error.__context__ or getattr(error, "orig", None)
        seen += 1
    return False


def plain_reason(error: BaseException) -> str:
    """Gives the first line of what the database or system said, without the SQL statement or the stored
    values (names, ballots) a database error carries along."""
    said = str(getattr(error, "orig", None) or error).strip()
    return said.splitlines()[0] if said else type(error).__name__
