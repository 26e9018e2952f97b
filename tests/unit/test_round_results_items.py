"""A round on some of the opportunities: its results (findings, reveal, report) speak of those alone."""

from __future__ import annotations

import json

from workshop.findings import findings_of_round
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.reveal import reveal_steps

TITLES = ("Invoice triage", "Draft replies", "Summaries", "Forecasts", "Onboarding")


def test_results_cover_only_the_rounds_opportunities(store):
    with store.transaction() as s:
        managers = [ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER).id for i in range(4)]
        items = [ops.opportunity_titled(s, title).id for title in TITLES]
        round_id = ballots.start_round(s, name="Three of five", item_ids=items[1:4], top_k=2)
        for n, voter in enumerate(managers):  # nobody places items[3]: it is on the ballot all the same
            first, second = (items[1], items[2]) if n % 2 else (items[2], items[1])
            ranks = {first: 1, second: 2}
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
        ballots.reveal_round(s, round_id=round_id)
    with store.reading() as s:
        found = findings_of_round(s, "Three of five")
    assert found.ranking is not None
    assert sorted(found.ranking.items) == sorted(TITLES[1:4])
    shown = json.dumps([step.__dict__ for step in reveal_steps("Three of five", found.ranking)], default=str)
    assert TITLES[1] in shown and TITLES[2] in shown
    assert TITLES[0] not in shown and TITLES[4] not in shown
