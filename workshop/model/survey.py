"""Readiness survey entry: who can answer, one answer set or removed, and how many answers each team has.

Answers are private: besides the counts per team, only the answers of the one person whose form is open
are read back, never anyone else's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .errors import InputError

LOWEST_SCORE, HIGHEST_SCORE = 1, 5
NO_TEAM = "(no team)"


@dataclass(frozen=True)
class Respondent:
    """Someone who can fill in the survey; a manager also estimates for their team."""

    id: int
    name: str
    team: str
    is_manager: bool


@dataclass(frozen=True)
class Question:
    """One row of a person's form: a dimension, about themselves or (managers) about their team."""

    dimension_id: int
    dimension: str
    is_team_estimate: bool


@dataclass(frozen=True)
class TeamCount:
    """How many people of a team answered in a round, and how many answers of each kind (never scores)."""

    team: str
    people: int
    own_answers: int
    estimates: int


# An answer as stored: absent (None), skipped (("skipped", None)) or a score (("score", 1..5)).
Stored = tuple[str, int | None] | None


def respondents(session: Session) -> tuple[Respondent, ...]:
    """Gives everyone who can answer, sorted by name."""
    rows = session.execute(
        select(e.Participant.id, e.Participant.name, e.Team.name, e.Participant.role)
        .outerjoin(e.Team, e.Team.id == e.Participant.team_id)
        .order_by(e.Participant.name, e.Participant.id)
    )
    return tuple(
        Respondent(int(pid), name, team or NO_TEAM, role is e.Role.MANAGER) for pid, name, team, role in rows
    )


def questions(
    session: Session, *, is_manager: bool, template: e.SurveyTemplate = e.SurveyTemplate.READINESS
) -> tuple[Question, ...]:
    """Gives the form's rows in order: every dimension of the template about oneself, then (managers, in
    the readiness template) about their team. ADKAR asks each person about themselves only."""
    dims = template_dimensions(session, template)
    own = [Question(did, name, False) for did, name in dims]
    estimating = is_manager and template is e.SurveyTemplate.READINESS
    estimates = [Question(did, name, True) for did, name in dims] if estimating else []
    return tuple(own + estimates)


def template_dimensions(session: Session, template: e.SurveyTemplate) -> tuple[tuple[int, str], ...]:
    """Gives (id, name) of the template's dimensions in their order, adding the ADKAR elements the first
    time an ADKAR round needs them (a workshop that never uses ADKAR never shows them)."""
    if template is e.SurveyTemplate.ADKAR:
        _add_missing_adkar_elements(session)
    dims = session.execute(
        select(e.ReadinessDimension.id, e.ReadinessDimension.name)
        .where(e.ReadinessDimension.template == template)
        .order_by(e.ReadinessDimension.position, e.ReadinessDimension.id)
    ).all()
    return tuple((int(did), name) for did, name in dims)


def round_template(session: Session, round_id: int) -> e.SurveyTemplate:
    """Gives which questions the survey round asks: the five readiness dimensions or ADKAR."""
    return session.scalars(select(e.SurveyRound.template).where(e.SurveyRound.id == round_id)).one()


def template_held(session: Session, template: e.SurveyTemplate) -> bool:
    """Gives whether any dimension of the template is stored (the ADKAR elements come on first use)."""
    held = select(e.ReadinessDimension.id).where(e.ReadinessDimension.template == template)
    return session.scalar(held.limit(1)) is not None


def _add_missing_adkar_elements(session: Session) -> None:
    held = dict(session.execute(select(e.ReadinessDimension.name, e.ReadinessDimension.template)).all())
    for position, (name, description) in enumerate(e.ADKAR_DIMENSIONS):
        if held.get(name) not in (None, e.SurveyTemplate.ADKAR):
            raise InputError(
                name,
                tr(
                    "a readiness dimension is already called {name!r}; rename it before starting an ADKAR "
                    "round, whose elements use that name."
                ).format(name=name),
            )
        if name not in held:
            session.add(
                e.ReadinessDimension(
                    name=name, description=description, position=position, template=e.SurveyTemplate.ADKAR
                )
            )
    session.flush()


def answers_of(session: Session, *, round_id: int, participant_id: int) -> dict[tuple[int, bool], int | None]:
    """Gives the open person's answers in the round by (dimension id, is team estimate); None = skipped."""
    a = e.ReadinessAnswer
    rows = session.execute(
        select(a.dimension_id, a.is_team_estimate, a.score).where(
            a.survey_round_id == round_id, a.participant_id == participant_id
        )
    )
    return {(int(did), bool(estimate)): score for did, estimate, score in rows}


def _answer(
    session: Session, round_id: int, participant_id: int, question: Question
) -> e.ReadinessAnswer | None:
    a = e.ReadinessAnswer
    return session.scalar(
        select(a).where(
            a.survey_round_id == round_id,
            a.participant_id == participant_id,
            a.dimension_id == question.dimension_id,
            a.is_team_estimate == question.is_team_estimate,
        )
    )


def set_answer(
    session: Session, *, round_id: int, participant_id: int, question: Question, answer: Stored
) -> Stored:
    """Gives the answer stored before, after storing `answer` (None removes it, a skip keeps no score)."""
    if answer is not None and answer[0] == "score":
        score = answer[1]
        if score is None or not LOWEST_SCORE <= score <= HIGHEST_SCORE:
            raise InputError(
                question.dimension, tr("{score} is not a score from 1 to 5.").format(score=score)
            )
    row = _answer(session, round_id, participant_id, question)
    before: Stored = (
        None if row is None else (("skipped", None) if row.score is None else ("score", row.score))
    )
    if answer is None:
        if row is not None:
            session.execute(delete(e.ReadinessAnswer).where(e.ReadinessAnswer.id == row.id))
        return before
    if row is None:
        row = e.ReadinessAnswer(
            survey_round_id=round_id,
            participant_id=participant_id,
            dimension_id=question.dimension_id,
            is_team_estimate=question.is_team_estimate,
        )
        session.add(row)
    row.score = answer[1]
    session.flush()
    return before


def team_counts(session: Session, *, round_id: int) -> tuple[TeamCount, ...]:
    """Gives per team how many people answered in the round and how many answers of each kind."""
    a = e.ReadinessAnswer
    own = func.sum(case((a.is_team_estimate, 0), else_=1))
    estimates = func.sum(case((a.is_team_estimate, 1), else_=0))
    rows = session.execute(
        select(e.Team.name, func.count(func.distinct(a.participant_id)), own, estimates)
        .join(e.Participant, a.participant_id == e.Participant.id)
        .outerjoin(e.Team, e.Participant.team_id == e.Team.id)
        .where(a.survey_round_id == round_id)
        .group_by(e.Team.id)
        .order_by(e.Team.name)
    )
    return tuple(TeamCount(team or NO_TEAM, int(n), int(o or 0), int(m or 0)) for team, n, o, m in rows)
