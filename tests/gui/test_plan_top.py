"""Plan workflows for the top N: the button waits for a revealed ranking, the dialog lists the room's top N
with what it proposes, creates the drafts as one change, and one undo takes them all away again."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.gui.pages_helpers import cells, column_of, shown_with_findings, undo
from tests.unit.test_planning import AGREED, room_with_ranking
from workshop.model import entities as e
from workshop.model.views import PRIORITIES, WORKFLOWS
from workshop.ui.plan_top_dialog import PlanTopDialog


def _dialog(page) -> PlanTopDialog:
    return PlanTopDialog(page.context, page.findings, page)


def _texts(dialog: PlanTopDialog, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_the_button_waits_for_a_revealed_ranking_and_says_so(window):
    page = shown_with_findings(window, WORKFLOWS)
    assert not page.plan_button.isEnabled()
    assert "Reveal a ranking round first" in page.plan_button.toolTip()


def test_the_dialog_lists_the_top_three_in_the_rooms_order_with_owner_and_oversight(window, store):
    room_with_ranking(store, AGREED, planned=("Invoices",))
    page = shown_with_findings(window, WORKFLOWS)
    assert page.plan_button.isEnabled()
    dialog = _dialog(page)
    assert dialog.top.value() == 3 and dialog.top.maximum() == 5
    assert _texts(dialog, 1) == ["Summaries", "Invoices", "Minutes"]
    assert _texts(dialog, 2) == ["Bo (unknown)", "Zoe (champion)", ""]
    notes = _texts(dialog, 4)
    assert notes[1] == "Already has a workflow – skipped"
    assert notes[2].startswith("No team owns it – owner left blank")
    assert dialog.create_button.text() == "Create 2 draft workflows"
    assert dialog.summary.text() == (
        "2 draft workflows will be created – 1 already has a workflow and is skipped."
    )
    dialog.top.setValue(1)
    assert _texts(dialog, 1) == ["Summaries"] and dialog.create_button.text() == "Create 1 draft workflow"


def test_one_undo_removes_every_drafted_workflow(window, store):
    room_with_ranking(store, AGREED)
    page = shown_with_findings(window, WORKFLOWS)
    dialog = _dialog(page)
    oversight = _texts(dialog, 3)
    assert dialog.on_create_clicked()
    shown = cells(page.workflows)
    opportunity, level = (
        column_of(page.workflows, "Opportunity"),
        column_of(page.workflows, "Human oversight"),
    )
    assert sorted((row[opportunity], row[level]) for row in shown) == sorted(
        zip(["Summaries", "Invoices", "Minutes"], oversight, strict=True)
    )
    undo(window)
    assert cells(page.workflows) == []


def test_a_tie_at_the_edge_is_said_and_taken_whole(window, store):
    orders = [["Replies", "Invoices", "Minutes", "Summaries", "Forecasts"]] * 2 + [
        ["Replies", "Invoices", "Summaries", "Minutes", "Forecasts"]
    ] * 2
    room_with_ranking(store, orders)
    dialog = _dialog(shown_with_findings(window, WORKFLOWS))
    assert _texts(dialog, 0) == ["1", "2", "3 (tied)", "3 (tied)"]
    assert dialog.tie_note.text() == (
        "Minutes and Summaries are tied at place 3: the whole tie is included, so 4 opportunities are "
        "planned instead of 3."
    )


def _click_header(qtbot, table, header: str) -> None:
    bar = table.view.horizontalHeader()
    column = column_of(table, header)
    where = QPoint(bar.sectionViewportPosition(column) + bar.sectionSize(column) // 2, bar.height() // 2)
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_the_rooms_place_is_empty_before_a_reveal(window):
    def add(s) -> None:
        s.add_all(e.Opportunity(title=title) for title in ("Invoices", "Replies"))

    window.context.write(add)
    page = shown_with_findings(window, PRIORITIES)
    table = page.opportunities
    assert [row[column_of(table, "Room's place")] for row in cells(table)] == ["", ""]
    assert not page.plan_button.isEnabled()


def test_clicking_the_rooms_place_header_sorts_the_opportunities_by_consensus(window, store, qtbot):
    room_with_ranking(store, AGREED)
    page = shown_with_findings(window, PRIORITIES)
    table = page.opportunities
    _click_header(qtbot, table, "Room's place")
    title, place = column_of(table, "Opportunity"), column_of(table, "Room's place")
    assert [(row[place], row[title]) for row in cells(table)] == [
        ("1", "Summaries"),
        ("2", "Invoices"),
        ("3", "Minutes"),
        ("4", "Replies"),
        ("5", "Forecasts"),
    ]
    tooltip = table.proxy.index(0, place).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Place 1 in the room's consensus order of round 'Priorities' (Borda)"
    assert page.plan_button.isEnabled()
