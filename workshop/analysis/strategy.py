"""Priority against readiness: which opportunities to start, prepare, reconsider or keep as long shots."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PRIORITY_SPLIT = 0.5
READINESS_SPLIT = 3.0


class Placement(enum.StrEnum):
    QUICK_WIN = "quick win"
    PREPARE_FIRST = "prepare first"
    RECONSIDER = "reconsider"
    LONG_SHOT = "long shot"


@dataclass(frozen=True)
class Opportunity:
    """An opportunity with its consensus mean rank and the team that owns it (None when unowned)."""

    title: str
    team: str | None
    mean_rank: float


@dataclass(frozen=True)
class OpportunityPlacement:
    """Priority 0..1 (1 = top of the consensus), the owning team's readiness 1..5, and the quadrant."""

    title: str
    team: str | None
    priority: float
    readiness: float | None
    placement: Placement | None


def priority(mean_rank: float, item_count: int) -> float:
    """Gives the consensus position as 0..1: 1 for mean rank 1 (everyone's first), 0 for mean rank n."""
    if item_count < 2:
        return 1.0
    return min(1.0, max(0.0, 1 - (mean_rank - 1) / (item_count - 1)))


def priority_by_readiness(
    opportunities: Sequence[Opportunity], readiness: Mapping[str, float]
) -> tuple[OpportunityPlacement, ...]:
    """Gives each opportunity's priority, its team's readiness and its quadrant, highest priority first.

    Split points: priority >= 0.5 is high (the upper half of the consensus scale); readiness >= 3.0 is
    high (the middle of the 1-5 scale). quick win = high priority and high readiness; prepare first =
    high priority, low readiness; reconsider = low, low; long shot = low priority, high readiness.
    Without a shown readiness for the owning team (no team, or results withheld) there is no quadrant.
    """
    count = len(opportunities)
    placements = []
    for opportunity in opportunities:
        level = priority(opportunity.mean_rank, count)
        ready = readiness.get(opportunity.team) if opportunity.team is not None else None
        placements.append(
            OpportunityPlacement(opportunity.title, opportunity.team, level, ready, _place(level, ready))
        )
    return tuple(sorted(placements, key=lambda p: (-p.priority, p.title)))


def _place(level: float, ready: float | None) -> Placement | None:
    if ready is None:
        return None
    if level >= PRIORITY_SPLIT:
        return Placement.QUICK_WIN if ready >= READINESS_SPLIT else Placement.PREPARE_FIRST
    return Placement.LONG_SHOT if ready >= READINESS_SPLIT else Placement.RECONSIDER
