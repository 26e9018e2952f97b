"""Errors the model raises for things a user did or has; each message says what and where."""

from __future__ import annotations

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
