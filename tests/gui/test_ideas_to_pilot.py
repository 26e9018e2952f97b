"""From ideas to a planned pilot with nothing typed twice: ideas made into opportunities, tasks linked by the
suggestions, the room's ranking revealed, workflows drafted for the top 3 in the room's order, a pilot added.

Every step goes through the screens' own buttons and dialogs; the only words typed are the ideas and tasks
themselves (and the ballots, cast as the room would)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog

from tests.gui.pages_helpers import cells, column_of, shown_with_findings, table_on
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.views import AUDIT, PRIORITIES, WORKFLOWS, entity_labels, entity_rows, linked_task_ids
from workshop.ui.link_tasks_dialog import LinkTasksDialog
from workshop.ui.plan_top_dialog import PlanTopDialog

PEOPLE = (  # name, team, role, stance
    ("Ana Ruiz", "Customer Service", e.Role.MANAGER, e.Stance.CHAMPION),
    ("Ben Ode", "Customer Service", e.Role.EMPLOYEE, e.Stance.SKEPTIC),
    ("Chloé Martin", "Finance", e.Role.MANAGER, e.Stance.CHAMPION),
    ("Dev Patel", "Dispatch", e.Role.MANAGER, e.Stance.NEUTRAL),
    ("Eva Lind", "Sales", e.Role.MANAGER, e.Stance.UNKNOWN),
)
TASKS = (  # title, team, hours a week
    ("Answer status e-mails", "Customer Service", 12),
    ("Log damage claims", "Customer Service", 3),
    ("Match carrier invoices", "Finance", 20),
    ("Re-plan routes after changes", "Dispatch", 9),
    ("Prepare quote documents", "Sales", 6),
)
IDEAS = (  # what, team; the first two say the same and become one opportunity
    ("Draft replies to status e-mails", "Customer Service"),
    ("Reply templates the AI fills in", "Customer Service"),
    ("Match invoices to delivery notes", "Finance"),
    ("Propose new routes when orders change", "Dispatch"),
    ("Draft quotes from past tenders", "Sales"),
)
GROUPS = ((0, 1), (2,), (3,), (4,))  # which ideas make each opportunity
ROOM_ORDER = (  # each manager's ranking, by the idea an opportunity came from
    (2, 0, 3, 4),
    (0, 2, 3, 4),
    (2, 0, 4, 3),
    (0, 2, 3, 4),
)


def _room(window) -> dict[str, int]:
    """Adds the people, the audit's tasks and the ideas as typed on the day; gives the teams' ids."""

    def add(session) -> None:
        for name, team, role, stance in PEOPLE:
            person = ops.participant_named(session, name, team=ops.team_named(session, team), role=role)
            person.stance = stance

    window.context.write(add)
    teams = {name: row_id for row_id, name in window.context.read(entity_labels, "team")}
    tasks = table_on(window, AUDIT, "task")
    for title, team, hours in TASKS:
        assert tasks.add({"title": title, "team_id": teams[team], "hours_per_week": hours})
    ideas = table_on(window, AUDIT, "idea")
    return {what: ideas.add({"what": what, "team_id": teams[team]}) for what, team in IDEAS}


def _promote(window, idea_ids: list[int]) -> None:
    """Chooses the ideas in the table and makes an opportunity of them, accepting the dialog's draft."""
    page = window.page(AUDIT)
    table = page.tables["idea"]
    table.view.clearSelection()
    for idea_id in idea_ids:
        index = table.proxy.mapFromSource(table.model.index(table.model.row_of(idea_id), 0))
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        table.view.selectionModel().select(index, flags)
    page.promote_button.click()
    page.promote_dialog.accept()


def _link_suggested(window, monkeypatch, opportunity_id: int, team: str) -> None:
    """Opens Link tasks on the opportunity and ticks the suggestions: the tasks of its ideas' team."""

    def tick_suggested(dialog: LinkTasksDialog) -> int:
        suggested = [title for title, task_team, _hours in TASKS if task_team == team]
        first = dialog.shown_titles()[: len(suggested)]
        assert sorted(first) == sorted(suggested), "the tasks of the ideas' team come first"
        for title in suggested:
            dialog.tick(title)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkTasksDialog, "exec", tick_suggested)
    table_on(window, PRIORITIES, "opportunity").select_row_id(opportunity_id)
    window.page(PRIORITIES).link_button.click()


def _rank_and_reveal(window, opportunity_by_idea: dict[int, int]) -> None:
    """The managers rank the opportunities (as on the ballot laptop); the round is closed and revealed."""
    people = {row.get("name"): row.id for row in window.context.read(entity_rows, "participant")}
    managers = [people[name] for name, _team, role, _stance in PEOPLE if role is e.Role.MANAGER]

    def vote(session) -> None:
        round_id = ballots.start_round(session, name="Priorities")
        for manager, order in zip(managers, ROOM_ORDER, strict=True):
            ranks = {opportunity_by_idea[idea]: place for place, idea in enumerate(order, 1)}
            ballots.cast_ranking(session, round_id=round_id, participant_id=manager, ranks=ranks)
        ballots.close_round(session, round_id=round_id)
        ballots.reveal_round(session, round_id=round_id)

    window.context.write(vote)


def test_a_workshop_goes_from_ideas_to_a_planned_pilot_with_nothing_retyped(window, monkeypatch):
    idea_ids = list(_room(window).values())
    assert len(window.context.read(entity_rows, "participant")) == len(PEOPLE)
    for group in GROUPS:
        _promote(window, [idea_ids[n] for n in group])
    opportunities = {row.get("title"): row.id for row in window.context.read(entity_rows, "opportunity")}
    titles = [IDEAS[group[0]][0] for group in GROUPS]
    assert sorted(opportunities) == sorted(titles), "each opportunity is named after its first idea"
    opportunity_by_idea = {group[0]: opportunities[IDEAS[group[0]][0]] for group in GROUPS}
    for group in GROUPS:
        what, team = IDEAS[group[0]]
        _link_suggested(window, monkeypatch, opportunities[what], team)
    task_titles = dict(window.context.read(entity_labels, "task"))
    linked = {
        what: {task_titles[t] for t in window.context.read(linked_task_ids, opportunities[what])}
        for what in titles
    }
    assert linked[IDEAS[0][0]] == {"Answer status e-mails", "Log damage claims"}

    _rank_and_reveal(window, opportunity_by_idea)
    page = shown_with_findings(window, WORKFLOWS)
    assert page.plan_button.isEnabled()
    dialog = PlanTopDialog(page.context, page.findings, page)
    planned = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert planned == [IDEAS[0][0], IDEAS[2][0], IDEAS[3][0]], "the top 3 in the room's order"
    assert dialog.on_create_clicked()

    workflows = cells(page.workflows)
    owner = column_of(page.workflows, "Owner / champion")
    drafted = {row[column_of(page.workflows, "Opportunity")]: row[owner] for row in workflows}
    assert drafted == {IDEAS[0][0]: "Ana Ruiz", IDEAS[2][0]: "Chloé Martin", IDEAS[3][0]: "Dev Patel"}
    pilots = table_on(window, WORKFLOWS, "pilot")
    assert pilots.add() is not None, "a pilot starts from the first drafted workflow"
    [pilot] = window.context.read(entity_rows, "pilot")
    workflow_ids = {row.id for row in window.context.read(entity_rows, "workflow")}
    assert pilot.get("workflow_id") in workflow_ids
    assert len(window.context.read(entity_rows, "participant")) == len(PEOPLE), "nobody was added twice"
