"""The whole workshop as frozen plain values, for the strategy report and the charts.

Read in one short session; nothing here holds a session or an ORM object afterwards. Names of people are
included only where the workshop's anonymity level allows it (see `_person`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from workshop.wording import tr

from . import entities as e
from .views import round_status


@dataclass(frozen=True)
class WorkshopInfo:
    title: str
    organisation: str
    held_on: dt.date | None
    facilitator: str
    anonymity: e.Anonymity


@dataclass(frozen=True)
class TeamInfo:
    name: str
    description: str
    managers: int
    employees: int


@dataclass(frozen=True)
class PersonInfo:
    """A participant as the report may show them: only in a workshop whose answers are named."""

    name: str
    team: str | None
    role: str
    stance: str


@dataclass(frozen=True)
class TaskInfo:
    title: str
    team: str | None
    description: str
    frequency: str
    hours_per_week: float | None
    manual: bool
    redundancy: int | None
    ai_potential: int | None
    data_sensitivity: str
    notes: str


@dataclass(frozen=True)
class IdeaInfo:
    team: str | None
    group: str
    what: str
    how: str
    why: str


@dataclass(frozen=True)
class OpportunityInfo:
    title: str
    team: str | None
    description: str
    expected_benefit: str
    effort: int | None
    risk: int | None
    tasks: tuple[str, ...]
    # The most sensitive data among the linked tasks (None: no linked task), for the oversight rule.
    most_sensitive: e.Sensitivity | None = None
    # The ideas it was made from (their team, what they say), never who proposed them.
    ideas: tuple[tuple[str | None, str], ...] = ()


@dataclass(frozen=True)
class RoundInfo:
    name: str
    method: str
    status: str  # open / closed / revealed
    ballots: int


@dataclass(frozen=True)
class CheckpointInfo:
    due_on: dt.date | None
    decision: str
    notes: str


@dataclass(frozen=True)
class PilotInfo:
    opportunity: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    success_metrics: str
    go_no_go_criteria: str
    status: str
    checkpoints: tuple[CheckpointInfo, ...]
    owner: str = ""
    hours_freed_per_week: float | None = None  # expected, as the facilitator entered it


@dataclass(frozen=True)
class WorkflowInfo:
    opportunity: str
    owner: str
    ai_platform: str
    steps: str
    oversight: e.Oversight
    stricter_review: bool
    pilots: tuple[PilotInfo, ...]


@dataclass(frozen=True)
class CapacityInfo:
    team: str | None
    hours_per_week: float
    dropped_or_deferred: str
    training: str


@dataclass(frozen=True)
class FeedbackInfo:
    received_on: dt.date | None
    channel: str
    team: str | None
    what_works: str
    what_does_not: str
    change_made: str


@dataclass(frozen=True)
class FlagInfo:
    category: e.CautionCategory
    severity: e.Severity
    team: str | None
    person: str | None  # only in a named workshop
    evidence: str
    response: str
    owner: str
    status: str
    raised_on: dt.date | None


@dataclass(frozen=True)
class ActionInfo:
    title: str
    owner: str
    due_on: dt.date | None
    status: str
    linked_to: str  # "caution flag: ...", "pilot: ...", "feedback: ..." or ""
    flag_severity: e.Severity | None = None  # of the caution flag it answers, if any


@dataclass(frozen=True)
class OversightRule:
    """The workshop's oversight rule (docs/oversight-rule.md): the least oversight per data sensitivity, the
    readiness below which a team gets one step stricter, and how many of the room's top priorities do."""

    low: e.Oversight = e.Oversight.HANDLE_EXCEPTIONS
    medium: e.Oversight = e.Oversight.REVIEW_SAMPLES
    high: e.Oversight = e.Oversight.REVIEW_EVERY_OUTPUT
    readiness_below: float = 3.0
    top_priorities: int = 3


@dataclass(frozen=True)
class WorkshopRecord:
    """Everything entered in a workshop that a report may show, already filtered for privacy."""

    info: WorkshopInfo
    teams: tuple[TeamInfo, ...]
    people: tuple[PersonInfo, ...]  # empty unless the workshop is named
    tasks: tuple[TaskInfo, ...]
    ideas: tuple[IdeaInfo, ...]
    opportunities: tuple[OpportunityInfo, ...]
    rounds: tuple[RoundInfo, ...]
    workflows: tuple[WorkflowInfo, ...]
    capacity: tuple[CapacityInfo, ...]
    feedback: tuple[FeedbackInfo, ...]
    flags: tuple[FlagInfo, ...]
    actions: tuple[ActionInfo, ...]
    oversight_rule: OversightRule = OversightRule()


