"""Readiness: team scores with rwg, privacy withholding, perception gap with its interval, change."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from workshop.analysis.readiness import (
    SurveyAnswer,
    group_scores,
    perception_gaps,
    team_readiness,
    welch_interval,
    within_group_agreement,
)
from workshop.analysis.readiness_change import readiness_changes


def own(
    team: str, scores: list[int | None], dimension: str = "skills", survey_round: str = "May"
) -> list[SurveyAnswer]:
    return [
        SurveyAnswer(f"{team} {k}", team, dimension, s, False, survey_round) for k, s in enumerate(scores)
    ]


def estimates(
    team: str, scores: list[int], dimension: str = "skills", survey_round: str = "May"
) -> list[SurveyAnswer]:
    return [
        SurveyAnswer(f"manager {k}", team, dimension, s, True, survey_round) for k, s in enumerate(scores)
    ]


def test_team_score_has_mean_sd_n_and_rwg_and_skips_are_not_zeros():
    [score] = group_scores(own("Sales", [4, 5, None, 3]))
    assert (score.withheld, score.n, score.mean) == (False, 3, 4.0)
    assert score.sd == pytest.approx(1.0)
    assert score.rwg == pytest.approx(1 - 1.0 / 2.0)  # sample variance 1 against (5^2 - 1)/12 = 2


def test_small_groups_are_withheld_without_numbers():
    [score] = group_scores(own("Legal", [5, 1, None, None]))
    assert score.withheld
    assert (score.n, score.mean, score.sd, score.rwg) == (None, None, None, None)


def test_withholding_threshold_is_a_parameter():
    [score] = group_scores(own("Legal", [5, 1]), min_group=2)
    assert not score.withheld and score.mean == 3.0


@given(st.lists(st.integers(1, 5), min_size=2, max_size=30))
def test_rwg_stays_between_0_and_1(scores):
    value = within_group_agreement(scores)
    assert value is not None and 0.0 <= value <= 1.0


def test_rwg_is_1_for_one_voice_and_0_for_a_split_team():
    assert within_group_agreement([3, 3, 3]) == 1.0
    assert within_group_agreement([1, 5, 1, 5]) == 0.0
    assert within_group_agreement([4]) is None


def test_welch_interval_matches_scipy():
    first, second = [4.0, 5.0, 4.0], [2.0, 3.0, 2.0, 1.0, 3.0]
    low, high = welch_interval(first, second)
    expected = stats.ttest_ind(first, second, equal_var=False).confidence_interval(0.95)
    assert (low, high) == pytest.approx((expected.low, expected.high))


def test_perception_gap_is_managers_minus_team_and_flagged_when_clear():
    answers = estimates("Ops", [5, 4, 5]) + own("Ops", [2, 3, 2, 2, 1])
    [gap] = perception_gaps(answers)
    assert gap.gap == pytest.approx(14 / 3 - 2.0)
    assert (gap.managers_n, gap.team_n) == (3, 5)
    assert gap.ci_low > 0 and gap.clear


def test_a_single_managers_estimate_is_withheld_as_it_would_give_away_their_answer():
    [gap] = perception_gaps(estimates("Ops", [5]) + own("Ops", [2, 3, 2]))
    assert gap.withheld and gap.gap is None


def test_a_single_estimate_below_a_lowered_floor_gives_a_gap_without_interval():
    [gap] = perception_gaps(estimates("Ops", [5]) + own("Ops", [2, 3, 2]), min_group=1)
    assert gap.gap == pytest.approx(5 - 7 / 3)
    assert gap.ci_low is None and gap.ci_high is None and not gap.clear


def test_a_small_gap_is_not_clear_even_with_a_narrow_interval():
    [gap] = perception_gaps(estimates("Ops", [3, 3, 4]) + own("Ops", [3, 3, 3, 3]))
    assert gap.gap == pytest.approx(1 / 3) and not gap.clear


def test_gap_is_withheld_when_the_team_side_is_too_small():
    [gap] = perception_gaps(estimates("Ops", [5, 4]) + own("Ops", [2, None]))
    assert gap.withheld and gap.gap is None


def test_change_between_rounds_per_team_and_dimension():
    answers = own("Ops", [2, 3, 2], survey_round="May") + own("Ops", [4, 4, 3], survey_round="Sep")
    answers += own("HR", [2, 2, 2], survey_round="May") + own("HR", [5, None], survey_round="Sep")
    changes = {c.team: c for c in readiness_changes(answers, ["May", "Sep"])}
    assert changes["Ops"].change == pytest.approx(11 / 3 - 7 / 3)
    assert (changes["Ops"].earlier_n, changes["Ops"].later_n) == (3, 3)
    assert changes["HR"].withheld and changes["HR"].change is None


def test_team_readiness_is_the_mean_of_shown_dimension_means():
    answers = own("Ops", [2, 3, 4], dimension="skills") + own("Ops", [4, 4, 4], dimension="attitude")
    answers += own("HR", [5, 5], dimension="skills")
    scores = group_scores(answers)
    assert team_readiness(scores) == {"Ops": pytest.approx(3.5)}
    assert team_readiness(scores, dimension="attitude") == {"Ops": 4.0}


@given(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=3, max_size=20))
def test_shown_means_ignore_skips(scores):
    answered = [s for s in scores if s is not None]
    [result] = group_scores(own("T", scores))
    assert result.withheld == (len(answered) < 3)
    if not result.withheld:
        assert result.mean == pytest.approx(np.mean(answered)) and result.n == len(answered)
