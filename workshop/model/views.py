"""What each workshop phase shows, as frozen plain-text tables handed to the screens.

Every function here reads through a session it is given and returns dataclasses of strings, so a screen
never touches an ORM object and painting never queries the file. Queries select columns and counts
rather than objects: a private ballot's contents are never even read for display.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from . import entities as e

SETUP = "Setup"
AUDIT = "Audit & Discovery"
READINESS = "Readiness"
PRIORITIES = "Priorities"
ALIGNMENT = "Alignment"
WORKFLOWS = "Workflows & Pilots"
SPACE_AND_TIME = "Space & Time"
FEEDBACK = "Feedback & Resistance"
REPORT = "Report"

PHASES: tuple[str, ...] = (
    SETUP,
    AUDIT,
    READINESS,
    PRIORITIES,
    ALIGNMENT,
    WORKFLOWS,
    SPACE_AND_TIME,
    FEEDBACK,
    REPORT,
)

HINTS: dict[str, str] = {
    SETUP: (
        "Enter the workshop's details, the teams in the room and who takes part. "
        "Note each manager's stance - champion, neutral or skeptic - so you know who is on board."
    ),
    AUDIT: (
        "Inventory each team's current tasks: how often, how many hours, how manual, how sensitive the data. "
        "Collect where employees think AI could help them, how and why."
    ),
    READINESS: (
        "Run the readiness survey: people rate themselves, managers estimate their teams. "
        "Repeat it later to see change; only counts are shown here, never anyone's answers."
    ),
    PRIORITIES: (
        "List the AI opportunities, then let each manager rank them in a private ballot at the laptop. "
        "Close the round when everyone has voted and reveal it when the room is ready."
    ),
    ALIGNMENT: (
        "Once a round is revealed, look at how far the managers agree, who agrees with whom, "
        "and which items divide them."
    ),
    WORKFLOWS: (
        "For each chosen opportunity, name an owner, the AI platform and how much a human checks the AI. "
        "Plan a small pilot with pauses to look at the results before going on."
    ),
    SPACE_AND_TIME: (
        "Plan the hours each team gets back to learn and what work is dropped or deferred to make room, "
        "so AI does not become one more burden."
    ),
    FEEDBACK: (
        "Log candid feedback and the changes it led to. Treat resistance as a signal: record each caution "
        "flag with its evidence, severity and response."
    ),
    REPORT: "Check what the strategy PDF for leadership will contain, then export it.",
}

NO_TEAM = "(no team)"


@dataclass(frozen=True)
class TableView:
    """One table on a page: a title, column names and rows of display text."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty_text: str


