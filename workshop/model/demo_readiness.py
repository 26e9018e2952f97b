"""The demo's readiness: two survey rounds of the five dimensions and an ADKAR round, drawn from the seed.

The warehouse managers believe their team far readier than it says; the follow-up is a little readier; in
the ADKAR round each team stops at its own element (see `ADKAR_LEVELS`), except Finance, which has no
barrier, so the barrier analysis has something to find and something to leave quiet.
"""

from __future__ import annotations

import csv
import random
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from statistics import mean

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from workshop.rounding import rounded

from . import entities as e
from .demo_content import (
    ADKAR_LEVELS,
    ADKAR_SURVEY,
    ADKAR_SURVEY_ON,
    BASELINE_SURVEY,
    DIMENSION_OFFSET,
    FOLLOW_UP_EXPORT,
    FOLLOW_UP_GAIN,
    FOLLOW_UP_ON,
    FOLLOW_UP_SURVEY,
    GAP_EVIDENCE,
    GAP_TEAM_ESTIMATE,
    HELD_ON,
    PERCEPTION_GAP_TEAM,
    SKIP_CHANCE,
    STANCE_READINESS,
    TEAM_READINESS,
)
from .survey import template_dimensions
from .survey_import import ESTIMATE_SUFFIX, import_survey
from .survey_sheet import LIKERT_WORDS


def team_name(person: e.Participant) -> str:
    return person.team.name if person.team else ""


def add_readiness(
    session: Session,
    rng: random.Random,
    employees: Sequence[e.Participant],
    managers: Sequence[e.Participant],
) -> None:
    """Adds the two survey rounds of the five dimensions: everyone about themselves, managers also about
    their team. The baseline is typed in on the day; the follow-up, a little readier, comes in as a survey
    tool's export (Microsoft Forms' shape, answers as Likert words) through the survey import."""
    dimensions = list(
        session.scalars(
            select(e.ReadinessDimension)
            .where(e.ReadinessDimension.template == e.SurveyTemplate.READINESS)
            .order_by(e.ReadinessDimension.position)
        )
    )
    baseline = e.SurveyRound(name=BASELINE_SURVEY, held_on=HELD_ON)
    session.add(baseline)
    session.flush()
    rounds: list[list[dict[str, object]]] = []
    for survey_id, gain in ((baseline.id, 0.0), (0, FOLLOW_UP_GAIN)):
        rows: list[dict[str, object]] = []
        for person in employees:
            level = TEAM_READINESS.get(team_name(person), 3.0) + rng.gauss(0, 0.4) + gain
            rows += _answers(rng, survey_id, person, dimensions, level, False, SKIP_CHANCE)
        for manager in managers:
            own = STANCE_READINESS.get(manager.stance, 3.4) + gain
            rows += _answers(rng, survey_id, manager, dimensions, own, False, SKIP_CHANCE)
            rows += _answers(rng, survey_id, manager, dimensions, _team_estimate(manager) + gain / 2, True, 0)
        rounds.append(rows)
    session.execute(insert(e.ReadinessAnswer), rounds[0])
    _import_follow_up(session, [*employees, *managers], {d.id: d.name for d in dimensions}, rounds[1])


def _import_follow_up(
    session: Session,
    people: Sequence[e.Participant],
    dimensions: dict[int, str],
    rows: Sequence[dict[str, object]],
) -> None:
    """Imports the follow-up answers from the export its survey tool would give, then dates the round."""
    questions = [(name, False) for name in dimensions.values()]
    questions += [(name, True) for name in dimensions.values()]
    by_person: dict[object, dict[tuple[str, bool], object]] = defaultdict(dict)
    for row in rows:
        question = (dimensions[row["dimension_id"]], bool(row["is_team_estimate"]))  # type: ignore[index]
        by_person[row["participant_id"]][question] = row["score"]
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Team"]
    header += [name + (ESTIMATE_SUFFIX if estimate else "") for name, estimate in questions]
    lines = [header]
    for number, person in enumerate(people, start=1):
        answers = by_person[person.id]
        words = [_likert(answers.get(question)) for question in questions]
        lines.append([str(number), "11/25/26 9:00:00", "11/25/26 9:06:00", "anonymous", person.name,
                      team_name(person), *words])  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / FOLLOW_UP_EXPORT
        with export.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(lines)
        import_survey(session, export, round_name=FOLLOW_UP_SURVEY)
    follow_up = session.scalar(select(e.SurveyRound).where(e.SurveyRound.name == FOLLOW_UP_SURVEY))
    if follow_up is not None:
        follow_up.held_on = FOLLOW_UP_ON


