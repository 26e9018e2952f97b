"""Perception gaps: a side with no spread is not certainty, small sides are withheld, real gaps stay clear."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.analysis.readiness import SurveyAnswer, perception_gaps, welch_interval


def own(team: str, scores: list[int]) -> list[SurveyAnswer]:
    return [SurveyAnswer(f"{team} {k}", team, "skills", s, False, "May") for k, s in enumerate(scores)]


def estimates(team: str, scores: list[int]) -> list[SurveyAnswer]:
    return [SurveyAnswer(f"manager {k}", team, "skills", s, True, "May") for k, s in enumerate(scores)]


TEAM = [3, 4, 3, 4, 3, 4, 3, 4]


def test_two_managers_who_both_answered_5_make_no_clear_gap():
    [gap] = perception_gaps(estimates("Warehouse", [5, 5]) + own("Warehouse", TEAM), min_group=2)
    assert gap.gap == pytest.approx(1.5)
    assert not gap.clear
    assert gap.ci_low is not None and gap.ci_low < 0 < (gap.ci_high or 0)


def test_a_side_with_no_spread_is_as_uncertain_as_one_answer_a_point_away():
    [agreed] = perception_gaps(estimates("Warehouse", [5, 5]) + own("Warehouse", TEAM), min_group=2)
    one_off = welch_interval([5.0, 4.0], [float(s) for s in TEAM])
    assert one_off is not None
    low, high = one_off
    assert (agreed.ci_high or 0) - (agreed.ci_low or 0) == pytest.approx(high - low)


def test_the_gap_of_two_managers_is_withheld_by_default():
    [gap] = perception_gaps(estimates("Warehouse", [5, 5]) + own("Warehouse", TEAM))
    assert gap.withheld
    assert (gap.gap, gap.ci_low, gap.ci_high, gap.clear) == (None, None, None, False)


scores = st.integers(1, 5)


@given(
    st.lists(scores, min_size=2, max_size=12),
    st.lists(scores, min_size=2, max_size=12),
)
def test_every_interval_has_width_and_holds_the_gap(managers, team):
    [gap] = perception_gaps(estimates("T", managers) + own("T", team), min_group=2)
    assert gap.ci_low is not None and gap.ci_high is not None and gap.gap is not None
    assert gap.ci_low < gap.gap < gap.ci_high


@given(
    st.lists(scores, min_size=1, max_size=8),
    st.lists(scores, min_size=1, max_size=8),
)
def test_no_gap_is_shown_for_fewer_than_3_answers_on_either_side(managers, team):
    [gap] = perception_gaps(estimates("T", managers) + own("T", team))
    shown = not gap.withheld
    assert shown == (len(managers) >= 3 and len(team) >= 3)
    if not shown:
        assert gap.gap is None and not gap.clear


@given(
    st.lists(st.integers(4, 5), min_size=5, max_size=12),
    st.lists(st.integers(1, 2), min_size=5, max_size=12),
)
def test_a_large_real_gap_with_five_or_more_on_each_side_is_clear(managers, team):
    [gap] = perception_gaps(estimates("T", managers) + own("T", team))
    assert gap.clear and (gap.gap or 0) >= 2
