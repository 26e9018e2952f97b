"""Readiness over time: each team's mean per dimension across survey rounds, and how far each change
between consecutive rounds stands out from the noise of a room that size."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy.stats import t as student_t

from workshop.privacy import MIN_GROUP
from workshop.rounding import rounded
from workshop.wording import tr

from .readiness import GroupScore, SurveyAnswer, group_scores

FALSE_DISCOVERY_RATE = 0.05
HIGHER, LOWER, NO_CHANGE = "higher", "lower", "no change (within noise)"


@dataclass(frozen=True)
class ReadinessChange:
    """A team's mean on one dimension in a later round minus an earlier one (withheld if either side has
    fewer than 3 answers), with its interval and whether the change is clear of the noise.

    method "paired": the mean of the differences of the `paired_n` people who answered both rounds;
    "independent": the later round's mean minus the earlier one's (Welch)."""

    team: str
    dimension: str
    earlier_round: str
    later_round: str
    withheld: bool
    earlier_n: int | None = None
    later_n: int | None = None
    change: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    method: str | None = None
    clear: bool = False
    paired_n: int | None = None
    p_value: float | None = None

    @property
    def verdict(self) -> str:
        """Gives "higher", "lower" or "no change (within noise)" (untranslated; empty when withheld)."""
        if self.withheld or self.change is None:
            return ""
        if not self.clear:
            return NO_CHANGE
        return HIGHER if self.change > 0 else LOWER


@dataclass(frozen=True)
class ReadinessTrend:
    """The rounds of the readiness survey in the order held, and every team's scores in each of them."""

    rounds: tuple[str, ...] = ()
    scores: tuple[GroupScore, ...] = ()


@dataclass(frozen=True)
class _Estimate:
    change: float
    se: float
    df: float
    method: str
    paired_n: int | None

    @property
    def p_value(self) -> float:
        """Gives the two-sided t-test p-value of no change."""
        return 2 * float(student_t.sf(abs(self.change) / self.se, self.df))


def readiness_trend(answers: Iterable[SurveyAnswer], rounds: Sequence[str]) -> ReadinessTrend:
    """Gives each team's score per dimension in every round (small groups withheld), rounds in order."""
    return ReadinessTrend(tuple(rounds), group_scores(answers))


def mean_interval(score: GroupScore, confidence: float = 0.95) -> tuple[float, float] | None:
    """Gives the t interval of a shown team mean, its variance at least 1/n as in `gap_interval`."""
    if score.mean is None or score.n is None or score.n < 2:
        return None
    variance = max((score.sd or 0.0) ** 2, 1 / score.n)
    half = float(student_t.ppf((1 + confidence) / 2, score.n - 1)) * math.sqrt(variance / score.n)
    return (score.mean - half, score.mean + half)


def readiness_changes(
    answers: Iterable[SurveyAnswer],
    rounds: Sequence[str],
    *,
    min_group: int = MIN_GROUP,
    rate: float = FALSE_DISCOVERY_RATE,
) -> tuple[ReadinessChange, ...]:
    """Gives the change of each team's mean per dimension between consecutive rounds, judged against noise.

    Both rounds need at least `min_group` answers, else the change is withheld. Where at least
    `min_group` people answered both rounds the change is the mean of their own differences, with a t
    interval on those differences (method "paired"); otherwise the later mean minus the earlier one
    with a Welch interval (method "independent"). Either way no variance counts as less than 1/n (see
    `readiness.gap_interval`): three people who all moved one point are not a certainty.

    A room holds many team x dimension changes, and some would pass a plain 95% test by chance alone.
    The whole table is judged together: a change is clear when the Benjamini–Hochberg procedure at a
    false discovery rate of `rate` keeps it, and every interval is the false-coverage-adjusted interval
    of Benjamini & Yekutieli (2005), at level 1 - R x rate / m for R clear changes out of m (1 - rate / m
    when none is). A change is therefore clear exactly when its interval leaves out zero, and with one
    change the interval is the plain 95% one.
    """
    own = _answers_by_person(a for a in answers if not a.is_team_estimate)
    measured = [
        _measured(own, team, dimension, earlier, later, min_group)
        for earlier, later in itertools.pairwise(rounds)
        for team, dimension in sorted({(t, d) for r, t, d in own if r in (earlier, later)})
        if (earlier, team, dimension) in own and (later, team, dimension) in own
    ]
    return _judged_together(measured, rate)


def change_rows(changes: Sequence[ReadinessChange]) -> list[dict[str, Any]]:
    """Gives the changes as plain JSON-ready rows for `analyze --json`, the verdict in words."""
    return [
        {
            "team": c.team,
            "dimension": c.dimension,
            "earlier": c.earlier_round,
            "later": c.later_round,
            "withheld": c.withheld,
            "earlier_n": c.earlier_n,
            "later_n": c.later_n,
            "paired_n": c.paired_n,
            "change": c.change,
            "ci_low": c.ci_low,
            "ci_high": c.ci_high,
            "method": c.method,
            "clear": c.clear,
            "verdict": tr(c.verdict) if c.verdict else None,
        }
        for c in changes
    ]