def _name(team: e.Team | None) -> str | None:
    return team.name if team is not None else None


def workshop_record(session: Session) -> WorkshopRecord:
    """Gives the whole workshop as plain values (people's names only in a named workshop)."""
    row = session.scalars(select(e.Workshop)).first()
    info = (
        WorkshopInfo(row.title, row.organisation, row.held_on, row.facilitator, row.anonymity)
        if row is not None
        else WorkshopInfo(tr("Untitled workshop"), "", None, "", e.Anonymity.ANONYMOUS)
    )
    named = info.anonymity is e.Anonymity.NAMED
    return WorkshopRecord(
        info=info,
        teams=_teams(session),
        people=_people(session) if named else (),
        tasks=_tasks(session),
        ideas=tuple(
            IdeaInfo(_name(i.team), i.group_name, i.what, i.how, i.why)
            for i in session.scalars(select(e.Idea).options(selectinload(e.Idea.team)).order_by(e.Idea.id))
        ),
        opportunities=_opportunities(session),
        rounds=_rounds(session),
        workflows=_workflows(session),
        capacity=tuple(
            CapacityInfo(_name(c.team), c.hours_per_week, c.dropped_or_deferred, c.training)
            for c in session.scalars(
                select(e.CapacityPlan).options(selectinload(e.CapacityPlan.team)).order_by(e.CapacityPlan.id)
            )
        ),
        feedback=tuple(
            FeedbackInfo(
                f.received_on, f.channel, _name(f.team), f.what_works, f.what_does_not, f.change_made
            )
            for f in session.scalars(
                select(e.FeedbackItem)
                .options(selectinload(e.FeedbackItem.team))
                .order_by(e.FeedbackItem.received_on, e.FeedbackItem.id)
            )
        ),
        flags=_flags(session, named),
        actions=_actions(session),
        oversight_rule=oversight_rule(row),
    )


def oversight_rule(row: e.Workshop | None) -> OversightRule:
    """Gives the workshop's oversight rule (the defaults when the file has no workshop row)."""
    if row is None:
        return OversightRule()
    return OversightRule(
        row.oversight_low,
        row.oversight_medium,
        row.oversight_high,
        row.oversight_readiness_below,
        row.oversight_top_priorities,
    )


def _teams(session: Session) -> tuple[TeamInfo, ...]:
    counts = dict(
        session.execute(
            select(e.Participant.team_id, func.count())
            .where(e.Participant.role == e.Role.MANAGER)
            .group_by(e.Participant.team_id)
        ).all()
    )
    employees = dict(
        session.execute(
            select(e.Participant.team_id, func.count())
            .where(e.Participant.role == e.Role.EMPLOYEE)
            .group_by(e.Participant.team_id)
        ).all()
    )
    return tuple(
        TeamInfo(t.name, t.description, counts.get(t.id, 0), employees.get(t.id, 0))
        for t in session.scalars(select(e.Team).order_by(e.Team.name))
    )


def _people(session: Session) -> tuple[PersonInfo, ...]:
    query = select(e.Participant).options(selectinload(e.Participant.team)).order_by(e.Participant.name)
    return tuple(
        PersonInfo(p.name, _name(p.team), p.role.value, p.stance.value) for p in session.scalars(query)
    )


def _tasks(session: Session) -> tuple[TaskInfo, ...]:
    query = select(e.Task).options(selectinload(e.Task.team)).order_by(e.Task.id)
    return tuple(
        TaskInfo(
            t.title,
            _name(t.team),
            t.description,
            t.frequency.value,
            t.hours_per_week,
            t.manual,
            t.redundancy,
            t.ai_potential,
            t.data_sensitivity.value,
            t.notes,
        )
        for t in session.scalars(query)
    )


def _opportunities(session: Session) -> tuple[OpportunityInfo, ...]:
    query = (
        select(e.Opportunity)
        .options(selectinload(e.Opportunity.team), selectinload(e.Opportunity.tasks))
        .order_by(e.Opportunity.title)
    )
    ideas = _ideas_made_into(session)
    return tuple(
        OpportunityInfo(
            o.title,
            _name(o.team),
            o.description,
            o.expected_benefit,
            o.effort,
            o.risk,
            tuple(t.title for t in o.tasks),
            _most_sensitive(o.tasks),
            tuple(ideas.get(o.id, ())),
        )
        for o in session.scalars(query)
    )


