"""A round that chooses its opportunities and may take only each voter's top k: the ballot offers those
alone, casting keeps to them, the results speak of them alone, and backups and merges keep the choice."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import InputError
from workshop.model.exporting import write_json
from workshop.model.merging import merge_workshops
from workshop.model.restoring import import_json
from workshop.model.store import create_workshop

TITLES = ("Invoice triage", "Draft replies", "Summaries", "Forecasts", "Onboarding")


def fill_room(session) -> tuple[list[int], list[int]]:
    """Gives (manager ids, opportunity ids) of a room of 4 managers and the 5 TITLES."""
    managers = [ops.participant_named(session, f"Manager {i}", role=e.Role.MANAGER).id for i in range(4)]
    return managers, [ops.opportunity_titled(session, title).id for title in TITLES]


@pytest.fixture
def room(store):
    with store.transaction() as s:
        managers, items = fill_room(s)
    return store, managers, items


def start(store, **kwargs) -> int:
    with store.transaction() as s:
        return ballots.start_round(s, name=kwargs.pop("name", "Round"), **kwargs)


def cast(store, round_id: int, voter: int, ranks: dict[int, int]) -> None:
    with store.transaction() as s:
        ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)


def test_the_ballot_offers_only_the_rounds_opportunities(room):
    store, managers, items = room
    chosen = start(store, item_ids=items[:3])
    every = start(store, name="Every one")
    with store.reading() as s:
        sheet = ballots.ballot_sheet(s, round_id=chosen, participant_id=managers[0])
        assert sorted(i for i, _ in sheet.items) == sorted(items[:3])
        full = ballots.ballot_sheet(s, round_id=every, participant_id=managers[0])
        assert sorted(i for i, _ in full.items) == sorted(items)


def test_casting_refuses_an_opportunity_not_on_the_ballot(room):
    store, managers, items = room
    round_id = start(store, item_ids=items[:3])
    with pytest.raises(InputError, match="not on this round's ballot"):
        cast(store, round_id, managers[0], {items[0]: 1, items[1]: 2, items[4]: 3})
    with store.reading() as s:
        assert s.scalars(select(e.Ballot)).first() is None


@pytest.mark.parametrize("chosen", [[], [0]])
def test_a_round_needs_at_least_two_chosen_opportunities(room, chosen):
    store, _managers, items = room
    if not chosen:  # no choice at all means every opportunity: that is allowed
        start(store, item_ids=[])
        return
    with pytest.raises(InputError, match="at least 2 opportunities"):
        start(store, item_ids=[items[i] for i in chosen])


@settings(max_examples=25)
@given(k=st.integers(min_value=-2, max_value=7), chosen=st.integers(min_value=2, max_value=5))
def test_top_k_must_leave_some_opportunities_unranked(tmp_path_factory, k, chosen):
    path = tmp_path_factory.mktemp("topk") / "room.workshop"
    with create_workshop(path, title="k") as store:
        with store.transaction() as s:
            _managers, items = fill_room(s)
        if 1 <= k < chosen:
            round_id = start(store, item_ids=items[:chosen], top_k=k)
            with store.reading() as s:
                assert s.get(e.BallotRound, round_id).top_k == k
        else:
            with pytest.raises(InputError, match="top"):
                start(store, item_ids=items[:chosen], top_k=k)


def test_a_top_k_ballot_takes_exactly_k_places_and_stores_them_alone(room):
    store, managers, items = room
    round_id = start(store, top_k=2, allow_ties=True)
    for wrong in ({items[0]: 1}, {items[0]: 1, items[1]: 2, items[2]: 3}, {items[0]: 1, items[1]: 3}):
        with pytest.raises(InputError, match="top 2"):
            cast(store, round_id, managers[0], wrong)
    cast(store, round_id, managers[0], {items[3]: 1, items[1]: 1})  # a tie within the top 2
    with store.reading() as s:
        stored = {
            row.opportunity_id: row.rank
            for row in s.execute(select(e.BallotEntry.opportunity_id, e.BallotEntry.rank))
        }
    assert stored == {items[3]: 1, items[1]: 1}  # the others left out, as a partial CSV ballot leaves them


def test_a_restored_backup_keeps_the_rounds_opportunities_and_top_k(room, tmp_path):
    store, _managers, items = room
    start(store, name="Chosen", item_ids=items[2:], top_k=2)
    with store.reading() as s:
        write_json(s, tmp_path / "backup.json")
    with create_workshop(tmp_path / "restored.workshop", title="Restored") as restored:
        with restored.transaction() as s:
            import_json(s, tmp_path / "backup.json")
        with restored.reading() as s:
            ballot_round = s.scalars(select(e.BallotRound)).one()
            assert ballot_round.top_k == 2
            assert sorted(item.title for item in ballot_round.items) == sorted(TITLES[2:])


def test_a_merged_round_keeps_its_opportunities_by_title(tmp_path):
    source_path = tmp_path / "laptop.workshop"
    with create_workshop(source_path, title="Laptop") as source, source.transaction() as s:
        _managers, items = fill_room(s)
        ballots.start_round(s, name="Chosen", item_ids=[items[4], items[0]], top_k=1)
    with create_workshop(tmp_path / "main.workshop", title="Main") as target:
        with target.transaction() as s:
            # The same titles under other ids: the merge must map each opportunity by its title.
            for title in reversed(TITLES):
                ops.opportunity_titled(s, title)
        merge_workshops(target, [source_path])
        merge_workshops(target, [source_path])  # a second merge adds nothing
        with target.reading() as s:
            ballot_round = s.scalars(select(e.BallotRound)).one()
            assert ballot_round.top_k == 1
            assert sorted(item.title for item in ballot_round.items) == sorted([TITLES[4], TITLES[0]])
            assert len(s.execute(select(e.ballot_round_item)).all()) == 2
