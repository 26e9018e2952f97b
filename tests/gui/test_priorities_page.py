"""Priorities: opportunities with linked tasks, and ballot rounds opened, closed and revealed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from tests.gui.pages_helpers import cells, column_of, edit, table_on, undo
from tests.gui.rounds_helpers import answer_next_question, status_of_round, voted_round
from workshop.model import ballots
from workshop.model.views import PRIORITIES, linked_task_ids
from workshop.ui.ballot.reveal import RevealView
from workshop.ui.pages.priorities_page import LinkTasksDialog


def test_an_opportunity_is_added_and_a_taken_title_is_refused(window):
    opportunities = table_on(window, PRIORITIES, "opportunity")
    opportunities.add_button.click()
    assert edit(opportunities, 0, "Opportunity", "Draft replies")
    assert edit(opportunities, 0, "Effort (1-5)", "3")
    opportunities.add_button.click()
    assert not edit(opportunities, 1, "Opportunity", "Draft replies")
    assert "already taken" in window.message_bar.text()
    assert [row[0] for row in cells(opportunities)] == ["Draft replies", "New opportunity"]
    assert not edit(opportunities, 0, "Risk (1-5)", "0")
    assert cells(opportunities)[0][column_of(opportunities, "Risk (1-5)")] == ""


def test_tasks_are_linked_through_the_checkable_list_and_unlinked_on_undo(window, monkeypatch):
    page = window.page(PRIORITIES)
    tasks = window.page("Audit & Discovery").tables["task"]
    tasks.add({"title": "Answer e-mails"})
    second = tasks.add({"title": "Plan routes"})
    opportunities = table_on(window, PRIORITIES, "opportunity")
    opportunity = opportunities.add({"title": "Draft replies"})
    opportunities.select_row_id(opportunity)

    def tick_second(dialog: LinkTasksDialog) -> int:
        dialog.tick("Plan routes")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkTasksDialog, "exec", tick_second)
    page.link_button.click()
    assert window.context.read(linked_task_ids, opportunity) == {second}
    assert cells(opportunities)[0][column_of(opportunities, "Linked tasks")] == "1"
    assert window.context.undo_stack.undoText() == "Link tasks to 'Draft replies'"
    undo(window)
    assert window.context.read(linked_task_ids, opportunity) == set()


def test_a_round_is_opened_then_revealed_only_after_confirming(window, monkeypatch):
    page = window.page(PRIORITIES)
    rounds = table_on(window, PRIORITIES, "ballot_round")
    rounds.add_button.click()
    assert edit(rounds, 0, "Method", "100 points")
    rounds.view.setCurrentIndex(rounds.proxy.index(0, 0))
    status = column_of(rounds, "Status")
    assert cells(rounds)[0][status] == "not open yet"
    page.open_button.click()
    assert cells(rounds)[0][status] == "open"
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No),
    )
    page.reveal_button.click()
    assert len(asked) == 1 and "closed first" in asked[0][2]
    assert cells(rounds)[0][status] == "open"
    undo(window)
    assert cells(rounds)[0][status] == "not open yet"
    assert cells(rounds)[0][column_of(rounds, "Method")] == "100 points"


def _select_round(window, name: str):
    rounds = table_on(window, PRIORITIES, "ballot_round")
    row = next(r for r, shown in enumerate(cells(rounds)) if shown[0] == name)
    rounds.view.setCurrentIndex(rounds.proxy.index(row, 0))
    return rounds


def test_closing_a_round_offers_to_reveal_it_and_later_keeps_it_private(window, store):
    round_id = voted_round(store)
    rounds = _select_round(window, "Priorities")
    asked: list[str] = []
    answer_next_question("Later", asked)
    assert window.page(PRIORITIES).close_button.click() is None
    assert asked == ["Voting in 'Priorities' is closed. Reveal its results to the room now?"]
    assert status_of_round(store, round_id) == "closed"
    assert cells(rounds)[0][column_of(rounds, "Status")] == "closed"
    assert window.room_tools.reveal is None and window.context.discussed_round is None
    assert window.context.undo_stack.undoText() == "Close round 'Priorities'"


def test_reveal_now_after_closing_reveals_the_round_and_shows_it_to_the_room(window, store, qtbot):
    round_id = voted_round(store)
    _select_round(window, "Priorities")
    answer_next_question("Reveal now", [])
    window.page(PRIORITIES).close_button.click()
    qtbot.waitUntil(lambda: window.room_tools.reveal is not None, timeout=60_000)
    assert isinstance(window.centralWidget(), RevealView)
    assert window.centralWidget().step_label.text().startswith("Step 1 of")
    assert status_of_round(store, round_id) == "revealed"
    assert window.context.discussed_round == "Priorities"


def test_reveal_results_on_a_closed_round_reveals_and_shows_it_after_confirming(
    window, store, qtbot, monkeypatch
):
    round_id = voted_round(store)
    with store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    page = window.page(PRIORITIES)
    _select_round(window, "Priorities")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    assert page.reveal_button.text() == "Reveal results..."
    assert page.on_reveal_clicked()
    qtbot.waitUntil(lambda: window.room_tools.reveal is not None, timeout=60_000)
    assert status_of_round(store, round_id) == "revealed"
    window.room_tools.reveal.left.emit()
    _select_round(window, "Priorities")
    assert page.reveal_button.text() == "Show results again" and page.reveal_button.isEnabled()


def test_the_round_table_never_shows_ballot_contents(window):
    rounds = table_on(window, PRIORITIES, "ballot_round")
    headers = [f.header for f in rounds.spec.fields]
    assert headers == ["Round", "Method", "Ties allowed", "Status", "Ballots cast"]


def test_the_priorities_models_pass_the_qt_model_checks(window, qtmodeltester):
    table_on(window, PRIORITIES, "opportunity").add({"title": "Draft replies"})
    window.page(PRIORITIES).tables["ballot_round"].add({"name": "First"})
    for table in window.page(PRIORITIES).tables.values():
        qtmodeltester.check(table.model, force_py=True)
