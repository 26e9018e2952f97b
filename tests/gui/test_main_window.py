"""What a facilitator sees in the main window: title, phases, their hints and tables, the File menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from sqlalchemy import update

from tests.gui.clipping import clipped_labels
from tests.gui.pages_helpers import cells
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop, open_workshop
from workshop.model.views import ALIGNMENT, AUDIT, HINTS, PHASES, PRIORITIES, SETUP
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
    assert window.windowTitle() == "Test workshop – AI Strategy Workshop"
    assert "Acme" in window.summary_text()
    assert "Answers: anonymous" in window.summary_text()
    assert window.status_text() == f"Saved to {workshop_path} – every change is saved at once"


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
    assert window.windowTitle() == "Test workshop – AI Strategy Workshop"


def test_opening_another_workshop_shows_it_and_releases_the_first(window, tmp_path, workshop_path):
    other = tmp_path / "other.workshop"
    create_workshop(other, title="Board offsite").close()
    assert window.files.open_workshop_file(other)
    assert window.windowTitle() == "Board offsite – AI Strategy Workshop"
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
    assert window.windowTitle() == "Board offsite – AI Strategy Workshop"


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


# --- the phase list: progress per phase ------------------------------------------------------------------


def _said(window: MainWindow, phase: str) -> str:
    item = window.navigation.item(PHASES.index(phase))
    return str(item.data(Qt.ItemDataRole.AccessibleTextRole))


def test_the_phase_list_says_how_far_each_phase_has_come_and_follows_the_workshop(window):
    assert _said(window, AUDIT) == "Audit & Discovery: not started"
    assert all(not window.navigation.item(row).icon().isNull() for row in range(len(PHASES)))
    not_started = window.navigation.item(PHASES.index(AUDIT)).icon().pixmap(24).toImage()

    window.context.write(lambda s: s.add(e.Task(title="Sort invoices")), initiator=None)
    assert _said(window, AUDIT) == "Audit & Discovery: in progress"
    assert window.navigation.item(PHASES.index(AUDIT)).icon().pixmap(24).toImage() != not_started

    window.context.write(lambda s: s.execute(update(e.Task).values(ai_potential=4)), initiator=None)
    assert _said(window, AUDIT) == "Audit & Discovery: done"
    assert window.navigation.item(PHASES.index(AUDIT)).toolTip() == "Audit & Discovery: done"


# --- ballot mode leaves the pages as they were ------------------------------------------------------------


def test_the_alignment_chart_and_headings_look_the_same_after_ballot_mode(tmp_path, settings, qtbot):
    from workshop.ui.app import open_or_create_demo
    from workshop.ui.screenshots import finish_drawing
    from workshop.ui.widgets.chart_canvas import ChartCanvas

    shown = MainWindow(WorkshopContext(open_or_create_demo(tmp_path / "demo.workshop")), settings)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    shown.select_phase(ALIGNMENT)
    finish_drawing(shown)

    def looks() -> tuple[object, ...]:
        charts = [c for c in shown.findChildren(ChartCanvas) if c.isVisible()]
        heading = shown.page(ALIGNMENT).findChild(QLabel, "phaseHeading")
        return (heading.font().pointSizeF(), *(c.grab().toImage() for c in charts))

    before = looks()
    with shown.context.store.transaction() as s:
        round_id = ballots.start_round(s, name="Another round")
    room = shown.room_tools.start_ballot_mode(round_id)
    finish_drawing(shown)
    room.left.emit()
    finish_drawing(shown)
    try:
        assert len(before) > 1  # the page shows at least one chart
        assert looks() == before
    finally:
        shown.close()


def test_projector_mode_fills_the_screen_and_gives_back_a_normal_window(window):
    window.set_projector_mode(True)
    assert window.isFullScreen()
    window.set_projector_mode(False)
    assert not window.isFullScreen() and not window.isMaximized()


def test_projector_mode_gives_back_a_maximised_window_maximised(window, qtbot):
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.projector_action.trigger()
    assert window.isFullScreen()
    window.projector_action.trigger()
    assert window.isMaximized() and not window.isFullScreen()


def test_a_window_opened_in_projector_mode_opens_full_screen(store, settings, qtbot):
    settings.setValue("view/projector", True)
    window = MainWindow(WorkshopContext(store), settings)
    qtbot.addWidget(window)
    window.show()
    assert window.isFullScreen()
    window.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_in_projector_mode_the_status_bar_is_read_in_full_beside_the_clock(window, size, qtbot):
    window.set_projector_mode(True)
    window.showNormal()  # the offscreen screen is 800x800: the window stands in for a screen of this size
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    bar = window.statusBar()
    timer = window.room_tools.timer
    assert bar.isVisible() and timer.display.isVisible() and timer.start_pause.isVisible()
    assert clipped_labels(bar) == []  # the clock among them, inside the window
    assert "saved" in window.status_text()
