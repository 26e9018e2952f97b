"""`workshop check` says when a journal beside the file holds an unfinished change that SQLite would
roll back, and when the app will do so, without changing a byte of the file or the journal."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import digest, folder_listing
from test_reliability_snapshot import CRASH_MID_SAVE

from workshop.cli import main
from workshop.model.demo import create_demo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the crash is driven with os._exit")


def _crashed_workshop(folder: Path) -> tuple[Path, Path]:
    path = folder / "crashed.workshop"
    create_demo(path, managers=3, items=4).close()
    subprocess.run([sys.executable, "-c", CRASH_MID_SAVE, str(path)], check=True, timeout=60)
    return path, path.with_name(path.name + "-journal")


def _untouched(path: Path, journal: Path) -> tuple[str, str, list[str]]:
    return digest(path), digest(journal), folder_listing(path.parent)


def test_check_names_the_hot_journal_and_what_the_app_will_do_with_it(tmp_path, capsys):
    path, journal = _crashed_workshop(tmp_path)
    left_at = dt.datetime(2026, 11, 30, 16, 42).timestamp()
    os.utime(journal, (left_at, left_at))
    before = _untouched(path, journal)
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    told = [line for line in out.splitlines() if "journal" in line]
    assert told == [
        f"  journal: {journal.name} is left beside the file; the app will roll back an unfinished change "
        "from 2026-11-30 16:42 when it next opens the file (check changed nothing)."
    ]
    assert "integrity: ok" in out and err == ""
    assert _untouched(path, journal) == before


@pytest.mark.parametrize("leftover", [b"", bytes(512)], ids=["empty", "zeroed header"])
def test_check_is_silent_about_a_journal_sqlite_would_ignore(tmp_path, capsys, leftover):
    path, journal = _crashed_workshop(tmp_path)
    journal.write_bytes(leftover)
    before = _untouched(path, journal)
    main(["check", str(path)])
    out, _err = capsys.readouterr()
    assert "journal" not in out
    assert _untouched(path, journal) == before
