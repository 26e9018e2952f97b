"""Audit and discovery: which tasks are the best AI candidates, and who champions or doubts AI."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from workshop.analysis.readiness import SurveyAnswer
from workshop.wording import tr

HOURS_FOR_FULL_CREDIT = 20.0
FREQUENCY_WEIGHT: Mapping[str, float] = {
    "daily": 1.0,
    "weekly": 0.8,
    "monthly": 0.5,
    "quarterly": 0.3,
    "ad hoc": 0.3,
    "yearly": 0.15,
}
SENSITIVITY_FACTOR: Mapping[str, float] = {"low": 1.0, "medium": 0.85, "high": 0.6}
UNKNOWN_SCORE = 0.5
WEIGHTS: Mapping[str, float] = {
    "hours": 0.30,
    "frequency": 0.15,
    "manual": 0.15,
    "redundancy": 0.15,
    "ai_potential": 0.25,
}
CHAMPION_AT = 4.0
SKEPTIC_AT = 2.0


@dataclass(frozen=True)
class AuditTask:
    """A task from the audit, as plain values (scores 1-5 or None when not known)."""

    title: str
    team: str | None
    hours_per_week: float | None
    frequency: str
    manual: bool
    redundancy: int | None
    ai_potential: int | None
    data_sensitivity: str


@dataclass(frozen=True)
class Candidate:
    """A task's candidate score 0..100 (higher = better AI candidate) and what was not known."""

    title: str
    team: str | None
    score: float
    unknown: tuple[str, ...]


@dataclass(frozen=True)
class StanceReading:
    """A participant read as champion, neutral or skeptic, and on what basis."""

    participant: str
    stance: str
    basis: str
    attitude: float | None
    stance_and_answers_differ: bool


def candidate_score(task: AuditTask) -> Candidate:
    """Gives the task's candidate score in 0..100.

    score = 100 * (0.30 hours + 0.15 frequency + 0.15 manual + 0.15 redundancy + 0.25 AI potential)
            * sensitivity factor, where every part is scaled to 0..1:
    - hours: hours per week / 20, capped at 1 (20 h/week or more earns full credit);
    - frequency: daily 1, weekly 0.8, monthly 0.5, quarterly 0.3, ad hoc 0.3, yearly 0.15;
    - manual: 1 when done by hand, else 0;
    - redundancy and AI potential (1-5): (score - 1) / 4;
    - sensitivity factor (penalty): low data sensitivity 1.0, medium 0.85, high 0.6.
    Unknown hours, redundancy or AI potential count as the middle of their range (0.5) and are listed.
    """
    unknown = []
    if task.hours_per_week is None:
        unknown.append(tr("hours per week"))
        hours = UNKNOWN_SCORE
    else:
        hours = min(1.0, max(0.0, task.hours_per_week) / HOURS_FOR_FULL_CREDIT)
    parts = {
        "hours": hours,
        "frequency": _lookup(FREQUENCY_WEIGHT, task.frequency, "frequency"),
        "manual": 1.0 if task.manual else 0.0,
        "redundancy": _one_to_five(task.redundancy, "redundancy", unknown),
        "ai_potential": _one_to_five(task.ai_potential, "AI potential", unknown),
    }
    base = sum(WEIGHTS[name] * value for name, value in parts.items())
    score = 100 * base * _lookup(SENSITIVITY_FACTOR, task.data_sensitivity, "data sensitivity")
    return Candidate(task.title, task.team, round(score, 6), tuple(unknown))


def ranked_candidates(tasks: Iterable[AuditTask]) -> tuple[Candidate, ...]:
    """Gives the tasks' candidate scores, best candidate first (title breaks ties)."""
    return tuple(sorted((candidate_score(t) for t in tasks), key=lambda c: (-c.score, c.title)))


def champions_and_skeptics(
    stances: Mapping[str, str],
    answers: Sequence[SurveyAnswer],
    *,
    attitude_dimensions: Collection[str] = ("attitude", "confidence"),
) -> tuple[StanceReading, ...]:
    """Gives each participant's reading as champion, neutral or skeptic.

    Rule: a stance the facilitator recorded (champion, neutral, skeptic) stands. When it is unknown,
    the participant's own answers decide: the mean of their attitude and confidence answers (1-5,
    skipped left out) of at least 4.0 reads as champion, at most 2.0 as skeptic, else neutral; no
    answers leaves them unknown. A recorded champion whose answers average <= 2.0, or a recorded
    skeptic whose answers average >= 4.0, is marked so the facilitator can check.
    """
    attitudes = _attitudes(answers, {d.casefold() for d in attitude_dimensions})
    readings = []
    for participant in sorted(set(stances) | set(attitudes)):
        recorded = stances.get(participant, "unknown")
        attitude = attitudes.get(participant)
        readings.append(_reading(participant, recorded, attitude))
    return tuple(readings)


def _reading(participant: str, recorded: str, attitude: float | None) -> StanceReading:
    from_answers = _stance_from(attitude)
    if recorded != "unknown":
        differ = (recorded == "champion" and from_answers == "skeptic") or (
            recorded == "skeptic" and from_answers == "champion"
        )
        return StanceReading(participant, recorded, "recorded", attitude, differ)
    basis = "answers" if attitude is not None else "none"
    return StanceReading(participant, from_answers, basis, attitude, False)


def _stance_from(attitude: float | None) -> str:
    if attitude is None:
        return "unknown"
    if attitude >= CHAMPION_AT:
        return "champion"
    return "skeptic" if attitude <= SKEPTIC_AT else "neutral"


def _attitudes(answers: Sequence[SurveyAnswer], dimensions: set[str]) -> dict[str, float]:
    scores: dict[str, list[float]] = defaultdict(list)
    for answer in answers:
        own = not answer.is_team_estimate and answer.dimension.casefold() in dimensions
        if own and answer.score is not None:
            scores[answer.participant].append(float(answer.score))
    return {participant: float(np.mean(values)) for participant, values in scores.items()}


def _one_to_five(value: int | None, name: str, unknown: list[str]) -> float:
    if value is None:
        unknown.append(tr(name))
        return UNKNOWN_SCORE
    if not 1 <= value <= 5:
        raise ValueError(f"{name} must be 1-5, got {value}")
    return (value - 1) / 4


def _lookup(table: Mapping[str, float], key: str, name: str) -> float:
    try:
        return table[key]
    except KeyError:
        raise ValueError(f"unknown {name} {key!r}; expected one of {', '.join(table)}") from None