@dataclass(frozen=True)
class PhaseView:
    """One phase's page: its heading, what to do in it, sentences to read, and its tables."""

    phase: str
    hint: str
    tables: tuple[TableView, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkshopSummary:
    """The workshop's details and how much it holds, for the window title and header."""

    title: str
    organisation: str
    held_on: str
    facilitator: str
    anonymity: str
    teams: int
    participants: int
    tasks: int
    ideas: int
    opportunities: int
    ballot_rounds: int
    workflows: int
    caution_flags: int


def plain_text(value: object) -> str:
    """Gives a value as the text a facilitator reads: ISO dates, yes/no, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(
    title: str, columns: tuple[str, ...], rows: Iterable[Sequence[object]], empty_text: str
) -> TableView:
    """Gives a TableView whose cells are the plain text of the given rows."""
    text_rows = tuple(tuple(plain_text(cell) for cell in row) for row in rows)
    return TableView(title, columns, text_rows, empty_text)


def _count(session: Session, entity: type[e.Base]) -> int:
    return session.scalar(select(func.count()).select_from(entity)) or 0


def _team_name() -> ColumnElement[str]:
    return func.coalesce(e.Team.name, NO_TEAM)


def workshop_summary(session: Session) -> WorkshopSummary:
    """Gives the workshop's details and the number of its main records."""
    workshop = session.scalars(select(e.Workshop).order_by(e.Workshop.id)).first()
    if workshop is None:
        raise LookupError("the file holds no workshop details")
    return WorkshopSummary(
        title=workshop.title,
        organisation=workshop.organisation,
        held_on=plain_text(workshop.held_on),
        facilitator=workshop.facilitator,
        anonymity=plain_text(workshop.anonymity),
        teams=_count(session, e.Team),
        participants=_count(session, e.Participant),
        tasks=_count(session, e.Task),
        ideas=_count(session, e.Idea),
        opportunities=_count(session, e.Opportunity),
        ballot_rounds=_count(session, e.BallotRound),
        workflows=_count(session, e.Workflow),
        caution_flags=_count(session, e.CautionFlag),
    )


def _setup_tables(session: Session) -> tuple[TableView, ...]:
    summary = workshop_summary(session)
    details = (
        ("Title", summary.title),
        ("Organisation", summary.organisation),
        ("Date", summary.held_on),
        ("Facilitator", summary.facilitator),
        ("Anonymity of answers", summary.anonymity),
    )
    members = func.count(e.Participant.id)
    teams = session.execute(
        select(e.Team.name, e.Team.description, members)
        .outerjoin(e.Participant, e.Participant.team_id == e.Team.id)
        .group_by(e.Team.id)
        .order_by(e.Team.name)
    )
    people = session.execute(
        select(e.Participant.name, _team_name(), e.Participant.role, e.Participant.stance)
        .outerjoin(e.Team, e.Participant.team_id == e.Team.id)
        .order_by(e.Team.name, e.Participant.name)
    )
    return (
        _table("Workshop details", ("Detail", "Value"), details, ""),
        _table("Teams", ("Team", "Description", "Participants"), teams, "No teams yet."),
        _table("Participants", ("Name", "Team", "Role", "Stance"), people, "No participants yet."),
    )


def _audit_tables(session: Session) -> tuple[TableView, ...]:
    t = e.Task
    tasks = session.execute(
        select(
            t.title,
            _team_name(),
            t.frequency,
            t.hours_per_week,
            t.manual,
            t.redundancy,
            t.ai_potential,
            t.data_sensitivity,
            t.notes,
        )
        .outerjoin(e.Team, t.team_id == e.Team.id)
        .order_by(e.Team.name, t.title)
    )
    proposer = aliased(e.Participant)
    ideas = session.execute(
        select(e.Idea.what, _team_name(), e.Idea.group_name, e.Idea.how, e.Idea.why, proposer.name)
        .outerjoin(e.Team, e.Idea.team_id == e.Team.id)
        .outerjoin(proposer, e.Idea.proposer_id == proposer.id)
        .order_by(e.Team.name, e.Idea.id)
    )
    task_columns = (
        "Task",
        "Team",
        "How often",
        "Hours per week",
        "Manual",
        "Redundancy (1-5)",
        "AI potential (1-5)",
        "Data sensitivity",
        "Notes",
    )
    return (
        _table("Current tasks", task_columns, tasks, "No tasks audited yet."),
        _table(
            "Ideas for AI",
            ("What", "Team", "Group", "How", "Why", "Proposed by"),
            ideas,
            "No ideas collected yet.",
        ),
    )


def _readiness_tables(session: Session) -> tuple[TableView, ...]:
    a = e.ReadinessAnswer
    answers = func.count(a.id)
    rounds = session.execute(
        select(e.SurveyRound.name, e.SurveyRound.held_on, answers)
        .outerjoin(a, a.survey_round_id == e.SurveyRound.id)
        .group_by(e.SurveyRound.id)
        .order_by(e.SurveyRound.held_on, e.SurveyRound.name)
    )
    dimensions = session.execute(
        select(e.ReadinessDimension.name, e.ReadinessDimension.description).order_by(
            e.ReadinessDimension.position, e.ReadinessDimension.name
        )
    )
    return (
        _table("Survey rounds", ("Round", "Held on", "Answers"), rounds, "No survey round yet."),
        _table("Dimensions", ("Dimension", "What it asks about"), dimensions, "No dimensions defined."),
        _table(
            "Answers per team and round",
            ("Round", "Team", "People who answered", "Answers about themselves", "Managers' team estimates"),
            _answer_counts(session),
            "No answers yet.",
        ),
    )


def _answer_counts(session: Session) -> list[tuple[Any, ...]]:
    """Gives the number of people and answers per round and team (never the scores themselves)."""
    a = e.ReadinessAnswer
    own = func.sum(case((a.is_team_estimate, 0), else_=1))
    estimates = func.sum(case((a.is_team_estimate, 1), else_=0))
    query = (
        select(
            e.SurveyRound.name,
            _team_name(),
            func.count(func.distinct(a.participant_id)),
            own,
            estimates,
        )
        .join(e.SurveyRound, a.survey_round_id == e.SurveyRound.id)
        .join(e.Participant, a.participant_id == e.Participant.id)
        .outerjoin(e.Team, e.Participant.team_id == e.Team.id)
        .group_by(e.SurveyRound.id, e.Team.id)
        .order_by(e.SurveyRound.held_on, e.SurveyRound.name, e.Team.name)
    )
    return [tuple(row) for row in session.execute(query)]


def round_status(opened_at: object, closed_at: object, revealed_at: object) -> str:
    """Gives where a ballot round stands: not open yet, open, closed or revealed."""
    if revealed_at is not None:
        return "revealed"
    if closed_at is not None:
        return "closed"
    return "open" if opened_at is not None else "not open yet"


def _ballot_round_rows(session: Session) -> list[tuple[object, ...]]:
    """Gives each round's name, method, ties, status and number of ballots (no ballot contents)."""
    r = e.BallotRound
    ballots = select(func.count(e.Ballot.id)).where(e.Ballot.round_id == r.id).correlate(r).scalar_subquery()
    found = session.execute(
        select(r.name, r.method, r.allow_ties, r.opened_at, r.closed_at, r.revealed_at, ballots).order_by(
            r.created_at, r.name
        )
    )
    return [
        (name, method, ties, round_status(opened, closed, revealed), cast)
        for name, method, ties, opened, closed, revealed, cast in found
    ]


def _priorities_tables(session: Session) -> tuple[TableView, ...]:
    o = e.Opportunity
    linked = (
        select(func.count())
        .select_from(e.opportunity_task)
        .where(e.opportunity_task.c.opportunity_id == o.id)
        .correlate(o)
        .scalar_subquery()
    )
    opportunities = session.execute(
        select(o.title, _team_name(), o.expected_benefit, o.effort, o.risk, linked)
        .outerjoin(e.Team, o.team_id == e.Team.id)
        .order_by(o.title)
    )
    return (
        _table(
            "Opportunities",
            ("Opportunity", "Team", "Expected benefit", "Effort (1-5)", "Risk (1-5)", "Linked tasks"),
            opportunities,
            "No opportunities yet.",
        ),
        _table(
            "Ballot rounds",
            ("Round", "Method", "Ties allowed", "Status", "Ballots cast"),
            _ballot_round_rows(session),
            "No ballot round yet.",
        ),
    )


def revealed_sentence(session: Session) -> str:
    """Gives a sentence naming the ballot rounds whose results are revealed."""
    r = e.BallotRound
    names = list(session.scalars(select(r.name).where(r.revealed_at.is_not(None)).order_by(r.revealed_at)))
    if not names:
        return "No ballot round is revealed yet; results appear here once you reveal a round on Priorities."
    quoted = [f'"{name}"' for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    noun = "round" if len(names) == 1 else "rounds"
    return (
        f"Results are revealed for {noun} {listed}. "
        "The analysis of how far the managers agree comes in a later version."
    )


def _pilot_label() -> ColumnElement[str]:
    """Gives the SQL expression naming a pilot by its opportunity and start date."""
    started = func.coalesce(" from " + func.strftime("%Y-%m-%d", e.Pilot.starts_on), "")
    return e.Opportunity.title + started


def _workflows_tables(session: Session) -> tuple[TableView, ...]:
    w = e.Workflow
    pilots_count = (
        select(func.count(e.Pilot.id)).where(e.Pilot.workflow_id == w.id).correlate(w).scalar_subquery()
    )
    workflows = session.execute(
        select(
            e.Opportunity.title, w.owner, w.ai_platform, w.oversight, w.stricter_review, pilots_count, w.steps
        )
        .join(e.Opportunity, w.opportunity_id == e.Opportunity.id)
        .order_by(e.Opportunity.title)
    )
    p = e.Pilot
    pilots = session.execute(
        select(e.Opportunity.title, p.starts_on, p.ends_on, p.status, p.success_metrics, p.go_no_go_criteria)
        .join(w, p.workflow_id == w.id)
        .join(e.Opportunity, w.opportunity_id == e.Opportunity.id)
        .order_by(e.Opportunity.title, p.starts_on)
    )
    c = e.Checkpoint
    checkpoints = session.execute(
        select(_pilot_label(), c.due_on, c.decision, c.notes)
        .join(p, c.pilot_id == p.id)
        .join(w, p.workflow_id == w.id)
        .join(e.Opportunity, w.opportunity_id == e.Opportunity.id)
        .order_by(c.due_on, e.Opportunity.title)
    )
    return (
        _table(
            "Workflows",
            ("Opportunity", "Owner", "AI platform", "Human oversight", "Stricter review", "Pilots", "Steps"),
            workflows,
            "No workflows yet.",
        ),
        _table(
            "Pilots",
            ("Workflow", "Starts", "Ends", "Status", "Success metrics", "Go/no-go criteria"),
            pilots,
            "No pilots planned yet.",
        ),
        _table(
            "Checkpoints",
            ("Pilot", "Due on", "Decision", "Notes"),
            checkpoints,
            "No checkpoints planned yet.",
        ),
    )


def _space_tables(session: Session) -> tuple[TableView, ...]:
    cp = e.CapacityPlan
    plans = session.execute(
        select(_team_name(), cp.hours_per_week, cp.dropped_or_deferred, cp.training)
        .outerjoin(e.Team, cp.team_id == e.Team.id)
        .order_by(e.Team.name)
    )
    return (
        _table(
            "Capacity plans",
            ("Team", "Hours per week to learn", "Dropped or deferred", "Training"),
            plans,
            "No capacity planned yet.",
        ),
    )


def _action_source(flag_id: object, pilot_id: object, feedback_id: object) -> str:
    """Gives what an action responds to, in words."""
    sources = [
        name
        for name, linked in (("caution flag", flag_id), ("pilot", pilot_id), ("feedback", feedback_id))
        if linked is not None
    ]
    return ", ".join(sources)


def _feedback_tables(session: Session) -> tuple[TableView, ...]:
    f = e.FeedbackItem
    feedback = session.execute(
        select(
            f.received_on, f.channel, _team_name(), f.anonymous, f.what_works, f.what_does_not, f.change_made
        )
        .outerjoin(e.Team, f.team_id == e.Team.id)
        .order_by(f.received_on, f.id)
    )
    c = e.CautionFlag
    flags = session.execute(
        select(
            c.raised_on,
            c.category,
            c.severity,
            _team_name(),
            e.Participant.name,
            c.evidence,
            c.response,
            c.owner,
            c.status,
        )
        .outerjoin(e.Team, c.team_id == e.Team.id)
        .outerjoin(e.Participant, c.participant_id == e.Participant.id)
        .order_by(c.raised_on, c.id)
    )
    a = e.Action
    actions = [
        (title, owner, due, status, _action_source(flag, pilot, fb))
        for title, owner, due, status, flag, pilot, fb in session.execute(
            select(a.title, a.owner, a.due_on, a.status, a.flag_id, a.pilot_id, a.feedback_id).order_by(
                a.due_on, a.id
            )
        )
    ]
    flag_columns = (
        "Raised on",
        "Category",
        "Severity",
        "Team",
        "Person",
        "Evidence",
        "Response",
        "Owner",
        "Status",
    )
    return (
        _table(
            "Feedback",
            ("Received on", "Channel", "Team", "Anonymous", "What works", "What does not", "Change made"),
            feedback,
            "No feedback logged yet.",
        ),
        _table("Caution flags", flag_columns, flags, "No caution flags raised."),
        _table("Actions", ("Action", "Owner", "Due on", "Status", "Responds to"), actions, "No actions yet."),
    )


REPORT_SENTENCE = (
    "The strategy PDF will hold the consensus ranking and how strongly the managers agree, readiness per "
    "team, the chosen workflows with their oversight and pilots, the capacity plan, and the open caution "
    "flags and actions - with the evidence in an appendix. Exporting it comes in a later version."
)

_TABLES: dict[str, Callable[[Session], tuple[TableView, ...]]] = {
    SETUP: _setup_tables,
    AUDIT: _audit_tables,
    READINESS: _readiness_tables,
    PRIORITIES: _priorities_tables,
    WORKFLOWS: _workflows_tables,
    SPACE_AND_TIME: _space_tables,
    FEEDBACK: _feedback_tables,
}

_NOTES: dict[str, Callable[[Session], str]] = {
    ALIGNMENT: revealed_sentence,
    REPORT: lambda _session: REPORT_SENTENCE,
}


def phase_view(session: Session, phase: str) -> PhaseView:
    """Gives the page of one phase (one of PHASES): its hint, notes and tables as plain text."""
    if phase not in HINTS:
        raise KeyError(f"there is no phase called {phase!r}")
    tables = _TABLES[phase](session) if phase in _TABLES else ()
    notes = (_NOTES[phase](session),) if phase in _NOTES else ()
    return PhaseView(phase=phase, hint=HINTS[phase], tables=tables, notes=notes)


# --- Rows to edit ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityRow:
    """One row of a table as plain values by column name, plus counts and flags worked out for it."""

    id: int
    values: tuple[tuple[str, object], ...]

    def get(self, field: str) -> object:
        """Gives the value of the field (None when the row has no such field)."""
        return next((value for name, value in self.values if name == field), None)


def _linked_tasks() -> ColumnElement[int]:
    link = e.opportunity_task
    return (
        select(func.count())
        .select_from(link)
        .where(link.c.opportunity_id == e.Opportunity.id)
        .correlate(e.Opportunity.__table__)
        .scalar_subquery()
    )


def _members() -> ColumnElement[int]:
    p = e.Participant
    return select(func.count(p.id)).where(p.team_id == e.Team.id).correlate(e.Team).scalar_subquery()


def _ballots_cast() -> ColumnElement[int]:
    r = e.BallotRound
    return select(func.count(e.Ballot.id)).where(e.Ballot.round_id == r.id).correlate(r).scalar_subquery()


def _sensitive_work(opportunity_id: InstrumentedAttribute[int]) -> ColumnElement[bool]:
    """Gives whether any task linked to the opportunity handles highly sensitive data."""
    link = e.opportunity_task
    return (
        select(func.count())
        .select_from(link)
        .join(e.Task, e.Task.id == link.c.task_id)
        .where(link.c.opportunity_id == opportunity_id, e.Task.data_sensitivity == e.Sensitivity.HIGH)
        .scalar_subquery()
        > 0
    )


# Counts and flags a screen shows beside a table's own columns; never a ballot's contents.
_EXTRAS: dict[str, Callable[[], dict[str, ColumnElement[Any]]]] = {
    "team": lambda: {"members": _members()},
    "opportunity": lambda: {
        "linked_tasks": _linked_tasks(),
        "sensitive_work": _sensitive_work(e.Opportunity.id),
    },
    "ballot_round": lambda: {"ballots_cast": _ballots_cast()},
    "workflow": lambda: {"sensitive_work": _sensitive_work(e.Workflow.opportunity_id)},
}
_PRIVATE_COLUMNS = frozenset({"pin_hash"})


def entity_rows(session: Session, entity: str) -> tuple[EntityRow, ...]:
    """Gives every row of the table `entity` (e.g. 'task') as plain values, oldest first."""
    table = e.Base.metadata.tables[entity]
    columns = [column for column in table.columns if column.name not in _PRIVATE_COLUMNS]
    extras = _EXTRAS[entity]() if entity in _EXTRAS else {}
    labelled = [*columns, *(expression.label(name) for name, expression in extras.items())]
    names = [column.name for column in columns] + list(extras)
    found = session.execute(select(*labelled).order_by(table.c.id))
    return tuple(EntityRow(int(row.id), tuple(zip(names, row, strict=True))) for row in found)


def _pilot_name() -> ColumnElement[str]:
    return e.Opportunity.title + func.coalesce(" from " + func.strftime("%Y-%m-%d", e.Pilot.starts_on), "")


# How a row of each table is named where another table refers to it (the first text column otherwise).
_LABELS: dict[str, Callable[[], Any]] = {
    "workflow": lambda: select(e.Workflow.id, e.Opportunity.title).join(
        e.Opportunity, e.Workflow.opportunity_id == e.Opportunity.id
    ),
    "pilot": lambda: (
        select(e.Pilot.id, _pilot_name())
        .join(e.Workflow, e.Pilot.workflow_id == e.Workflow.id)
        .join(e.Opportunity, e.Workflow.opportunity_id == e.Opportunity.id)
    ),
    "caution_flag": lambda: select(
        e.CautionFlag.id,
        e.CautionFlag.category
        + func.coalesce(" (" + func.strftime("%Y-%m-%d", e.CautionFlag.raised_on) + ")", ""),
    ),
    "feedback_item": lambda: select(
        e.FeedbackItem.id,
        func.coalesce(func.strftime("%Y-%m-%d", e.FeedbackItem.received_on) + " ", "")
        + e.FeedbackItem.channel,
    ),
}


def entity_labels(session: Session, entity: str) -> tuple[tuple[int, str], ...]:
    """Gives (id, name) of every row of `entity`, sorted by name, for lists to choose from."""
    if entity in _LABELS:
        query = _LABELS[entity]()
    else:
        table = e.Base.metadata.tables[entity]
        text = next(column for column in table.columns if column.name in ("name", "title", "what"))
        query = select(table.c.id, text)
    found = [(int(row_id), plain_text(label)) for row_id, label in session.execute(query)]
    return tuple(sorted(found, key=lambda item: (item[1].casefold(), item[0])))


def linked_task_ids(session: Session, opportunity_id: int) -> frozenset[int]:
    """Gives the ids of the audit tasks linked to the opportunity."""
    link = e.opportunity_task
    return frozenset(session.scalars(select(link.c.task_id).where(link.c.opportunity_id == opportunity_id)))