PersonScores = dict[str, float]
GroupKey = tuple[str, str, str]


def _answers_by_person(answers: Iterable[SurveyAnswer]) -> dict[GroupKey, PersonScores]:
    """Gives each (round, team, dimension) group's answered scores by person (skips left out)."""
    groups: dict[GroupKey, PersonScores] = defaultdict(dict)
    for answer in answers:
        group = groups[(answer.survey_round, answer.team, answer.dimension)]
        if answer.score is not None:
            group[answer.participant] = float(answer.score)
    return groups


Measured = tuple[ReadinessChange, _Estimate | None]


def _measured(
    own: dict[GroupKey, PersonScores], team: str, dimension: str, earlier: str, later: str, min_group: int
) -> Measured:
    """Gives the change (not judged yet) and its estimate; no estimate when a side is too small to show."""
    before, after = own[(earlier, team, dimension)], own[(later, team, dimension)]
    if len(before) < min_group or len(after) < min_group:
        return ReadinessChange(team, dimension, earlier, later, withheld=True), None
    estimate = _estimate(before, after, min_group)
    change = ReadinessChange(
        team=team,
        dimension=dimension,
        earlier_round=earlier,
        later_round=later,
        withheld=False,
        earlier_n=len(before),
        later_n=len(after),
        change=estimate.change,
        method=estimate.method,
        paired_n=estimate.paired_n,
        p_value=estimate.p_value,
    )
    return change, estimate


def _estimate(before: PersonScores, after: PersonScores, min_group: int) -> _Estimate:
    """Gives the change with its standard error: paired when enough people answered both rounds."""
    both = sorted(before.keys() & after.keys())
    if len(both) >= min_group:
        differences = [after[p] - before[p] for p in both]
        n = len(differences)
        variance = max(float(np.var(differences, ddof=1)), 1 / n)
        return _Estimate(float(np.mean(differences)), math.sqrt(variance / n), n - 1, "paired", n)
    first, second = list(after.values()), list(before.values())
    a = max(float(np.var(first, ddof=1)), 1 / len(first)) / len(first)
    b = max(float(np.var(second, ddof=1)), 1 / len(second)) / len(second)
    df = (a + b) ** 2 / (a**2 / (len(first) - 1) + b**2 / (len(second) - 1))
    change = float(np.mean(first) - np.mean(second))
    return _Estimate(change, math.sqrt(a + b), df, "independent", None)


def _judged_together(measured: list[Measured], rate: float) -> tuple[ReadinessChange, ...]:
    """Gives the changes marked clear by Benjamini–Hochberg, each with its FCR-adjusted interval."""
    p_values = [estimate.p_value for _, estimate in measured if estimate is not None]
    kept = _benjamini_hochberg(p_values, rate)
    # Every interval at one level: the clear changes' p-values lie under R x rate / m and the others' above.
    level = 1 - max(sum(kept), 1) * rate / max(len(p_values), 1)
    clear = iter(kept)
    return tuple(
        change if estimate is None else _with_interval(change, estimate, next(clear), level)
        for change, estimate in measured
    )


def _with_interval(
    change: ReadinessChange, estimate: _Estimate, clear: bool, level: float
) -> ReadinessChange:
    half = float(student_t.ppf((1 + level) / 2, estimate.df)) * estimate.se
    return replace(change, ci_low=estimate.change - half, ci_high=estimate.change + half, clear=clear)


def _benjamini_hochberg(p_values: Sequence[float], rate: float) -> list[bool]:
    """Gives which p-values the Benjamini–Hochberg step-up procedure keeps at the false discovery rate."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    passing = [rank for rank, i in enumerate(order, start=1) if p_values[i] <= rank * rate / m]
    kept = set(order[: max(passing, default=0)])
    return [i in kept for i in range(m)]


def clear_change_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Gives one terminal line per clear change of `change_rows`, or one saying none stands out."""
    if not any(not row["withheld"] for row in rows):
        return []
    clear = [row for row in rows if row["clear"]]
    if not clear:
        return [tr("Readiness over time: no change between survey rounds stands out from the noise.")]
    line = tr("Readiness over time: {team}, {dimension}: {verdict} from {earlier} to {later} ({change}).")
    return [
        line.format(
            team=row["team"],
            dimension=row["dimension"],
            verdict=row["verdict"],
            earlier=row["earlier"],
            later=row["later"],
            change=rounded(row["change"], signed=True),
        )
        for row in clear
    ]
