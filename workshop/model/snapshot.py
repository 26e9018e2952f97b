"""Reading a workshop the app holds open: from a consistent copy, never changing a byte of the file.

The copy comes from SQLite's online backup API, which reads every page under one read lock, so it holds
one committed state of the file even while the app keeps saving. Jobs that only read (`analyze`,
`export`, `check`) work on it and say so in one sentence; jobs that write still refuse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workshop.wording import plural, tr

from .damage import SHOWN_FAULTS, Damage, DamagedFileError, Fault, find_damage, integrity_faults
from .errors import FileInUseError, WorkshopFileError
from .locking import describe_holder, holder_of, lock_path_for
from .store import (
    FileReport,
    WorkshopStore,
    _make_engine,
    _run_migrations,
    file_report,
    inspect_file,
    is_server_url,
    open_workshop,
    read_only_connection,
    refuse_newer_schema,
    schema_head,
)

Tell = Callable[[str], object]


def snapshot_sentence(holder: str, taken_at: dt.datetime) -> str:
    """Gives the one line a read-only job says when it reads a copy of a workshop the app holds."""
    return tr("The app has this workshop open ({holder}); reading a snapshot taken at {time}.").format(
        holder=holder, time=taken_at.strftime("%H:%M")
    )


def copy_consistently(path: Path, copy: Path) -> dt.datetime:
    """Gives when `copy` was taken: one committed state of `path`, which is opened read-only."""
    source = read_only_connection(path)
    target = sqlite3.connect(copy)
    try:
        taken_at = dt.datetime.now()
        source.backup(target)  # all pages in one step, so no save of the app's lands halfway
    except sqlite3.Error as exc:
        raise WorkshopFileError(
            path, tr("could not read a snapshot of the file ({error}).").format(error=exc)
        ) from exc
    finally:
        target.close()
        source.close()
    return taken_at


class SnapshotStore(WorkshopStore):
    """A store on a private copy of a workshop; closing it deletes the copy. `path` names the original."""

    def __init__(self, path: Path, copy: Path) -> None:
        super().__init__(path, _make_engine(copy), None)
        self.copy = copy

    def close(self) -> None:
        super().close()
        shutil.rmtree(self.copy.parent, ignore_errors=True)


def open_snapshot(path: Path, tell: Tell) -> SnapshotStore:
    """Gives a store on a fresh copy of the workshop at `path`, which another app holds; tells whose."""
    health = inspect_file(path, read_only=True)
    refuse_newer_schema(path, health.revision, tr("the file was not changed."))
    copy = Path(tempfile.mkdtemp(prefix="workshop-snapshot-")) / path.name
    try:
        taken_at = copy_consistently(path, copy)
        store = SnapshotStore(path, copy)
        if health.revision != schema_head():
            _run_migrations(store.engine)  # the copy is brought up to date; the original is not touched
    except BaseException:
        shutil.rmtree(copy.parent, ignore_errors=True)
        raise
    tell(snapshot_sentence(describe_holder(lock_path_for(path), in_full=False), taken_at))
    return store


@contextmanager
def open_to_read(location: Path | str, *, tell: Tell) -> Iterator[WorkshopStore]:
    """Yields the workshop for a job that only reads: the file itself, or a snapshot of it while another
    app holds it (`tell` then gets the sentence that says so)."""
    try:
        store: WorkshopStore = open_workshop(location)
    except FileInUseError:
        if is_server_url(location):
            raise
        store = open_snapshot(Path(location), tell)
    with store:
        yield store


# The first bytes of a rollback journal SQLite would play back; a journal it has finished with is
# empty, truncated or has these bytes zeroed.
HOT_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def hot_journal_sentence(journal: Path) -> str | None:
    """Gives what the app will do with `journal` when it next opens the file beside it, or None when
    SQLite would ignore the journal. Only reads it."""
    try:
        with open(journal, "rb") as handle:
            hot = handle.read(len(HOT_JOURNAL_MAGIC)) == HOT_JOURNAL_MAGIC
        left_at = dt.datetime.fromtimestamp(journal.stat().st_mtime)
    except OSError:
        return None
    if not hot:
        return None
    return tr(
        "{journal} is left beside the file; the app will roll back an unfinished change from {time} "
        "when it next opens the file (check changed nothing)."
    ).format(journal=journal.name, time=left_at.strftime("%Y-%m-%d %H:%M"))


def untouched_report(path: Path | str, *, tell: Tell) -> FileReport:
    """Gives `workshop check`'s report of a file without changing a byte of it.

    A file another app holds is read from a snapshot (and `tell` says so); a journal left by a crash is
    rolled back in a copy, as the app will when it opens the file, and the report says so."""
    path = Path(path)
    holder = holder_of(path)
    journal = path.with_name(path.name + "-journal")
    if holder is None and not (journal.is_file() and path.is_file()):
        return checked_report(path)  # read with mode=ro
    with tempfile.TemporaryDirectory(prefix="workshop-check-") as folder:
        copy = Path(folder) / path.name
        if holder is None:
            shutil.copyfile(path, copy)
            shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
        else:
            inspect_file(path, read_only=True)  # a bad file is named as itself, not as the copy
            tell(snapshot_sentence(holder, copy_consistently(path, copy)))
        try:
            report = checked_report(copy)
        except WorkshopFileError as error:
            raise WorkshopFileError(path, error.reason) from error
    told = hot_journal_sentence(journal) if holder is None else None  # a holder's journal is its own
    return dataclasses.replace(report, path=path, journal=told)


@dataclasses.dataclass(frozen=True)
class CheckReport(FileReport):
    """`workshop check`'s report: the file's health and the first damaged places in its pages and values."""

    damage: Damage = dataclasses.field(default_factory=lambda: Damage((), 0))
    readable: bool = True  # False when broken pages kept the schema and counts from being read

    @property
    def damaged(self) -> bool:
        return self.integrity != ["ok"] or self.damage.total > 0

    @property
    def healthy(self) -> bool:
        return super().healthy and not self.damaged

    def verdict(self) -> str:
        """Gives the one line that sums up a damaged file: where its first fault is, and how many in all."""
        first = self.damage.faults[0].line() if self.damage.faults else tr("damaged")
        found = plural(self.damage.total, "%n damaged place", "%n damaged places")
        return tr("{path}: {first}; {found} in all, listed above. Use an earlier copy or its backup.").format(
            path=self.path, first=first, found=found
        )

    def lines(self) -> list[str]:
        verdict = [tr("  integrity: damaged") if self.damaged else tr("  integrity: ok")]
        verdict += [f"    {line}" for line in self.damage.lines()]
        if not self.readable:
            return [str(self.path), *verdict]
        lines = super().lines()
        at = next(index for index, line in enumerate(lines) if line.startswith("  integrity:"))
        return lines[:at] + verdict + lines[at + 1 :]


def checked_report(path: Path) -> CheckReport:
    """Gives the report of the file at `path`: its pages, schema and counts, and every stored value
    checked against what the app expects (text, choices, numbers, dates, references), read-only."""
    try:
        report = file_report(path)
    except DamagedFileError as error:
        return _unreadable(path, Damage(error.faults, error.total))
    except sqlite3.Error as error:  # pages broken past what the quick check looks at
        return _unreadable(path, Damage((Fault(tr("an unknown table"), _said(error)),), 1))
    conn = read_only_connection(path)
    try:
        pages = integrity_faults(conn, report.integrity) if report.integrity != ["ok"] else []
        values = find_damage(conn)
    except sqlite3.Error as error:
        values = Damage((Fault(tr("an unknown table"), _said(error)),), 1)
    finally:
        conn.close()
    shown = (*pages, *values.faults)[:SHOWN_FAULTS]
    return CheckReport(**vars(report), damage=Damage(tuple(shown), len(pages) + values.total))


def _unreadable(path: Path, damage: Damage) -> CheckReport:
    return CheckReport(path, None, ["damaged"], {}, damage=damage, readable=False)


def _said(error: sqlite3.Error) -> str:
    return " ".join(str(error).split())  # SQLite's words on one line
