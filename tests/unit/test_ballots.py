"""The ballot room's rules: who votes, a clean ballot, valid ballots only, one per voter, the PIN."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import InputError


@pytest.fixture
def room(store):
    """Gives (store, manager ids, opportunity ids) for a room of 8 managers and 8 opportunities."""
    with store.transaction() as s:
        team = ops.team_named(s, "Ops")
        managers = [
            ops.participant_named(s, f"Manager {i}", team=team, role=e.Role.MANAGER).id for i in range(8)
        ]
        ops.participant_named(s, "Employee", team=team, role=e.Role.EMPLOYEE)
        items = [ops.opportunity_titled(s, f"Opportunity {chr(65 + i)}").id for i in range(8)]
    return store, managers, items


def start(store, method=e.BallotMethod.RANKING, **kwargs) -> int:
    with store.transaction() as s:
        return ballots.start_round(s, name=kwargs.pop("name", "Round"), method=method, **kwargs)


def test_every_manager_gets_a_ballot_in_an_order_of_their_own(room):
    store, managers, items = room
    round_id = start(store)
    with store.reading() as s:
        orders = {ballots.ballot_sheet(s, round_id=round_id, participant_id=m).items for m in managers}
        assert len(orders) > 4  # not one shared order to anchor on
        assert all(sorted(i for i, _ in order) == sorted(items) for order in orders)
        again = ballots.ballot_sheet(s, round_id=round_id, participant_id=managers[0]).items
        assert again == ballots.ballot_sheet(s, round_id=round_id, participant_id=managers[0]).items


def test_only_the_chosen_voters_may_vote(room):
    store, managers, items = room
    round_id = start(store, voter_ids=managers[:3])
    with store.transaction() as s:
        assert [v.id for v in ballots.eligible_voters(s, round_id=round_id)] == managers[:3]
        with pytest.raises(InputError, match="not among the voters"):
            ballots.cast_ranking(s, round_id=round_id, participant_id=managers[5], ranks={items[0]: 1})


def test_employees_do_not_vote_when_no_voters_were_chosen(room):
    store, managers, _ = room
    round_id = start(store)
    with store.reading() as s:
        assert {v.id for v in ballots.eligible_voters(s, round_id=round_id)} == set(managers)


def test_replacing_a_ballot_keeps_one_ballot_per_voter(room):
    store, managers, items = room
    round_id = start(store)
    for ranks in (
        {item: 1 + k for k, item in enumerate(items)},
        {item: 8 - k for k, item in enumerate(items)},
    ):
        with store.transaction() as s:
            ballots.cast_ranking(s, round_id=round_id, participant_id=managers[0], ranks=ranks)
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(e.Ballot)) == 1
        ranks = dict(s.execute(select(e.BallotEntry.opportunity_id, e.BallotEntry.rank)).all())
        assert ranks[items[0]] == 8
        assert ballots.round_progress(s, round_id=round_id).sentence == "1 of 8 have voted"


def test_a_closed_round_takes_no_more_ballots(room):
    store, managers, items = room
    round_id = start(store)
    with store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    with store.transaction() as s, pytest.raises(InputError, match="is closed; no more ballots are taken"):
        ballots.cast_ranking(s, round_id=round_id, participant_id=managers[0], ranks={items[0]: 1})


def test_ties_only_where_the_round_allows_them(room):
    store, managers, items = room
    strict, lenient = start(store, name="Strict"), start(store, name="Lenient", allow_ties=True)
    tied = {items[0]: 1, items[1]: 1}
    with store.transaction() as s:
        ballots.cast_ranking(s, round_id=lenient, participant_id=managers[0], ranks=tied)
        with pytest.raises(InputError, match="does not allow ties"):
            ballots.cast_ranking(s, round_id=strict, participant_id=managers[0], ranks=tied)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=100), min_size=8, max_size=8))
def test_points_must_add_up_to_one_hundred(tmp_path_factory, points):
    from workshop.model.store import create_workshop

    path = tmp_path_factory.mktemp("points") / "p.workshop"
    with create_workshop(path, title="Points") as store:
        with store.transaction() as s:
            voter = ops.participant_named(s, "M", role=e.Role.MANAGER).id
            items = [ops.opportunity_titled(s, f"O{i}").id for i in range(8)]
        round_id = start(store, method=e.BallotMethod.POINTS)
        with store.transaction() as s:
            given_points = dict(zip(items, points, strict=True))
            if sum(points) == 100:
                ballots.cast_points(s, round_id=round_id, participant_id=voter, points=given_points)
            else:
                with pytest.raises(InputError, match=f"add up to {sum(points)}"):
                    ballots.cast_points(s, round_id=round_id, participant_id=voter, points=given_points)


def test_impact_and_effort_stay_on_the_scale(room):
    store, managers, items = room
    round_id = start(store, method=e.BallotMethod.IMPACT_EFFORT)
    with store.transaction() as s:
        ballots.cast_impact_effort(
            s, round_id=round_id, participant_id=managers[0], ratings={items[0]: (5, 1.5)}
        )
        with pytest.raises(InputError, match="from 1 to 5"):
            ballots.cast_impact_effort(
                s, round_id=round_id, participant_id=managers[1], ratings={items[0]: (6, 1)}
            )
        with pytest.raises(InputError, match="takes impact-effort ballots"):
            ballots.cast_points(s, round_id=round_id, participant_id=managers[1], points={items[0]: 100})


def test_the_facilitator_pin_is_checked_and_never_stored_plainly(room):
    store, _, _ = room
    round_id = start(store, pin="4711")
    with store.reading() as s:
        stored = s.scalar(select(e.BallotRound.pin_hash))
        assert "4711" not in stored
        assert ballots.pin_matches(s, round_id=round_id, pin="4711")
        assert not ballots.pin_matches(s, round_id=round_id, pin="4712")
        assert ballots.round_progress(s, round_id=round_id).pin_required


def test_reveal_closes_the_round_first(room):
    store, _, _ = room
    round_id = start(store)
    with store.transaction() as s:
        ballots.reveal_round(s, round_id=round_id)
    with store.reading() as s:
        assert ballots.round_progress(s, round_id=round_id).status == "revealed"
        assert ballots.open_rounds(s) == ()
