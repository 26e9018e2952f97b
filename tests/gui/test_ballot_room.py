"""Ballot mode on the shared laptop, keyboard only from a cold start: keys are sent where the keyboard would
deliver them (QApplication.focusWidget()) in the shown main window, never to a widget picked by the test."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton, QWidget

from workshop.lockout import Lockout
from workshop.model import ballots, voter_codes
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.ui.ballot.boards import PointsBoard, RankingBoard
from workshop.ui.ballot.room import BallotRoom
from workshop.ui.context import WorkshopContext

TITLES = [
    f"Opportunity {name}"
    for name in ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel")
]
NAMES = ("Ana-Maria Castillo", "Bo Lindqvist", "Chen Wei")
CHORD = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def room_setup(store):
    with store.transaction() as s:
        sales = ops.team_named(s, "Sales and Customer Success")
        managers = [
            ops.participant_named(s, name, role=e.Role.MANAGER, team=sales if i == 0 else None).id
            for i, name in enumerate(NAMES)
        ]
        items = {title: ops.opportunity_titled(s, title).id for title in TITLES}
    return store, managers, items


def start_round(store, **kwargs) -> int:
    with store.transaction() as s:
        return ballots.start_round(s, name="Priorities", **kwargs)


def in_window(window, qtbot, round_id: int) -> BallotRoom:
    """Gives the room that took over the shown main window, with the keyboard where it put it."""
    window.activateWindow()
    room = window.room_tools.start_ballot_mode(round_id)
    clock = Clock()
    room.clock = clock
    room.pin_lockout, room.code_lockout = Lockout(clock), Lockout(clock)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is room.voter_list)
    return room


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard"
    return widget


def press(qtbot, key: Qt.Key | str, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def typed(qtbot, words: str) -> None:
    qtbot.keyClicks(focused(), words)


def in_board(room: BallotRoom) -> bool:
    """Gives whether the keys are in the ballot board (or the list inside it)."""
    board = room.board
    return board is not None and (focused() is board or board.isAncestorOf(focused()))


def stored_ranks(store) -> dict[int, int]:
    with store.reading() as s:
        return dict(s.query(e.BallotEntry.opportunity_id, e.BallotEntry.rank).all())


def rows(room: BallotRoom) -> list[str]:
    return [room.voter_list.item(i).text() for i in range(room.voter_list.count())]


def vote_by_keys(qtbot, room: BallotRoom, letter: str) -> None:
    """Chooses the voter whose name starts with `letter`, keeps the ballot's order and casts it."""
    typed(qtbot, letter)
    press(qtbot, Qt.Key.Key_Return)
    assert in_board(room)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is room.confirm.main_button
    press(qtbot, Qt.Key.Key_Return)


def test_the_name_list_starts_with_the_keys_and_no_name_chosen(window, qtbot, room_setup):
    store, _managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store))
    assert room.voter_list.selectedItems() == []
    press(qtbot, Qt.Key.Key_Return)
    assert room.stack.currentWidget() is room.picker
    assert room.picker_message.text() == "Choose your name first."
    press(qtbot, Qt.Key.Key_Down)
    assert [row.text() for row in room.voter_list.selectedItems()] == [rows(room)[0]]
    typed(qtbot, "c")
    assert room.voter_list.selectedItems()[0].text() == "Chen Wei"
    press(qtbot, Qt.Key.Key_Return)
    assert room.stack.currentWidget() is room.ballot_page
    assert in_board(room) and "Chen Wei" in room.ballot_page.findChild(QLabel).text()


def test_a_ranking_is_cast_by_keyboard_alone_and_the_hand_off_takes_the_next_voter(window, qtbot, room_setup):
    store, _managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store))
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    board = room.board
    assert isinstance(board, RankingBoard) and in_board(room)
    wanted = board.ranks()  # the order shown, kept as it is
    press(qtbot, Qt.Key.Key_Return)
    assert room.stack.currentWidget() is room.confirm and focused() is room.confirm.main_button
    assert focused().text() == "Cast my ballot"
    press(qtbot, Qt.Key.Key_Return)
    assert stored_ranks(store) == wanted
    assert room.stack.currentWidget() is room.handoff
    assert focused() is room.handoff.main_button and focused().text() == "Next voter"
    assert "Pass the laptop to the next person." in room.handoff_next.text()
    press(qtbot, Qt.Key.Key_Return)
    assert room.stack.currentWidget() is room.picker and focused() is room.voter_list
    assert room.voter_list.selectedItems() == []  # Enter, Enter cannot vote in the last voter's name


