"""One app at a time per workshop file: an OS lock on a small file beside it, naming the holder.

The OS drops the lock when its process dies, so a lock left by a killed app never blocks the next one;
the note inside the lock file only serves to tell a second app who holds the workshop. The lock goes with
the file itself, not the name used: the note sits beside the real file a symbolic link points to, and
(outside Windows) the workshop file itself is locked too, so a hard link to it is refused as well.

A read-only workshop in a folder the app cannot write to gets no note: the lock on the file itself still
refuses a second app (which then names "another copy of the app", having no note to read). Windows has no
such lock, so there two apps may open the same read-only workshop; neither can change it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
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


def _try_lock_identity(path: Path, *, create: bool = False) -> int | None:
    """Gives an open descriptor holding the OS lock on the workshop file itself, or None when another
    app holds it; `create` makes a new workshop's (empty) file so it is locked from the start.

    flock is separate from SQLite's own byte-range locks, so both can be held at once."""
    if sys.platform == "win32":  # pragma: no cover - Windows locks are mandatory and would block SQLite
        return -1
    fd = os.open(path, os.O_RDONLY | (os.O_CREAT if create else 0), 0o644)
    if _try_lock(fd):
        return fd
    os.close(fd)
    return None


def _release_identity(fd: int) -> None:
    if fd >= 0:
        _unlock(fd)
        os.close(fd)


def lock_path_for(path: Path) -> Path:
    """Gives the lock note's path: beside the real file, whatever link was used to name it."""
    real = path.resolve()
    return real.with_name(real.name + ".lock")


def _note_of_same_file(path: Path) -> Path:
    """Gives the lock note of the name an app opened this very file by (a hard link in the same folder),
    or this name's note when none is found."""
    real = path.resolve()
    identity = os.stat(real)
    for note in real.parent.glob("*.lock"):
        opened = note.with_name(note.name[: -len(".lock")])
        with contextlib.suppress(OSError):
            if os.path.samestat(os.stat(opened), identity):
                return note
    return lock_path_for(path)


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
    try:
        fd = _try_lock_identity(path)
    except OSError:  # no file (or none we may read): no app holds the workshop
        return None
    if fd is None:
        return describe_holder(_note_of_same_file(path), in_full=False)
    _release_identity(fd)
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


def sqlite_lock_holder(path: Path) -> str | None:
    """Gives 'process N (name)' of another process holding SQLite's lock on the file, or None when none
    does or it cannot be told (outside Linux). Reads /proc/locks, where SQLite's byte-range locks show."""
    try:
        identity = os.stat(path)
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    file_id = f"{os.major(identity.st_dev):02x}:{os.minor(identity.st_dev):02x}:{identity.st_ino}"
    for fields in (line.split() for line in lines):
        # "3: POSIX  ADVISORY  WRITE 4242 fe:00:2229025 1073741824 1073742335"; "->" marks one waiting
        if (
            len(fields) > 5
            and fields[1] == "POSIX"
            and fields[5] == file_id
            and fields[4] != str(os.getpid())
        ):
            return tr("process {pid} ({name})").format(pid=fields[4], name=_process_name(fields[4]))
    return None


def _process_name(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as handle:
            return handle.read().strip()
    except OSError:
        return tr("a program that has ended")


class WorkshopLock:
    """Holds the lock for one workshop file until `release()`; a `read_only` workshop in a folder the
    app cannot write to is locked without a note."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.lock_file = lock_path_for(path)
        self._fd: int | None = None
        self._identity_fd: int | None = None

    def acquire(self) -> None:
        if self.read_only and not os.access(self.lock_file.parent, os.W_OK):
            self._hold_identity()  # no note can be written; the file's own lock still keeps one app
            return
        for _ in range(5):
            fd = self._open_lock_file()
            if not _try_lock(fd):
                os.close(fd)
                raise self._in_use(self.lock_file)
            if self._still_current(fd):
                self._fd = fd
                self._hold_identity()
                self._write_note(fd)
                return
            os.close(fd)  # another app removed the lock file meanwhile; lock the new one instead
        raise FileInUseError(self.path, tr("could not take the workshop's lock; try again."))

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):  # a left-over lock file is harmless: the OS lock counts
                self.lock_file.unlink(missing_ok=True)
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None
        if self._identity_fd is not None:
            _release_identity(self._identity_fd)
            self._identity_fd = None

    def _in_use(self, note: Path) -> FileInUseError:
        return FileInUseError(
            self.path,
            tr("this workshop is already open by {holder}. Close it there first.").format(
                holder=describe_holder(note)
            ),
        )

    def _hold_identity(self) -> None:
        """Locks the workshop file itself, so another name for it (a hard link) finds it held."""
        try:
            identity_fd = _try_lock_identity(self.path, create=not self.read_only)
        except OSError:  # the file cannot be read here; opening it will say so
            identity_fd = -1
        if identity_fd is None:
            self.release()
            raise self._in_use(_note_of_same_file(self.path))
        self._identity_fd = identity_fd

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
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)
        except OSError as exc:
            self.release()  # leaves no empty lock file behind
            raise WorkshopFileError(self.path, _cannot_write_reason(exc)) from exc


def _cannot_write_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return tr(
            "the disk is full, so the app cannot work with the workshop. Free some space, then try again."
        )
    return tr("cannot write beside the workshop ({reason}); the file was not changed.").format(
        reason=exc.strerror
    )
