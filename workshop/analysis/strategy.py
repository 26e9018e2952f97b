"""Priority against readiness: which opportunities to start, prepare, reconsider or keep as long shots."""

from __future__ import annotations

import enum
import statistics
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

PRIORITY_SPLIT = 0.5


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
    """Priority 0..1 (1 = top of the consensus), the owning team's readiness 1..5, and the quadrant.

    `readiness_cut` is the readiness that counts as ready (the median team's, the same for every
    placement of one chart); `flagged` says the team has an open high or critical caution flag.
    """

    title: str
    team: str | None
    priority: float
    readiness: float | None
    placement: Placement | None
    readiness_cut: float | None = None
    flagged: bool = False


def priority(mean_rank: float, item_count: int) -> float:
    """Gives the consensus position as 0..1: 1 for mean rank 1 (everyone's first), 0 for mean rank n."""
    if item_count < 2:
        return 1.0
    return min(1.0, max(0.0, 1 - (mean_rank - 1) / (item_count - 1)))


def priority_by_readiness(
    opportunities: Sequence[Opportunity],
    readiness: Mapping[str, float],
    *,
    flagged_teams: Collection[str] = (),
) -> tuple[OpportunityPlacement, ...]:
    """Gives each opportunity's priority, its team's readiness and its quadrant, highest priority first.

    Split points: priority >= 0.5 is high (the upper half of the consensus scale); a team is ready
    when its readiness is at least the readiness cut, the median readiness of the teams that own the
    opportunities shown (`readiness_cut`), and it has no open high or critical caution flag
    (`flagged_teams`). quick win = high priority, team ready; prepare first = high priority, team not
    ready; reconsider = low, not ready; long shot = low priority, team ready. Without a shown
    readiness for the owning team (no team, or results withheld) there is no quadrant.
    """
    count = len(opportunities)
    cut = readiness_cut([o.team for o in opportunities], readiness)
    placements = []
    for opportunity in opportunities:
        level = priority(opportunity.mean_rank, count)
        ready = readiness.get(opportunity.team) if opportunity.team is not None else None
        flagged = opportunity.team in flagged_teams
        placements.append(
            OpportunityPlacement(
                opportunity.title,
                opportunity.team,
                level,
                ready,
                _place(level, ready, cut, flagged),
                readiness_cut=cut,
                flagged=flagged,
            )
        )
    return tuple(sorted(placements, key=lambda p: (-p.priority, p.title)))


def readiness_cut(teams: Sequence[str | None], readiness: Mapping[str, float]) -> float | None:
    """Gives the median readiness of the named teams that have one (each team once); None if none has.

    Relative on purpose: teams tend to rate themselves near the middle of the scale, so a fixed
    cut would call every team ready, or none.
    """
    shown = [readiness[team] for team in set(teams) if team is not None and team in readiness]
    return float(statistics.median(shown)) if shown else None


def _place(level: float, ready: float | None, cut: float | None, flagged: bool) -> Placement | None:
    if ready is None or cut is None:
        return None
    is_ready = ready >= cut and not flagged
    if level >= PRIORITY_SPLIT:
        return Placement.QUICK_WIN if is_ready else Placement.PREPARE_FIRST
    return Placement.LONG_SHOT if is_ready else Placement.RECONSIDER
