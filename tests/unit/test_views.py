"""The plain values the pages are built from (model layer; no Qt involved)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop
from workshop.model.views import entity_rows, plain_text


def test_values_read_as_plain_text():
    assert plain_text(None) == ""
    assert plain_text(True) == "yes" and plain_text(False) == "no"
    assert plain_text(dt.date(2026, 3, 9)) == "2026-03-09"
    assert plain_text(dt.datetime(2026, 3, 9, 14, 5, 59)) == "2026-03-09 14:05"
    assert plain_text(e.Oversight.REVIEW_SAMPLES) == "human reviews samples"
    assert plain_text(2.5) == "2.5" and plain_text(4.0) == "4"


@given(st.one_of(st.none(), st.booleans(), st.dates(), st.integers(), st.floats(allow_nan=False), st.text()))
def test_any_value_becomes_one_string(value):
    assert isinstance(plain_text(value), str)


@settings(max_examples=12, deadline=None)
@given(orders=st.lists(st.permutations(range(4)), min_size=1, max_size=5))
def test_priorities_read_the_same_whatever_the_ballots_say(orders):
    with (
        tempfile.TemporaryDirectory() as folder,
        create_workshop(Path(folder) / "p.workshop", title="P") as store,
    ):
        with store.transaction() as s:
            items = [ops.opportunity_titled(s, f"Item {n}").id for n in range(4)]
            round_id = ballots.start_round(s, name="Round")
        with store.reading() as session:
            before = entity_rows(session, "opportunity")
        with store.transaction() as s:
            for voter_number, order in enumerate(orders):
                voter = ops.participant_named(s, f"Voter {voter_number}", role=e.Role.MANAGER).id
                ranks = {items[i]: rank for rank, i in enumerate(order, start=1)}
                ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
        with store.reading() as session:
            after = entity_rows(session, "opportunity")
            (ballot_round,) = entity_rows(session, "ballot_round")
    assert after == before
    assert ballot_round.get("ballots_cast") == len(orders)
    assert "Voter" not in str(after) + str(ballot_round)
