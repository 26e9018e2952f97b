"""What each workshop phase shows, as frozen plain-text tables handed to the screens.

Every function here reads through a session it is given and returns dataclasses of strings, so a screen
never touches an ORM object and painting never queries the file. Queries select columns and counts
rather than objects: a private ballot's contents are never even read for display.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from workshop.wording import tr

from . import entities as e
from .written import referenced

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

# What the proposed caution flags on the Feedback page are worked out from (workshop/proposals.py).
PROPOSALS_READ = frozenset(
    {"survey_round", "readiness_answer", "participant", "team", "opportunity", "workflow", "pilot"}
    | {"checkpoint", "capacity_plan", "ballot_round", "ballot", "ballot_entry"}
)
# What each workflow's minimum oversight is worked out from (workshop/oversight.py).
OVERSIGHT_READS = frozenset(
    {"workshop", "task", "opportunity", "opportunity_task", "survey_round", "readiness_answer"}
    | {"ballot_round", "ballot", "ballot_entry"}
)
# The tables each phase's page shows (None: the findings, which read nearly every table). A page also shows
# what these tables point at (a participant's team by name), which `shown_tables` adds.
PHASE_TABLES: dict[str, frozenset[str] | None] = {
    SETUP: frozenset({"workshop", "team", "participant"}),
    AUDIT: frozenset({"task", "idea"}),
    READINESS: frozenset({"survey_round", "readiness_dimension", "readiness_answer", "participant"}),
    PRIORITIES: frozenset(
        {"opportunity", "opportunity_task", "ballot_round", "ballot_round_voter", "ballot", "ballot_entry"}
        | {"idea"}  # the ideas each opportunity was made from
    ),
    ALIGNMENT: None,
    # The oversight rule weighs each workflow's tasks, its team's readiness and the room's priorities.
    WORKFLOWS: frozenset({"workflow", "pilot", "checkpoint"}) | OVERSIGHT_READS,
    # The capacity ledger weighs the plans against the audited work and the hours pilots expect to free.
    SPACE_AND_TIME: frozenset({"capacity_plan", "task", "pilot", "workflow", "opportunity"}),
    # The proposed caution flags are worked out from nearly every phase's data.
    FEEDBACK: frozenset({"feedback_item", "caution_flag", "action", "dismissed_proposal"}) | PROPOSALS_READ,
    REPORT: None,
}
# What the window's header counts (workshop_summary).
SUMMARY_TABLES = frozenset(
    {
        "workshop",
        "team",
        "participant",
        "task",
        "idea",
        "opportunity",
        "ballot_round",
        "workflow",
        "caution_flag",
    }
)


def shown_tables(phase: str) -> frozenset[str] | None:
    """Gives the tables a phase's page shows, with those they point at; None for every table."""
    tables = PHASE_TABLES[phase]
    return None if tables is None else referenced(tables)


HINTS: dict[str, str] = {
    SETUP: (
        "Enter the workshop's details, the teams in the room and who takes part. "
        "Note each manager's stance – champion, neutral or skeptic – so you know who is on board."
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
    """Gives a value as the text a facilitator reads: ISO dates, yes/no (translated), empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


COUNTED: dict[str, type[e.Base]] = {
    "teams": e.Team,
    "participants": e.Participant,
    "tasks": e.Task,
    "ideas": e.Idea,
    "opportunities": e.Opportunity,
    "ballot_rounds": e.BallotRound,
    "workflows": e.Workflow,
    "caution_flags": e.CautionFlag,
}


def _counts(session: Session) -> dict[str, int]:
    """Gives the number of rows of each counted record, read in one statement (quick on a fresh start)."""
    counts = [select(func.count()).select_from(entity).scalar_subquery() for entity in COUNTED.values()]
    row = session.execute(select(*counts)).one()
    return dict(zip(COUNTED, row, strict=True))


def workshop_summary(session: Session) -> WorkshopSummary:
    """Gives the workshop's details and the number of its main records."""
    workshop = session.scalars(select(e.Workshop).order_by(e.Workshop.id)).first()
    if workshop is None:
        raise LookupError(tr("the file holds no workshop details"))
    counts = _counts(session)
    return WorkshopSummary(
        title=workshop.title,
        organisation=workshop.organisation,
        held_on=plain_text(workshop.held_on),
        facilitator=workshop.facilitator,
        anonymity=plain_text(workshop.anonymity),
        teams=counts["teams"],
        participants=counts["participants"],
        tasks=counts["tasks"],
        ideas=counts["ideas"],
        opportunities=counts["opportunities"],
        ballot_rounds=counts["ballot_rounds"],
        workflows=counts["workflows"],
        caution_flags=counts["caution_flags"],
    )


def round_status(opened_at: object, closed_at: object, revealed_at: object) -> str:
    """Gives where a ballot round stands: not open yet, open, closed or revealed, in English.

    The English words double as the status the buttons and the report test against; a screen shows
    `round_status_in_words` instead."""
    if revealed_at is not None:
        return "revealed"
    if closed_at is not None:
        return "closed"
    return "open" if opened_at is not None else "not open yet"


def round_status_in_words(opened_at: object, closed_at: object, revealed_at: object) -> str:
    """Gives where a ballot round stands, as `round_status` says it, in the user's language."""
    return tr(round_status(opened_at, closed_at, revealed_at))


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


def _survey_answers() -> dict[str, ColumnElement[Any]]:
    """Gives how many people answered in a survey round, and the export its answers were imported from
    (the last by name when several; None when every answer was typed in)."""
    a, r = e.ReadinessAnswer, e.SurveyRound
    of_round = a.survey_round_id == r.id
    return {
        "answered_by": select(func.count(func.distinct(a.participant_id)))
        .where(of_round)
        .correlate(r)
        .scalar_subquery(),
        "imported_from": select(func.max(a.origin)).where(of_round).correlate(r).scalar_subquery(),
    }


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


def _promoted_to() -> ColumnElement[str]:
    o = e.Opportunity
    return select(o.title).where(o.id == e.Idea.opportunity_id).correlate(e.Idea).scalar_subquery()


def _from_ideas() -> dict[str, ColumnElement[Any]]:
    """Gives how many ideas were made into the opportunity, and their "what"s one a line."""
    i = e.Idea
    of_opportunity = i.opportunity_id == e.Opportunity.id
    count, names = func.count(i.id), func.group_concat(i.what, "\n")
    return {
        "from_ideas": select(count).where(of_opportunity).correlate(e.Opportunity).scalar_subquery(),
        "idea_names": select(names).where(of_opportunity).correlate(e.Opportunity).scalar_subquery(),
    }


# Counts and flags a screen shows beside a table's own columns; never a ballot's contents.
_EXTRAS: dict[str, Callable[[], dict[str, ColumnElement[Any]]]] = {
    "team": lambda: {"members": _members()},
    "idea": lambda: {"promoted_to": _promoted_to()},
    "opportunity": lambda: {
        "linked_tasks": _linked_tasks(),
        "sensitive_work": _sensitive_work(e.Opportunity.id),
        **_from_ideas(),
    },
    "ballot_round": lambda: {"ballots_cast": _ballots_cast()},
    "survey_round": _survey_answers,
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
    starts = " " + tr("from") + " "
    return e.Opportunity.title + func.coalesce(starts + func.strftime("%Y-%m-%d", e.Pilot.starts_on), "")


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
