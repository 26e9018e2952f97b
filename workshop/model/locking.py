"""One app at a time per workshop file: an OS lock on a small file beside it, naming the holder.

The OS drops the lock when its process dies, so a lock left by a killed app never blocks the next one;
the note inside the lock file only serves to tell a second app who holds the workshop.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
from pathlib import Path

from workshop.wording import tr

from .errors import FileInUseError, WorkshopFileError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _holder_note() -> dict[str, object]:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown user"
    return {
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": dt.datetime.now().isoformat(timespec="seconds"),
    }


def describe_holder(lock_file: Path, *, in_full: bool = True) -> str:
    """Gives 'user on host (process N, since T)' from a lock note ('user on host' when not `in_full`),
    or a plain phrase if unreadable."""
    try:
        note = json.loads(lock_file.read_text(encoding="utf-8"))
        who = f"{note['user']} on {note['host']}"
        return f"{who} (process {note['pid']}, since {note['since']})" if in_full else who
    except (OSError, ValueError, KeyError, TypeError):
        return tr("another copy of the app")


def holder_of(path: Path) -> str | None:
    """Gives who holds the workshop at `path` ('user on host'), or None when no app holds it.

    Only looks: it creates, removes and writes no file, so a read-only job can ask it."""
    lock_file = lock_path_for(path)
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except OSError:  # no lock file (or none we may read): no app holds the workshop
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)  # a note left by an app that ended; nobody holds it
            return None
        return describe_holder(lock_file, in_full=False)
    finally:
        os.close(fd)


class WorkshopLock:
    """Holds the lock for one workshop file until `release()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_file = lock_path_for(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        for _ in range(5):
            fd = self._open_lock_file()
            if not _try_lock(fd):
                os.close(fd)
                holder = describe_holder(self.lock_file)
                raise FileInUseError(
                    self.path,
                    tr("this workshop is already open by {holder}. Close it there first.").format(
                        holder=holder
                    ),
                )
            if self._still_current(fd):
                self._fd = fd
                self._write_note(fd)
                return
            os.close(fd)  # another app removed the lock file meanwhile; lock the new one instead
        raise FileInUseError(self.path, tr("could not take the workshop's lock; try again."))

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):  # a left-over lock file is harmless: the OS lock is what counts
            self.lock_file.unlink(missing_ok=True)
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def _open_lock_file(self) -> int:
        try:
            return os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WorkshopFileError(
                self.path,
                tr(
                    "cannot write in the folder {folder} ({reason}). "
                    "Copy the workshop to a folder you can write to and open it there."
                ).format(folder=self.path.parent, reason=exc.strerror),
            ) from exc

    def _still_current(self, fd: int) -> bool:
        try:
            return os.stat(self.lock_file).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def _write_note(self, fd: int) -> None:
        data = json.dumps(_holder_note()).encode("utf-8")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
