"""Nothing typed into a table is lost: a refused value stays for correction, and a cell that cannot be
edited says where its value comes from."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from tests.gui.pages_helpers import cells, column_of, table_on
from workshop.model.views import PRIORITIES, READINESS, WORKFLOWS

HELD_ON = "Held on (YYYY-MM-DD)"


def _rounds(window):
    rounds = table_on(window, READINESS, "survey_round")
    if not rounds.model.rowCount():
        rounds.add({"name": "Kick-off"})
    return rounds


def _type_into(window, qtbot, table, header: str, typed: str) -> QLineEdit:
    """Gives the cell's editor after typing `typed` over its text and pressing Enter (which the table
    takes in the event loop's next pass)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    index = table.proxy.index(0, column_of(table, header))
    table.view.setFocus()
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QCoreApplication.processEvents()
    return editor


def test_a_refused_date_stays_in_the_open_editor_and_the_message_says_what_is_allowed(window, qtbot):
    rounds = _rounds(window)
    editor = _type_into(window, qtbot, rounds, HELD_ON, "15.01.2027")
    assert rounds.view.state() == QAbstractItemView.State.EditingState
    assert QApplication.focusWidget() is editor and editor.text() == "15.01.2027"
    assert "'15.01.2027'" in window.message_bar.text() and "YYYY-MM-DD" in window.message_bar.text()
    assert "YYYY-MM-DD" in editor.toolTip()
    editor.setText("2027-01-15")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QCoreApplication.processEvents()
    assert rounds.view.state() != QAbstractItemView.State.EditingState
    assert cells(rounds)[0][column_of(rounds, HELD_ON)] == "2027-01-15"


def test_escape_after_a_refusal_keeps_the_cell_as_it_was_and_forgets_the_text(window, qtbot):
    rounds = _rounds(window)
    before = cells(rounds)[0][column_of(rounds, HELD_ON)]
    editor = _type_into(window, qtbot, rounds, HELD_ON, "next Tuesday")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert rounds.view.state() != QAbstractItemView.State.EditingState
    assert cells(rounds)[0][column_of(rounds, HELD_ON)] == before
    index = rounds.proxy.index(0, column_of(rounds, HELD_ON))
    rounds.view.edit(index)
    assert QApplication.focusWidget().text() == before


def test_text_refused_as_the_editor_closed_comes_back_on_the_next_edit(window, qtbot):
    rounds = _rounds(window)
    index = rounds.proxy.index(0, column_of(rounds, HELD_ON))
    rounds.view.setCurrentIndex(index)
    rounds.view.edit(index)
    editor = rounds.view.indexWidget(index) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("31/12/2026")
    rounds.filter_box.setFocus()  # the facilitator clicks elsewhere: the editor closes, the text is refused
    qtbot.waitUntil(lambda: rounds.view.state() != QAbstractItemView.State.EditingState)
    rounds.view.setFocus()
    rounds.view.edit(index)
    again = QApplication.focusWidget()
    assert isinstance(again, QLineEdit) and again.text() == "31/12/2026"


def test_a_worked_out_cell_says_where_its_value_comes_from(window, qtbot):
    table_on(window, PRIORITIES, "opportunity").add({"title": "Answer shipment e-mails"})
    workflows = table_on(window, WORKFLOWS, "workflow")
    workflows.add()
    index = workflows.proxy.index(0, column_of(workflows, "Sensitive data"))
    said = "Comes from the linked tasks' data sensitivity; edit the tasks on Audit & Discovery"
    assert said in index.data(Qt.ItemDataRole.ToolTipRole)
    workflows.view.setFocus()
    workflows.view.setCurrentIndex(index)
    qtbot.keyClick(workflows.view, Qt.Key.Key_F2)  # the key that edits a cell
    assert workflows.view.state() != QAbstractItemView.State.EditingState
    assert said in window.statusBar().currentMessage()
