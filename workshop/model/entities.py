"""The workshop document: every table of one `.workshop` file, as typed SQLAlchemy ORM classes.

The choices its columns take live in choices.py and are named here too (`e.Role`, `e.Oversight`).

ORM objects stay inside the model layer; screens and reports get frozen dataclasses (see dto.py).
Choices are stored as their plain string values so a file stays readable with any SQLite tool.
"""

from __future__ import annotations

import datetime as dt
import enum
import secrets
import uuid
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column, relationship

from .choices import (  # noqa: F401 - every choice is read as e.<Name> too
    ADKAR_DIMENSIONS,
    DEFAULT_DIMENSIONS,
    ActionStatus,
    Anonymity,
    BallotMethod,
    CautionCategory,
    CheckpointDecision,
    FlagStatus,
    Frequency,
    Oversight,
    PilotStatus,
    Role,
    Sensitivity,
    Severity,
    Stance,
    SurveyTemplate,
)

# Named constraints let Alembic's batch mode (SQLite table rebuilds) find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _choice(enum_class: type[enum.Enum]) -> Enum:
    """Store an enum by its value (e.g. 'human reviews samples'), validated on the Python side."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        validate_strings=True,
        length=40,
        values_callable=lambda members: [m.value for m in members],
    )


def _score(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR ({column} BETWEEN 1 AND 5)", name=f"{column}_1_to_5")


def new_uid() -> str:
    """Gives a fresh row identity: 32 hex digits of a random UUID, the same in every copy of the file."""
    return uuid.uuid4().hex


def new_label_salt() -> str:
    """Gives a fresh secret for a workshop's anonymous labels: 32 random hex digits."""
    return secrets.token_hex(16)


def _uid() -> MappedColumn[str]:
    """A row's identity across files: set when the row is made (whatever makes it), kept by merges."""
    return mapped_column(String(36), default=new_uid, unique=True)


def _origin() -> MappedColumn[Any]:
    """Where a merged row came from ("room-b.workshop, created 2026-11-29 09:12:00"); None when typed here."""
    return mapped_column(Text, default=None)


class Workshop(Base):
    """The one row describing the workshop this file holds."""

    __tablename__ = "workshop"
    __table_args__ = (
        CheckConstraint("oversight_readiness_below BETWEEN 1 AND 5", name="oversight_readiness_1_to_5"),
        CheckConstraint("oversight_top_priorities >= 0", name="oversight_top_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    facilitator: Mapped[str] = mapped_column(Text, default="")
    anonymity: Mapped[Anonymity] = mapped_column(_choice(Anonymity), default=Anonymity.ANONYMOUS)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Secret per workshop, so anonymous labels cannot be worked back from round and participant ids.
    label_salt: Mapped[str] = mapped_column(Text, default=new_label_salt)
    # The oversight rule (docs/oversight-rule.md): the least oversight a workflow may have for the most
    # sensitive data among its tasks, made one step stricter for a team whose readiness is below
    # `oversight_readiness_below` and one more for a priority in the room's top `oversight_top_priorities`.
    oversight_low: Mapped[Oversight] = mapped_column(
        _choice(Oversight),
        default=Oversight.HANDLE_EXCEPTIONS,
        server_default=Oversight.HANDLE_EXCEPTIONS.value,
    )
    oversight_medium: Mapped[Oversight] = mapped_column(
        _choice(Oversight), default=Oversight.REVIEW_SAMPLES, server_default=Oversight.REVIEW_SAMPLES.value
    )
    oversight_high: Mapped[Oversight] = mapped_column(
        _choice(Oversight),
        default=Oversight.REVIEW_EVERY_OUTPUT,
        server_default=Oversight.REVIEW_EVERY_OUTPUT.value,
    )
    oversight_readiness_below: Mapped[float] = mapped_column(Float, default=3.0, server_default="3.0")
    oversight_top_priorities: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # The time of day the workshop starts; the agenda's start times follow from it.
    starts_at: Mapped[dt.time | None] = mapped_column(Time)


class Team(Base):
    __tablename__ = "team"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    description: Mapped[str] = mapped_column(Text, default="")

    participants: Mapped[list[Participant]] = relationship(back_populates="team")


class Participant(Base):
    __tablename__ = "participant"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    role: Mapped[Role] = mapped_column(_choice(Role), default=Role.EMPLOYEE)
    stance: Mapped[Stance] = mapped_column(_choice(Stance), default=Stance.UNKNOWN)

    team: Mapped[Team | None] = relationship(back_populates="participants")


# One person of a name per team, and one without a team: a plain unique constraint lets any number of
# (name, no team) rows through, as NULLs never equal each other in SQLite or PostgreSQL.
Index("uq_participant_name_team", Participant.name, func.coalesce(Participant.team_id, 0), unique=True)


class Task(Base):
    """An audit item: a piece of current work that AI might help with."""

    __tablename__ = "task"
    __table_args__ = (
        _score("redundancy"),
        _score("ai_potential"),
        CheckConstraint("hours_per_week IS NULL OR hours_per_week >= 0", name="hours_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[Frequency] = mapped_column(_choice(Frequency), default=Frequency.WEEKLY)
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    manual: Mapped[bool] = mapped_column(Boolean, default=True)
    redundancy: Mapped[int | None] = mapped_column(Integer)
    ai_potential: Mapped[int | None] = mapped_column(Integer)
    data_sensitivity: Mapped[Sensitivity] = mapped_column(_choice(Sensitivity), default=Sensitivity.LOW)
    notes: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str | None] = _origin()

    team: Mapped[Team | None] = relationship()


class Idea(Base):
    """Where a group of employees thinks AI could help them, how, and why."""

    __tablename__ = "idea"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    group_name: Mapped[str] = mapped_column(Text, default="")
    what: Mapped[str] = mapped_column(Text)
    how: Mapped[str] = mapped_column(Text, default="")
    why: Mapped[str] = mapped_column(Text, default="")
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="SET NULL"))
    origin: Mapped[str | None] = _origin()
    # The opportunity the idea was made into (alone or merged with others); None until promoted.
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunity.id", ondelete="SET NULL"), index=True
    )

    team: Mapped[Team | None] = relationship()
    proposer: Mapped[Participant | None] = relationship()


