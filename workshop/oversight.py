"""The least human oversight each workflow should have, by the workshop's rule, with the reasons in words.

The rule (docs/oversight-rule.md): start from the workshop's level for the most sensitive data among the
workflow's linked tasks (low when none is linked); one step stricter when the owning team's readiness
(mean of its dimension means in the latest survey round, shown only when not withheld) is below the rule's
threshold; one more step when the opportunity is among the room's top priorities in the ranking's
consensus order (Borda; a tied tier that starts inside the top N counts). Never stricter than
"AI-assist only". A step whose facts are unknown is not applied, and the reasons say so.

Pure Python over plain values (no Qt, no session): `findings` calls it as it gathers, so the Workflows
page, the PDF and `analyze` state the same minimum and the same reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .analysis.alignment import RankingAnalysis
from .analysis.consensus import place_rows
from .analysis.readiness import GroupScore, team_readiness
from .model import entities as e
from .model.record import OpportunityInfo, OversightRule, WorkshopRecord
from .rounding import rounded
from .wording import tr, word

# From the loosest to the strictest: a step stricter is one place to the right.
LOOSEST_FIRST = (
    e.Oversight.FULLY_AUTOMATED,
    e.Oversight.HANDLE_EXCEPTIONS,
    e.Oversight.REVIEW_SAMPLES,
    e.Oversight.REVIEW_EVERY_OUTPUT,
    e.Oversight.AI_ASSIST_ONLY,
)
STRICTEST = LOOSEST_FIRST[-1]


@dataclass(frozen=True)
class OversightCheck:
    """A workflow's oversight held against the rule: the chosen level, the minimum and why."""

    workflow: str  # the opportunity it works, as the workshop names it
    chosen: e.Oversight
    minimum: e.Oversight
    reasons: tuple[str, ...]

    @property
    def below(self) -> bool:
        """Gives whether the workflow has less oversight than the rule asks."""
        return strictness(self.chosen) < strictness(self.minimum)


def strictness(level: e.Oversight) -> int:
    """Gives how strict a level is: 0 for fully automated up to 4 for AI-assist only."""
    return LOOSEST_FIRST.index(level)


def stricter(level: e.Oversight, steps: int) -> e.Oversight:
    """Gives the level `steps` steps stricter, never past AI-assist only."""
    return LOOSEST_FIRST[min(strictness(level) + steps, len(LOOSEST_FIRST) - 1)]


def oversight_checks(
    record: WorkshopRecord,
    readiness: Sequence[GroupScore],
    ranking: RankingAnalysis | None,
    ranking_round: str | None = None,
) -> tuple[OversightCheck, ...]:
    """Gives each workflow's minimum oversight by the record's rule, with the reasons in short sentences.

    `readiness` holds the latest survey round's scores (withheld groups marked); `ranking` is the revealed
    ranking round the findings describe (None: no step for priority)."""
    rule = record.oversight_rule
    opportunities = {o.title: o for o in record.opportunities}
    places = _priority_places(ranking)
    checks = []
    for workflow in record.workflows:
        opportunity = opportunities.get(workflow.opportunity)
        minimum, reasons = minimum_oversight(opportunity, rule, readiness, places, ranking_round)
        checks.append(OversightCheck(workflow.opportunity, workflow.oversight, minimum, tuple(reasons)))
    return tuple(checks)


def _priority_places(ranking: RankingAnalysis | None) -> Mapping[str, int] | None:
    """Gives each item's place in the room's order (ties share the place their tier starts at); None when
    there is no order to go by."""
    if ranking is None or ranking.concordance.w is None:
        return None
    return {item: place for place, item in place_rows(ranking.consensus.borda)}


def minimum_oversight(
    opportunity: OpportunityInfo | None,
    rule: OversightRule,
    readiness: Sequence[GroupScore],
    places: Mapping[str, int] | None,
    ranking_round: str | None = None,
) -> tuple[e.Oversight, list[str]]:
    """Gives the least oversight the rule asks for the opportunity's workflow, and the reasons."""
    start, reasons = _by_sensitivity(opportunity, rule)
    team = opportunity.team if opportunity is not None else None
    steps = _readiness_step(team, rule, readiness, reasons)
    title = opportunity.title if opportunity is not None else None
    steps += _priority_step(title, rule, places, ranking_round, reasons)
    minimum = stricter(start, steps)
    if strictness(start) + steps > strictness(STRICTEST):
        reasons.append(tr("Capped at {level}, the strictest level").format(level=word(STRICTEST.value)))
    return minimum, reasons


def _by_sensitivity(
    opportunity: OpportunityInfo | None, rule: OversightRule
) -> tuple[e.Oversight, list[str]]:
    sensitivity = opportunity.most_sensitive if opportunity is not None else None
    levels = {
        e.Sensitivity.LOW: rule.low,
        e.Sensitivity.MEDIUM: rule.medium,
        e.Sensitivity.HIGH: rule.high,
    }
    if sensitivity is None:
        reason = tr("No linked audit task: the level for low-sensitivity data, at least {level}")
        return rule.low, [reason.format(level=word(rule.low.value))]
    level = levels[sensitivity]
    reason = tr("Handles data rated {sensitivity}: at least {level}")
    return level, [reason.format(sensitivity=word(sensitivity.value), level=word(level.value))]


def _readiness_step(
    team: str | None, rule: OversightRule, readiness: Sequence[GroupScore], reasons: list[str]
) -> int:
    if team is None:
        reasons.append(tr("No team owns the opportunity: the readiness step is not applied"))
        return 0
    scores = [s for s in readiness if s.team == team]
    if any(s.withheld for s in scores):
        reasons.append(
            tr(
                "Team {team}'s readiness is withheld (too few answers): the readiness step is not applied"
            ).format(team=team)
        )
        return 0
    mean = team_readiness(scores).get(team)
    if mean is None:
        reasons.append(
            tr("No readiness survey of team {team}: the readiness step is not applied").format(team=team)
        )
        return 0
    values = {"team": team, "mean": rounded(mean), "limit": rounded(rule.readiness_below)}
    if mean < rule.readiness_below:
        reasons.append(tr("Team {team} readiness {mean}, below {limit}: one step stricter").format(**values))
        return 1
    reasons.append(tr("Team {team} readiness {mean}, not below {limit}: no step").format(**values))
    return 0


def _priority_step(
    title: str | None,
    rule: OversightRule,
    places: Mapping[str, int] | None,
    ranking_round: str | None,
    reasons: list[str],
) -> int:
    if places is None:
        reasons.append(
            tr("No revealed ranking that orders the room's priorities: the priority step is not applied")
        )
        return 0
    place = places.get(title or "")
    if place is None:
        reasons.append(
            tr("Not ranked in round {round}: the priority step is not applied").format(
                round=ranking_round or ""
            )
        )
        return 0
    if place <= rule.top_priorities:
        reasons.append(tr("Priority {place} of the room: one step stricter").format(place=place))
        return 1
    reasons.append(
        tr("Priority {place} of the room, outside the top {top}: no step").format(
            place=place, top=rule.top_priorities
        )
    )
    return 0


def oversight_numbers(checks: Sequence[OversightCheck]) -> list[dict[str, Any]]:
    """Gives the checks as plain values for `analyze --json`."""
    return [
        {
            "workflow": c.workflow,
            "chosen": c.chosen.value,
            "minimum": c.minimum.value,
            "below": c.below,
            "reasons": list(c.reasons),
        }
        for c in checks
    ]