def test_after_the_last_voter_the_hand_off_sends_the_laptop_back_to_the_facilitator(
    window, qtbot, room_setup
):
    store, _managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store))
    for letter in "abc":
        vote_by_keys(qtbot, room, letter)
        shown = room.handoff_next.text()
        if letter != "c":
            press(qtbot, Qt.Key.Key_Return)
    assert shown == "Everyone has voted. Please hand the laptop back to the facilitator."
    assert room.handoff_progress.text() == "3 of 3 have voted"


def test_after_the_last_of_the_rounds_own_voters_the_hand_off_says_everyone_voted_and_what_comes_next(
    window, qtbot, room_setup
):
    store, managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store, voter_ids=managers[1:]))  # Bo and Chen, not Ana-Maria
    vote_by_keys(qtbot, room, "b")
    assert room.handoff_next.text() == "Pass the laptop to the next person."
    assert not room.handoff_facilitator.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    vote_by_keys(qtbot, room, "c")
    assert room.handoff_next.text() == "Everyone has voted. Please hand the laptop back to the facilitator."
    assert room.handoff_progress.text() == "2 of 2 have voted"
    assert room.handoff_facilitator.isVisible()
    assert "close voting and reveal the results" in room.handoff_facilitator.text()


def test_a_voter_who_voted_is_marked_and_asked_before_the_ballot_is_replaced(window, qtbot, room_setup):
    store, managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store))
    vote_by_keys(qtbot, room, "b")
    press(qtbot, Qt.Key.Key_Return)  # next voter
    assert rows(room)[1] == "Bo Lindqvist\n✓ has voted"
    typed(qtbot, "b")
    press(qtbot, Qt.Key.Key_Return)
    assert room.stack.currentWidget() is room.replace_question
    assert room.replace_heading.text() == "Replace your earlier ballot?"
    assert focused() is room.replace_question.main_button and focused().text() == "No, back to the names"
    press(qtbot, Qt.Key.Key_Return)  # Enter keeps the earlier ballot
    assert room.stack.currentWidget() is room.picker
    typed(qtbot, "b")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused().text() == "Yes, replace it"
    press(qtbot, Qt.Key.Key_Return)
    assert in_board(room)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    with store.reading() as s:
        assert s.query(e.Ballot).count() == 1
        (replaced,) = s.query(e.BallotReplacement).all()
        assert replaced.participant_id == managers[1] and replaced.replaced_at >= replaced.earlier_cast_at


def test_the_has_voted_mark_fits_its_row(qtbot, room_setup):
    store, managers, items = room_setup
    round_id = start_round(store)
    with store.transaction() as s:
        for voter in managers:
            ranks = {item: place for place, item in enumerate(items.values(), 1)}
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
    for width, height in ((1280, 800), (1920, 1080)):
        room = open_room(qtbot, store, round_id, size=(width, height))
        voter_list = room.voter_list
        metrics = voter_list.fontMetrics()
        for row in range(voter_list.count()):
            item = voter_list.item(row)
            shown = voter_list.visualItemRect(item)
            needed = metrics.boundingRect(
                QRect(0, 0, shown.width(), 10_000), Qt.TextFlag.TextWordWrap, item.text()
            )
            assert "✓ has voted" in item.text()
            assert needed.height() <= shown.height() and needed.width() <= shown.width(), item.text()


def open_room(qtbot, store, round_id: int, *, size=(1280, 800)) -> BallotRoom:
    room = BallotRoom(WorkshopContext(store), round_id)
    qtbot.addWidget(room)
    room.resize(*size)
    room.show()
    qtbot.waitExposed(room)
    return room


