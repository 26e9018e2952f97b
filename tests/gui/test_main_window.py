"""What a facilitator sees in the main window: title, phases, their hints and tables, the File menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from tests.gui.pages_helpers import cells
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop, open_workshop
from workshop.model.views import HINTS, PHASES, PRIORITIES, SETUP
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.widgets.entity_table import EntityTable


def shown_rows(window: MainWindow, phase: str, title: str) -> list[list[str]]:
    """Gives the cells the table titled `title` on that phase's page displays."""
    window.select_phase(phase)
    for table in window.page(phase).findChildren(EntityTable):
        if table.spec.title == title:
            return cells(table)
    raise AssertionError(f"{phase} shows no table titled {title!r}")


def page_texts(window: MainWindow, phase: str) -> list[str]:
    """Gives every label text on that phase's page, after selecting it."""
    window.select_phase(phase)
    return [label.text() for label in window.page(phase).findChildren(QLabel)]


def test_the_window_is_titled_after_the_workshop_and_says_where_it_saves(window, workshop_path):
    assert window.windowTitle() == "Test workshop - AI Strategy Workshop"
    assert "Acme" in window.summary_text()
    assert "Answers: anonymous" in window.summary_text()
    assert window.status_text() == f"Saved to {workshop_path} - every change is saved at once"


def test_the_navigation_lists_the_nine_phases_in_order(window):
    listed = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert listed == list(PHASES)


@pytest.mark.parametrize("phase", PHASES)
def test_selecting_a_phase_shows_its_heading_and_hint(window, phase):
    window.navigation.setCurrentRow(PHASES.index(phase))
    page = window.page(phase)
    assert window.current_phase() == phase
    assert page.isVisible()
    assert page.heading == phase
    assert page.hint == HINTS[phase]
    assert phase in page_texts(window, phase)


def test_participants_entered_appear_on_setup_with_team_role_and_stance(store, settings, qtbot):
    with store.transaction() as s:
        sales = ops.team_named(s, "Sales")
        ops.participant_named(s, "Alice", team=sales, role=e.Role.MANAGER).stance = e.Stance.CHAMPION
        ops.participant_named(s, "Bob", team=sales)
        ops.participant_named(s, "Chen", role=e.Role.LEADER).stance = e.Stance.SKEPTIC
    window = MainWindow(WorkshopContext(store), settings)
    qtbot.addWidget(window)
    assert shown_rows(window, SETUP, "Participants") == [
        ["Alice", "Sales", "manager", "champion"],
        ["Bob", "Sales", "employee", "unknown"],
        ["Chen", "(no team)", "leader", "skeptic"],
    ]
    assert shown_rows(window, SETUP, "Teams") == [["Sales", "", "2"]]


def test_a_change_written_through_the_context_shows_on_the_page(window):
    window.context.write(lambda s: ops.participant_named(s, "Dana"))
    assert shown_rows(window, SETUP, "Participants") == [["Dana", "(no team)", "employee", "unknown"]]


def _priorities_cells(window: MainWindow) -> dict[str, list[list[str]]]:
    return {title: shown_rows(window, PRIORITIES, title) for title in ("Opportunities", "Ballot rounds")}


def test_ballots_on_priorities_are_counted_never_shown(window):
    def prepare(s) -> tuple[list[int], list[int], int]:
        items = [ops.opportunity_titled(s, title).id for title in ("Chatbot", "Invoices", "Rostering")]
        voters = [ops.participant_named(s, name, role=e.Role.MANAGER).id for name in ("Alice", "Bob")]
        return items, voters, ballots.start_round(s, name="First round")

    items, voters, round_id = window.context.write(prepare)
    before = _priorities_cells(window)
    for voter, order in zip(voters, (items, items[::-1]), strict=True):
        ranks = {item: rank for rank, item in enumerate(order, start=1)}
        window.context.write(ballots.cast_ranking, round_id=round_id, participant_id=voter, ranks=ranks)
    after = _priorities_cells(window)
    assert after["Opportunities"] == before["Opportunities"]
    assert before["Ballot rounds"] == [["First round", "ranking", "", "open", "0"]]
    assert after["Ballot rounds"] == [["First round", "ranking", "", "open", "2"]]
    everything = " ".join(page_texts(window, PRIORITIES)) + str(after)
    assert "Alice" not in everything and "Bob" not in everything


@pytest.fixture
def critical_calls(monkeypatch) -> list[tuple[str, str]]:
    """Records error dialogs (title, text) instead of showing them."""
    calls: list[tuple[str, str]] = []

    def record(_parent, title, text, *args, **kwargs):
        calls.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(record))
    return calls


def test_opening_a_text_file_says_why_and_changes_nothing(window, tmp_path, critical_calls):
    bad = tmp_path / "notes.workshop"
    bad.write_text("Agenda: coffee, then ranking.\n")
    before = bad.read_bytes()
    assert window.files.open_workshop_file(bad) is False
    assert len(critical_calls) == 1
    _title, text = critical_calls[0]
    assert "notes.workshop" in text and "not an SQLite database" in text
    assert "Nothing in the file was changed." in text
    assert bad.read_bytes() == before
    assert window.windowTitle() == "Test workshop - AI Strategy Workshop"


def test_opening_another_workshop_shows_it_and_releases_the_first(window, tmp_path, workshop_path):
    other = tmp_path / "other.workshop"
    create_workshop(other, title="Board offsite").close()
    assert window.files.open_workshop_file(other)
    assert window.windowTitle() == "Board offsite - AI Strategy Workshop"
    assert str(other) in window.status_text()
    open_workshop(workshop_path).close()  # the first file is free again


def test_open_asks_for_workshops_only(window, tmp_path, monkeypatch):
    other = tmp_path / "other.workshop"
    create_workshop(other, title="Board offsite").close()
    asked = []

    def choose(_parent, _caption, _folder, file_filter, *args, **kwargs):
        asked.append(file_filter)
        return str(other), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window.files.on_open_triggered()
    assert asked == ["Workshops (*.workshop)"]
    assert window.windowTitle() == "Board offsite - AI Strategy Workshop"


def test_open_recent_lists_opened_files_newest_first_and_drops_missing_ones(window, tmp_path, workshop_path):
    first, second = tmp_path / "first.workshop", tmp_path / "second.workshop"
    for path in (first, second):
        create_workshop(path, title=path.stem).close()
        assert window.files.open_workshop_file(path)
    assert window.files.recent_menu_paths() == [second, first, workshop_path]
    first.unlink()
    assert window.files.recent_menu_paths() == [second, workshop_path]
    labels = [action.text() for action in window.files.recent_menu.actions()]
    assert labels[0].startswith("&1") and "second.workshop" in labels[0]


def test_open_recent_keeps_at_most_eight(window, tmp_path):
    paths = [tmp_path / f"w{n}.workshop" for n in range(10)]
    for path in paths:
        create_workshop(path, title=path.stem).close()
        window.files.open_workshop_file(path)
    assert window.files.recent_menu_paths() == paths[::-1][:8]


def test_closing_the_window_releases_the_file_and_remembers_its_size(store, settings, workshop_path, qtbot):
    window = MainWindow(WorkshopContext(store), settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(700, 500)  # within the offscreen screen, which restoring clamps to
    window.close()
    open_workshop(workshop_path).close()
    again = MainWindow(
        WorkshopContext(open_workshop(workshop_path)), QSettings(settings.fileName(), settings.format())
    )
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)
    again.close()
