"""The Workflows page marks workflows below the oversight rule and says why; the rule is edited in a small
dialog as one undoable change; pilots get an owner and the hours they expect to free."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from tests.gui.pages_helpers import cells, column_of, edit, shown_with_findings, undo
from workshop.model import entities as e
from workshop.model.views import WORKFLOWS, entity_rows
from workshop.ui.oversight_rule_dialog import OversightRuleDialog

WORK = "Claim triage"


def _sensitive_workflow(window, oversight: e.Oversight = e.Oversight.REVIEW_SAMPLES) -> None:
    def add(s) -> None:
        task = e.Task(title="Read claim letters", data_sensitivity=e.Sensitivity.HIGH)
        s.add(e.Workflow(opportunity=e.Opportunity(title=WORK, tasks=[task]), oversight=oversight))
        s.add(e.Participant(name="Zoe Keen", stance=e.Stance.CHAMPION))

    window.context.write(add)


def _rule_cell(page) -> str:
    return cells(page.workflows)[0][column_of(page.workflows, "Oversight rule")]


def _workshop(window) -> dict:
    return dict(window.context.read(entity_rows, "workshop")[0].values)


def test_a_workflow_below_the_rule_is_marked_counted_and_explained(window, qtbot):
    _sensitive_workflow(window)
    page = shown_with_findings(window, WORKFLOWS)
    assert _rule_cell(page) == "Below the rule: at least human reviews every output"
    assert page.rule_warning.isVisible()
    assert page.rule_warning.text() == "1 workflow has less oversight than the rule asks"
    assert "Handles data rated high: at least human reviews every output" in page.rule_reasons.text()
    index = page.workflows.proxy.index(0, column_of(page.workflows, "Oversight rule"))
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "No revealed ranking" in tooltip and "No team owns the opportunity" in tooltip


def test_raising_the_oversight_clears_the_mark_at_once(window, qtbot):
    _sensitive_workflow(window)
    page = shown_with_findings(window, WORKFLOWS)
    assert edit(page.workflows, 0, "Human oversight", e.Oversight.AI_ASSIST_ONLY.value)
    assert _rule_cell(page) == "At least human reviews every output"
    assert not page.rule_warning.isVisible()


def test_a_workflow_meeting_the_rule_raises_no_warning(window, qtbot):
    _sensitive_workflow(window, e.Oversight.REVIEW_EVERY_OUTPUT)
    page = shown_with_findings(window, WORKFLOWS)
    assert _rule_cell(page) == "At least human reviews every output"
    assert not page.rule_warning.isVisible()


def test_the_rule_is_saved_as_one_undoable_change(window, qtbot):
    _sensitive_workflow(window)
    before = _workshop(window)
    dialog = OversightRuleDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.levels["oversight_high"].setCurrentIndex(
        dialog.levels["oversight_high"].findData("AI-assist only")
    )
    dialog.readiness.setText("3.5")
    dialog.top.setText("5")
    assert dialog.save()
    after = _workshop(window)
    assert after["oversight_high"] is e.Oversight.AI_ASSIST_ONLY
    assert (after["oversight_readiness_below"], after["oversight_top_priorities"]) == (3.5, 5)
    undo(window)
    assert _workshop(window) == before


def test_the_page_follows_a_changed_rule(window, qtbot):
    _sensitive_workflow(window, e.Oversight.REVIEW_EVERY_OUTPUT)
    page = shown_with_findings(window, WORKFLOWS)
    dialog = OversightRuleDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.levels["oversight_high"].setCurrentIndex(
        dialog.levels["oversight_high"].findData("AI-assist only")
    )
    assert dialog.save()
    page = shown_with_findings(window, WORKFLOWS)
    qtbot.waitUntil(lambda: _rule_cell(page) == "Below the rule: at least AI-assist only")
    assert page.rule_warning.isVisible()


def test_values_out_of_range_are_refused_with_a_clear_message(window, qtbot):
    _sensitive_workflow(window)
    before = _workshop(window)
    dialog = OversightRuleDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    for readiness, top, said in (
        ("7", "3", "Readiness threshold: '7' is not from 1 to 5."),
        ("", "3", "Readiness threshold: a number is needed here"),
        ("3", "-1", "Top priorities: '-1' is below 0"),
        ("3", "51", "Top priorities: '51' is more than 50"),
        ("3", "two", "Top priorities:"),
    ):
        dialog.readiness.setText(readiness)
        dialog.top.setText(top)
        assert not dialog.save()
        assert dialog.problem.isVisible()
        assert said in dialog.problem.text()
    assert _workshop(window) == before


def test_a_pilot_owner_is_picked_from_the_participants_and_hours_are_checked(window, qtbot):
    _sensitive_workflow(window)
    page = shown_with_findings(window, WORKFLOWS)
    pilots = page.tables["pilot"]
    assert pilots.add() is not None
    index = pilots.proxy.index(0, column_of(pilots, "Owner"))
    pilots.view.setCurrentIndex(index)
    pilots.view.edit(index)
    editor = pilots.view.indexWidget(index)
    assert isinstance(editor, QComboBox)
    assert editor.itemText(0) == "Zoe Keen — champion"
    editor.setCurrentIndex(editor.findData("Zoe Keen"))
    pilots.view.commitData(editor)
    problems: list[str] = []
    window.context.failed.connect(problems.append)
    assert not edit(pilots, 0, "Hours freed per week", "-2")
    assert problems and "'-2' is below 0" in problems[-1]
    assert edit(pilots, 0, "Hours freed per week", "4.5")
    pilot = window.context.read(entity_rows, "pilot")[0]
    assert (pilot.get("owner"), pilot.get("hours_freed_per_week")) == ("Zoe Keen", 4.5)
    assert cells(pilots)[0][column_of(pilots, "Hours freed per week")] == "4.5"