def test_with_codes_a_voter_types_their_card_and_wrong_codes_wait_longer_each_time(window, qtbot, room_setup):
    store, managers, _items = room_setup
    round_id = start_round(store, uses_codes=True)
    with store.reading() as s:
        cards = {card.voter: card.code for card in voter_codes.voter_cards(s, round_id=round_id)}
    room = in_window(window, qtbot, round_id)
    typed(qtbot, "a")
    press(qtbot, Qt.Key.Key_Return)
    assert room.stack.currentWidget() is room.code_entry and focused() is room.code_field
    assert room.code_field.echoMode() == room.code_field.EchoMode.Password
    for _ in range(3):
        typed(qtbot, cards["Bo Lindqvist"])  # somebody else's card
        press(qtbot, Qt.Key.Key_Return)
    assert not room.code_field.isEnabled()
    assert room.code_message.text() == "Too many wrong tries. Try again in 5 seconds."
    room.clock.now += 5
    room.show_lockouts()
    assert room.code_field.isEnabled() and focused() is room.code_field
    own = cards["Ana-Maria Castillo"]
    typed(qtbot, f" {own[:3].lower()} {own[4:]} ")
    press(qtbot, Qt.Key.Key_Return)
    assert room.stack.currentWidget() is room.ballot_page and in_board(room)
    assert room.voter is not None and room.voter.id == managers[0]


def test_three_wrong_pins_lock_the_field_for_5_then_10_seconds(window, qtbot, room_setup):
    store, _managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store, pin="4711"))
    left = []
    room.left.connect(lambda: left.append(True))
    qtbot.mouseClick(facilitator_button(room), Qt.MouseButton.LeftButton)
    assert room.stack.currentWidget() is room.facilitator and focused() is room.pin_field
    for _ in range(3):
        typed(qtbot, "1234")
        press(qtbot, Qt.Key.Key_Return)
    assert not room.pin_field.isEnabled() and "5 seconds" in room.pin_message.text()
    assert room.leave("4711") is False and left == []  # not even the right PIN while it waits
    room.clock.now += 4
    room.show_lockouts()
    assert room.pin_message.text() == "Too many wrong tries. Try again in 1 second."
    room.clock.now += 1
    room.show_lockouts()
    assert room.pin_field.isEnabled() and focused() is room.pin_field
    typed(qtbot, "0000")
    press(qtbot, Qt.Key.Key_Return)
    assert "10 seconds" in room.pin_message.text()
    room.clock.now += 10
    room.show_lockouts()
    typed(qtbot, "4711")
    press(qtbot, Qt.Key.Key_Return)
    assert left == [True] and window.centralWidget() is not room


def facilitator_button(room: BallotRoom) -> QPushButton:
    page = room.stack.currentWidget()
    return next(b for b in page.findChildren(QPushButton) if b.text() == "Facilitator…" and b.isVisible())


def test_without_a_pin_one_click_does_not_leave_but_the_facilitator_keys_do(window, qtbot, room_setup):
    store, _managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store))
    qtbot.mouseClick(facilitator_button(room), Qt.MouseButton.LeftButton)
    assert window.centralWidget() is room
    assert room.pin_prompt.text().startswith("Only the facilitator should continue")
    assert not room.leave_button.isVisible() and focused() is room.back_to_voting
    press(qtbot, Qt.Key.Key_Return)  # a voter's Enter goes back to voting
    assert room.stack.currentWidget() is room.picker and focused() is room.voter_list
    press(qtbot, Qt.Key.Key_L, CHORD)
    assert room.pin_prompt.text().startswith("Leave ballot mode?")
    assert focused() is room.leave_button
    press(qtbot, Qt.Key.Key_Return)
    assert window.centralWidget() is not room and window.menuBar().isVisible()


def test_the_facilitator_keys_still_ask_for_the_pin_when_there_is_one(window, qtbot, room_setup):
    store, _managers, _items = room_setup
    room = in_window(window, qtbot, start_round(store, pin="2468"))
    press(qtbot, Qt.Key.Key_L, CHORD)
    assert room.stack.currentWidget() is room.facilitator and focused() is room.pin_field
    press(qtbot, Qt.Key.Key_Return)
    assert window.centralWidget() is room and "not right" in room.pin_message.text()


def test_the_facilitator_sees_which_ballots_were_replaced_and_when(qtbot, room_setup):
    store, managers, items = room_setup
    round_id = start_round(store)
    ranks = {item: place for place, item in enumerate(items.values(), 1)}
    with store.transaction() as s:
        for voter in (managers[0], managers[0], managers[2], managers[2], managers[1]):
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
        times = [f"{r.replaced_at:%H:%M}" for r in ballots.replacements(s, round_id=round_id)]
    room = open_room(qtbot, store, round_id)
    room.ask_for_facilitator()
    assert room.replaced_line.text() == (
        f"2 ballots were replaced: Ana-Maria Castillo at {times[0]}, Chen Wei at {times[1]}."
    )


