"""Workflows & Pilots, Space & Time, Feedback & Resistance: add, edit, delete, undo, and refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from tests.gui.pages_helpers import cells, column_of, edit, redo, table_on, undo
from workshop.model import entities as e
from workshop.model.store import open_workshop
from workshop.model.views import FEEDBACK, SPACE_AND_TIME, WORKFLOWS, entity_rows
from workshop.ui.context import WorkshopContext


def _opportunity_with_sensitive_task(window) -> None:
    def add(s) -> None:
        task = e.Task(title="Assess damage claims", data_sensitivity=e.Sensitivity.HIGH)
        s.add(e.Opportunity(title="Claim triage", tasks=[task]))

    window.context.write(add)


def test_a_workflow_needs_an_opportunity_first_and_says_where_to_add_it(window):
    workflows = table_on(window, WORKFLOWS, "workflow")
    workflows.add_button.click()
    assert "add an opportunity first, on Priorities" in window.message_bar.text()
    assert cells(workflows) == []


def test_stricter_review_is_suggested_for_sensitive_work(window, store):
    _opportunity_with_sensitive_task(window)
    workflows = table_on(window, WORKFLOWS, "workflow")
    workflows.add_button.click()
    index = workflows.proxy.index(0, column_of(workflows, "Stricter review"))
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert cells(workflows)[0][column_of(workflows, "Sensitive data")] == "high"


def test_the_oversight_choices_explain_themselves(window, store, qtbot):
    _opportunity_with_sensitive_task(window)
    workflows = table_on(window, WORKFLOWS, "workflow")
    workflows.add_button.click()
    index = workflows.proxy.index(0, column_of(workflows, "Human oversight"))
    parent = QWidget()
    qtbot.addWidget(parent)
    editor = workflows.view.itemDelegate().createEditor(parent, QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    samples = editor.findText("human reviews samples")
    assert "a person checks a regular sample of outputs" in editor.itemData(
        samples, Qt.ItemDataRole.ToolTipRole
    )
    editor.setCurrentIndex(samples)
    workflows.view.itemDelegate().setModelData(editor, workflows.proxy, index)
    assert cells(workflows)[0][column_of(workflows, "Human oversight")] == "human reviews samples"
    undo(window)
    assert cells(workflows)[0][column_of(workflows, "Human oversight")] == "human reviews every output"


def test_a_pilot_refuses_a_date_in_another_form_and_keeps_a_good_one(window, store):
    _opportunity_with_sensitive_task(window)
    table_on(window, WORKFLOWS, "workflow").add_button.click()
    pilots = window.page(WORKFLOWS).tables["pilot"]
    pilots.add_button.click()
    assert not edit(pilots, 0, "Starts (YYYY-MM-DD)", "31/12")
    assert "'31/12' is not a date" in window.message_bar.text()
    assert edit(pilots, 0, "Starts (YYYY-MM-DD)", "2025-03-03")
    assert edit(pilots, 0, "Status", "running")
    assert cells(pilots)[0][:2] == ["Claim triage", "2025-03-03"]


def test_deleting_a_workflow_deletes_its_pilots_and_undo_brings_both_back(window, store):
    _opportunity_with_sensitive_task(window)
    workflows = table_on(window, WORKFLOWS, "workflow")
    workflows.add_button.click()
    pilots = window.page(WORKFLOWS).tables["pilot"]
    pilots.add_button.click()
    checkpoints = window.page(WORKFLOWS).tables["checkpoint"]
    checkpoints.add_button.click()
    before = {name: cells(table) for name, table in window.page(WORKFLOWS).tables.items()}
    workflows.delete(workflows.model.row_at(0))
    assert cells(pilots) == [] and cells(checkpoints) == []
    undo(window)
    assert {name: cells(table) for name, table in window.page(WORKFLOWS).tables.items()} == before
    redo(window)
    assert cells(pilots) == []


def test_capacity_hours_are_checked_and_kept_in_the_file(window, workshop_path):
    plans = table_on(window, SPACE_AND_TIME, "capacity_plan")
    plans.add_button.click()
    assert not edit(plans, 0, "Hours per week to learn", "-3")
    assert "'-3' is below 0" in window.message_bar.text()
    assert edit(plans, 0, "Hours per week to learn", "2,5")
    assert edit(plans, 0, "Training", "Prompting basics")
    window.close()
    with open_workshop(workshop_path) as reopened:
        rows = WorkshopContext(reopened).read(entity_rows, "capacity_plan")
        assert [(r.get("hours_per_week"), r.get("training")) for r in rows] == [(2.5, "Prompting basics")]


def test_a_caution_flag_is_raised_edited_deleted_and_brought_back(window):
    flags = table_on(window, FEEDBACK, "caution_flag")
    flags.add_button.click()
    assert edit(flags, 0, "Category", "fear and job security")
    assert edit(flags, 0, "Severity", "HIGH")
    assert edit(flags, 0, "Evidence", "Two agents asked if they will be replaced")
    row = cells(flags)[0]
    flags.view.setCurrentIndex(flags.proxy.index(0, 0))
    flags.delete_button.click()
    assert cells(flags) == []
    assert window.context.undo_stack.undoText() == "Delete flag 'fear and job security'"
    undo(window)
    assert cells(flags) == [row]


def test_an_action_links_to_a_flag_and_survives_the_flags_delete_and_undo(window):
    flags = table_on(window, FEEDBACK, "caution_flag")
    flag = flags.add({"category": "workload", "evidence": "Overtime"})
    actions = window.page(FEEDBACK).tables["action"]
    actions.add_button.click()
    assert edit(actions, 0, "Responds to flag", flag)
    linked = cells(actions)[0][column_of(actions, "Responds to flag")]
    assert linked.startswith("workload")
    flags.delete(flags.model.row_at(0))
    assert cells(actions)[0][column_of(actions, "Responds to flag")] == ""
    undo(window)
    assert cells(actions)[0][column_of(actions, "Responds to flag")] == linked


@pytest.mark.parametrize("phase", [WORKFLOWS, SPACE_AND_TIME, FEEDBACK])
def test_every_table_model_passes_the_qt_model_checks(window, store, qtmodeltester, phase):
    _opportunity_with_sensitive_task(window)
    window.select_phase(phase)
    for table in window.page(phase).tables.values():
        table.add_button.click()
    for table in window.page(phase).tables.values():
        assert table.model.rowCount() == 1
        qtmodeltester.check(table.model, force_py=True)
