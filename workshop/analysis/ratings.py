"""Results of 100-point rounds and impact-effort rounds."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from workshop.privacy import MIN_GROUP

POINTS_BUDGET = 100.0
IMPACT_EFFORT_SCALE = (1.0, 5.0)


class Quadrant(enum.StrEnum):
    QUICK_WIN = "quick win"
    MAJOR_PROJECT = "major project"
    FILL_IN = "fill-in"
    THANKLESS_TASK = "thankless task"


@dataclass(frozen=True)
class PointsBallot:
    """One participant's allocation of 100 points; items left out got 0 points."""

    voter: str
    points: Mapping[str, float]


@dataclass(frozen=True)
class ItemPoints:
    """An item's mean points per ballot, sample SD, and share of all points given (None when withheld)."""

    item: str
    mean: float | None
    sd: float | None
    share: float | None


@dataclass(frozen=True)
class PointsResult:
    """Items by mean points (most first) and the voters whose ballot does not add up to 100."""

    ballots: int
    items: tuple[ItemPoints, ...]
    off_budget_voters: tuple[str, ...]


@dataclass(frozen=True)
class ImpactEffort:
    """One rating of an item; either value may be missing (skipped)."""

    impact: float | None
    effort: float | None


@dataclass(frozen=True)
class ImpactEffortBallot:
    voter: str
    ratings: Mapping[str, ImpactEffort]


@dataclass(frozen=True)
class ItemImpactEffort:
    """An item's mean impact and effort (with SD and count) and its quadrant (None when unrated)."""

    item: str
    impact_mean: float | None
    impact_sd: float | None
    impact_n: int
    effort_mean: float | None
    effort_sd: float | None
    effort_n: int
    quadrant: Quadrant | None


@dataclass(frozen=True)
class ImpactEffortResult:
    """An impact-effort round's ballots, where its quadrants are cut, and each item's means."""

    ballots: int
    cut: float
    items: tuple[ItemImpactEffort, ...]


def points_result(items: Sequence[str], ballots: Sequence[PointsBallot]) -> PointsResult:
    """Gives mean points, SD and share per item, sorted by mean points, most first.

    share = the item's total points / all points given (0 when nobody gave any). Ballots that do not
    add up to 100 are counted as given and listed, so the facilitator can follow them up.
    """
    table = np.array([[_points(b, item) for item in items] for b in ballots], dtype=float).reshape(
        len(ballots), len(items)
    )
    totals = table.sum(axis=0)
    grand_total = float(totals.sum())
    rows = [
        ItemPoints(
            item=item,
            mean=float(table[:, j].mean()) if len(ballots) else 0.0,
            sd=_sd(table[:, j]),
            share=float(totals[j] / grand_total) if grand_total > 0 else 0.0,
        )
        for j, item in enumerate(items)
    ]
    off_budget = tuple(
        b.voter for b, row in zip(ballots, table, strict=True) if abs(row.sum() - POINTS_BUDGET) > 1e-9
    )
    return PointsResult(len(ballots), tuple(sorted(rows, key=lambda r: -(r.mean or 0.0))), off_budget)


def points_shown(result: PointsResult, minimum: int = MIN_GROUP) -> PointsResult:
    """Gives the result with every item's figures withheld when fewer than `minimum` people voted.

    Each ballot rates every item (left out = 0 points), so the round's head-count is every item's.
    """
    if result.ballots >= minimum:
        return result
    hidden = tuple(ItemPoints(i.item, None, None, None) for i in sorted(result.items, key=lambda i: i.item))
    return replace(result, items=hidden)


def impact_effort_shown(
    items: Sequence[str], ballots: Sequence[ImpactEffortBallot], minimum: int = MIN_GROUP
) -> ImpactEffortResult:
    """Gives the round's result with the means of any side rated by fewer than `minimum` people withheld.

    A withheld side keeps its head-count (so the screen can say "too few ratings") and has no quadrant.
    """
    rows = []
    for row in impact_effort_result(items, ballots, scale=IMPACT_EFFORT_SCALE):
        if row.impact_n < minimum:
            row = replace(row, impact_mean=None, impact_sd=None, quadrant=None)
        if row.effort_n < minimum:
            row = replace(row, effort_mean=None, effort_sd=None, quadrant=None)
        rows.append(row)
    return ImpactEffortResult(len(ballots), quadrant_cut(IMPACT_EFFORT_SCALE), tuple(rows))


def quadrant_cut(scale: tuple[float, float]) -> float:
    """Gives the mean at which impact or effort counts as high: the scale's midpoint."""
    return (scale[0] + scale[1]) / 2


def impact_effort_result(
    items: Sequence[str], ballots: Sequence[ImpactEffortBallot], *, scale: tuple[float, float] = (1.0, 5.0)
) -> tuple[ItemImpactEffort, ...]:
    """Gives each item's mean impact and effort with SD and n, and its quadrant.

    The split is the scale's midpoint ((1 + 5) / 2 = 3 by default). High impact means mean impact
    >= midpoint; high effort means mean effort >= midpoint, so an item on the line counts as high
    effort (the cautious reading). quick win = high impact, low effort; major project = high, high;
    fill-in = low impact, low effort; thankless task = low impact, high effort.
    """
    midpoint = quadrant_cut(scale)
    results = []
    for item in items:
        impacts = _present([b.ratings[item].impact for b in ballots if item in b.ratings])
        efforts = _present([b.ratings[item].effort for b in ballots if item in b.ratings])
        impact, effort = _mean(impacts), _mean(efforts)
        results.append(
            ItemImpactEffort(
                item=item,
                impact_mean=impact,
                impact_sd=_sd(impacts),
                impact_n=len(impacts),
                effort_mean=effort,
                effort_sd=_sd(efforts),
                effort_n=len(efforts),
                quadrant=quadrant(impact, effort, midpoint),
            )
        )
    return tuple(results)


def quadrant(impact: float | None, effort: float | None, midpoint: float) -> Quadrant | None:
    """Gives the impact-effort quadrant of mean scores (None when either is missing)."""
    if impact is None or effort is None:
        return None
    if impact >= midpoint:
        return Quadrant.MAJOR_PROJECT if effort >= midpoint else Quadrant.QUICK_WIN
    return Quadrant.THANKLESS_TASK if effort >= midpoint else Quadrant.FILL_IN


def _points(ballot: PointsBallot, item: str) -> float:
    value = ballot.points.get(item)
    if value is None:
        return 0.0
    if value < 0:
        raise ValueError(
            f"the ballot of {ballot.voter!r} gives {item!r} {value} points; points cannot be negative"
        )
    return float(value)


def _present(values: Sequence[float | None]) -> np.ndarray:
    return np.array([v for v in values if v is not None], dtype=float)


def _mean(values: np.ndarray) -> float | None:
    return float(values.mean()) if values.size else None


def _sd(values: np.ndarray) -> float | None:
    return float(values.std(ddof=1)) if values.size >= 2 else None
