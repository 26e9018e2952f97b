"""Owners to choose from: participants read as champion or skeptic from their stance and answers."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.findings import owner_choices
from workshop.model import entities as e
from workshop.model.store import create_workshop

STANCES = list(e.Stance)


def _answer_attitude(session, person: e.Participant, score: int, round_name: str = "May") -> None:
    survey = session.scalar(select(e.SurveyRound).where(e.SurveyRound.name == round_name))
    survey = survey or e.SurveyRound(name=round_name)
    dimension = session.scalar(select(e.ReadinessDimension).where(e.ReadinessDimension.name == "attitude"))
    session.add(e.ReadinessAnswer(survey_round=survey, participant=person, dimension=dimension, score=score))


def _people_with_answers(store, anonymity: e.Anonymity) -> None:
    with store.transaction() as s:
        s.scalar(select(e.Workshop)).anonymity = anonymity
        ops = e.Team(name="Ops")
        keen = e.Participant(name="Zoe", team=ops)
        doubting = e.Participant(name="Al", team=ops)
        recorded = e.Participant(name="Bo", team=ops, stance=e.Stance.SKEPTIC)
        s.add_all([keen, doubting, recorded, e.Participant(name="Cy")])
        _answer_attitude(s, keen, 5)
        _answer_attitude(s, doubting, 1)
        _answer_attitude(s, recorded, 5)


def test_an_unknown_stance_is_read_from_the_answers_and_a_recorded_one_stands(store):
    _people_with_answers(store, e.Anonymity.NAMED)
    with store.reading() as s:
        choices = owner_choices(s)
    assert [(c.name, c.stance) for c in choices] == [
        ("Zoe", "champion"),
        ("Cy", "unknown"),
        ("Al", "skeptic"),
        ("Bo", "skeptic"),
    ]


def test_answers_mark_no_one_where_participants_are_not_named(store):
    _people_with_answers(store, e.Anonymity.TEAM)
    with store.reading() as s:
        choices = owner_choices(s)
    assert [(c.name, c.stance) for c in choices] == [
        ("Al", "unknown"),
        ("Cy", "unknown"),
        ("Zoe", "unknown"),
        ("Bo", "skeptic"),
    ]


@settings(max_examples=12, deadline=None)
@given(st.lists(st.sampled_from(STANCES), min_size=1, max_size=6))
def test_champions_come_first_and_skeptics_last(stances):
    with tempfile.TemporaryDirectory() as folder:
        store = create_workshop(Path(folder) / "w.workshop", title="T", organisation="O")
        try:
            with store.transaction() as s:
                s.add_all(e.Participant(name=f"P{n}", stance=stance) for n, stance in enumerate(stances))
            with store.reading() as s:
                order = [c.stance for c in owner_choices(s)]
        finally:
            store.close()
    ranks = [0 if stance == "champion" else 2 if stance == "skeptic" else 1 for stance in order]
    assert ranks == sorted(ranks) and len(order) == len(stances)
