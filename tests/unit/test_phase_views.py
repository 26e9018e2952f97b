"""The plain-text views each phase page is built from (model layer; no Qt involved)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop
from workshop.model.views import (
    PHASES,
    PRIORITIES,
    READINESS,
    WORKFLOWS,
    PhaseView,
    TableView,
    phase_view,
    plain_text,
)


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


def _only_text(view: PhaseView) -> bool:
    """Tells whether the view holds nothing but strings (so no database object can load later)."""

    def strings(value: object) -> bool:
        if isinstance(value, str):
            return not isinstance(value, enum.Enum)  # a StrEnum is a str too
        if isinstance(value, tuple):
            return all(strings(item) for item in value)
        if dataclasses.is_dataclass(value):
            return all(strings(getattr(value, f.name)) for f in dataclasses.fields(value))
        return False

    return strings(view)


def test_every_phase_reads_from_an_empty_workshop_as_text_with_a_hint(store):
    with store.reading() as session:
        views = [phase_view(session, phase) for phase in PHASES]
    for view in views:
        assert _only_text(view)
        assert view.hint.endswith(".") and len(view.hint) > 40
        assert all(isinstance(table, TableView) and (table.rows or table.empty_text) for table in view.tables)
        assert view.tables or view.notes


def test_readiness_shows_how_many_answered_never_the_scores(store):
    with store.transaction() as s:
        team = ops.team_named(s, "Sales")
        ana = ops.participant_named(s, "Ana", team=team, role=e.Role.MANAGER)
        ben = ops.participant_named(s, "Ben", team=team)
        survey = e.SurveyRound(name="Baseline", held_on=dt.date(2026, 1, 5))
        s.add(survey)
        s.flush()
        first, second = s.query(e.ReadinessDimension).order_by(e.ReadinessDimension.position).limit(2)
        for person, dimension, score, estimate in (
            (ana, first, 4, False),
            (ana, first, 2, True),
            (ben, first, 5, False),
            (ben, second, 1, False),
        ):
            s.add(
                e.ReadinessAnswer(
                    survey_round_id=survey.id,
                    participant_id=person.id,
                    dimension_id=dimension.id,
                    score=score,
                    is_team_estimate=estimate,
                )
            )
    with store.reading() as session:
        tables = {t.title: t for t in phase_view(session, READINESS).tables}
    assert tables["Survey rounds"].rows == (("Baseline", "2026-01-05", "4"),)
    assert tables["Answers per team and round"].rows == (("Baseline", "Sales", "2", "3", "1"),)


@settings(max_examples=12, deadline=None)
@given(orders=st.lists(st.permutations(range(4)), min_size=1, max_size=5))
def test_priorities_read_the_same_whatever_the_ballots_say(orders):
    with (
        tempfile.TemporaryDirectory() as folder,
        create_workshop(Path(folder) / "p.workshop", title="P") as store,
    ):
        with store.transaction() as s:
            items = [ops.opportunity_titled(s, f"Item {n}").id for n in range(4)]
            round_id = ops.open_ballot_round(s, name="Round").id
        with store.reading() as session:
            before = phase_view(session, PRIORITIES)
        with store.transaction() as s:
            for voter_number, order in enumerate(orders):
                voter = ops.participant_named(s, f"Voter {voter_number}", role=e.Role.MANAGER).id
                ranks = {items[i]: rank for rank, i in enumerate(order, start=1)}
                ops.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
        with store.reading() as session:
            after = phase_view(session, PRIORITIES)
    assert after.tables[0] == before.tables[0]
    assert after.tables[1].rows == (("Round", "ranking", "no", "open", str(len(orders))),)
    assert "Voter" not in str(after)


def test_workflows_name_pilots_by_opportunity_and_start(store):
    with store.transaction() as s:
        item = ops.opportunity_titled(s, "Invoice matching")
        flow = e.Workflow(
            opportunity=item, owner="Ana", oversight=e.Oversight.REVIEW_SAMPLES, stricter_review=True
        )
        pilot = e.Pilot(workflow=flow, starts_on=dt.date(2026, 4, 1), status=e.PilotStatus.RUNNING)
        pilot.checkpoints.append(e.Checkpoint(due_on=dt.date(2026, 4, 15)))
        s.add(flow)
    with store.reading() as session:
        workflows, pilots, checkpoints = phase_view(session, WORKFLOWS).tables
    assert workflows.rows == (("Invoice matching", "Ana", "", "human reviews samples", "yes", "1", ""),)
    assert pilots.rows == (("Invoice matching", "2026-04-01", "", "running", "", ""),)
    assert checkpoints.rows == (("Invoice matching from 2026-04-01", "2026-04-15", "pending", ""),)
