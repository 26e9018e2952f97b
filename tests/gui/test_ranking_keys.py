"""Ranking by keyboard: every key either changes the ranking shown and the ranking cast alike, or
changes neither; a 10-item ballot goes from the hand-off screen to a stored ballot in 14 keys."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.ui.ballot.boards import RankingBoard
from workshop.ui.ballot.room import BallotRoom
from workshop.ui.context import WorkshopContext

NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
TITLES = [f"Opportunity {number}" for number in NUMBERS]
ITEMS = [(100 + n, title) for n, title in enumerate(TITLES)]
RANKED_ROW = re.compile(r"^\s*(\d+)\.\s+(?:\[[A-Z]\]\s+)?(.+?)(?:  \(tied with the one above\))?$")
UNRANKED_ROW = re.compile(r"^ – \s+(?:\[[A-Z]\]\s+)?(.+)$")

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
KEYS = [
    *((letter, NONE) for letter in "abcdefghijkl"),  # ten items' letters and two that name nothing
    *((digit, NONE) for digit in "170"),
    *((key, NONE) for key in ("=", Qt.Key.Key_Backspace, Qt.Key.Key_Escape, Qt.Key.Key_Return)),
    *((key, NONE) for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End)),
    (Qt.Key.Key_Up, CTRL),
    (Qt.Key.Key_Down, CTRL),
]


def shown_ranking(board: RankingBoard, ids: dict[str, int]) -> dict[int, int]:
    """Gives the ranking as the list shows it, read from the rows' text alone (unranked rows left out)."""
    shown: dict[int, int] = {}
    for row in range(board.count()):
        text = board.item(row).text()
        ranked, unranked = RANKED_ROW.match(text), UNRANKED_ROW.match(text)
        if ranked:
            shown[ids[ranked.group(2)]] = int(ranked.group(1))
        else:
            assert unranked or "unranked" in text, f"a row that is neither ranked nor unranked: {text!r}"
    return shown


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    keys=st.lists(st.sampled_from(KEYS), max_size=40),
    allow_ties=st.booleans(),
    top_k=st.one_of(st.none(), st.integers(min_value=1, max_value=9)),
)
def test_every_key_leaves_the_ranking_cast_equal_to_the_ranking_shown(qtbot, keys, allow_ties, top_k):
    board = RankingBoard(ITEMS, allow_ties=allow_ties, top_k=top_k)
    qtbot.addWidget(board)
    places = top_k or len(ITEMS)
    for key, modifier in keys:
        QTest.keyClick(board, key, modifier)
        assert board.ranks() == shown_ranking(board, {title: item for item, title in ITEMS})
        assert len(board.ranks()) == places
        assert board.typed_line.text()  # the typed line always says where the voter stands


def test_a_ten_item_ballot_goes_from_the_hand_off_to_the_store_in_14_keys(window, qtbot, store):
    with store.transaction() as s:
        voters = [ops.participant_named(s, f"Manager {n}", role=e.Role.MANAGER).id for n in range(3)]
        items = [ops.opportunity_titled(s, title).id for title in TITLES]
        round_id = ballots.start_round(s, name="Ten items")
    window.activateWindow()
    room = window.room_tools.start_ballot_mode(round_id)
    room.start_ballot(voters[2])  # the previous voter casts, and the hand-off screen awaits the next
    room.ask_to_confirm()
    room.cast()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is room.handoff.main_button)
    presses = []

    def press(key: Qt.Key | str) -> None:
        presses.append(key)
        focused = QApplication.focusWidget()
        assert focused is not None, "no widget has the keyboard"
        QTest.keyClick(focused, key)

    press(Qt.Key.Key_Return)  # next voter: the names
    press(Qt.Key.Key_Down)  # choose a name
    press(Qt.Key.Key_Return)  # start the ballot
    board = room.board
    assert isinstance(board, RankingBoard) and QApplication.focusWidget() is board
    wanted = sorted(items, key=lambda item: TITLES[items.index(item)][::-1])  # an order of its own
    for item in wanted[:-1]:
        press(board.draft.key_of(item).lower())
    assert (
        board.ranks()
        == {item: place for place, item in enumerate(wanted, 1)}
        == shown_ranking(board, dict(zip(TITLES, items, strict=True)))
    )
    assert "press Enter" in board.typed_line.text()
    press(Qt.Key.Key_Return)  # ask to cast
    assert room.stack.currentWidget() is room.confirm
    press(Qt.Key.Key_Return)  # cast
    assert len(presses) <= 14
    assert room.stack.currentWidget() is room.handoff
    with store.reading() as s:
        ballot = s.query(e.Ballot).filter(e.Ballot.participant_id != voters[2]).one()
        stored = {entry.opportunity_id: entry.rank for entry in ballot.entries}
    assert stored == {item: place for place, item in enumerate(wanted, 1)}


def test_a_top_k_ballot_shows_its_line_under_place_k_and_casts_k_places(qtbot, store):
    with store.transaction() as s:
        voter = ops.participant_named(s, "Manager", role=e.Role.MANAGER).id
        items = [ops.opportunity_titled(s, title).id for title in TITLES[:6]]
        round_id = ballots.start_round(s, name="Top three", item_ids=items[:5], top_k=3)
    room = BallotRoom(WorkshopContext(store), round_id)
    qtbot.addWidget(room)
    room.start_ballot(voter)
    board = room.board
    assert isinstance(board, RankingBoard)
    rows = [board.item(row).text() for row in range(board.count())]
    assert rows[3] == "Only your top 3 count; the rest stay unranked"
    assert len(rows) == 6 and not any(TITLES[5] in row for row in rows)  # only the round's five
    wanted = [items[4], items[0], items[2]]
    for item in wanted:
        QTest.keyClick(board, board.draft.key_of(item))
    assert "press Enter" in board.typed_line.text()
    QTest.keyClick(board, board.draft.key_of(items[1]))  # a fourth choice changes nothing
    assert board.ranks() == {item: place for place, item in enumerate(wanted, 1)}
    room.ask_to_confirm()
    room.cast()
    with store.reading() as s:
        stored = {row.opportunity_id: row.rank for row in s.query(e.BallotEntry)}
    assert stored == {item: place for place, item in enumerate(wanted, 1)}
