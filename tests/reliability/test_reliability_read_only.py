"""A read-only workshop (no write permission on the file, or on its folder so SQLite cannot make its
journal) opens read-only: reading jobs work, writing jobs and edits in the window say so in one line, and
nothing is written, neither to the file nor beside it (no update, no `.bak`, no lock note where the folder
is read-only).

Root ignores permissions, so as root the file or folder is made read-only by a read-only bind mount (the
real refusal an unwritable medium gives); otherwise by taking away its write permission.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from reliability_support import FIXTURES, digest, folder_listing, row_counts

from tests.gui.pages_helpers import cells, table_on
from workshop.cli import main
from workshop.model.errors import FileInUseError
from workshop.model.store import open_workshop, schema_head
from workshop.model.views import SETUP
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow

KINDS = ("file", "folder")


@contextmanager
def made_read_only(target: Path) -> Iterator[None]:
    """Keeps `target` (a file or a folder) read-only for the block, for this user even when root."""
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(mode & ~0o222)
        try:
            yield
        finally:
            target.chmod(mode)
        return
    mounted = subprocess.run(["mount", "--bind", target, target], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"root needs a read-only bind mount here, and mount refused: {mounted.stderr!r}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", target, target], check=True, capture_output=True)
        yield
    finally:
        subprocess.run(["umount", target], check=True)


@pytest.fixture(params=KINDS, ids=[f"read-only {kind}" for kind in KINDS])
def read_only_workshop(request, tmp_path) -> Iterator[Path]:
    """Gives a demo workshop in a folder of its own, the file or its folder made read-only."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "room.workshop"
    assert main(["demo", str(path), "--managers", "4", "--items", "5"]) == 0
    with made_read_only(path if request.param == "file" else folder):
        yield path


def _said(capsys) -> str:
    out, err = capsys.readouterr()
    return out + err


@pytest.mark.parametrize(
    "job",
    [["analyze"], ["analyze", "--json"], ["export", "-o", "{out}/room.json"], ["export", "--csv", "{out}"]],
    ids=["analyze", "analyze --json", "export json", "export csv"],
)
def test_reading_jobs_work_on_a_read_only_workshop_and_write_nothing_beside_it(
    read_only_workshop, tmp_path, capsys, job
):
    before, listing = digest(read_only_workshop), folder_listing(read_only_workshop.parent)
    words = [word.format(out=tmp_path) for word in job]
    assert main([words[0], str(read_only_workshop), *words[1:]]) == 0
    assert "read-only" not in _said(capsys)
    assert digest(read_only_workshop) == before
    assert folder_listing(read_only_workshop.parent) == listing


def test_check_calls_a_read_only_workshop_healthy(read_only_workshop, capsys):
    assert main(["check", str(read_only_workshop)]) == 0
    assert "integrity: ok" in _said(capsys)


@pytest.mark.parametrize("job", ["tasks", "participants", "ballots", "merge"])
def test_writing_jobs_say_in_one_line_that_the_file_is_read_only(read_only_workshop, tmp_path, capsys, job):
    inputs = {
        "tasks": ("title\nSort the post\n", ["--tasks"]),
        "participants": ("name,team\nZelda Quill,Ops\n", ["--participants"]),
        "ballots": ("participant,item,rank\nZelda Quill,Robots,1\n", ["--ballots"]),
    }
    source = tmp_path / "other.workshop"
    if job == "merge":
        assert main(["demo", str(source), "--managers", "3", "--items", "4", "--seed", "7"]) == 0
        words = ["merge", str(read_only_workshop), str(source)]
    else:
        text, option = inputs[job]
        source = tmp_path / f"{job}.csv"
        source.write_text(text, encoding="utf-8")
        words = ["import", str(read_only_workshop), *option, str(source)]
    capsys.readouterr()
    before, listing = digest(read_only_workshop), folder_listing(read_only_workshop.parent)
    assert main(words) == 2
    _out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{read_only_workshop} is read-only; nothing was changed; save a copy" in err
    assert "workshop backup" in err
    assert digest(read_only_workshop) == before
    assert folder_listing(read_only_workshop.parent) == listing


def test_a_read_only_workshop_still_refuses_a_second_app(read_only_workshop):
    listing = folder_listing(read_only_workshop.parent)
    with open_workshop(read_only_workshop) as first:
        assert first.read_only
        with pytest.raises(FileInUseError):
            open_workshop(read_only_workshop)
    assert folder_listing(read_only_workshop.parent) == listing


@pytest.fixture(params=KINDS, ids=[f"read-only {kind}" for kind in KINDS])
def read_only_old_workshop(request, tmp_path) -> Iterator[Path]:
    """Gives a workshop of the first schema, the file or its folder made read-only."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "old.workshop"
    shutil.copyfile(FIXTURES / "schema_0001.workshop", path)
    with made_read_only(path if request.param == "file" else folder):
        yield path


def _revision(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("job", [["analyze"], ["export", "-o", "{out}/old.json"], ["import", "--tasks"]])
def test_an_old_read_only_workshop_is_not_updated_and_the_message_says_how_to_copy_it(
    read_only_old_workshop, tmp_path, capsys, job
):
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("title\nSort the post\n", encoding="utf-8")
    words = [word.format(out=tmp_path) for word in job] + ([str(tasks)] if job[0] == "import" else [])
    before, listing = digest(read_only_old_workshop), folder_listing(read_only_old_workshop.parent)
    assert main([words[0], str(read_only_old_workshop), *words[1:]]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "needs updating" in err and "read-only" in err and "workshop backup" in err
    assert digest(read_only_old_workshop) == before
    assert folder_listing(read_only_old_workshop.parent) == listing  # no .bak, no lock note


def test_backup_copies_an_old_read_only_workshop_as_it_is(read_only_old_workshop, tmp_path):
    copy = tmp_path / "writable copy.workshop"
    assert main(["backup", str(read_only_old_workshop), str(copy)]) == 0
    assert _revision(copy) == _revision(read_only_old_workshop) != schema_head()
    assert row_counts(copy) == row_counts(read_only_old_workshop)
    with open_workshop(copy) as updated:  # the copy can be edited: it is updated when opened
        assert not updated.read_only and updated.backup is not None


def test_the_window_shows_a_read_only_workshop_and_refuses_an_edit_with_one_message(
    read_only_workshop, tmp_path, qtbot
):
    before = digest(read_only_workshop)
    with open_workshop(read_only_workshop) as store:
        window = MainWindow(
            WorkshopContext(store), QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert "(read-only)" in window.windowTitle()
        teams = table_on(window, SETUP, "team")
        shown = cells(teams)
        teams.add_button.click()
        assert "is read-only; nothing was changed" in window.message_bar.text()
        assert cells(teams) == shown
        window.close()
    assert digest(read_only_workshop) == before
