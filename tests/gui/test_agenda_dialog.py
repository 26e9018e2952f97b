"""The agenda dialog and the timer that follows it: planned by keyboard, offered on the clock page by page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from sqlalchemy import select

from workshop.model import agenda
from workshop.model import entities as e
from workshop.model.views import AUDIT, PHASES, READINESS, SETUP
from workshop.ui.agenda_dialog import AgendaDialog

HALF_DAY = "Half day (4 h)"


def stored(store) -> list[tuple[str, int, str | None]]:
    """Gives the agenda as the file holds it: title, minutes and phase, in order."""
    with store.reading() as session:
        return [(line.title, line.minutes, line.phase) for line in agenda.read_agenda(session).lines]


@pytest.fixture
def dialog(window, qtbot):
    shown = AgendaDialog(window.context, window)
    qtbot.addWidget(shown)
    shown.resize(900, 600)
    shown.show()
    shown.activateWindow()
    qtbot.waitExposed(shown)
    return shown


def type_into(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_an_activity_is_added_named_timed_and_placed_in_a_phase_by_keyboard(dialog, store):
    QTest.keyClick(dialog.table, Qt.Key.Key_Insert)
    assert QApplication.focusWidget() is dialog.title  # the new activity's title is ready to type over
    QTest.keyClicks(dialog.title, "Audit in pairs")
    QTest.keyClick(dialog.title, Qt.Key.Key_Tab)  # leaving the field saves it
    assert QApplication.focusWidget() is dialog.minutes
    dialog.minutes.selectAll()
    QTest.keyClicks(dialog.minutes, "50")
    QTest.keyClick(dialog.minutes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.phase
    QTest.keyClick(dialog.phase, Qt.Key.Key_Down)  # from "Break" to the first phase
    QTest.keyClick(dialog.phase, Qt.Key.Key_Down)
    assert stored(store) == [("Audit in pairs", 50, PHASES[1])]
    assert dialog.table.item(0, 1).text() == "Audit in pairs"
    assert dialog.table.item(0, 3).text() == PHASES[1]


def test_the_start_time_gives_every_activity_its_start_and_the_end(dialog, store):
    dialog.start_from_template(HALF_DAY)
    type_into(dialog.starts_at, "9:00")
    # Enter saved the time and did nothing more: no activity added, the dialog still open
    assert dialog.isVisible() and len(stored(store)) == len(agenda.TEMPLATES[HALF_DAY])
    with store.reading() as session:
        assert session.scalar(select(e.Workshop.starts_at)) == dt.time(9, 0)
    starts = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert starts[:3] == ["09:00", "09:15", "10:00"]
    assert "4:00 h" in dialog.totals.text() and "13:00" in dialog.totals.text()


def test_a_time_that_is_no_time_of_day_is_refused_and_stays_for_correcting(dialog, window, store):
    type_into(dialog.starts_at, "25:00")
    assert dialog.starts_at.text() == "25:00"
    assert "09:00" in window.message_bar.text()
    with store.reading() as session:
        assert session.scalar(select(e.Workshop.starts_at)) is None


def test_moving_and_deleting_by_keys_and_undoing(dialog, store):
    dialog.start_from_template("Leadership 90 minutes")
    first, second = stored(store)[:2]
    dialog.table.setFocus()
    dialog.table.selectRow(1)
    QTest.keyClick(dialog.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stored(store)[:2] == [second, first]
    assert dialog.table.item(0, 1).text() == second[0]  # the moved activity stays chosen
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert stored(store)[0] == first
    QTest.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store)[:2] == [second, first]


def test_a_template_asks_before_replacing_the_agenda_and_undo_brings_it_back(dialog, store, monkeypatch):
    dialog.add_activity()
    before = stored(store)
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: (HALF_DAY, True))

    def answer(_parent, _title, question, *rest):
        asked.append(question)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.on_template_clicked()
    assert asked and "1 activity" in asked[0]
    assert sum(minutes for _, minutes, _ in stored(store)) == 240
    dialog.context.undo_stack.undo()
    assert stored(store) == before


def test_the_timer_offers_the_agenda_and_the_usual_activities_without_one(window, dialog):
    timer = window.room_tools.timer
    usual = timer.activities()
    dialog.start_from_template(HALF_DAY)
    assert timer.activities() == [title for title, _, _ in agenda.TEMPLATES[HALF_DAY]]
    for row in reversed(range(dialog.table.rowCount())):
        dialog.table.selectRow(row)
        dialog.delete_activity()
    assert timer.activities() == usual


def test_opening_a_page_proposes_its_activity_and_leaves_a_running_clock_alone(window, dialog):
    timer = window.room_tools.timer
    dialog.start_from_template(HALF_DAY)
    dialog.close()
    window.select_phase(AUDIT)
    assert (timer.activity.currentText(), timer.display.text()) == ("Audit in small groups", "45:00")
    timer.start_pause.click()
    window.select_phase(READINESS)
    assert timer.activity.currentText() == "Audit in small groups" and timer.box.running
    timer.start_pause.click()  # paused part-way: still the room's clock
    window.select_phase(SETUP)
    assert timer.activity.currentText() == "Audit in small groups"
    timer.reset.click()
    window.select_phase(READINESS)
    assert (timer.activity.currentText(), timer.display.text()) == ("Readiness survey", "20:00")


def test_a_phase_proposes_its_next_activity_not_yet_timed(window, dialog):
    timer = window.room_tools.timer
    for title in ("Audit round one", "Audit round two"):
        dialog.add_activity()
        type_into(dialog.title, title)
        dialog.phase.setCurrentIndex(dialog.phase.findData(AUDIT))
        dialog.save("phase", AUDIT)
    window.select_phase(AUDIT)
    assert timer.activity.currentText() == "Audit round one"
    timer.start_pause.click()
    timer.reset.click()
    window.select_phase(SETUP)
    window.select_phase(AUDIT)
    assert timer.activity.currentText() == "Audit round two"


def test_view_agenda_opens_the_dialog(window, monkeypatch):
    opened = []
    monkeypatch.setattr(AgendaDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    action = next(a for a in window.findChildren(type(window.projector_action)) if a.text() == "A&genda…")
    action.trigger()
    assert opened == ["Agenda"]


def test_an_emptied_title_is_not_saved_and_the_name_comes_back(dialog, store):
    dialog.start_from_template("Leadership 90 minutes")
    before = stored(store)
    dialog.title.setFocus()
    dialog.title.selectAll()
    QTest.keyClick(dialog.title, Qt.Key.Key_Delete)
    QTest.keyClick(dialog.title, Qt.Key.Key_Return)
    assert stored(store) == before
    assert dialog.title.text() == before[0][0]
