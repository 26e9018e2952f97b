"""Caution flags the workshop's own data suggests, for the facilitator to accept or dismiss.

Pure Python over the findings: no Qt, no session. Nothing here writes a flag; a later step shows the
proposals, turns an accepted one into a flag with an owner and an action, and remembers a dismissed one by
its `key` (kind and subject), so it is not proposed again. A proposal whose team already has an unresolved
flag of the same category is left out: the facilitator is on it.

The kinds and their rules:
- readiness lower than thought: a perception gap the analysis calls clear, managers above their team (the
  analysis withholds groups under the privacy floor, so those never show);
- a workflow owned by a participant recorded as a skeptic;
- a priority in the room's top three that divides the room beyond chance (never raw spread);
- a pilot checkpoint decided "adjust and continue" or "stop";
- recurring "what does not work" feedback: `RECURRING_FEEDBACK` or more items from one team of at least
  the privacy floor (a smaller team is never named);
- a pilot's team with no learning time or nothing dropped to make room ("AI as one more burden");
- an ADKAR barrier: a team (never one under the privacy floor) whose barrier points gather at one element
  beyond chance, with the response that element calls for.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .analysis.adkar import BARRIER_RESPONSES
from .analysis.consensus import place_rows
from .findings import WorkshopFindings
from .headlines import divided_items
from .model import entities as e
from .model.record import FlagInfo, WorkflowInfo
from .privacy import MIN_GROUP
from .rounding import rounded
from .wording import plural, tr, word

RECURRING_FEEDBACK = 3  # "what does not work" items from one team before it counts as a pattern
TOP_PRIORITIES = 3  # places of the room's order a divided priority must be in to matter
WORRYING_CHECKPOINTS = (e.CheckpointDecision.ADJUST.value, e.CheckpointDecision.STOP.value)
LARGE_GAP = 1.5  # scale points of a perception gap that make it a high-severity proposal


class ProposalKind(enum.StrEnum):
    PERCEPTION_GAP = "readiness lower than thought"
    SKEPTIC_OWNER = "workflow owned by a skeptic"
    DIVIDED_PRIORITY = "top priority divides the room"
    CHECKPOINT = "pilot checkpoint adjusted or stopped"
    RECURRING_FEEDBACK = "recurring feedback on what does not work"
    NO_LEARNING_TIME = "pilot team without learning time"
    NOTHING_DROPPED = "pilot team with nothing dropped"
    ADKAR_BARRIER = "ADKAR barrier"


@dataclass(frozen=True)
class Proposal:
    """A caution flag the data suggests: its subject, its evidence in numbers and a suggested response."""

    kind: ProposalKind
    subject: str  # the team, workflow, priority or pilot it is about, as the workshop names it
    category: e.CautionCategory
    severity: e.Severity
    evidence: str
    response: str
    team: str | None = None
    workflow: str | None = None
    priority: str | None = None

    @property
    def key(self) -> str:
        """Gives the proposal's stable name (kind and subject), by which a dismissal is remembered."""
        return f"{self.kind.value}: {self.subject}"


def proposed_flags(
    findings: WorkshopFindings, stances: Mapping[str, str] | None = None
) -> tuple[Proposal, ...]:
    """Gives the caution flags the data suggests, minus those an unresolved flag already covers.

    `stances` maps participants' names to their recorded stance; the record holds people only in a named
    workshop, so the caller (who is the facilitator) passes them in other workshops.
    """
    if stances is None:
        stances = {p.name: p.stance for p in findings.record.people}
    found = [
        *perception_gap_proposals(findings),
        *skeptic_owner_proposals(findings, stances),
        *divided_priority_proposals(findings),
        *checkpoint_proposals(findings),
        *recurring_feedback_proposals(findings),
        *burden_proposals(findings),
        *adkar_barrier_proposals(findings),
    ]
    open_flags = [f for f in findings.record.flags if f.status != e.FlagStatus.RESOLVED.value]
    return tuple(p for p in found if not _covered(p, open_flags))


def _covered(proposal: Proposal, flags: Iterable[FlagInfo]) -> bool:
    return any(f.category is proposal.category and f.team == proposal.team for f in flags)


