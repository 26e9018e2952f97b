"""The workshop's fixed choices (a role, a stance, an oversight level, ...) and its built-in survey questions.

Stored by their plain string values (see entities.py), shown through `workshop.wording.word`.
"""

from __future__ import annotations

import enum


class Anonymity(enum.StrEnum):
    ANONYMOUS = "anonymous"
    TEAM = "team"
    NAMED = "named"


class Role(enum.StrEnum):
    LEADER = "leader"
    MANAGER = "manager"
    EMPLOYEE = "employee"
    FACILITATOR = "facilitator"


class Stance(enum.StrEnum):
    CHAMPION = "champion"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    UNKNOWN = "unknown"


class Frequency(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    AD_HOC = "ad hoc"


class Sensitivity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class BallotMethod(enum.StrEnum):
    RANKING = "ranking"
    POINTS = "100 points"
    IMPACT_EFFORT = "impact-effort"


class Oversight(enum.StrEnum):
    AI_ASSIST_ONLY = "AI-assist only"
    REVIEW_EVERY_OUTPUT = "human reviews every output"
    REVIEW_SAMPLES = "human reviews samples"
    HANDLE_EXCEPTIONS = "human handles exceptions"
    FULLY_AUTOMATED = "fully automated"


class PilotStatus(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    PAUSED = "paused"
    GO = "go"
    NO_GO = "no-go"


class CheckpointDecision(enum.StrEnum):
    PENDING = "pending"
    CONTINUE = "continue"
    ADJUST = "adjust and continue"
    STOP = "stop"


class CautionCategory(enum.StrEnum):
    READINESS_LOWER = "readiness lower than thought"
    ROLLOUT_FLAW = "rollout flaw"
    ERRORS_AND_TRUST = "errors and trust"
    WORKLOAD = "workload"
    FEAR = "fear and job security"
    OTHER = "other"


class Severity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class FlagStatus(enum.StrEnum):
    OPEN = "open"
    MONITORING = "monitoring"
    RESOLVED = "resolved"


class SurveyTemplate(enum.StrEnum):
    """Which questions a survey round asks: the five readiness dimensions or Prosci's ADKAR elements."""

    READINESS = "readiness"
    ADKAR = "ADKAR"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


DEFAULT_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("readiness", "How ready the team is to change how it works with AI"),
    ("confidence", "How confident people feel using the AI tools"),
    ("skills", "The skills people are building to use AI well"),
    ("attitude", "How people feel about AI in their work"),
    ("effectiveness", "Whether AI actually makes people more effective"),
)

# Prosci's ADKAR elements in their order; the first at 3 or below is a person's barrier point.
ADKAR_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("Awareness", "Awareness of the need for change"),
    ("Desire", "Desire to participate in and support the change"),
    ("Knowledge", "Knowledge of how to change"),
    ("Ability", "Ability to put new skills and behaviours in place"),
    ("Reinforcement", "Reinforcement to sustain the change"),
)
