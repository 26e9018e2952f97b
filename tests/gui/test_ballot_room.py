"""Ballot mode on the shared laptop: a clean ballot by keyboard alone, a blank hand-off, the PIN."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.ui.ballot.boards import PointsBoard, RankingBoard
from workshop.ui.ballot.room import BallotRoom
from workshop.ui.context import WorkshopContext

TITLES = [
    f"Opportunity {name}"
    for name in ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel")
]


@pytest.fixture
def room_setup(store):
    with store.transaction() as s:
        managers = [ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER).id for i in range(3)]
        items = {title: ops.opportunity_titled(s, title).id for title in TITLES}
    return store, managers, items


def open_room(qtbot, store, *, method=e.BallotMethod.RANKING, pin=None) -> BallotRoom:
    with store.transaction() as s:
        round_id = ballots.start_round(s, name="Priorities", method=method, pin=pin)
    room = BallotRoom(WorkshopContext(store), round_id)
    qtbot.addWidget(room)
    room.resize(1280, 800)
    room.show()
    qtbot.waitExposed(room)
    return room


class Keyboard:
    """Presses keys on whatever has the keyboard focus inside the room, counting them.

    The room's own focus child is used rather than the application's, which depends on which
    top-level window the (screenless) test platform considers active.
    """

    def __init__(self, qtbot, room: BallotRoom) -> None:
        self.qtbot, self.room, self.presses = qtbot, room, 0

    def press(self, key: Qt.Key | str) -> None:
        self.presses += 1
        self.qtbot.keyClick(self.room.focusWidget() or self.room, key)


def stored_ranks(store) -> dict[int, int]:
    with store.reading() as s:
        return dict(s.query(e.BallotEntry.opportunity_id, e.BallotEntry.rank).all())


def test_a_ranking_of_eight_items_is_cast_by_keyboard_in_at_most_25_presses(qtbot, room_setup):
    store, _managers, items = room_setup
    room = open_room(qtbot, store)
    keys = Keyboard(qtbot, room)
    keys.press(Qt.Key.Key_Return)  # the first voter is selected: start the ballot
    board = room.board
    assert isinstance(board, RankingBoard)
    wanted = {item: place for place, item in enumerate(sorted(items.values(), reverse=True), 1)}
    for item in board.draft.entry_order:
        keys.press(str(wanted[item]))
    keys.press(Qt.Key.Key_Return)  # to the one confirmation
    assert room.stack.currentWidget() is room.confirm
    keys.press(Qt.Key.Key_Return)  # cast
    assert keys.presses <= 25
    assert stored_ranks(store) == wanted
    assert room.stack.currentWidget() is room.handoff


def test_the_hand_off_screen_shows_nothing_of_the_ballot_just_cast(qtbot, room_setup, tmp_path):
    store, managers, _items = room_setup
    room = open_room(qtbot, store)
    room.start_ballot(managers[0])
    room.ask_to_confirm()
    room.cast()
    qtbot.waitUntil(lambda: not room.findChildren(RankingBoard))  # the ballot's widgets are gone
    shown = " ".join(label.text() for label in room.handoff.findChildren(QLabel))
    assert "Pass the laptop to the next person." in shown
    assert "1 of 3 have voted" in shown
    assert not any(title in shown for title in TITLES)
    picture = room.grab()
    assert picture.save(str(tmp_path / "handoff.png"))


def test_a_voter_cannot_leave_ballot_mode_without_the_pin(qtbot, room_setup):
    store, _, _ = room_setup
    room = open_room(qtbot, store, pin="4711")
    left = []
    room.left.connect(lambda: left.append(True))
    room.ask_for_facilitator()
    assert room.pin_field.isVisible()
    assert room.leave("1234") is False and left == []
    assert "not right" in room.pin_message.text()
    assert room.leave("4711") is True and left == [True]


def test_voting_again_replaces_the_ballot(qtbot, room_setup):
    store, managers, _items = room_setup
    room = open_room(qtbot, store)
    for _ in range(2):
        room.start_ballot(managers[1])
        room.ask_to_confirm()
        room.cast()
        room.show_picker()
    with store.reading() as s:
        assert s.query(e.Ballot).count() == 1
    marks = [room.voter_list.item(i).text() for i in range(room.voter_list.count())]
    assert sum("has voted" in mark for mark in marks) == 1


def test_points_can_be_cast_only_when_they_add_up_to_100(qtbot, room_setup):
    store, managers, _items = room_setup
    room = open_room(qtbot, store, method=e.BallotMethod.POINTS)
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
    room = open_room(qtbot, store)
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
        room = open_room(qtbot, store)
        room.start_ballot(managers[0])
        room.ask_to_confirm()
        room.cast()
    finally:
        QCoreApplication.removeTranslator(translator)
    shown = [label.text() for label in room.handoff.findChildren(QLabel)]
    assert "PASS THE LAPTOP TO THE NEXT PERSON." in shown