opportunity_task = Table(
    "opportunity_task",
    Base.metadata,
    Column("opportunity_id", ForeignKey("opportunity.id", ondelete="CASCADE"), primary_key=True),
    Column("task_id", ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
)


class Opportunity(Base):
    """An item the managers rank: a place where AI could be put to work."""

    __tablename__ = "opportunity"
    __table_args__ = (_score("effort"), _score("risk"))
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    expected_benefit: Mapped[str] = mapped_column(Text, default="")
    effort: Mapped[int | None] = mapped_column(Integer)
    risk: Mapped[int | None] = mapped_column(Integer)

    team: Mapped[Team | None] = relationship()
    tasks: Mapped[list[Task]] = relationship(secondary=opportunity_task)


ballot_round_voter = Table(
    "ballot_round_voter",
    Base.metadata,
    Column("round_id", ForeignKey("ballot_round.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
)

# The opportunities on a round's ballot; a round without rows here offers every opportunity.
ballot_round_item = Table(
    "ballot_round_item",
    Base.metadata,
    Column("round_id", ForeignKey("ballot_round.id", ondelete="CASCADE"), primary_key=True),
    Column("opportunity_id", ForeignKey("opportunity.id", ondelete="CASCADE"), primary_key=True),
)


class BallotRound(Base):
    """One vote of the managers over the opportunities; results stay private until revealed."""

    __tablename__ = "ballot_round"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    method: Mapped[BallotMethod] = mapped_column(_choice(BallotMethod), default=BallotMethod.RANKING)
    allow_ties: Mapped[bool] = mapped_column(Boolean, default=False)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revealed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # A ranking ballot may place only its top k opportunities; None: every opportunity gets a place.
    top_k: Mapped[int | None] = mapped_column(Integer)
    # Each voter types the personal code from their printed card before their ballot opens.
    uses_codes: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    voters: Mapped[list[Participant]] = relationship(secondary=ballot_round_voter)
    items: Mapped[list[Opportunity]] = relationship(secondary=ballot_round_item)
    ballots: Mapped[list[Ballot]] = relationship(back_populates="round", cascade="all, delete-orphan")


class Ballot(Base):
    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("round_id", "participant_id", name="uq_ballot_round_participant"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("ballot_round.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    origin: Mapped[str | None] = _origin()

    round: Mapped[BallotRound] = relationship(back_populates="ballots")
    participant: Mapped[Participant] = relationship()
    entries: Mapped[list[BallotEntry]] = relationship(back_populates="ballot", cascade="all, delete-orphan")


class VoterCode(Base):
    """A voter's personal code for one round, printed on a card for rooms that want more than a name."""

    __tablename__ = "voter_code"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id", name="uq_voter_code_round_participant"),
        UniqueConstraint("round_id", "code", name="uq_voter_code_round_code"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("ballot_round.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))


class BallotReplacement(Base):
    """A voter cast again and replaced their earlier ballot: who and when, never what either said."""

    __tablename__ = "ballot_replacement"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    round_id: Mapped[int] = mapped_column(ForeignKey("ballot_round.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    earlier_cast_at: Mapped[dt.datetime] = mapped_column(DateTime)
    replaced_at: Mapped[dt.datetime] = mapped_column(DateTime)


class BallotEntry(Base):
    """One opportunity on one ballot: its rank, its points, or its impact and effort."""

    __tablename__ = "ballot_entry"
    __table_args__ = (
        UniqueConstraint("ballot_id", "opportunity_id", name="uq_ballot_entry_ballot_opportunity"),
        CheckConstraint("rank IS NULL OR rank >= 1", name="rank_positive"),
        CheckConstraint("points IS NULL OR points BETWEEN 0 AND 100", name="points_0_to_100"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"), index=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunity.id", ondelete="CASCADE"))
    rank: Mapped[int | None] = mapped_column(Integer)
    points: Mapped[int | None] = mapped_column(Integer)
    impact: Mapped[float | None] = mapped_column(Float)
    effort: Mapped[float | None] = mapped_column(Float)

    ballot: Mapped[Ballot] = relationship(back_populates="entries")
    opportunity: Mapped[Opportunity] = relationship()


class SurveyRound(Base):
    """One sitting of the readiness survey; repeating it later shows change."""

    __tablename__ = "survey_round"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    template: Mapped[SurveyTemplate] = mapped_column(
        _choice(SurveyTemplate),
        default=SurveyTemplate.READINESS,
        server_default=SurveyTemplate.READINESS.value,
    )


class ReadinessDimension(Base):
    __tablename__ = "readiness_dimension"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    template: Mapped[SurveyTemplate] = mapped_column(
        _choice(SurveyTemplate),
        default=SurveyTemplate.READINESS,
        server_default=SurveyTemplate.READINESS.value,
    )


class ReadinessAnswer(Base):
    """A score 1-5 (None when skipped): about oneself, or a manager's estimate for a team."""

    __tablename__ = "readiness_answer"
    __table_args__ = (
        UniqueConstraint(
            "survey_round_id",
            "participant_id",
            "dimension_id",
            "is_team_estimate",
            name="uq_readiness_answer_one_per_question",
        ),
        _score("score"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    dimension_id: Mapped[int] = mapped_column(ForeignKey("readiness_dimension.id", ondelete="CASCADE"))
    score: Mapped[int | None] = mapped_column(Integer)
    is_team_estimate: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str | None] = _origin()

    participant: Mapped[Participant] = relationship()
    dimension: Mapped[ReadinessDimension] = relationship()
    survey_round: Mapped[SurveyRound] = relationship()


class Workflow(Base):
    """How a chosen opportunity will be worked, and how much a human checks the AI."""

    __tablename__ = "workflow"
    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunity.id", ondelete="CASCADE"), index=True)
    owner: Mapped[str] = mapped_column(Text, default="")
    ai_platform: Mapped[str] = mapped_column(Text, default="")
    steps: Mapped[str] = mapped_column(Text, default="")
    oversight: Mapped[Oversight] = mapped_column(_choice(Oversight), default=Oversight.REVIEW_EVERY_OUTPUT)
    stricter_review: Mapped[bool] = mapped_column(Boolean, default=False)

    opportunity: Mapped[Opportunity] = relationship()
    pilots: Mapped[list[Pilot]] = relationship(back_populates="workflow", cascade="all, delete-orphan")


class Pilot(Base):
    """A small beta test of a workflow, with planned pauses to look at results."""

    __tablename__ = "pilot"
    __table_args__ = (
        CheckConstraint(
            "hours_freed_per_week IS NULL OR hours_freed_per_week >= 0", name="hours_freed_not_negative"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    success_metrics: Mapped[str] = mapped_column(Text, default="")
    go_no_go_criteria: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PilotStatus] = mapped_column(_choice(PilotStatus), default=PilotStatus.PLANNED)
    owner: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Hours a week of the team's work the pilot expects to free, for the capacity ledger.
    hours_freed_per_week: Mapped[float | None] = mapped_column(Float)

    workflow: Mapped[Workflow] = relationship(back_populates="pilots")
    checkpoints: Mapped[list[Checkpoint]] = relationship(
        back_populates="pilot", cascade="all, delete-orphan", order_by="Checkpoint.due_on"
    )


class Checkpoint(Base):
    __tablename__ = "checkpoint"
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    decision: Mapped[CheckpointDecision] = mapped_column(
        _choice(CheckpointDecision), default=CheckpointDecision.PENDING
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    pilot: Mapped[Pilot] = relationship(back_populates="checkpoints")


class CapacityPlan(Base):
    """Time a team gets back to learn, and what is dropped or deferred to make room."""

    __tablename__ = "capacity_plan"
    __table_args__ = (CheckConstraint("hours_per_week >= 0", name="hours_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    hours_per_week: Mapped[float] = mapped_column(Float, default=0.0)
    dropped_or_deferred: Mapped[str] = mapped_column(Text, default="")
    training: Mapped[str] = mapped_column(Text, default="")

    team: Mapped[Team | None] = relationship()


class FeedbackItem(Base):
    __tablename__ = "feedback_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(Text, default="")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    what_works: Mapped[str] = mapped_column(Text, default="")
    what_does_not: Mapped[str] = mapped_column(Text, default="")
    change_made: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str | None] = _origin()

    team: Mapped[Team | None] = relationship()


class CautionFlag(Base):
    """A sign of resistance or trouble; treated as data, with the evidence and the response."""

    __tablename__ = "caution_flag"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    category: Mapped[CautionCategory] = mapped_column(_choice(CautionCategory), default=CautionCategory.OTHER)
    severity: Mapped[Severity] = mapped_column(_choice(Severity), default=Severity.MEDIUM)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="SET NULL"))
    evidence: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[FlagStatus] = mapped_column(_choice(FlagStatus), default=FlagStatus.OPEN)
    raised_on: Mapped[dt.date | None] = mapped_column(Date)
    origin: Mapped[str | None] = _origin()
    # The proposal (see workshop/proposals.py, "kind:subject") this flag was accepted from, if any.
    proposal_key: Mapped[str | None] = mapped_column(Text)

    team: Mapped[Team | None] = relationship()
    participant: Mapped[Participant | None] = relationship()


class AgendaItem(Base):
    """One timed activity of the workshop's agenda, in the order of `position`."""

    __tablename__ = "agenda_item"
    __table_args__ = (CheckConstraint("minutes BETWEEN 1 AND 600", name="minutes_1_to_600"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = _uid()
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    minutes: Mapped[int] = mapped_column(Integer, default=15)
    phase: Mapped[str | None] = mapped_column(
        Text
    )  # a phase's name (workshop.model.views.PHASES); None: a break
    notes: Mapped[str] = mapped_column(Text, default="")


class DismissedProposal(Base):
    """A caution flag the app proposed and the facilitator dismissed: never proposed again."""

    __tablename__ = "dismissed_proposal"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    dismissed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Action(Base):
    __tablename__ = "action"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(_choice(ActionStatus), default=ActionStatus.OPEN)
    flag_id: Mapped[int | None] = mapped_column(ForeignKey("caution_flag.id", ondelete="SET NULL"))
    pilot_id: Mapped[int | None] = mapped_column(ForeignKey("pilot.id", ondelete="SET NULL"))
    feedback_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_item.id", ondelete="SET NULL"))
