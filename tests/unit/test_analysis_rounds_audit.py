"""100-point and impact-effort rounds, audit candidate scores, stances, priority by readiness."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.analysis.audit import AuditTask, candidate_score, champions_and_skeptics, ranked_candidates
from workshop.analysis.ratings import (
    ImpactEffort,
    ImpactEffortBallot,
    PointsBallot,
    Quadrant,
    impact_effort_result,
    points_result,
)
from workshop.analysis.readiness import SurveyAnswer
from workshop.analysis.strategy import Opportunity, Placement, priority, priority_by_readiness


def test_points_give_mean_sd_and_share_most_first():
    ballots = [PointsBallot("ann", {"a": 70, "b": 30}), PointsBallot("bob", {"a": 50, "b": 40, "c": 10})]
    result = points_result(["a", "b", "c"], ballots)
    assert [(r.item, r.mean, r.share) for r in result.items] == [
        ("a", 60.0, pytest.approx(0.6)),
        ("b", 35.0, pytest.approx(0.35)),
        ("c", 5.0, pytest.approx(0.05)),
    ]
    assert result.items[0].sd == pytest.approx(14.142135, rel=1e-6)
    assert result.off_budget_voters == ()


def test_points_ballots_not_adding_to_100_are_listed():
    result = points_result(["a"], [PointsBallot("ann", {"a": 80})])
    assert result.off_budget_voters == ("ann",)


def test_impact_effort_quadrants_split_at_the_scale_midpoint():
    ratings = {
        "win": ImpactEffort(5, 1),
        "project": ImpactEffort(4, 3),
        "fill": ImpactEffort(2, 2),
        "thankless": ImpactEffort(1, 5),
        "unrated": ImpactEffort(None, 2),
    }
    result = {r.item: r for r in impact_effort_result(list(ratings), [ImpactEffortBallot("ann", ratings)])}
    assert result["win"].quadrant is Quadrant.QUICK_WIN
    assert result["project"].quadrant is Quadrant.MAJOR_PROJECT  # effort on the midpoint counts as high
    assert result["fill"].quadrant is Quadrant.FILL_IN
    assert result["thankless"].quadrant is Quadrant.THANKLESS_TASK
    assert result["unrated"].quadrant is None and result["unrated"].effort_n == 1


def test_impact_effort_means_skip_missing_values():
    ballots = [
        ImpactEffortBallot("ann", {"a": ImpactEffort(4, None)}),
        ImpactEffortBallot("bob", {"a": ImpactEffort(2, 3)}),
    ]
    [a] = impact_effort_result(["a"], ballots)
    assert (a.impact_mean, a.impact_n, a.effort_mean, a.effort_n) == (3.0, 2, 3.0, 1)
    assert a.effort_sd is None and a.impact_sd == pytest.approx(2**0.5)


def task(**changes) -> AuditTask:
    base = {
        "title": "Invoices",
        "team": "Finance",
        "hours_per_week": 10.0,
        "frequency": "weekly",
        "manual": True,
        "redundancy": 3,
        "ai_potential": 5,
        "data_sensitivity": "low",
    }
    return AuditTask(**{**base, **changes})


def test_candidate_score_follows_the_documented_formula():
    # 100 * (0.30*0.5 + 0.15*0.8 + 0.15*1 + 0.15*0.5 + 0.25*1) * 1.0 = 74.5
    assert candidate_score(task()).score == pytest.approx(74.5)
    assert candidate_score(task(data_sensitivity="high")).score == pytest.approx(74.5 * 0.6)


def test_unknown_values_are_named():
    assert candidate_score(task(hours_per_week=None, redundancy=None)).unknown == (
        "hours per week",
        "redundancy",
    )


@given(
    st.one_of(st.none(), st.floats(0, 200)),
    st.sampled_from(["daily", "weekly", "monthly", "quarterly", "yearly", "ad hoc"]),
    st.booleans(),
    st.one_of(st.none(), st.integers(1, 5)),
    st.one_of(st.none(), st.integers(1, 5)),
    st.sampled_from(["low", "medium", "high"]),
)
def test_candidate_score_lies_between_0_and_100(hours, frequency, manual, redundancy, ai, sensitivity):
    score = candidate_score(
        task(
            hours_per_week=hours,
            frequency=frequency,
            manual=manual,
            redundancy=redundancy,
            ai_potential=ai,
            data_sensitivity=sensitivity,
        )
    ).score
    assert 0.0 <= score <= 100.0


def test_candidates_are_ranked_best_first():
    ranked = ranked_candidates([task(title="weak", ai_potential=1), task(title="strong")])
    assert [c.title for c in ranked] == ["strong", "weak"]


def test_bad_audit_values_are_refused():
    with pytest.raises(ValueError, match="frequency"):
        candidate_score(task(frequency="hourly"))


def test_champions_and_skeptics_from_stance_and_answers():
    answers = [
        SurveyAnswer("ann", "Ops", "Attitude", 5, False, "May"),
        SurveyAnswer("ann", "Ops", "Confidence", 4, False, "May"),
        SurveyAnswer("bob", "Ops", "attitude", 1, False, "May"),
        SurveyAnswer("cy", "Ops", "attitude", 1, False, "May"),
        SurveyAnswer("dee", "Ops", "skills", 5, False, "May"),
    ]
    stances = {"ann": "unknown", "bob": "unknown", "cy": "champion", "dee": "unknown"}
    readings = {r.participant: r for r in champions_and_skeptics(stances, answers)}
    assert (readings["ann"].stance, readings["ann"].basis) == ("champion", "answers")
    assert readings["bob"].stance == "skeptic"
    assert readings["cy"].stance == "champion" and readings["cy"].stance_and_answers_differ
    assert (readings["dee"].stance, readings["dee"].basis) == ("unknown", "none")


def test_priority_is_1_for_first_and_0_for_last():
    assert priority(1.0, 5) == 1.0 and priority(5.0, 5) == 0.0 and priority(3.0, 5) == 0.5


def test_priority_by_readiness_quadrants():
    opportunities = [
        Opportunity("top ready", "Ops", 1.0),
        Opportunity("top unready", "HR", 2.0),
        Opportunity("low ready", "Ops", 4.0),
        Opportunity("low unready", "HR", 5.0),
        Opportunity("no team", None, 3.0),
    ]
    result = {p.title: p for p in priority_by_readiness(opportunities, {"Ops": 3.0, "HR": 2.4})}
    assert result["top ready"].placement is Placement.QUICK_WIN
    assert result["top unready"].placement is Placement.PREPARE_FIRST
    assert result["low ready"].placement is Placement.LONG_SHOT
    assert result["low unready"].placement is Placement.RECONSIDER
    assert result["no team"].placement is None and result["no team"].priority == 0.5
