"""A row opens in a form to read and edit long text in full; saving it is one undoable change."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox, QLineEdit, QPlainTextEdit

from tests.gui.pages_helpers import cells, column_of, table_on, undo
from workshop.model.views import AUDIT, entity_rows

NOTES = "About 60% of the inbox.\nThe same four answers over and over, typed by hand each time."
TITLE = "Answer the customers' 'where is my shipment' e-mails and log each one in the TMS by hand"


def _tasks(window):
    tasks = table_on(window, AUDIT, "task")
    if not tasks.model.rowCount():
        tasks.add({"title": TITLE, "notes": NOTES, "hours_per_week": 12.0})
    return tasks


def _press(window, qtbot, widget, key) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(widget, key)


def test_enter_opens_the_row_with_its_long_text_in_full_and_the_keyboard_on_that_field(window, qtbot):
    tasks = _tasks(window)
    tasks.view.setCurrentIndex(tasks.proxy.index(0, column_of(tasks, "Notes")))
    _press(window, qtbot, tasks.view, Qt.Key.Key_Return)
    form = tasks.form
    assert form is not None and form.isVisible()
    notes = form.editor_of("Notes")
    assert isinstance(notes, QPlainTextEdit) and notes.toPlainText() == NOTES
    assert form.editor_of("Task").toPlainText() == TITLE
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes)


def _double_click(window, qtbot, tasks, header: str) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    spot = tasks.view.visualRect(tasks.proxy.index(0, column_of(tasks, header))).center()
    qtbot.mouseClick(tasks.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(tasks.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def test_a_double_click_on_the_name_opens_the_form_and_on_another_cell_edits_it(window, qtbot):
    tasks = _tasks(window)
    _double_click(window, qtbot, tasks, "Hours per week")
    assert tasks.form is None
    assert tasks.view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    _double_click(window, qtbot, tasks, "Task")
    assert tasks.form is not None and tasks.form.isVisible()


def test_the_form_saves_every_changed_field_as_one_step_that_undo_takes_back(window):
    tasks = _tasks(window)
    before = cells(tasks)
    tasks.view.setCurrentIndex(tasks.proxy.index(0, 0))
    tasks.open_button.click()
    form = tasks.form
    assert form is not None
    form.editor_of("Task").setPlainText("Answer shipment e-mails")
    form.editor_of("Notes").setPlainText("Most are the same.\nA draft would do.")
    form.editor_of("Hours per week").setText("20")
    depth = window.context.undo_stack.count()
    assert form.save()
    assert not form.isVisible()
    stored = window.context.read(entity_rows, "task")[0]
    assert (stored.get("title"), stored.get("notes"), stored.get("hours_per_week")) == (
        "Answer shipment e-mails",
        "Most are the same.\nA draft would do.",
        20.0,
    )
    assert window.context.undo_stack.count() == depth + 1
    assert window.context.undo_stack.undoText() == f"Edit task '{TITLE}'"
    undo(window)
    assert cells(tasks) == before


def test_a_refused_value_keeps_the_form_open_with_what_was_typed_and_says_what_and_where(window):
    tasks = _tasks(window)
    before = cells(tasks)
    form = tasks.open_row(tasks.model.row_at(0))
    form.editor_of("Notes").setPlainText("A long note typed with care.")
    hours = form.editor_of("Hours per week")
    assert isinstance(hours, QLineEdit)
    hours.setText("-3")
    depth = window.context.undo_stack.count()
    assert not form.save()
    assert form.isVisible()
    assert "hours per week" in form.message_text() and "'-3' is below 0" in form.message_text()
    assert form.editor_of("Notes").toPlainText() == "A long note typed with care."
    assert hours.text() == "-3"
    assert cells(tasks) == before and window.context.undo_stack.count() == depth
    hours.setText("3")
    assert form.save()
    assert window.context.read(entity_rows, "task")[0].get("notes") == "A long note typed with care."


def test_the_context_menu_offers_to_open_the_row(window):
    tasks = _tasks(window)
    menu = tasks.row_menu(tasks.view.visualRect(tasks.proxy.index(0, 0)).center())
    assert menu is not None
    assert [action.text() for action in menu.actions()] == ["Open…", "Delete"]
    menu.actions()[0].trigger()
    assert tasks.form is not None and tasks.form.isVisible()


written = st.text(alphabet=st.sampled_from("abcdefghij ÄÖÜéłç.,;:!?'-–\n"), min_size=0, max_size=200)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=written)
def test_whatever_is_written_in_a_long_text_field_is_kept_as_written(window, text):
    tasks = _tasks(window)
    form = tasks.open_row(tasks.model.row_at(0))
    form.editor_of("Notes").setPlainText(text)
    assert form.save()
    QCoreApplication.processEvents()
    assert window.context.read(entity_rows, "task")[0].get("notes") == text.strip()


def _typed_in_notes(window, qtbot, typed: str):
    """Gives the open form of the first task after typing `typed` at the end of its notes."""
    tasks = _tasks(window)
    tasks.view.setCurrentIndex(tasks.proxy.index(0, column_of(tasks, "Notes")))
    _press(window, qtbot, tasks.view, Qt.Key.Key_Return)
    form = tasks.form
    assert form is not None
    notes = form.editor_of("Notes")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes)
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(notes, typed)
    return tasks, form, notes


def test_escape_with_typed_changes_asks_before_discarding_and_enter_keeps_editing(window, qtbot):
    _table, form, notes = _typed_in_notes(window, qtbot, " Ask Lena about the templates.")
    qtbot.keyClick(notes, Qt.Key.Key_Escape)
    question = form.question
    assert form.isVisible() and question is not None and question.isVisible()
    assert question.text() == f"Discard your changes to '{TITLE}'?"
    assert question.defaultButton().text() == "Keep editing"
    qtbot.keyClick(question, Qt.Key.Key_Return)
    assert not question.isVisible() and form.isVisible()
    assert notes.toPlainText() == NOTES + " Ask Lena about the templates."
    assert form.save()
    assert window.context.read(entity_rows, "task")[0].get("notes").endswith("Ask Lena about the templates.")


def test_choosing_discard_closes_the_form_and_keeps_the_row_as_it_was(window, qtbot):
    tasks, form, _notes = _typed_in_notes(window, qtbot, " Typed by mistake.")
    before = cells(tasks)
    depth = window.context.undo_stack.count()
    form.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    question = form.question
    assert question is not None and question.isVisible()
    discard = next(b for b in question.buttons() if b.text() == "Discard changes")
    discard.click()
    assert not form.isVisible()
    assert cells(tasks) == before and window.context.undo_stack.count() == depth
    assert window.context.read(entity_rows, "task")[0].get("notes") == NOTES


def test_escape_without_changes_closes_the_form_at_once(window, qtbot):
    _table, form, notes = _typed_in_notes(window, qtbot, "")
    qtbot.keyClick(notes, Qt.Key.Key_Escape)
    assert form.question is None and not form.isVisible()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=written.filter(lambda t: t != NOTES))
def test_whatever_was_typed_is_still_there_after_escape(window, text):
    tasks = _tasks(window)
    form = tasks.open_row(tasks.model.row_at(0))
    form.editor_of("Notes").setPlainText(text)
    form.reject()
    assert form.isVisible() and form.question is not None
    assert form.editor_of("Notes").toPlainText() == text
    form.question.done(0)  # closed without a choice, as by the window's close button: keeps editing
    assert form.isVisible()
    form.on_question_answered(discard=True)