def perception_gap_proposals(findings: WorkshopFindings) -> list[Proposal]:
    """Gives one proposal per team whose managers clearly think it readier than it says it is."""
    found = []
    by_team: dict[str, list[str]] = {}
    largest: dict[str, float] = {}
    for gap in findings.gaps:
        if gap.withheld or not gap.clear or gap.gap is None or gap.gap <= 0:
            continue
        by_team.setdefault(gap.team, []).append(
            tr(
                "{dimension}: managers' estimate {gap} points above the team's own mean ({low} to {high})"
            ).format(
                dimension=word(gap.dimension),
                gap=rounded(gap.gap),
                low=rounded(gap.ci_low),
                high=rounded(gap.ci_high),
            )
        )
        largest[gap.team] = max(largest.get(gap.team, 0.0), gap.gap)
    for team, lines in by_team.items():
        found.append(
            Proposal(
                ProposalKind.PERCEPTION_GAP,
                team,
                e.CautionCategory.READINESS_LOWER,
                e.Severity.HIGH if largest[team] >= LARGE_GAP else e.Severity.MEDIUM,
                tr("Survey round {round}, {team}: {lines}.").format(
                    round=findings.survey_round, team=team, lines="; ".join(lines)
                ),
                tr("Hear the team's view before the rollout widens; plan support where it is lowest."),
                team=team,
            )
        )
    return found


def skeptic_owner_proposals(findings: WorkshopFindings, stances: Mapping[str, str]) -> list[Proposal]:
    """Gives one proposal per workflow whose owner is recorded as a skeptic."""
    teams = _opportunity_teams(findings)
    return [
        Proposal(
            ProposalKind.SKEPTIC_OWNER,
            w.opportunity,
            e.CautionCategory.ROLLOUT_FLAW,
            e.Severity.MEDIUM,
            tr("The workflow {workflow} is owned by {owner}, recorded as a skeptic of AI.").format(
                workflow=w.opportunity, owner=w.owner
            ),
            tr("Ask the owner what would convince them; pair them with a champion or share the ownership."),
            team=teams.get(w.opportunity),
            workflow=w.opportunity,
        )
        for w in findings.record.workflows
        if stances.get(w.owner.strip()) == e.Stance.SKEPTIC.value
    ]


def divided_priority_proposals(findings: WorkshopFindings) -> list[Proposal]:
    """Gives one proposal per priority in the room's top three that divides the room beyond chance."""
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return []
    places = dict((item, place) for place, item in place_rows(ranking.consensus.borda))
    teams = _opportunity_teams(findings)
    return [
        Proposal(
            ProposalKind.DIVIDED_PRIORITY,
            s.item,
            e.CautionCategory.OTHER,
            e.Severity.MEDIUM,
            tr(
                "Round {round}: {item} is in place {place} of the room's order, yet the managers' ranks "
                "of it spread more than chance gives (normalised spread {spread} against {chance} by chance)."
            ).format(
                round=findings.ranking_round,
                item=s.item,
                place=places[s.item],
                spread=rounded(s.spread),
                chance=rounded(s.chance_spread),
            ),
            tr("Hear both sides before a pilot starts on it; settle what it is meant to achieve."),
            team=teams.get(s.item),
            priority=s.item,
        )
        for s in divided_items(ranking)
        if places.get(s.item, TOP_PRIORITIES + 1) <= TOP_PRIORITIES
    ]


def checkpoint_proposals(findings: WorkshopFindings) -> list[Proposal]:
    """Gives one proposal per pilot whose checkpoints were decided "adjust and continue" or "stop"."""
    teams = _opportunity_teams(findings)
    found = []
    for workflow in findings.record.workflows:
        for pilot in workflow.pilots:
            worrying = [c for c in pilot.checkpoints if c.decision in WORRYING_CHECKPOINTS]
            if not worrying:
                continue
            stopped = any(c.decision == e.CheckpointDecision.STOP.value for c in worrying)
            found.append(
                Proposal(
                    ProposalKind.CHECKPOINT,
                    pilot.opportunity,
                    e.CautionCategory.ROLLOUT_FLAW,
                    e.Severity.HIGH if stopped else e.Severity.MEDIUM,
                    tr("Pilot {pilot}: {count}; latest: {decision} – {notes}").format(
                        pilot=pilot.opportunity,
                        count=plural(
                            len(worrying),
                            "%n checkpoint decided to adjust or stop",
                            "%n checkpoints decided to adjust or stop",
                        ),
                        decision=word(worrying[-1].decision),
                        notes=worrying[-1].notes or tr("no notes"),
                    ),
                    tr("Check the change made at the checkpoint worked; tell the team what changed and why."),
                    team=teams.get(pilot.opportunity),
                    workflow=workflow.opportunity,
                )
            )
    return found