def _ideas_made_into(session: Session) -> dict[int, list[tuple[str | None, str]]]:
    """Gives each opportunity's ideas (team, what), oldest first; the proposer is not read."""
    query = (
        select(e.Idea.opportunity_id, e.Team.name, e.Idea.what)
        .outerjoin(e.Team, e.Team.id == e.Idea.team_id)
        .where(e.Idea.opportunity_id.is_not(None))
        .order_by(e.Idea.id)
    )
    found: dict[int, list[tuple[str | None, str]]] = {}
    for opportunity_id, team, what in session.execute(query):
        found.setdefault(int(opportunity_id or 0), []).append((team, what))
    return found


SENSITIVITY_ORDER = (e.Sensitivity.LOW, e.Sensitivity.MEDIUM, e.Sensitivity.HIGH)


def _most_sensitive(tasks: list[e.Task]) -> e.Sensitivity | None:
    return max((t.data_sensitivity for t in tasks), key=SENSITIVITY_ORDER.index, default=None)


def _rounds(session: Session) -> tuple[RoundInfo, ...]:
    ballots = dict(session.execute(select(e.Ballot.round_id, func.count()).group_by(e.Ballot.round_id)).all())
    return tuple(
        RoundInfo(
            r.name,
            r.method.value,
            round_status(r.opened_at, r.closed_at, r.revealed_at),
            ballots.get(r.id, 0),
        )
        for r in session.scalars(select(e.BallotRound).order_by(e.BallotRound.created_at, e.BallotRound.id))
    )


def _workflows(session: Session) -> tuple[WorkflowInfo, ...]:
    query = (
        select(e.Workflow)
        .options(
            selectinload(e.Workflow.opportunity),
            selectinload(e.Workflow.pilots).selectinload(e.Pilot.checkpoints),
        )
        .order_by(e.Workflow.id)
    )
    return tuple(
        WorkflowInfo(
            w.opportunity.title,
            w.owner,
            w.ai_platform,
            w.steps,
            w.oversight,
            w.stricter_review,
            tuple(_pilot(w.opportunity.title, p) for p in w.pilots),
        )
        for w in session.scalars(query)
    )


def _pilot(opportunity: str, pilot: e.Pilot) -> PilotInfo:
    return PilotInfo(
        opportunity,
        pilot.starts_on,
        pilot.ends_on,
        pilot.success_metrics,
        pilot.go_no_go_criteria,
        pilot.status.value,
        tuple(CheckpointInfo(c.due_on, c.decision.value, c.notes) for c in pilot.checkpoints),
        pilot.owner,
        pilot.hours_freed_per_week,
    )


def _flags(session: Session, named: bool) -> tuple[FlagInfo, ...]:
    query = (
        select(e.CautionFlag)
        .options(selectinload(e.CautionFlag.team), selectinload(e.CautionFlag.participant))
        .order_by(e.CautionFlag.raised_on, e.CautionFlag.id)
    )
    return tuple(
        FlagInfo(
            f.category,
            f.severity,
            _name(f.team),
            f.participant.name if named and f.participant is not None else None,
            f.evidence,
            f.response,
            f.owner,
            f.status.value,
            f.raised_on,
        )
        for f in session.scalars(query)
    )


def _actions(session: Session) -> tuple[ActionInfo, ...]:
    flags = dict(session.execute(select(e.CautionFlag.id, e.CautionFlag.category)).all())
    severities = dict(session.execute(select(e.CautionFlag.id, e.CautionFlag.severity)).all())
    pilots = dict(
        session.execute(
            select(e.Pilot.id, e.Opportunity.title)
            .join(e.Workflow, e.Workflow.id == e.Pilot.workflow_id)
            .join(e.Opportunity, e.Opportunity.id == e.Workflow.opportunity_id)
        ).all()
    )
    feedback = dict(session.execute(select(e.FeedbackItem.id, e.FeedbackItem.channel)).all())

    def linked(action: e.Action) -> str:
        if action.flag_id in flags:
            return tr("caution flag: {category}").format(category=tr(flags[action.flag_id].value))
        if action.pilot_id in pilots:
            return tr("pilot: {opportunity}").format(opportunity=pilots[action.pilot_id])
        if action.feedback_id in feedback:
            return tr("feedback: {channel}").format(
                channel=feedback[action.feedback_id] or tr("feedback item")
            )
        return ""

    return tuple(
        ActionInfo(a.title, a.owner, a.due_on, a.status.value, linked(a), severities.get(a.flag_id or 0))
        for a in session.scalars(select(e.Action).order_by(e.Action.due_on, e.Action.id))
    )
