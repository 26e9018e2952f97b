"""Setup: details, teams and participants are edited in place, undone, redone and kept in the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.gui.pages_helpers import cells, edit, redo, table_on, undo
from workshop.model.store import open_workshop
from workshop.model.views import SETUP, entity_rows, workshop_summary
from workshop.ui.context import WorkshopContext


def test_a_team_is_added_renamed_and_deleted_with_undo_and_redo(window):
    teams = table_on(window, SETUP, "team")
    teams.add_button.click()
    assert cells(teams) == [["New team", "", "0"]]
    assert edit(teams, 0, "Team", "Sales")
    assert cells(teams) == [["Sales", "", "0"]]
    assert window.context.undo_stack.undoText() == "Change team of 'New team'"
    undo(window)
    assert cells(teams) == [["New team", "", "0"]]
    redo(window)
    teams.view.setCurrentIndex(teams.proxy.index(0, 0))
    teams.delete_button.click()
    assert cells(teams) == []
    undo(window)
    assert cells(teams) == [["Sales", "", "0"]]


def test_undoing_the_delete_of_a_team_brings_back_its_participants_membership(window):
    teams = table_on(window, SETUP, "team")
    people = window.page(SETUP).tables["participant"]
    team_id = teams.add({"name": "Sales"})
    for name in ("Ana", "Ben"):
        people.add({"name": name, "team_id": team_id})
    assert [row[:2] for row in cells(people)] == [["Ana", "Sales"], ["Ben", "Sales"]]
    teams.delete(teams.model.row_at(0))
    assert [row[:2] for row in cells(people)] == [["Ana", "(no team)"], ["Ben", "(no team)"]]
    undo(window)
    assert [row[:2] for row in cells(people)] == [["Ana", "Sales"], ["Ben", "Sales"]]
    assert cells(teams) == [["Sales", "", "2"]]


def test_a_taken_team_name_is_refused_with_a_message_and_nothing_changes(window):
    teams = table_on(window, SETUP, "team")
    teams.add({"name": "Sales"})
    teams.add({"name": "Support"})
    assert not edit(teams, 1, "Team", "Sales")
    assert "'Sales' is already taken" in window.message_bar.text()
    assert cells(teams) == [["Sales", "", "0"], ["Support", "", "0"]]


def test_a_participants_team_role_and_stance_are_chosen_and_kept_in_the_file(
    window, store, workshop_path, qtbot
):
    teams = table_on(window, SETUP, "team")
    people = window.page(SETUP).tables["participant"]
    sales = teams.add({"name": "Sales"})
    people.add_button.click()
    assert edit(people, 0, "Name", "Ana")
    assert edit(people, 0, "Team", sales)
    assert edit(people, 0, "Role", "Manager")
    assert edit(people, 0, "Stance", "champion")
    assert cells(people) == [["Ana", "Sales", "manager", "champion"]]
    window.close()
    reopened = open_workshop(workshop_path)
    try:
        rows = WorkshopContext(reopened).read(entity_rows, "participant")
        assert [(r.get("name"), r.get("role"), r.get("stance")) for r in rows] == [
            ("Ana", "manager", "champion")
        ]
    finally:
        reopened.close()


def test_the_workshop_date_is_saved_and_a_bad_date_is_refused_and_kept_in_the_form(window):
    window.select_phase(SETUP)
    details = window.page(SETUP).details
    date = details.editors["held_on"]
    date.setText("2025-03-31")
    date.editingFinished.emit()
    assert window.context.read(workshop_summary).held_on == "2025-03-31"
    date.setText("31/12")
    date.editingFinished.emit()
    assert "'31/12' is not a date" in window.message_bar.text()
    assert date.text() == "31/12"
    assert window.context.read(workshop_summary).held_on == "2025-03-31"
    undo(window)
    assert window.context.read(workshop_summary).held_on == ""


def test_the_team_and_participant_models_pass_the_qt_model_checks(window, qtmodeltester):
    teams = table_on(window, SETUP, "team")
    teams.add({"name": "Sales"})
    window.page(SETUP).tables["participant"].add({"name": "Ana", "team_id": 1})
    for table in window.page(SETUP).tables.values():
        qtmodeltester.check(table.model, force_py=True)


def test_insert_adds_a_team_to_type_into_and_delete_removes_it(window, qtbot):
    teams = table_on(window, SETUP, "team")
    teams.view.setFocus()
    QTest.keyClick(teams.view, Qt.Key.Key_Insert)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "Warehouse")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: teams.view.state() == teams.view.State.NoState)  # Qt saves the cell queued
    assert cells(teams) == [["Warehouse", "", "0"]]
    teams.view.setCurrentIndex(teams.proxy.index(0, 0))
    QTest.keyClick(teams.view, Qt.Key.Key_Delete)
    assert cells(teams) == []
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cells(teams) == [["Warehouse", "", "0"]]
