"""A survey round asks the five readiness dimensions or the ADKAR elements, never a mix."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from workshop.model import entities as e
from workshop.model import gather, survey
from workshop.model.errors import InputError


def test_a_new_workshop_asks_the_five_dimensions_and_shows_no_adkar_element(store):
    with store.transaction() as session:
        names = [name for _, name in survey.template_dimensions(session, e.SurveyTemplate.READINESS)]
        held = set(session.scalars(select(e.ReadinessDimension.name)))
    assert names == [name for name, _ in e.DEFAULT_DIMENSIONS]
    assert held == set(names)


def test_an_adkar_form_asks_the_five_elements_in_order_and_no_team_estimate(store):
    with store.transaction() as session:
        form = survey.questions(session, is_manager=True, template=e.SurveyTemplate.ADKAR)
        again = survey.questions(session, is_manager=True, template=e.SurveyTemplate.ADKAR)
        count = len(session.scalars(select(e.ReadinessDimension)).all())
    assert [q.dimension for q in form] == ["Awareness", "Desire", "Knowledge", "Ability", "Reinforcement"]
    assert not any(q.is_team_estimate for q in form)
    assert again == form and count == 10


def test_a_dimension_already_named_like_an_element_is_named_in_the_refusal(store):
    with store.transaction() as session:
        session.add(e.ReadinessDimension(name="Desire", position=9))
    with pytest.raises(InputError, match="Desire"), store.transaction() as session:
        survey.template_dimensions(session, e.SurveyTemplate.ADKAR)


def test_readiness_rounds_and_answers_leave_adkar_rounds_out(store):
    with store.transaction() as session:
        team = e.Team(name="Ops")
        person = e.Participant(name="Ana", team=team)
        [(awareness, _), *_] = survey.template_dimensions(session, e.SurveyTemplate.ADKAR)
        [(readiness, _), *_] = survey.template_dimensions(session, e.SurveyTemplate.READINESS)
        before = e.SurveyRound(name="Before", held_on=dt.date(2026, 1, 5))
        adkar = e.SurveyRound(name="ADKAR", held_on=dt.date(2026, 2, 5), template=e.SurveyTemplate.ADKAR)
        session.add_all([
            e.ReadinessAnswer(survey_round=before, participant=person, dimension_id=readiness, score=4),
            e.ReadinessAnswer(survey_round=adkar, participant=person, dimension_id=awareness, score=2),
        ])  # fmt: skip
    with store.reading() as session:
        assert gather.survey_round_names(session) == ("Before",)
        assert gather.survey_round_names(session, e.SurveyTemplate.ADKAR) == ("ADKAR",)
        assert [a[2] for a in gather.survey_answers(session)] == ["readiness"]
        assert [a[2] for a in gather.survey_answers(session, e.SurveyTemplate.ADKAR)] == ["Awareness"]
