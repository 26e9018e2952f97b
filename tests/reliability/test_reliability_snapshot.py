"""Jobs that only read (analyze, export, check) work on a workshop the app holds open, from a snapshot,
and say so; the file's bytes and time stamp stay as they were. Jobs that write still refuse, naming the
holder."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_support import digest, folder_listing, row_counts

from workshop.cli import main
from workshop.model.demo import create_demo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the holder is killed with SIGKILL")

# The app as it holds a workshop: the file open and locked, a last entry saved, then waiting.
HOLD_OPEN = textwrap.dedent(
    """
    import sys, time
    from workshop.model import entities as e
    from workshop.model.store import open_workshop
    store = open_workshop(sys.argv[1])
    with store.transaction() as session:
        session.add(e.FeedbackItem(what_works="Saved by the app just now, Zoë"))
    print("open", flush=True)
    time.sleep(120)
    """
)
HOLDER = f"{getpass.getuser()} on {socket.gethostname()}"


@dataclass(frozen=True)
class HeldWorkshop:
    path: Path
    outputs: Path  # a folder of its own, so the workshop's folder can be compared before and after

    def state(self) -> tuple[str, int, list[str]]:
        """Gives the file's digest, its modification time and the names beside it."""
        return digest(self.path), os.stat(self.path).st_mtime_ns, folder_listing(self.path.parent)


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeldWorkshop]:
    """A small demo workshop that another process holds open, as the app does."""
    folder = tmp_path_factory.mktemp("held")
    path = folder / "room" / "demo.workshop"
    path.parent.mkdir()
    create_demo(path, managers=4, items=5).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        yield HeldWorkshop(path, folder)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


READING_JOBS: dict[str, list[str]] = {
    "analyze": ["analyze", "{path}"],
    "analyze --json": ["analyze", "{path}", "--json"],
    "export JSON": ["export", "{path}", "-o", "{out}/workshop.json"],
    "export PDF": ["export", "{path}", "-o", "{out}/strategy.pdf"],
    "export CSV": ["export", "{path}", "--csv", "{out}/tables"],
    "check": ["check", "{path}"],
}


def _run(words: list[str], held: HeldWorkshop, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([word.format(path=held.path, out=held.outputs) for word in words])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("job", READING_JOBS)
def test_a_reading_job_reads_a_snapshot_of_the_held_file_and_changes_nothing(job, held, capsys):
    before = held.state()
    started = dt.datetime.now()
    code, out, err = _run(READING_JOBS[job], held, capsys)
    ended = dt.datetime.now()
    assert code == 0, err
    assert out.strip()
    taken = {started.strftime("%H:%M"), ended.strftime("%H:%M")}
    assert err.splitlines() in (
        [f"The app has this workshop open ({HOLDER}); reading a snapshot taken at {time}."] for time in taken
    )
    assert held.state() == before  # the same bytes and time stamp, and nothing new beside the file


def test_the_snapshot_holds_what_the_app_saved_last(held, capsys):
    code, _out, err = _run(["export", "{path}", "-o", "{out}/latest.json"], held, capsys)
    assert code == 0, err
    written = json.loads((held.outputs / "latest.json").read_text(encoding="utf-8"))
    assert "Saved by the app just now, Zoë" in json.dumps(written, ensure_ascii=False)


def test_check_of_the_held_file_reports_its_health_and_counts(held, capsys):
    code, out, _err = _run(["check", "{path}"], held, capsys)
    assert code == 0
    assert out.splitlines()[0] == str(held.path)
    assert "integrity: ok" in out and "(current)" in out
    counted = [f"  {table}: {count}" for table, count in sorted(row_counts(held.path).items())]
    assert [line for line in out.splitlines() if line in counted] == [
        line for line in counted if "alembic" not in line
    ]


@pytest.mark.parametrize(
    "words",
    [
        ["import", "{path}", "--tasks", "{out}/tasks.csv"],
        ["merge", "{path}", "{out}/other.workshop"],
    ],
    ids=["import", "merge"],
)
def test_a_writing_job_still_refuses_and_names_the_holder(words, held, capsys):
    (held.outputs / "tasks.csv").write_text("title\nSort the post\n", encoding="utf-8")
    other = held.outputs / "other.workshop"
    if not other.exists():
        create_demo(other, managers=2, items=2).close()
    before = held.state()
    code, _out, err = _run(words, held, capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert f"already open by {HOLDER} (process " in err
    assert "snapshot" not in err
    assert held.state() == before


# A crash in the middle of a save: SQLite's journal is left beside the file for the next opening.
CRASH_MID_SAVE = textwrap.dedent(
    """
    import os, sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("PRAGMA cache_size = 1")  # pages spill into the file before the commit
    connection.execute("BEGIN")
    connection.execute("CREATE TABLE half_saved (x)")
    connection.execute("INSERT INTO half_saved SELECT randomblob(3000) FROM participant")
    os._exit(0)
    """
)


def test_check_after_a_crash_reads_the_recovered_state_without_rolling_the_file_back(tmp_path, capsys):
    path = tmp_path / "crashed.workshop"
    create_demo(path, managers=4, items=5).close()
    subprocess.run([sys.executable, "-c", CRASH_MID_SAVE, str(path)], check=True, timeout=60)
    journal = path.with_name(path.name + "-journal")
    assert journal.is_file()
    before = (digest(path), digest(journal), folder_listing(tmp_path))
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "integrity: ok" in out and "half_saved" not in out
    assert err == ""
    assert (digest(path), digest(journal), folder_listing(tmp_path)) == before
