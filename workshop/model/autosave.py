"""Automatic backups of an open workshop: a few timed snapshots kept in the user's data folder.

As office suites' autorecovery does, the window takes a snapshot every few minutes (and when the workshop
is closed) into `<user data>/backups/<file stem>-<short hash of its path>/<time>.workshop`, through the
same checked, consistent copy as Save a Copy As (`back_up`). A snapshot is skipped while the file holds
what the last one holds; the oldest are pruned first, per workshop and over all of them. Restoring copies
a snapshot to a new file and never replaces one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workshop.wording import plural, tr

from .backup import back_up
from .errors import WorkshopError, WorkshopFileError
from .files import write_text_atomically
from .store import SUFFIX, file_report, read_only_connection

SNAPSHOT_EVERY_S = 5 * 60
KEEP_PER_WORKSHOP = 5
KEEP_BYTES_IN_ALL = 500 * 1024 * 1024  # enough for many workshops; a full disk helps nobody
ABOUT_FILE = "original.json"  # beside the snapshots: which file they are of, and what it last held
TIME_FORMAT = "%Y-%m-%d %H-%M-%S-%f"  # sorts by time; no colons, which some file systems refuse
COUNTED_TABLES = ("ballot", "readiness_answer")


@dataclass(frozen=True)
class AutomaticBackup:
    """One snapshot as the recovery dialog lists it; `damaged` says why it is not offered, if it is not."""

    path: Path
    original: Path
    taken_at: dt.datetime
    title: str = ""
    ballots: int = 0
    answers: int = 0
    damaged: str | None = None


def backups_folder(user_data: Path) -> Path:
    """Gives the folder holding every workshop's automatic backups."""
    return user_data / "backups"


def snapshot_folder(user_data: Path, original: Path) -> Path:
    """Gives the folder of one workshop's snapshots; two files of the same name get two folders."""
    resolved = original.resolve()
    short_hash = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return backups_folder(user_data) / f"{resolved.stem}-{short_hash}"


def file_state(path: Path) -> str:
    """Gives a fingerprint that changes whenever a transaction is saved to the file.

    SQLite counts every commit in the header's file change counter (the app keeps a rollback journal);
    size and modification time catch a file replaced by another one."""
    with open(path, "rb") as handle:
        counter = handle.read(28)[24:28].hex()
    stat = path.stat()
    return f"{counter}:{stat.st_size}:{stat.st_mtime_ns}"


def take_snapshot(
    original: Path,
    user_data: Path,
    *,
    keep: int = KEEP_PER_WORKSHOP,
    keep_bytes: int = KEEP_BYTES_IN_ALL,
) -> Path | None:
    """Gives the new snapshot of `original`, or None when the file is as the last snapshot holds it."""
    folder = snapshot_folder(user_data, original)
    state = file_state(original)  # before copying: a save during the copy only means one more snapshot
    about = _read_about(folder)
    if about.get("state") == state and _snapshots_in(folder):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    taken = back_up(original, folder / f"{dt.datetime.now().strftime(TIME_FORMAT)}{SUFFIX}")
    write_text_atomically(
        folder / ABOUT_FILE, json.dumps({"original": str(original.resolve()), "state": state})
    )
    _prune_folder(folder, keep)
    _prune_all(user_data, keep_bytes, spare=taken)
    return taken


def _read_about(folder: Path) -> dict[str, str]:
    try:
        found = json.loads((folder / ABOUT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _snapshots_in(folder: Path) -> list[Path]:
    """Gives the folder's snapshots, oldest first (their names are their times)."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob(f"*{SUFFIX}") if _taken_at(path) is not None)


def _taken_at(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.stem, TIME_FORMAT)
    except ValueError:
        return None


def _prune_folder(folder: Path, keep: int) -> None:
    for old in _snapshots_in(folder)[:-keep]:
        old.unlink(missing_ok=True)


def _prune_all(user_data: Path, keep_bytes: int, *, spare: Path) -> None:
    """Deletes the oldest snapshots of any workshop until all of them fit in `keep_bytes`."""
    every = sorted(
        (path for folder in _folders(user_data) for path in _snapshots_in(folder)),
        key=lambda path: _taken_at(path) or dt.datetime.min,
    )
    total = sum(path.stat().st_size for path in every)
    for old in every:
        if total <= keep_bytes:
            break
        if old != spare:
            total -= old.stat().st_size
            old.unlink(missing_ok=True)


def _folders(user_data: Path) -> list[Path]:
    folder = backups_folder(user_data)
    return sorted(path for path in folder.iterdir() if path.is_dir()) if folder.is_dir() else []


def list_backups(user_data: Path) -> list[AutomaticBackup]:
    """Gives every workshop's snapshots, newest first, each read (and checked) without being changed."""
    found = []
    for folder in _folders(user_data):
        original = Path(_read_about(folder).get("original", folder.name))
        found += [_look_at(path, original) for path in _snapshots_in(folder)]
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def _look_at(path: Path, original: Path) -> AutomaticBackup:
    """Gives what a snapshot holds, or why it is damaged."""
    taken_at = _taken_at(path) or dt.datetime.min
    try:
        report = file_report(path)
        title = _title(path)
    except (WorkshopError, sqlite3.Error, OSError) as error:
        return AutomaticBackup(path, original, taken_at, damaged=_reason(error))
    if not report.healthy:
        problem = report.integrity[0] if report.integrity != ["ok"] else tr("an unknown schema")
        return AutomaticBackup(path, original, taken_at, damaged=problem)
    ballots, answers = (report.counts.get(table, 0) for table in COUNTED_TABLES)
    return AutomaticBackup(path, original, taken_at, title, ballots, answers)


def _reason(error: Exception) -> str:
    return error.reason if isinstance(error, WorkshopFileError) else str(error)


def _title(path: Path) -> str:
    connection = read_only_connection(path)
    try:
        row = connection.execute("SELECT title FROM workshop ORDER BY id LIMIT 1").fetchone()
    finally:
        connection.close()
    return str(row[0]) if row else ""


def recovered_path(backup: AutomaticBackup) -> Path:
    """Gives where a restored snapshot goes unless the facilitator chooses: beside the original file."""
    stamp = backup.taken_at.strftime("%Y-%m-%d %H.%M")
    name = tr("{name} (recovered {date})").format(name=backup.original.stem, date=stamp)
    return backup.original.with_name(f"{name}{SUFFIX}")


def restore_backup(backup: Path, out: Path) -> Path:
    """Gives `out`, a checked copy of the snapshot; an existing file (the original, say) is never replaced."""
    if out.exists():
        raise WorkshopError(
            tr(
                "{out} already exists; a recovered workshop is never saved over a file: choose another name."
            ).format(out=out)
        )
    return back_up(backup, out)


def when_taken(taken_at: dt.datetime, now: dt.datetime) -> str:
    """Gives when a snapshot was taken as people say it: "today 14:05", "yesterday 09:30", "2 days ago"."""
    days = (now.date() - taken_at.date()).days
    clock = taken_at.strftime("%H:%M")
    if days <= 0:
        return tr("today {time}").format(time=clock)
    if days == 1:
        return tr("yesterday {time}").format(time=clock)
    return plural(days, "%n day ago", "%n days ago")


def what_it_holds(backup: AutomaticBackup) -> str:
    """Gives the counts a snapshot holds, in words: "12 ballots, 40 readiness answers"."""
    return tr("{ballots}, {answers}").format(
        ballots=plural(backup.ballots, "%n ballot", "%n ballots"),
        answers=plural(backup.answers, "%n readiness answer", "%n readiness answers"),
    )