def recurring_feedback_proposals(findings: WorkshopFindings) -> list[Proposal]:
    """Gives one proposal per team (of at least the privacy floor) with recurring "what does not work"."""
    counts = Counter(f.team for f in findings.record.feedback if f.team and f.what_does_not.strip())
    sizes = {t.name: t.managers + t.employees for t in findings.record.teams}
    return [
        Proposal(
            ProposalKind.RECURRING_FEEDBACK,
            team,
            e.CautionCategory.ROLLOUT_FLAW,
            e.Severity.MEDIUM,
            tr("{team}: {count} in the feedback log.").format(
                team=team,
                count=plural(count, "%n item on what does not work", "%n items on what does not work"),
            ),
            tr("Go through the items with the team; say which will change and which will not, and why."),
            team=team,
        )
        for team, count in sorted(counts.items())
        if count >= RECURRING_FEEDBACK and sizes.get(team, 0) >= MIN_GROUP
    ]


def burden_proposals(findings: WorkshopFindings) -> list[Proposal]:
    """Gives proposals for pilot teams with no learning time or nothing dropped to make room for AI."""
    found = []
    for team in _pilot_teams(findings):
        # A plan that names no team is for every team, as the decisions table reads it.
        team_plans = [p for p in findings.record.capacity if p.team in (team, None)]
        if not any(p.hours_per_week > 0 for p in team_plans):
            found.append(_burden(ProposalKind.NO_LEARNING_TIME, team, _no_learning_time(team)))
        if not any(p.dropped_or_deferred.strip() for p in team_plans):
            found.append(_burden(ProposalKind.NOTHING_DROPPED, team, _nothing_dropped(team)))
    return found


def _no_learning_time(team: str) -> tuple[str, str]:
    return (
        tr("{team} runs a pilot, but its capacity plan gives no hours a week for learning.").format(
            team=team
        ),
        tr("Agree hours of learning time a week with the team's manager before the pilot goes on."),
    )


def _nothing_dropped(team: str) -> tuple[str, str]:
    return (
        tr("{team} runs a pilot, but its capacity plan drops or defers no work to make room.").format(
            team=team
        ),
        tr("Name work the team may drop or defer during the pilot, so AI is not one more burden."),
    )


def _burden(kind: ProposalKind, team: str, said: tuple[str, str]) -> Proposal:
    return Proposal(kind, team, e.CautionCategory.WORKLOAD, e.Severity.MEDIUM, *said, team=team)


def _opportunity_teams(findings: WorkshopFindings) -> dict[str, str | None]:
    return {o.title: o.team for o in findings.record.opportunities}


def _pilot_teams(findings: WorkshopFindings) -> list[str]:
    """Gives the teams whose opportunity has a pilot planned, running or paused, in the workshop's order."""
    active = (e.PilotStatus.PLANNED.value, e.PilotStatus.RUNNING.value, e.PilotStatus.PAUSED.value)
    teams = _opportunity_teams(findings)
    piloting = {teams.get(w.opportunity) for w in findings.record.workflows if _has_active(w, active)}
    return [t.name for t in findings.record.teams if t.name in piloting]


def _has_active(workflow: WorkflowInfo, active: tuple[str, ...]) -> bool:
    return any(p.status in active for p in workflow.pilots)


def adkar_barrier_proposals(findings: WorkshopFindings) -> list[Proposal]:
    """Gives one proposal per team whose ADKAR barrier points gather at one element beyond chance
    (withheld teams, under the privacy floor, have no barrier and are never proposed)."""
    found = []
    for team in findings.adkar:
        if team.withheld or team.barrier is None:
            continue
        count = team.at(team.barrier)
        found.append(
            Proposal(
                ProposalKind.ADKAR_BARRIER,
                team.team,
                e.CautionCategory.READINESS_LOWER,
                e.Severity.HIGH if 2 * count >= team.people else e.Severity.MEDIUM,
                tr(
                    "ADKAR round {round}, {team}: {count} of {people} have their barrier point at {element} "
                    "(chance gives {chance}); the team's mean {element} score is {mean}."
                ).format(
                    round=findings.adkar_round,
                    team=team.team,
                    count=count,
                    people=team.people,
                    element=word(team.barrier),
                    chance=rounded(team.chance_count),
                    mean=rounded(dict(team.means).get(team.barrier)),
                ),
                tr(BARRIER_RESPONSES[team.barrier]),
                team=team.team,
            )
        )
    return found
