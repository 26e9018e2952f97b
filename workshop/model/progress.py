"""How far each workshop phase has come: not started, in progress or done, from what the file holds.

The rules (`phase_progress`) take plain counts, so they are tested without a file; `workshop_progress`
reads those counts in one statement. The phase navigation shows the result as an icon and a word.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, distinct, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from . import entities as e
from .views import ALIGNMENT, AUDIT, FEEDBACK, PRIORITIES, READINESS, REPORT, SETUP, SPACE_AND_TIME, WORKFLOWS

# The tables the rules read: a change to any other table leaves every phase's progress as it was.
PROGRESS_TABLES = frozenset(
    {
        "team",
        "participant",
        "task",
        "idea",
        "readiness_answer",
        "opportunity",
        "ballot_round",
        "workflow",
        "pilot",
        "capacity_plan",
        "feedback_item",
        "caution_flag",
    }
)


class Progress(enum.StrEnum):
    """Where a phase stands; the values are the English words a screen reader says."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


@dataclass(frozen=True)
class WorkshopCounts:
    """The numbers the progress rules look at; every one is a count of rows in the file."""

    teams: int = 0
    participants: int = 0
    managers: int = 0
    tasks: int = 0
    scored_tasks: int = 0
    ideas: int = 0
    people_answered: int = 0  # people with at least one readiness score
    opportunities: int = 0
    rounds: int = 0
    revealed_rounds: int = 0
    closed_ranking_rounds: int = 0  # closed, revealed or not
    revealed_ranking_rounds: int = 0
    workflows: int = 0
    workflows_piloted: int = 0
    teams_given_time: int = 0  # teams with hours set aside to learn
    feedback_items: int = 0
    caution_flags: int = 0
    flags_answered: int = 0  # caution flags with a response written


def _stage(started: bool, done: bool) -> Progress:
    if done:
        return Progress.DONE
    return Progress.IN_PROGRESS if started else Progress.NOT_STARTED


def phase_progress(c: WorkshopCounts) -> dict[str, Progress]:
    """Gives each phase's progress; the Report is done when every other phase is."""
    phases = {
        # Who is in the room, and at least one manager to rank the opportunities.
        SETUP: _stage(c.teams + c.participants > 0, c.teams > 0 and c.managers > 0),
        # Every task listed has its AI potential scored.
        AUDIT: _stage(c.tasks + c.ideas > 0, c.tasks > 0 and c.scored_tasks >= c.tasks),
        # Everyone taking part has answered the survey at least once.
        READINESS: _stage(c.people_answered > 0, 0 < c.participants <= c.people_answered),
        # Opportunities listed and voted on; done once a round's result is shown to the room.
        PRIORITIES: _stage(c.opportunities + c.rounds > 0, c.revealed_rounds > 0),
        # A closed ranking round waits for its reveal; a revealed one is what the page explains.
        ALIGNMENT: _stage(c.closed_ranking_rounds > 0, c.revealed_ranking_rounds > 0),
        WORKFLOWS: _stage(c.workflows > 0, 0 < c.workflows <= c.workflows_piloted),
        SPACE_AND_TIME: _stage(c.teams_given_time > 0, 0 < c.teams <= c.teams_given_time),
        FEEDBACK: _stage(
            c.feedback_items + c.caution_flags > 0,
            c.feedback_items > 0 and c.flags_answered >= c.caution_flags,
        ),
    }
    stages = set(phases.values())
    phases[REPORT] = _stage(stages != {Progress.NOT_STARTED}, stages == {Progress.DONE})
    return phases


def _count(entity: type[e.Base], *where: ColumnElement[bool]) -> ColumnElement[int]:
    return select(func.count()).select_from(entity).where(*where).scalar_subquery()


def _count_distinct(column: InstrumentedAttribute[Any], *where: ColumnElement[bool]) -> ColumnElement[int]:
    return select(func.count(distinct(column))).where(*where).scalar_subquery()


def _queries() -> dict[str, ColumnElement[int]]:
    r, ranking = e.BallotRound, e.BallotRound.method == e.BallotMethod.RANKING
    return {
        "teams": _count(e.Team),
        "participants": _count(e.Participant),
        "managers": _count(e.Participant, e.Participant.role == e.Role.MANAGER),
        "tasks": _count(e.Task),
        "scored_tasks": _count(e.Task, e.Task.ai_potential.is_not(None)),
        "ideas": _count(e.Idea),
        "people_answered": _count_distinct(
            e.ReadinessAnswer.participant_id, e.ReadinessAnswer.score.is_not(None)
        ),
        "opportunities": _count(e.Opportunity),
        "rounds": _count(r),
        "revealed_rounds": _count(r, r.revealed_at.is_not(None)),
        "closed_ranking_rounds": _count(r, ranking, r.closed_at.is_not(None)),
        "revealed_ranking_rounds": _count(r, ranking, r.revealed_at.is_not(None)),
        "workflows": _count(e.Workflow),
        "workflows_piloted": _count_distinct(e.Pilot.workflow_id),
        "teams_given_time": _count_distinct(e.CapacityPlan.team_id, e.CapacityPlan.hours_per_week > 0),
        "feedback_items": _count(e.FeedbackItem),
        "caution_flags": _count(e.CautionFlag),
        "flags_answered": _count(e.CautionFlag, func.trim(e.CautionFlag.response) != ""),
    }


def workshop_counts(session: Session) -> WorkshopCounts:
    """Gives the counts the progress rules need, read in one statement."""
    queries = _queries()
    row = session.execute(select(*queries.values())).one()
    counted = dict(zip(queries, row, strict=True))
    return WorkshopCounts(**{field.name: int(counted[field.name]) for field in fields(WorkshopCounts)})


def workshop_progress(session: Session) -> dict[str, Progress]:
    """Gives each phase's progress in the workshop the session reads."""
    return phase_progress(workshop_counts(session))
