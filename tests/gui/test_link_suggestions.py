"""Linking tasks: the tasks of the teams an opportunity came from first, then the best candidates; a filter;
several opportunities linked in one pass, taken back with one Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from tests.gui.pages_helpers import table_on
from workshop.model.views import AUDIT, PRIORITIES, entity_labels, linked_task_ids
from workshop.ui.link_tasks_dialog import SCORE, TEAM, LinkTasksDialog

TASKS = (  # title, team, hours a week: more hours make a better candidate
    ("Answer status e-mails", "Customer Service", 2),
    ("Check damage claims", "Customer Service", 1),
    ("Match carrier invoices", "Finance", 20),
    ("Chase late payments", "Finance", 8),
    ("Plan routes", None, 12),
)


def _workshop(window) -> dict[str, int]:
    """Adds the teams, the tasks and an opportunity made from a Customer Service idea (with no team of its
    own); gives the opportunities' ids by title, with a second opportunity."""
    teams = table_on(window, "Setup", "team")
    team_ids = {name: teams.add({"name": name}) for name in ("Customer Service", "Finance")}
    audit = window.page(AUDIT)
    tasks = table_on(window, AUDIT, "task")
    for title, team, hours in TASKS:
        tasks.add({"title": title, "team_id": team_ids.get(team), "hours_per_week": hours})
    idea = audit.tables["idea"].add({"what": "Draft replies", "team_id": team_ids["Customer Service"]})
    assert audit.promote([idea], {"title": "Draft replies", "team_id": None})
    opportunities = table_on(window, PRIORITIES, "opportunity")
    opportunities.add({"title": "Invoice assistant"})
    return {title: row_id for row_id, title in window.context.read(entity_labels, "opportunity")}


def _open_link_dialog(window, monkeypatch, opportunity_id: int, drive) -> None:
    def run(dialog: LinkTasksDialog) -> int:
        return drive(dialog)

    monkeypatch.setattr(LinkTasksDialog, "exec", run)
    table_on(window, PRIORITIES, "opportunity").select_row_id(opportunity_id)
    window.page(PRIORITIES).link_button.click()


def _rows(dialog: LinkTasksDialog) -> list[tuple[str, str, float]]:
    items = (dialog.tasks.topLevelItem(n) for n in range(dialog.tasks.topLevelItemCount()))
    return [(i.text(0), i.text(TEAM), float(i.text(SCORE))) for i in items if not i.isHidden()]


def test_the_ideas_team_comes_first_then_the_best_candidates(window, monkeypatch):
    opportunities = _workshop(window)
    seen: list[list[tuple[str, str, float]]] = []
    _open_link_dialog(
        window,
        monkeypatch,
        opportunities["Draft replies"],
        lambda dialog: seen.append(_rows(dialog)) or QDialog.DialogCode.Rejected,
    )
    [rows] = seen
    of_ideas_team = [row for row in rows if row[1] == "Customer Service"]
    assert rows[: len(of_ideas_team)] == of_ideas_team and of_ideas_team
    rest = rows[len(of_ideas_team) :]
    assert [score for *_, score in rest] == sorted((score for *_, score in rest), reverse=True)
    # More hours make a better candidate here, so the score column follows the hours.
    hours = {title: hours for title, _team, hours in TASKS}
    assert [hours[title] for title, *_ in rest] == sorted((hours[t] for t, *_ in rest), reverse=True)


def test_typing_in_the_filter_narrows_the_list_by_title_or_team(window, monkeypatch):
    opportunities = _workshop(window)
    shown: dict[str, list[str]] = {}

    def filter_then_cancel(dialog: LinkTasksDialog) -> int:
        for typed in ("finance", "ROUTE", ""):
            dialog.filter_box.setText(typed)
            shown[typed] = dialog.shown_titles()
        return QDialog.DialogCode.Rejected

    _open_link_dialog(window, monkeypatch, opportunities["Invoice assistant"], filter_then_cancel)
    assert sorted(shown["finance"]) == sorted(t for t, team, _h in TASKS if team == "Finance")
    assert shown["ROUTE"] == ["Plan routes"]
    assert len(shown[""]) == len(TASKS)


def test_two_opportunities_are_linked_in_one_pass_and_one_ctrl_z_takes_it_back(window, monkeypatch, qtbot):
    opportunities = _workshop(window)
    draft, invoices = opportunities["Draft replies"], opportunities["Invoice assistant"]
    task_ids = {title: row_id for row_id, title in window.context.read(entity_labels, "task")}
    assert window.page(PRIORITIES).link_tasks(_row(window, invoices), {task_ids["Chase late payments"]})

    def tick_two(dialog: LinkTasksDialog) -> int:
        assert dialog.chosen_opportunities() == [draft]  # the one it was opened on
        dialog.tick("Match carrier invoices")
        dialog.tick_opportunity("Invoice assistant")
        return QDialog.DialogCode.Accepted

    _open_link_dialog(window, monkeypatch, draft, tick_two)
    assert window.context.read(linked_task_ids, draft) == {task_ids["Match carrier invoices"]}
    # The other opportunity keeps the task it had and gains the ticked one.
    assert window.context.read(linked_task_ids, invoices) == {
        task_ids["Chase late payments"],
        task_ids["Match carrier invoices"],
    }
    assert window.context.undo_stack.undoText() == "Link tasks to 2 opportunities"
    window.activateWindow()
    table = table_on(window, PRIORITIES, "opportunity")
    table.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table.view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.context.read(linked_task_ids, draft) == set()
    assert window.context.read(linked_task_ids, invoices) == {task_ids["Chase late payments"]}


def _row(window, opportunity_id: int):
    table = table_on(window, PRIORITIES, "opportunity")
    return table.model.row_at(table.model.row_of(opportunity_id))
