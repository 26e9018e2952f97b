"""Where the keys go: the phase list when the window opens, the reveal from its first key, never the timer.

Keys are sent to QApplication.focusWidget(), as a keyboard would send them, not to the widget we hope has
the focus: a test that sends keys straight to a widget cannot see them going astray.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.demo import POINTS_ROUND, create_demo
from workshop.model.views import FEEDBACK, PHASES, PRIORITIES
from workshop.ui.ballot.reveal import RevealView
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow


def open_round(store) -> int:
    """Gives the id of an open ranking round of three opportunities, with three managers to vote."""
    with store.transaction() as s:
        for i in range(3):
            ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER)
        for title in ("Invoices", "Replies", "Summaries"):
            ops.opportunity_titled(s, title)
        return ballots.start_round(s, name="Priorities", method=e.BallotMethod.RANKING, pin="2468")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard"
    return widget


def press(qtbot, key: Qt.Key) -> None:
    """Presses the key where the keyboard would deliver it."""
    qtbot.keyClick(focused(), key)


def in_timer(window: MainWindow, widget: QWidget | None) -> bool:
    timer = window.room_tools.timer
    return widget is timer or (widget is not None and timer.isAncestorOf(widget))


@pytest.fixture
def demo_window(tmp_path: Path, settings, qtbot):
    with create_demo(tmp_path / "demo.workshop") as store:
        shown = MainWindow(WorkshopContext(store), settings)
        qtbot.addWidget(shown)
        shown.resize(1280, 800)
        shown.show()
        qtbot.waitExposed(shown)
        shown.activateWindow()
        yield shown
        shown.close()


def test_the_window_opens_with_the_keys_in_the_phase_list(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.navigation)
    press(qtbot, Qt.Key.Key_Down)
    assert window.current_phase() == PHASES[1]
    assert focused() is window.navigation


def test_a_page_shown_from_a_menu_leaves_the_keys_in_the_phase_list(window, qtbot):
    window.activateWindow()
    window.room_tools.timer.start_pause.setFocus()  # as after a click on the timer
    window.select_phase(PRIORITIES)
    assert focused() is window.navigation
    press(qtbot, Qt.Key.Key_Up)
    assert window.current_phase() == PHASES[PHASES.index(PRIORITIES) - 1]


def test_tab_goes_round_the_window_without_entering_the_timer(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    visited = []
    for _ in range(25):
        press(qtbot, Qt.Key.Key_Tab)
        visited.append(focused())
    assert not [widget for widget in visited if in_timer(window, widget)]


def test_the_reveal_answers_its_keys_from_a_cold_start(demo_window, qtbot):
    tools = demo_window.room_tools
    assert tools.start_reveal(POINTS_ROUND).wait()
    view = tools.reveal
    assert isinstance(view, RevealView)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    press(qtbot, Qt.Key.Key_Right)
    assert view.step == 1
    press(qtbot, Qt.Key.Key_Left)
    assert view.step == 0
    press(qtbot, Qt.Key.Key_Space)
    assert view.step == 1
    press(qtbot, Qt.Key.Key_Return)
    assert view.step == 2
    press(qtbot, Qt.Key.Key_Escape)
    assert tools.reveal is None and demo_window.centralWidget() is not view
    assert not in_timer(demo_window, focused())
    assert demo_window.centralWidget().isAncestorOf(focused())


def test_after_the_reveal_the_keys_go_back_where_they_were(demo_window, qtbot):
    demo_window.select_phase(PRIORITIES)
    press(qtbot, Qt.Key.Key_Tab)  # into the page
    before = focused()
    assert demo_window.page(PRIORITIES).isAncestorOf(before)
    assert demo_window.room_tools.start_reveal(POINTS_ROUND).wait()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is demo_window.room_tools.reveal)
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is before


def test_in_ballot_mode_the_timer_shows_only_its_clock_and_gets_no_keys(window, store, qtbot):
    window.activateWindow()
    timer = window.room_tools.timer
    room = window.room_tools.start_ballot_mode(open_round(store))
    controls = (timer.activity, timer.minutes, timer.start_pause, timer.more, timer.reset)
    assert timer.display.isVisible() and not any(control.isVisible() for control in controls)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert room.isAncestorOf(focused())
    for _ in range(10):
        press(qtbot, Qt.Key.Key_Tab)
        assert not in_timer(window, focused())
    assert room.leave("2468")
    assert timer.start_pause.isVisible() and timer.activity.isVisible()
    assert not in_timer(window, focused())
    assert window.centralWidget().isAncestorOf(focused())


def test_tab_leaves_a_table_in_one_step_and_the_arrows_move_within_it(demo_window, qtbot):
    page = demo_window.page(FEEDBACK)
    demo_window.select_phase(FEEDBACK)
    view = page.tables["feedback_item"].view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    press(qtbot, Qt.Key.Key_Right)
    assert focused() is view and view.currentIndex().column() == 1
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not view and page.isAncestorOf(focused())