def test_the_hand_off_screen_shows_nothing_of_the_ballot_just_cast(qtbot, room_setup, tmp_path):
    store, managers, _items = room_setup
    room = open_room(qtbot, store, start_round(store))
    room.start_ballot(managers[0])
    room.ask_to_confirm()
    room.cast()
    qtbot.waitUntil(lambda: not room.findChildren(RankingBoard))  # the ballot's widgets are gone
    shown = " ".join(label.text() for label in room.handoff.findChildren(QLabel))
    assert "Thank you — your ballot is saved." in shown
    assert "1 of 3 have voted" in shown
    assert not any(title in shown for title in TITLES)
    assert not re.search(r"\w - \w", shown)  # dashes, not hyphens, between words


def test_points_can_be_cast_only_when_they_add_up_to_100(qtbot, room_setup):
    store, managers, _items = room_setup
    room = open_room(qtbot, store, start_round(store, method=e.BallotMethod.POINTS))
    room.start_ballot(managers[0])
    board = room.board
    assert isinstance(board, PointsBoard)
    boxes = list(board.boxes.values())
    boxes[0].setValue(60)
    assert board.points_left.text() == "Points left: 40 of 100"
    assert not room.ballot_page.main_button.isEnabled()
    boxes[1].setValue(50)
    assert "10 points too many" in board.points_left.text()
    boxes[1].setValue(40)
    assert room.ballot_page.main_button.isEnabled()
    room.ask_to_confirm()
    room.cast()
    with store.reading() as s:
        assert sorted(p for (p,) in s.query(e.BallotEntry.points).all() if p) == [40, 60]


def test_the_voter_list_shows_no_one_elses_answers(qtbot, room_setup):
    store, managers, _items = room_setup
    room = open_room(qtbot, store, start_round(store))
    room.start_ballot(managers[0])
    room.ask_to_confirm()
    room.cast()
    room.show_picker()
    texts = [w.item(i).text() for w in room.findChildren(QListWidget) for i in range(w.count())]
    assert not any(title in text for title in TITLES for text in texts)


def test_the_voters_screens_follow_an_installed_translation(qtbot, room_setup):
    from PySide6.QtCore import QCoreApplication, QTranslator

    class Shouting(QTranslator):
        """Capitals for the words, while {placeholders} stay as a real translation keeps them."""

        def translate(self, context, source, disambiguation=None, n=-1):
            if context != "workshop":
                return ""
            return re.sub(r"(\{[^}]*\}|%n)|([^{%]+|%)", lambda m: m.group(1) or m.group(2).upper(), source)

    store, managers, _ = room_setup
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        room = open_room(qtbot, store, start_round(store))
        room.start_ballot(managers[0])
        room.ask_to_confirm()
        room.cast()
    finally:
        QCoreApplication.removeTranslator(translator)
    shown = [label.text() for label in room.handoff.findChildren(QLabel)]
    assert "PASS THE LAPTOP TO THE NEXT PERSON." in shown


def test_a_new_round_can_give_each_voter_a_code(window, room_setup):
    from workshop.ui.ballot.new_round import NewRoundDialog

    store, managers, _items = room_setup
    dialog = NewRoundDialog(window.context, window)
    dialog.name.setText("With cards")
    dialog.uses_codes.setChecked(True)
    dialog.accept()
    with store.reading() as s:
        cards = voter_codes.voter_cards(s, round_id=dialog.round_id)
        assert ballots.round_progress(s, round_id=dialog.round_id).uses_codes
    assert [card.voter for card in cards] == list(NAMES)
    assert len({card.code for card in cards}) == len(managers)


def test_the_room_menu_prints_the_cards_of_a_round_with_codes(window, room_setup, monkeypatch, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from workshop.ui.ballot.voter_cards_tool import print_voter_cards

    store, _managers, _items = room_setup
    round_id = start_round(store, uses_codes=True)
    texts = [action.text() for action in window.room_tools.menu.actions()]
    assert "Print &Voter Cards…" in texts
    target = tmp_path / "cards.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), "")))
    task = print_voter_cards(window, window.context)
    assert task is not None and task.wait()
    (page,) = PdfReader(target).pages
    with store.reading() as s:
        cards = voter_codes.voter_cards(s, round_id=round_id)
    assert all(card.code in page.extract_text() for card in cards)