def _likert(score: object) -> str:
    """Gives a score as Microsoft Forms writes a Likert answer ("Agree"); a skipped question left blank."""
    return LIKERT_WORDS[score][0].capitalize() if isinstance(score, int) else ""


def _team_estimate(manager: e.Participant) -> float:
    """Gives what a manager believes their team's readiness is: a little rosy, far too rosy in one team."""
    team = team_name(manager)
    if team == PERCEPTION_GAP_TEAM:
        return GAP_TEAM_ESTIMATE
    return TEAM_READINESS.get(team, 3.0) + 0.3


def _answers(
    rng: random.Random,
    survey_id: int,
    person: e.Participant,
    dimensions: Sequence[e.ReadinessDimension],
    level: float,
    is_team_estimate: bool,
    skip_chance: float,
) -> list[dict[str, object]]:
    """Gives one answer row per dimension, scattered around `level`; a few left blank (skipped)."""
    rows: list[dict[str, object]] = []
    for dimension in dimensions:
        mean = level + (0 if is_team_estimate else DIMENSION_OFFSET.get(dimension.name, 0.0))
        score = min(5, max(1, round(mean + rng.gauss(0, 0.5))))
        skipped = rng.random() < skip_chance
        rows.append(
            {
                "survey_round_id": survey_id,
                "participant_id": person.id,
                "dimension_id": dimension.id,
                "score": None if skipped else score,
                "is_team_estimate": is_team_estimate,
            }
        )
    return rows


def gap_evidence(session: Session, team: e.Team) -> str:
    """Gives the flag's evidence: the team's baseline readiness by its managers and by itself, as shown."""
    answers = session.execute(
        select(e.ReadinessAnswer.dimension_id, e.ReadinessAnswer.score, e.ReadinessAnswer.is_team_estimate)
        .join(e.Participant, e.Participant.id == e.ReadinessAnswer.participant_id)
        .join(e.SurveyRound, e.SurveyRound.id == e.ReadinessAnswer.survey_round_id)
        .where(e.Participant.team_id == team.id, e.SurveyRound.name == BASELINE_SURVEY)
    ).all()
    managers = _mean_of_dimension_means([(d, s) for d, s, estimate in answers if estimate])
    own = _mean_of_dimension_means([(d, s) for d, s, estimate in answers if not estimate])
    return GAP_EVIDENCE.format(managers=rounded(managers), team=rounded(own))


def _mean_of_dimension_means(answers: Sequence[tuple[int, int | None]]) -> float:
    """Gives the mean of the per-dimension means, skips left out: how the app sums up a team's readiness."""
    by_dimension: dict[int, list[int]] = defaultdict(list)
    for dimension, score in answers:
        if score is not None:
            by_dimension[dimension].append(score)
    return mean(mean(scores) for scores in by_dimension.values())


def add_adkar_round(session: Session, rng: random.Random, people: Sequence[e.Participant]) -> None:
    """Adds the ADKAR round: everyone with a team answers the five elements about themselves."""
    elements = template_dimensions(session, e.SurveyTemplate.ADKAR)
    survey = e.SurveyRound(name=ADKAR_SURVEY, held_on=ADKAR_SURVEY_ON, template=e.SurveyTemplate.ADKAR)
    session.add(survey)
    session.flush()
    rows = []
    for person in people:
        levels = ADKAR_LEVELS.get(team_name(person))
        if levels is None:
            continue
        for (element_id, _), level in zip(elements, levels, strict=True):
            score = min(5, max(1, round(level + rng.gauss(0, 0.6))))
            rows.append(
                {"survey_round_id": survey.id, "participant_id": person.id, "dimension_id": element_id,
                 "score": score, "is_team_estimate": False}
            )  # fmt: skip
    session.execute(insert(e.ReadinessAnswer), rows)
