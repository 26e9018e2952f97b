"""Ideas made into an opportunity from the Audit page: chosen with the keyboard, checked, and undone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.pages_helpers import cells, column_of, redo, table_on, undo
from workshop.model.views import AUDIT, PRIORITIES, entity_rows
from workshop.ui.idea_promotion import PromoteIdeasDialog
from workshop.ui.pages.audit_page import PROMOTE_KEYS

IDEAS = (
    ("Summarise calls", "from the recordings", "Less typing"),
    ("Meeting notes", "", "Less typing"),
    ("Call digests", "a daily mail", "Nothing forgotten"),
)


def _ideas(window, *ideas):
    table = table_on(window, AUDIT, "idea")
    for what, how, why in ideas or IDEAS:
        table.add({"what": what, "how": how, "why": why})
    return table


def _dialog(window) -> PromoteIdeasDialog:
    dialog = window.page(AUDIT).promote_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _opportunities(window):
    return window.context.read(entity_rows, "opportunity")


def test_three_ideas_chosen_with_shift_down_become_one_opportunity_on_enter(window, qtbot):
    table = _ideas(window)
    table.view.setFocus()
    table.select_row_id(table.model.row_at(0).id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table.view)
    # Keys go where the keyboard would send them: to the widget that has the focus.
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert PROMOTE_KEYS == "Ctrl+M"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title)
    assert dialog.title.text() == "Summarise calls"
    assert dialog.from_ideas_line() == "Made from 3 ideas: Summarise calls; Meeting notes; Call digests"
    assert dialog.benefit.toPlainText() == "Less typing\nNothing forgotten"
    qtbot.keyClicks(QApplication.focusWidget(), "Call summaries")  # the title is selected: typing replaces it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    [opportunity] = _opportunities(window)
    assert opportunity.get("title") == "Call summaries"
    assert opportunity.get("from_ideas") == 3
    promoted = column_of(table, "Promoted to")
    assert [row[promoted] for row in cells(table)] == ["Call summaries"] * 3
    assert window.context.undo_stack.undoText() == "Make an opportunity of 'Call summaries'"


def test_the_columns_say_where_ideas_went_and_where_an_opportunity_came_from(window):
    table = _ideas(window)
    table.view.selectAll()
    window.page(AUDIT).promote_button.click()
    _dialog(window).accept()
    promoted = column_of(table, "Promoted to")
    tip = table.proxy.index(0, promoted).data(Qt.ItemDataRole.ToolTipRole)
    assert "Make an opportunity" in tip
    assert not table.proxy.flags(table.proxy.index(0, promoted)) & Qt.ItemFlag.ItemIsEditable
    opportunities = table_on(window, PRIORITIES, "opportunity")
    from_ideas = column_of(opportunities, "From ideas")
    assert cells(opportunities)[0][from_ideas] == "3"
    tip = opportunities.proxy.index(0, from_ideas).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[1:] == [what for what, _how, _why in IDEAS]


def test_a_taken_title_keeps_the_dialog_open_saying_why(window, qtbot):
    table = _ideas(window, ("Draft replies", "", ""))
    table_on(window, PRIORITIES, "opportunity").add({"title": "Draft replies"})
    table = table_on(window, AUDIT, "idea")
    table.view.selectAll()
    window.page(AUDIT).on_promote_clicked()
    dialog = _dialog(window)
    assert dialog.problem.isVisible()
    assert (
        dialog.problem.text() == "An opportunity called 'Draft replies' already exists; choose another title."
    )
    assert not dialog.create_button.isEnabled()
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(_opportunities(window)) == 1
    dialog.title.setText("Draft replies for e-mail")
    assert not dialog.problem.isVisible() and dialog.create_button.isEnabled()


def test_an_idea_already_promoted_is_moved_and_undo_puts_it_back(window):
    table = _ideas(window, ("Draft replies", "", ""), ("Reply drafts", "", ""))
    page = window.page(AUDIT)
    table.select_row_id(table.model.row_at(0).id)
    page.on_promote_clicked()
    _dialog(window).accept()
    table.view.selectAll()
    page.on_promote_clicked()
    dialog = _dialog(window)
    assert dialog.moved_line().startswith("1 idea was already made into another opportunity")
    assert "'Draft replies' from 'Draft replies'" in dialog.moved_line()
    dialog.title.setText("Replies")
    dialog.accept()
    promoted = column_of(table, "Promoted to")
    assert [row[promoted] for row in cells(table)] == ["Replies", "Replies"]
    undo(window)
    assert [row[promoted] for row in cells(table)] == ["Draft replies", ""]
    assert [row.get("title") for row in _opportunities(window)] == ["Draft replies"]
    redo(window)
    assert [row[promoted] for row in cells(table)] == ["Replies", "Replies"]


def test_nothing_selected_says_what_to_do(window):
    table = _ideas(window)
    table.view.clearSelection()
    window.page(AUDIT).on_promote_clicked()
    assert window.page(AUDIT).promote_dialog is None
    assert "Select one or more ideas" in window.message_bar.text()
