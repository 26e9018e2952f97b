"""Writing report and export files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

from workshop.wording import tr

from .errors import WorkshopError

# O_BINARY exists only on Windows, where text mode would otherwise rewrite line endings.
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomically(path: Path | str, write: Callable[[BinaryIO], object]) -> None:
    """Gives nothing; `path` ends up holding exactly what `write` wrote, or keeps its previous content.

    The bytes go to a temporary file in the same folder, are flushed to the disk, and only then replace
    the target in one step, so readers see either the old file or the new one, never a mix.
    """
    write_all_atomically({Path(path): write})


def write_all_atomically(writers: Mapping[Path, Callable[[BinaryIO], object]]) -> None:
    """Gives nothing; writes several files so that all of them are replaced, or (on a failure while
    writing, such as a full disk) none of them: every file is complete on the disk before the first
    one replaces its target."""
    written: dict[Path, Path] = {}
    try:
        for path, write in writers.items():
            written[path] = _temporary_copy(path, write)
        for path, temporary in written.items():
            _replace(temporary, path)
    finally:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
    for folder in {path.parent for path in writers}:
        _sync_folder(folder)


def _temporary_copy(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Gives a temporary file beside `path` holding what `write` wrote, flushed to the disk."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # 0o666 lets the user's umask decide the permissions, as for any file the user saves.
        descriptor = os.open(temporary, _CREATE_FLAGS, 0o666)
    except OSError as exc:
        raise _write_failure(path, exc) from exc
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_failure(path, exc) from exc
        raise
    return temporary


def _replace(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as exc:
        raise _write_failure(path, exc) from exc


def write_text_atomically(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """Gives nothing; writes `text` to `path` in one step (see `write_atomically`)."""
    data = text.encode(encoding)
    write_atomically(path, lambda handle: handle.write(data))


def _write_failure(path: Path, exc: OSError) -> WorkshopError:
    """Gives the error a user reads when the operating system refused to write `path`."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return WorkshopError(
        tr("Could not write {path}: {reason}. Any earlier file of that name is unchanged.").format(
            path=path, reason=reason
        )
    )


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable on POSIX systems; elsewhere (Windows) folders cannot be synced."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        # Some file systems (network shares) refuse to sync folders; the file itself is already safe.
        pass
    finally:
        os.close(descriptor)
