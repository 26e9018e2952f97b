"""One laptop, many voters: a replaced ballot is recorded for the facilitator; voter codes on cards."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from workshop.model import ballots, voter_codes
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.backup import back_up
from workshop.model.exporting import export_json, write_backup_json
from workshop.model.merging import merge_workshops
from workshop.model.restoring import import_json
from workshop.model.store import create_workshop


@pytest.fixture
def room(store):
    """Gives (store, manager ids, opportunity ids) for a room of 5 managers and 3 opportunities."""
    with store.transaction() as s:
        team = ops.team_named(s, "Ops")
        managers = [
            ops.participant_named(s, f"Manager {i}", team=team, role=e.Role.MANAGER).id for i in range(5)
        ]
        items = [ops.opportunity_titled(s, f"Opportunity {chr(65 + i)}").id for i in range(3)]
    return store, managers, items


def start(store, **kwargs) -> int:
    with store.transaction() as s:
        return ballots.start_round(s, name="Round", **kwargs)


def cast(store, round_id, voter, items, shift=0) -> None:
    ranks = {item: (place + shift) % len(items) + 1 for place, item in enumerate(items)}
    with store.transaction() as s:
        ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)


def test_a_replaced_ballot_is_recorded_with_who_and_when_and_its_entries_are_gone(room):
    store, managers, items = room
    round_id = start(store)
    cast(store, round_id, managers[1], items)
    with store.reading() as s:
        first_cast = s.scalar(select(e.Ballot.submitted_at))
        assert ballots.replacements(s, round_id=round_id) == ()
    cast(store, round_id, managers[1], items, shift=1)
    cast(store, round_id, managers[2], items)
    with store.reading() as s:
        (replaced,) = ballots.replacements(s, round_id=round_id)
        second_cast = s.scalar(select(e.Ballot.submitted_at).where(e.Ballot.participant_id == managers[1]))
        assert replaced.voter == "Manager 1"
        assert replaced.earlier_cast_at == first_cast and replaced.replaced_at == second_cast
        assert s.scalar(select(func.count()).select_from(e.BallotEntry)) == 2 * len(items)


def test_a_ballot_refused_records_no_replacement(room):
    store, managers, items = room
    round_id = start(store)
    cast(store, round_id, managers[0], items)
    with pytest.raises(Exception, match="ties"), store.transaction() as s:
        ballots.cast_ranking(s, round_id=round_id, participant_id=managers[0], ranks=dict.fromkeys(items, 1))
    with store.reading() as s:
        assert ballots.replacements(s, round_id=round_id) == ()
        assert s.scalar(select(func.count()).select_from(e.Ballot)) == 1


def test_a_round_with_codes_gives_every_voter_a_unique_readable_code(room):
    store, _managers, _items = room
    round_id = start(store, uses_codes=True)
    with store.reading() as s:
        cards = voter_codes.voter_cards(s, round_id=round_id)
        assert ballots.round_progress(s, round_id=round_id).uses_codes
    assert [card.voter for card in cards] == [f"Manager {i}" for i in range(5)]
    assert len({card.code for card in cards}) == len(cards)
    for card in cards:
        first, second = card.code.split("-")
        assert len(first) == len(second) == 3
        assert set(first + second) <= set(voter_codes.CODE_CHARACTERS)
        assert not set(first + second) & set("0O1IL2Z5S8B")


def test_a_round_without_codes_makes_none(room):
    store, _managers, _items = room
    round_id = start(store)
    with store.reading() as s:
        assert voter_codes.voter_cards(s, round_id=round_id) == ()
        assert not ballots.round_progress(s, round_id=round_id).uses_codes


@given(
    spaces=st.lists(st.sampled_from([" ", "-", "–", "\t", ""]), min_size=7, max_size=7),
    lower=st.lists(st.booleans(), min_size=6, max_size=6),
)
@settings(max_examples=30, deadline=None)
def test_a_code_matches_whatever_case_spaces_or_dashes_surround_it(spaces, lower):
    code = "K7Q2MX"
    typed = (
        "".join(gap + (ch.lower() if low else ch) for gap, ch, low in zip(spaces, code, lower, strict=False))
        + spaces[-1]
    )
    assert voter_codes.typed_code(typed) == code


def test_only_the_voters_own_code_opens_their_ballot(room):
    store, managers, _items = room
    round_id = start(store, uses_codes=True)
    with store.reading() as s:
        cards = {card.voter: card.code for card in voter_codes.voter_cards(s, round_id=round_id)}
        own = cards["Manager 0"]
        assert voter_codes.code_matches(s, round_id=round_id, participant_id=managers[0], code=own.lower())
        assert not voter_codes.code_matches(
            s, round_id=round_id, participant_id=managers[0], code=cards["Manager 1"]
        )
        assert not voter_codes.code_matches(s, round_id=round_id, participant_id=managers[0], code="")


def test_codes_are_issued_again_only_for_voters_who_have_none(room):
    store, _managers, _items = room
    round_id = start(store, uses_codes=True)
    with store.transaction() as s:
        before = voter_codes.voter_cards(s, round_id=round_id)
        ops.participant_named(s, "Late Manager", role=e.Role.MANAGER)
        assert voter_codes.issue_codes(s, round_id=round_id) == 1
        after = voter_codes.voter_cards(s, round_id=round_id)
    assert set(before) < set(after) and len(after) == len(before) + 1


def room_record(store, managers, items, *, reveal: bool) -> int:
    """Gives a round with codes in which Manager 1 voted twice, revealed or still open."""
    round_id = start(store, uses_codes=True)
    for shift in (0, 1):
        cast(store, round_id, managers[1], items, shift)
    if reveal:
        with store.transaction() as s:
            ballots.reveal_round(s, round_id=round_id)
    return round_id


def codes_and_replacements(store) -> tuple[set[str], set[tuple[object, object]]]:
    """Gives the round's codes and its replacements' times (names may be hidden by a shared export)."""
    with store.reading() as s:
        round_id = s.scalar(select(e.BallotRound.id).where(e.BallotRound.name == "Round"))
        codes = {card.code for card in voter_codes.voter_cards(s, round_id=round_id)}
        replaced = {(r.earlier_cast_at, r.replaced_at) for r in ballots.replacements(s, round_id=round_id)}
    return codes, replaced


def test_codes_and_replaced_ballots_survive_a_backup_and_its_restore(room, tmp_path):
    store, managers, items = room
    room_record(store, managers, items, reveal=True)
    with store.reading() as s:
        write_backup_json(s, tmp_path / "backup.json")
    with create_workshop(tmp_path / "restored.workshop", title="Empty") as restored:
        with restored.transaction() as s:
            import_json(s, tmp_path / "backup.json")
        assert codes_and_replacements(restored) == codes_and_replacements(store)
    cards, replaced = codes_and_replacements(store)
    assert len(cards) == 5 and len(replaced) == 1


def test_an_export_keeps_the_codes_and_replacements_of_a_round_still_voting_to_itself(room):
    store, managers, items = room
    room_record(store, managers, items, reveal=False)
    with store.reading() as s:
        tables = export_json(s)["tables"]
    assert tables["voter_code"] == [] and tables["ballot_replacement"] == []


def test_codes_and_replaced_ballots_arrive_by_merging_once(room, tmp_path):
    store, managers, items = room
    room_record(store, managers, items, reveal=False)
    room_copy = back_up(store.path, tmp_path / "room copy.workshop")  # merge refuses a file held open
    with create_workshop(tmp_path / "all.workshop", title="All rooms") as target:
        for _ in range(2):
            merge_workshops(target, [room_copy])
        assert codes_and_replacements(target) == codes_and_replacements(store)
        with target.reading() as s:
            assert s.scalar(select(func.count()).select_from(e.BallotReplacement)) == 1
