"""Draft workflows for the room's top priorities: in the consensus order of the revealed ranking, each with an
owner from the opportunity's team (champions first) and the oversight rule's minimum, so no draft starts
below the rule.

`workflow_plan` is pure over the findings and the owners offered, so the dialog can work out a new plan as
the facilitator changes N; `draft_workflows` writes one plan's drafts in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .analysis.consensus import place_rows
from .findings import OwnerChoice, WorkshopFindings, owner_choices
from .model import editing
from .model import entities as e
from .model.record import OpportunityInfo
from .oversight import minimum_oversight

DEFAULT_TOP = 3


@dataclass(frozen=True)
class PlannedWorkflow:
    """One of the room's top opportunities, with the workflow proposed for it (or why none is drafted)."""

    opportunity: str
    place: int  # in the room's order; opportunities tied share the place their tier starts at
    tied: bool  # shares its place with another opportunity
    team: str | None
    owner: str  # "" when the team has no participant to propose
    owner_stance: str  # champion, neutral, unknown, skeptic; "" without an owner
    oversight: e.Oversight  # the rule's minimum
    reasons: tuple[str, ...]  # why the rule asks that much
    stricter_review: bool  # a linked task handles highly sensitive data
    already_planned: bool  # the opportunity has a workflow: nothing is drafted for it


@dataclass(frozen=True)
class WorkflowPlan:
    """The top N of a revealed ranking round as workflows to draft."""

    round: str
    asked: int  # the N the facilitator asked for
    ranked: int  # how many opportunities the room's order holds: the largest N that makes sense
    rows: tuple[PlannedWorkflow, ...]  # in the room's order, a tie at the edge taken whole

    @property
    def drafts(self) -> tuple[PlannedWorkflow, ...]:
        """Gives the rows a workflow will be drafted for: those without one yet."""
        return tuple(row for row in self.rows if not row.already_planned)

    @property
    def tie_at_edge(self) -> bool:
        """Gives whether a tie across the N-th place brought more than N opportunities in."""
        return len(self.rows) > self.asked


def room_places(findings: WorkshopFindings) -> dict[str, int]:
    """Gives each opportunity's place in the room's order (Borda consensus of the revealed ranking round,
    as the oversight rule reads it); empty when no round orders the room's priorities."""
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return {}
    return {item: place for place, item in place_rows(ranking.consensus.borda)}


def owners_by_team(session: Session) -> dict[str | None, tuple[OwnerChoice, ...]]:
    """Gives the owners to offer for each team's opportunities: its participants, champions first."""
    teams: dict[str, set[str | None]] = {}
    for name, team_name in session.execute(
        select(e.Participant.name, e.Team.name).outerjoin(e.Team, e.Team.id == e.Participant.team_id)
    ):
        teams.setdefault(name, set()).add(team_name)
    offered: dict[str | None, list[OwnerChoice]] = {}
    for choice in owner_choices(session):
        for team in teams.get(choice.name, set()):
            offered.setdefault(team, []).append(choice)
    return {team: tuple(choices) for team, choices in offered.items()}


def workflow_plan(
    findings: WorkshopFindings, owners: Mapping[str | None, Sequence[OwnerChoice]], top: int
) -> WorkflowPlan | None:
    """Gives the workflows to draft for the room's top `top` opportunities (a tie across the edge is taken
    whole); None when no revealed ranking orders the room's priorities."""
    places = room_places(findings)
    if not places or findings.ranking_round is None:
        return None
    counts: dict[int, int] = {}
    for place in places.values():
        counts[place] = counts.get(place, 0) + 1
    opportunities = {o.title: o for o in findings.record.opportunities}
    planned = {w.opportunity for w in findings.record.workflows}
    rows = tuple(
        _planned(title, place, counts[place] > 1, opportunities.get(title), findings, owners, places, planned)
        for title, place in sorted(places.items(), key=lambda pair: pair[1])
        if place <= top
    )
    return WorkflowPlan(findings.ranking_round, top, len(places), rows)


def _planned(
    title: str,
    place: int,
    tied: bool,
    opportunity: OpportunityInfo | None,
    findings: WorkshopFindings,
    owners: Mapping[str | None, Sequence[OwnerChoice]],
    places: Mapping[str, int],
    planned: set[str],
) -> PlannedWorkflow:
    team = opportunity.team if opportunity is not None else None
    minimum, reasons = minimum_oversight(
        opportunity, findings.record.oversight_rule, findings.readiness, places, findings.ranking_round
    )
    offered = owners.get(team, ()) if team is not None else ()
    owner = offered[0] if offered else None
    sensitive = opportunity is not None and opportunity.most_sensitive is e.Sensitivity.HIGH
    return PlannedWorkflow(
        opportunity=title,
        place=place,
        tied=tied,
        team=team,
        owner=owner.name if owner else "",
        owner_stance=owner.stance if owner else "",
        oversight=minimum,
        reasons=tuple(reasons),
        stricter_review=sensitive,
        already_planned=title in planned,
    )


def draft_values(session: Session, plan: WorkflowPlan) -> list[dict[str, object]]:
    """Gives the new workflow rows of the plan's drafts, each naming its opportunity by id."""
    titles = [row.opportunity for row in plan.drafts]
    ids = dict(
        session.execute(
            select(e.Opportunity.title, e.Opportunity.id).where(e.Opportunity.title.in_(titles))
        ).all()
    )
    return [
        {
            "opportunity_id": ids[row.opportunity],
            "owner": row.owner,
            "oversight": row.oversight,
            "stricter_review": row.stricter_review,
        }
        for row in plan.drafts
        if row.opportunity in ids
    ]


def draft_workflows(session: Session, rows: Sequence[Mapping[str, object]]) -> tuple[int, ...]:
    """Gives the ids of the workflows added from these rows (an 'id' among a row's values is kept, so a redo
    brings back the same rows)."""
    return tuple(editing.add_row(session, entity="workflow", values=values) for values in rows)
