"""Readiness per team and dimension, agreement within teams and the perception gap (change over time:
`readiness_change`)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import t as student_t

from workshop.privacy import MIN_GROUP

SCALE_OPTIONS = 5
# Variance of answers spread evenly over A options (the "no agreement" null): (A^2 - 1) / 12.
UNIFORM_NULL_VARIANCE = (SCALE_OPTIONS**2 - 1) / 12
DEFAULT_MIN_GROUP = MIN_GROUP
CLEAR_GAP = 1.0


@dataclass(frozen=True)
class SurveyAnswer:
    """One readiness answer; score 1-5 or None when skipped.

    For a manager's estimate (`is_team_estimate`), `team` is the team being estimated.
    """

    participant: str
    team: str
    dimension: str
    score: int | None
    is_team_estimate: bool
    survey_round: str


@dataclass(frozen=True)
class GroupScore:
    """A team's self-reported readiness on one dimension, or withheld (no numbers) when too few answered.

    rwg = 1 - sample variance / (A^2 - 1)/12 with A = 5 options, clamped to [0, 1]
    (James, Demaree & Wolf 1984): 1 = the team answers as one, 0 = no more agreement than chance.
    """

    team: str
    dimension: str
    survey_round: str
    withheld: bool
    n: int | None = None
    mean: float | None = None
    sd: float | None = None
    rwg: float | None = None


@dataclass(frozen=True)
class PerceptionGap:
    """Managers' estimate minus the team's own mean, with a 95% interval (see `gap_interval`)."""

    team: str
    dimension: str
    survey_round: str
    withheld: bool
    managers_n: int = 0
    team_n: int = 0
    gap: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    clear: bool = False


def group_scores(
    answers: Iterable[SurveyAnswer], *, min_group: int = DEFAULT_MIN_GROUP
) -> tuple[GroupScore, ...]:
    """Gives mean, SD, n and rwg per survey round, team and dimension of the self-reported answers.

    Skipped answers are not zeros: they are left out, and n counts only answered questions. Groups
    with fewer than `min_group` answers are withheld so that nobody's answer can be read back.
    """
    groups = _scores_by_group(a for a in answers if not a.is_team_estimate)
    return tuple(_group_score(key, scores, min_group) for key, scores in sorted(groups.items()))


def perception_gaps(
    answers: Iterable[SurveyAnswer], *, min_group: int = DEFAULT_MIN_GROUP, confidence: float = 0.95
) -> tuple[PerceptionGap, ...]:
    """Gives managers' mean estimate minus the team's own mean, per round, team and dimension.

    Withheld unless both sides have at least `min_group` answers: the team's mean is shown beside the
    gap, so the gap would give away the managers' mean, and with one or two managers their answers.
    Interval: `gap_interval`, a Welch interval in which no side counts as more certain than one
    answer a point away from the rest would make it. A gap is clear when |gap| >= 1.0 scale point
    and the interval excludes 0.
    """
    answers = list(answers)
    own = _scores_by_group(a for a in answers if not a.is_team_estimate)
    estimates = _scores_by_group(a for a in answers if a.is_team_estimate)
    return tuple(
        _gap(key, estimates[key], own.get(key, []), min_group, confidence) for key in sorted(estimates)
    )


def team_readiness(scores: Sequence[GroupScore], *, dimension: str | None = None) -> dict[str, float]:
    """Gives each team's readiness 1..5: its mean on `dimension`, or the mean of its dimension means.

    Withheld groups do not count; a team with nothing shown is left out.
    """
    means: dict[str, list[float]] = defaultdict(list)
    for score in scores:
        if score.mean is not None and (dimension is None or score.dimension == dimension):
            means[score.team].append(score.mean)
    return {team: float(np.mean(values)) for team, values in sorted(means.items())}


def within_group_agreement(scores: Sequence[float]) -> float | None:
    """Gives rwg = 1 - sample variance / ((A^2-1)/12), clamped to [0, 1]; None with fewer than 2 answers."""
    if len(scores) < 2:
        return None
    variance = float(np.var(scores, ddof=1))
    return min(1.0, max(0.0, 1.0 - variance / UNIFORM_NULL_VARIANCE))


def welch_interval(
    first: Sequence[float], second: Sequence[float], confidence: float = 0.95
) -> tuple[float, float] | None:
    """Gives the Welch t interval for mean(first) - mean(second); None unless both have n >= 2."""
    n1, n2 = len(first), len(second)
    if n1 < 2 or n2 < 2:
        return None
    return _t_interval(first, second, float(np.var(first, ddof=1)), float(np.var(second, ddof=1)), confidence)


def gap_interval(
    first: Sequence[float], second: Sequence[float], confidence: float = 0.95
) -> tuple[float, float] | None:
    """Gives a Welch interval for mean(first) - mean(second) whose sides never count as certain.

    Each side's variance is taken as at least 1/n, the variance of n answers that agree but for one
    a point away. Two managers who both answered 5 are two answers, not a certainty: had one said 4
    the interval would be wide, so it is as wide as that now. None unless both sides have n >= 2.
    """
    n1, n2 = len(first), len(second)
    if n1 < 2 or n2 < 2:
        return None
    var1 = max(float(np.var(first, ddof=1)), 1 / n1)
    var2 = max(float(np.var(second, ddof=1)), 1 / n2)
    return _t_interval(first, second, var1, var2, confidence)


def _t_interval(
    first: Sequence[float], second: Sequence[float], var1: float, var2: float, confidence: float
) -> tuple[float, float]:
    diff = float(np.mean(first) - np.mean(second))
    a, b = var1 / len(first), var2 / len(second)
    if a + b == 0:
        return (diff, diff)
    df = (a + b) ** 2 / (a**2 / (len(first) - 1) + b**2 / (len(second) - 1))
    half = float(student_t.ppf((1 + confidence) / 2, df)) * math.sqrt(a + b)
    return (diff - half, diff + half)


GroupKey = tuple[str, str, str]


def _scores_by_group(answers: Iterable[SurveyAnswer]) -> dict[GroupKey, list[float]]:
    groups: dict[GroupKey, list[float]] = defaultdict(list)
    for answer in answers:
        key = (answer.survey_round, answer.team, answer.dimension)
        groups.setdefault(key, [])
        if answer.score is not None:
            groups[key].append(float(answer.score))
    return groups


def _group_score(key: GroupKey, scores: list[float], min_group: int) -> GroupScore:
    survey_round, team, dimension = key
    if len(scores) < min_group:
        return GroupScore(team, dimension, survey_round, withheld=True)
    return GroupScore(
        team=team,
        dimension=dimension,
        survey_round=survey_round,
        withheld=False,
        n=len(scores),
        mean=float(np.mean(scores)),
        sd=float(np.std(scores, ddof=1)) if len(scores) >= 2 else None,
        rwg=within_group_agreement(scores),
    )


def _gap(
    key: GroupKey, estimates: list[float], own: list[float], min_group: int, confidence: float
) -> PerceptionGap:
    survey_round, team, dimension = key
    if len(own) < min_group or len(estimates) < max(min_group, 1):
        return PerceptionGap(team, dimension, survey_round, withheld=True)
    gap = float(np.mean(estimates) - np.mean(own))
    interval = gap_interval(estimates, own, confidence)
    clear = interval is not None and abs(gap) >= CLEAR_GAP and (interval[0] > 0 or interval[1] < 0)
    return PerceptionGap(
        team=team,
        dimension=dimension,
        survey_round=survey_round,
        withheld=False,
        managers_n=len(estimates),
        team_n=len(own),
        gap=gap,
        ci_low=interval[0] if interval else None,
        ci_high=interval[1] if interval else None,
        clear=clear,
    )
