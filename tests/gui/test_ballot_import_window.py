"""File > Import > Ballots in the window: the progress dialog is told how far the check got, the pages show
every voter once the import ends, and a malformed row anywhere leaves the workshop as it was."""

from __future__ import annotations

import gc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.pages_helpers import cells, column_of, table_on
from workshop.model.importing import import_ballots
from workshop.model.store import table_counts
from workshop.model.views import SETUP
from workshop.ui.tasks import STEPS, Task, run_in_background

VOTERS, ITEMS = 300, 10
ROWS = VOTERS * ITEMS


def write_ballots(path: Path, *, broken_row: int | None = None) -> Path:
    """Writes a ballots CSV of VOTERS x ITEMS rows; the row at `broken_row` (0 = first) gets a bad rank."""
    lines = ["participant,team,item,rank"]
    for voter in range(VOTERS):
        lines += [f"Voter {voter:03},Team {voter % 4},Item {item},{item + 1}" for item in range(ITEMS)]
    if broken_row is not None:
        lines[broken_row + 1] = lines[broken_row + 1].rsplit(",", 1)[0] + ",first"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_in_window(window, path: Path, monkeypatch) -> tuple[bool, list[tuple[str, int]]]:
    """Gives whether the import succeeded and each (text, value) its progress dialog showed, in order."""
    shown: list[tuple[str, int]] = []
    show = Task.on_progress

    def on_progress(task: Task, what: str, share: float) -> None:
        show(task, what, share)
        shown.append((task.dialog.labelText(), task.dialog.value()))

    monkeypatch.setattr(Task, "on_progress", on_progress)
    return window.files.start_import("Ballots", import_ballots, path).wait(), shown


def test_the_progress_dialog_shows_how_many_rows_were_checked(window, tmp_path, monkeypatch):
    succeeded, shown = import_in_window(window, write_ballots(tmp_path / "ballots.csv"), monkeypatch)
    assert succeeded
    assert shown[0] == (f"Checked 1000 of {ROWS} rows", round(1000 / ROWS * (STEPS - 1)))
    values = [value for _, value in shown]
    assert values == sorted(values) and values[-1] < STEPS


def test_after_the_import_the_page_on_screen_lists_every_voter_and_the_summary_counts_them(
    window, tmp_path, monkeypatch, qtbot
):
    people = table_on(window, SETUP, "participant")  # the page is on screen while the import runs
    succeeded, _ = import_in_window(window, write_ballots(tmp_path / "ballots.csv"), monkeypatch)
    assert succeeded
    assert f"{VOTERS} participants" in window.summary_text()
    qtbot.waitUntil(lambda: people.model.rowCount() == VOTERS)  # filled in the event loop's next pass
    names = [row[column_of(people, "Name")] for row in cells(people)]
    assert sorted(names) == [f"Voter {voter:03}" for voter in range(VOTERS)]


def test_the_import_menu_returns_with_the_page_already_showing_the_voters(window, tmp_path, monkeypatch):
    people = table_on(window, SETUP, "participant")
    path = write_ballots(tmp_path / "ballots.csv")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    assert window.files.import_csv("Ballots", import_ballots).wait()
    assert people.model.rowCount() == VOTERS


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(broken_row=st.integers(min_value=0, max_value=ROWS - 1))
def test_a_malformed_row_anywhere_says_where_and_leaves_the_workshop_as_it_was(
    window, tmp_path_factory, monkeypatch, broken_row
):
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warned.append(text)))
    before = table_counts(window.context.store)
    path = write_ballots(tmp_path_factory.mktemp("bad") / "ballots.csv", broken_row=broken_row)
    succeeded, _ = import_in_window(window, path, monkeypatch)
    assert not succeeded
    assert f"ballots.csv, line {broken_row + 2}, column rank: 'first' is not" in warned[-1]
    assert "Nothing was imported" in warned[-1]
    assert table_counts(window.context.store) == before
    assert cells(table_on(window, SETUP, "participant")) == []


def test_background_work_leaves_every_object_to_the_garbage_collector_again(window):
    assert run_in_background(window, "Quick work", lambda report: 1, on_result=print).wait()

    def broken(_report):
        raise ValueError("no")

    assert not run_in_background(window, "Broken work", broken, on_result=print, on_error=print).wait()
    assert gc.get_freeze_count() == 0
