"""Ballot mode and the reveal inside the main window: voters reach nothing else; the facilitator returns."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QInputDialog

from tests.gui.rounds_helpers import answer_next_question, status_of_round, voted_round
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.ui.ballot.reveal import RevealView
from workshop.ui.ballot.room import BallotRoom


def open_round(store, pin=None) -> int:
    with store.transaction() as s:
        for i in range(3):
            ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER)
        for title in ("Invoices", "Replies", "Summaries"):
            ops.opportunity_titled(s, title)
        return ballots.start_round(s, name="Priorities", method=e.BallotMethod.RANKING, pin=pin)


def test_ballot_mode_hides_menus_and_switches_off_their_shortcuts(window, store):
    round_id = open_round(store, pin="2468")
    tools = window.room_tools
    room = tools.start_ballot_mode(round_id)
    assert window.centralWidget() is room
    assert not window.menuBar().isVisible()
    assert not window.projector_action.isEnabled() and not tools.menu.menuAction().isEnabled()
    window.close()  # a voter tries to close the laptop's window
    assert window.isVisible() and room.stack.currentWidget() is room.facilitator
    assert not room.leave("1111")
    assert room.leave("2468")
    assert window.centralWidget() is not room and window.menuBar().isVisible()
    assert window.projector_action.isEnabled()


def test_the_room_menu_starts_ballot_mode_on_the_chosen_open_round(window, store, monkeypatch):
    open_round(store)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *args: (args[3][0], True)))
    window.room_tools.on_ballot_mode_triggered()
    assert isinstance(window.centralWidget(), BallotRoom)
    assert window.centralWidget().progress().sentence == "0 of 3 have voted"


def test_a_revealed_round_is_shown_to_the_room_step_by_step(window, store):
    round_id = open_round(store)
    with store.transaction() as s:
        voters = [v.id for v in ballots.eligible_voters(s, round_id=round_id)]
        items = [i for i, _ in ballots.ballot_sheet(s, round_id=round_id, participant_id=voters[0]).items]
        for shift, voter in enumerate(voters):
            ranks = {item: (place + shift) % 3 + 1 for place, item in enumerate(items)}
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
        ballots.reveal_round(s, round_id=round_id)
    assert window.room_tools.start_reveal("Priorities").wait()
    view = window.room_tools.reveal
    assert isinstance(view, RevealView) and window.centralWidget() is view
    assert view.step_label.text().startswith("Step 1 of 4")
    view.left.emit()
    assert window.centralWidget() is not view and window.menuBar().isVisible()


def test_the_timer_is_on_every_page_and_large_in_projector_mode(window):
    timer = window.room_tools.timer
    assert timer.isVisible()
    normal = timer.display.sizeHint().height()
    window.set_projector_mode(True)
    timer.display.ensurePolished()
    assert timer.display.sizeHint().height() > 1.5 * normal
    assert timer.display.width() >= timer.display.fontMetrics().horizontalAdvance("20:00")


def test_a_new_round_names_its_voters_method_and_pin_then_opens_ballot_mode(window, store, monkeypatch):
    from workshop.ui.ballot.new_round import NewRoundDialog

    open_round(store)
    made = []

    def fill_and_accept(dialog):
        made.append(dialog)
        dialog.name.setText("Second look")
        dialog.method.setCurrentIndex(dialog.method.findText("100 points"))
        dialog.voters.item(0).setCheckState(Qt.CheckState.Unchecked)
        dialog.pin.setText("97")
        dialog.pin_again.setText("97")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewRoundDialog, "exec", fill_and_accept)
    window.room_tools.on_new_round_triggered()
    room = window.centralWidget()
    assert isinstance(room, BallotRoom) and room.round_id == made[0].round_id
    assert room.progress().sentence == "0 of 2 have voted" and room.progress().pin_required
    with store.reading() as s:
        assert ballots.round_progress(s, round_id=room.round_id).method is e.BallotMethod.POINTS
    assert room.leave("97")


def test_a_round_needs_a_name_and_a_voter(window, store):
    from workshop.ui.ballot.new_round import NewRoundDialog

    open_round(store)
    dialog = NewRoundDialog(window.context, window)
    dialog.accept()
    assert "needs a name" in dialog.problem.text() and dialog.round_id is None
    dialog.name.setText("Priorities")
    dialog.accept()
    assert "already exists" in dialog.problem.text()
    for i in range(dialog.voters.count()):
        dialog.voters.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    assert dialog.problem.text() == "Tick at least one person who votes."


def test_ties_can_be_allowed_for_a_ranking_round_only(window, store):
    from workshop.ui.ballot.new_round import NewRoundDialog

    open_round(store)
    dialog = NewRoundDialog(window.context, window)
    assert dialog.allow_ties.isEnabled()
    dialog.name.setText("Tied")
    dialog.allow_ties.setChecked(True)
    dialog.accept()
    with store.reading() as s:
        assert s.get(e.BallotRound, dialog.round_id).allow_ties
    dialog.method.setCurrentIndex(dialog.method.findText("100 points"))
    assert not dialog.allow_ties.isEnabled()


def test_the_reveal_chooser_lists_every_round_and_greys_open_ones_with_the_reason(window, store):
    from workshop.model.gather import rounds_to_show
    from workshop.ui.ballot.reveal_chooser import RevealChooser

    closed = voted_round(store, "Closed round")
    shown = voted_round(store, "Shown round", people=False)
    voted_round(store, "Still voting", people=False)
    with store.transaction() as s:
        ballots.close_round(s, round_id=closed)
        ballots.reveal_round(s, round_id=shown)
    chooser = RevealChooser(window.context.read(rounds_to_show), window)
    lines = {chooser.list.item(row).text(): chooser.list.item(row) for row in range(chooser.list.count())}
    assert set(lines) == {
        "Still voting (ranking)\nstill open: close it first",
        "Shown round (ranking)\nrevealed; choose it to show it again",
        "Closed round (ranking)\nclosed, not revealed yet; choosing it reveals it to the room",
    }
    still_open = lines["Still voting (ranking)\nstill open: close it first"]
    assert not still_open.flags() & Qt.ItemFlag.ItemIsEnabled
    assert chooser.chosen().name == "Shown round" and chooser.show_button.text() == "Show again"
    chooser.list.setCurrentRow(chooser.list.row(lines[next(t for t in lines if t.startswith("Closed"))]))
    assert chooser.show_button.text() == "Reveal" and chooser.show_button.isEnabled()
    assert status_of_round(store, closed) == "closed"  # nothing is revealed before the choice is made


def test_choosing_a_closed_round_in_the_room_menu_reveals_it_and_shows_it(window, store, qtbot, monkeypatch):
    from workshop.ui.ballot.reveal_chooser import RevealChooser

    round_id = voted_round(store)
    with store.transaction() as s:
        ballots.close_round(s, round_id=round_id)

    def choose_the_closed_round(chooser: RevealChooser) -> int:
        assert chooser.chosen() is not None and chooser.chosen().name == "Priorities"
        return RevealChooser.DialogCode.Accepted

    monkeypatch.setattr(RevealChooser, "exec", choose_the_closed_round)
    window.room_tools.on_reveal_triggered()
    assert status_of_round(store, round_id) == "revealed"
    assert window.context.discussed_round == "Priorities"
    qtbot.waitUntil(lambda: isinstance(window.centralWidget(), RevealView), timeout=60_000)


def test_closing_voting_from_the_room_menu_offers_to_reveal_now(window, store, monkeypatch):
    round_id = voted_round(store)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *args: (args[3][0], True)))
    asked: list[str] = []
    answer_next_question("Later", asked)
    window.room_tools.on_close_round_triggered()
    assert asked == ["Voting in 'Priorities' is closed. Reveal its results to the room now?"]
    assert status_of_round(store, round_id) == "closed" and window.room_tools.reveal is None


def test_leaving_ballot_mode_once_everyone_voted_offers_to_close_and_reveal(window, store, qtbot):
    round_id = voted_round(store)
    room = window.room_tools.start_ballot_mode(round_id)
    asked: list[str] = []
    answer_next_question("Close and reveal now", asked)
    room.left.emit()
    assert asked == ["Everyone has voted in 'Priorities'. Close voting and reveal the results now?"]
    assert status_of_round(store, round_id) == "revealed"
    qtbot.waitUntil(lambda: isinstance(window.centralWidget(), RevealView))


def test_closing_without_revealing_keeps_the_results_private(window, store):
    round_id = voted_round(store)
    room = window.room_tools.start_ballot_mode(round_id)
    answer_next_question("Close, reveal later", [])
    room.left.emit()
    assert status_of_round(store, round_id) == "closed" and window.room_tools.reveal is None


def test_leaving_while_some_have_not_voted_asks_nothing_and_keeps_voting_open(window, store):
    round_id = open_round(store)
    room = window.room_tools.start_ballot_mode(round_id)
    room.left.emit()  # a modal question here would hang the test
    assert status_of_round(store, round_id) == "open" and window.room_tools.reveal is None


def test_the_reveal_chooser_shows_every_line_whole_in_projector_type(window, store, qtbot):
    from PySide6.QtWidgets import QApplication

    from workshop.model.gather import rounds_to_show
    from workshop.ui.ballot.reveal_chooser import RevealChooser

    voted_round(store, "Which pilots do we start first, and which can wait until the spring review")
    with store.transaction() as s:
        ballots.start_round(s, name="100 points", method=e.BallotMethod.POINTS)
    window.set_projector_mode(True)
    chooser = RevealChooser(window.context.read(rounds_to_show), window)
    qtbot.addWidget(chooser)
    chooser.show()
    QApplication.processEvents()
    items = [chooser.list.item(row).text() for row in range(chooser.list.count())]
    assert "100 points\nstill open: close it first" in items  # the method is not said twice
    metrics, width = chooser.list.fontMetrics(), chooser.list.viewport().width()
    for row, text in enumerate(items):
        shown = chooser.list.visualItemRect(chooser.list.item(row))
        needed = metrics.boundingRect(QRect(0, 0, shown.width(), 10_000), Qt.TextFlag.TextWordWrap, text)
        assert shown.width() <= width and needed.height() <= shown.height(), text


def test_with_one_round_open_ballot_mode_starts_on_it_without_asking(window, store, monkeypatch):
    open_round(store)
    asked = []
    ask = staticmethod(lambda *args: asked.append(args) or ("", False))
    monkeypatch.setattr(QInputDialog, "getItem", ask)
    window.room_tools.on_ballot_mode_triggered()
    assert asked == [] and isinstance(window.centralWidget(), BallotRoom)
