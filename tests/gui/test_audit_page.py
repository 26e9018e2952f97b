"""Audit & Discovery: tasks with their candidate score and ideas are edited in place, undoably."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.pages_helpers import cells, column_of, edit, redo, table_on, undo
from workshop.model.store import open_workshop
from workshop.model.views import AUDIT, entity_rows
from workshop.ui.context import WorkshopContext


def test_a_task_is_added_edited_and_scored(window):
    tasks = table_on(window, AUDIT, "task")
    tasks.add_button.click()
    assert edit(tasks, 0, "Task", "Answer e-mails")
    assert edit(tasks, 0, "Hours per week", "12,5")
    assert edit(tasks, 0, "How often", "Daily")
    row = cells(tasks)[0]
    assert row[column_of(tasks, "Hours per week")] == "12.5"
    assert row[column_of(tasks, "How often")] == "daily"
    assert row[column_of(tasks, "Candidate score")].isdigit()
    assert window.context.undo_stack.undoText() == "Change how often of 'Answer e-mails'"


def test_undo_and_redo_of_an_hours_change_restore_exactly(window):
    tasks = table_on(window, AUDIT, "task")
    tasks.add({"title": "Answer e-mails", "hours_per_week": 4.0})
    before = cells(tasks)
    assert edit(tasks, 0, "Hours per week", "22")
    after = cells(tasks)
    assert window.context.undo_stack.undoText() == "Change hours per week of 'Answer e-mails'"
    undo(window)
    assert cells(tasks) == before
    redo(window)
    assert cells(tasks) == after


@pytest.mark.parametrize(
    ("header", "typed", "says"),
    [
        ("Redundancy (1-5)", "9", "'9' is not a score from 1 to 5 – allowed: 1–5 or very low (1)"),
        ("Hours per week", "-3", "'-3' is below 0"),
        ("Data sensitivity", "secret", "'secret' is not a data sensitivity"),
    ],
)
def test_an_invalid_value_is_refused_with_a_visible_message_and_nothing_changes(window, header, typed, says):
    tasks = table_on(window, AUDIT, "task")
    tasks.add({"title": "Answer e-mails"})
    before = cells(tasks)
    depth = window.context.undo_stack.count()
    assert not edit(tasks, 0, header, typed)
    assert says in window.message_bar.text()
    assert cells(tasks) == before
    assert window.context.undo_stack.count() == depth


def test_a_deleted_idea_comes_back_on_undo_and_the_change_is_in_the_file(window, workshop_path):
    ideas = table_on(window, AUDIT, "idea")
    ideas.add_button.click()
    assert edit(ideas, 0, "What", "Draft replies")
    assert edit(ideas, 0, "Why", "Customers wait")
    ideas.view.setCurrentIndex(ideas.proxy.index(0, 0))
    ideas.delete_button.click()
    assert cells(ideas) == []
    undo(window)
    assert cells(ideas)[0][:3] == ["Draft replies", "", "Customers wait"]
    window.close()
    with open_workshop(workshop_path) as reopened:
        rows = WorkshopContext(reopened).read(entity_rows, "idea")
        assert [(r.get("what"), r.get("why")) for r in rows] == [("Draft replies", "Customers wait")]


def test_the_filter_box_and_sorting_by_candidate_score(window):
    tasks = table_on(window, AUDIT, "task")
    tasks.add({"title": "Rare report", "hours_per_week": 1.0, "frequency": "yearly"})
    tasks.add({"title": "Answer e-mails", "hours_per_week": 30.0, "frequency": "daily", "redundancy": 5})
    tasks.view.sortByColumn(column_of(tasks, "Candidate score"), Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in cells(tasks)] == ["Answer e-mails", "Rare report"]
    tasks.filter_box.setText("rare")
    assert [row[0] for row in cells(tasks)] == ["Rare report"]


def test_the_task_and_idea_models_pass_the_qt_model_checks(window, qtmodeltester):
    table_on(window, AUDIT, "task").add({"title": "Answer e-mails", "hours_per_week": 3.0})
    window.page(AUDIT).tables["idea"].add({"what": "Draft replies"})
    for table in window.page(AUDIT).tables.values():
        qtmodeltester.check(table.model, force_py=True)
