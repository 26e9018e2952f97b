"""Importing readiness answers from a survey tool's export into a survey round.

Which column is the respondent's name, team and role, and which question feeds which readiness
dimension, comes from a map file (JSON, see README) or, without one, from the header: columns named
exactly like a dimension are the person's own answers, "<dimension> (team estimate)" a manager's
estimate for their team. Every column left out is listed in the result, never dropped silently.

Respondents are matched to participants by name within their team; missing ones are added (as the
ballot import does). Blank answers are skipped and counted. An answer the round already holds for the
same person, dimension and kind is replaced: re-importing a corrected export must not keep the old
reading. Everything is checked before anything is written, inside the caller's one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, tuple_
from sqlalchemy.orm import Session

from workshop.wording import plural, tr

from . import entities as e
from .csv_values import BadValue, read_role, read_text
from .errors import InputError
from .importing import TeamDirectory, Voter, VoterDirectory, insert_missing, insert_rows
from .survey_sheet import Sheet, likert_score, read_sheet

NAME_HEADERS = ("name", "full name", "your name", "respondent", "vollständiger name", "nom")
TEAM_HEADERS = ("team", "department", "abteilung", "équipe", "equipe")
ROLE_HEADERS = ("role", "rolle", "rôle")
ESTIMATE_SUFFIX = " (team estimate)"
ROUND_OPTION = "--round"  # where an empty round name came from: the option, named as typed

Question = tuple[str, bool]  # (dimension name, is team estimate)


@dataclass(frozen=True)
class SurveyMap:
    """Which export column holds what: the respondent's name, team and role, and each question's dimension."""

    name: str
    team: str | None
    role: str | None
    questions: Mapping[str, Question]


@dataclass(frozen=True)
class SurveyImport:
    """What a survey import did, for the sentence the user reads."""

    round_name: str
    respondents: int
    answers: int
    blanks: int
    replaced: int
    new_participants: int
    unmapped: tuple[str, ...]


@dataclass(frozen=True)
class _Response:
    row: int
    voter: Voter
    role: e.Role | None
    scores: Mapping[Question, int]


def read_map(path: Path) -> SurveyMap:
    """Gives the map a JSON map file states: {"name": ..., "team": ..., "role": ..., "questions": {...}}."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            tr("{file}, line {line}").format(file=path.name, line=exc.lineno),
            tr("the map is not JSON ({reason}).").format(reason=exc.msg),
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
        raise InputError(path.name, tr('the map needs a "name" entry naming the respondent\'s column.'))
    questions = data.get("questions")
    if not isinstance(questions, dict) or not questions:
        raise InputError(path.name, tr('the map needs "questions": each column with its dimension.'))
    return SurveyMap(
        name=data["name"],
        team=_optional_text(path, data, "team"),
        role=_optional_text(path, data, "role"),
        questions={column: _question(path, column, entry) for column, entry in questions.items()},
    )


def _optional_text(path: Path, data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and value):
        return value
    raise InputError(
        path.name,
        tr("the map's {key!r} must name a column; it reads {value!r}.").format(key=key, value=value),
    )


def _question(path: Path, column: str, entry: Any) -> Question:
    """Gives a map entry's dimension: "skills", or {"dimension": "skills", "team_estimate": true}."""
    if isinstance(entry, str) and entry:
        return entry, False
    if isinstance(entry, dict) and isinstance(entry.get("dimension"), str):
        return entry["dimension"], bool(entry.get("team_estimate", False))
    raise InputError(
        tr("{file}, column {column!r}").format(file=path.name, column=column),
        tr(
            '{value!r} is not a dimension; write "skills" or '
            '{{"dimension": "skills", "team_estimate": true}}.'
        ).format(value=entry),
    )


def header_map(sheet: Sheet, dimensions: Mapping[str, str]) -> SurveyMap:
    """Gives the map read from the header alone: name/team/role columns and columns named as a dimension."""
    by_text = {column.lower(): column for column in reversed(sheet.columns)}
    name = next((by_text[text] for text in NAME_HEADERS if text in by_text), None)
    if name is None:
        raise InputError(
            sheet.file,
            tr("no column names the respondent (such as 'Name'); give a map file with --map.").format(),
        )
    questions: dict[str, Question] = {}
    for column in sheet.columns:
        text = column.lower()
        if text.endswith(ESTIMATE_SUFFIX) and text.removesuffix(ESTIMATE_SUFFIX) in dimensions:
            questions[column] = (dimensions[text.removesuffix(ESTIMATE_SUFFIX)], True)
        elif text in dimensions:
            questions[column] = (dimensions[text], False)
    team = next((by_text[text] for text in TEAM_HEADERS if text in by_text), None)
    role = next((by_text[text] for text in ROLE_HEADERS if text in by_text), None)
    return SurveyMap(name=name, team=team, role=role, questions=questions)


def import_survey(
    session: Session, path: Path | str, *, round_name: str | None = None, map_path: Path | str | None = None
) -> SurveyImport:
    """Gives what was imported from the export into the survey round (default: the file's name)."""
    path = Path(path)
    sheet = read_sheet(path)
    dimensions = _dimension_ids(session)
    names = {name.lower(): name for name in dimensions}
    survey_map = header_map(sheet, names) if map_path is None else read_map(Path(map_path))
    _check_map(sheet, survey_map, dimensions, Path(map_path).name if map_path else sheet.file)
    responses = [_response(sheet, survey_map, row, cells) for row, cells in sheet.rows]
    if not responses:
        raise InputError(
            path.name, tr("the file has a header but no answers under it; nothing was imported.")
        )
    _refuse_one_person_twice(sheet, survey_map, responses)
    blanks = len(responses) * len(survey_map.questions) - sum(len(r.scores) for r in responses)
    name = (round_name if round_name is not None else path.stem).strip()
    # Everything is checked; from here on the workshop changes.
    teams = TeamDirectory(session)
    directory = VoterDirectory(session, teams)
    known = {r.voter: directory.existing_id(path.name, r.voter, r.row) for r in responses}
    new = [r for r in responses if known[r.voter] is None]
    added = _add_respondents(session, teams, new)
    ids = {voter: person_id or added[voter] for voter, person_id in known.items()}
    round_id = _round_id(session, name)
    replaced = _store_answers(session, round_id, dimensions, {ids[r.voter]: r.scores for r in responses})
    session.flush()
    used = {survey_map.name, survey_map.team, survey_map.role, *survey_map.questions}
    return SurveyImport(
        round_name=name,
        respondents=len(responses),
        answers=sum(len(r.scores) for r in responses),
        blanks=blanks,
        replaced=replaced,
        new_participants=len(new),
        unmapped=tuple(column for column in sheet.columns if column not in used),
    )


def _dimension_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(e.ReadinessDimension.name, e.ReadinessDimension.id)).all())


def _check_map(sheet: Sheet, survey_map: SurveyMap, dimensions: Mapping[str, int], map_file: str) -> None:
    """Refuses a map naming a column the export lacks or a dimension the workshop lacks, or mapping none."""
    columns = [survey_map.name, survey_map.team, survey_map.role, *survey_map.questions]
    for column in columns:
        if column is not None and column not in sheet.columns:
            raise InputError(
                tr("{file}, column {column!r}").format(file=map_file, column=column),
                tr("the export {export} has no such column; its header names {header}.").format(
                    export=sheet.file, header=", ".join(sheet.columns)
                ),
            )
    for column, (dimension, _) in survey_map.questions.items():
        if dimension not in dimensions:
            raise InputError(
                tr("{file}, column {column!r}").format(file=map_file, column=column),
                tr("the dimension {value!r} does not exist; the workshop's dimensions are {names}.").format(
                    value=dimension, names=", ".join(sorted(dimensions))
                ),
            )
    if not survey_map.questions:
        raise InputError(
            sheet.file,
            tr("no column names a readiness dimension ({names}); give a map file with --map.").format(
                names=", ".join(sorted(dimensions))
            ),
        )


def _response(sheet: Sheet, survey_map: SurveyMap, row: int, cells: tuple[str, ...]) -> _Response:
    """Gives one respondent's row read: name, team, role and the score of each answered question."""
    cell = dict(zip(sheet.columns, cells, strict=True))
    name = cell[survey_map.name]
    if not name:
        raise InputError(sheet.where(row, survey_map.name), tr("the name is empty; every row needs one."))
    scores = {}
    for column, question in survey_map.questions.items():
        if cell[column]:
            scores[question] = _read(sheet, row, column, cell[column], likert_score)
    role_text = cell[survey_map.role] if survey_map.role else ""
    return _Response(
        row=row,
        voter=(name, (cell[survey_map.team] or None) if survey_map.team else None),
        role=_read(sheet, row, survey_map.role or "", role_text, read_role) if role_text else None,
        scores=scores,
    )


def _read(sheet: Sheet, row: int, column: str, text: str, parse: Any) -> Any:
    try:
        return parse(text)
    except BadValue as exc:
        raise InputError(sheet.where(row, column), str(exc)) from None


def _refuse_one_person_twice(sheet: Sheet, survey_map: SurveyMap, responses: list[_Response]) -> None:
    """Refuses an export holding one person (name and team) twice: which of the two forms counts?"""
    first: dict[Voter, int] = {}
    for response in responses:
        earlier = first.setdefault(response.voter, response.row)
        if earlier != response.row:
            raise InputError(
                sheet.where(response.row, survey_map.name),
                tr("{name!r} answered on row {earlier} already; keep one of the two rows.").format(
                    name=response.voter[0], earlier=earlier
                ),
            )


def _add_respondents(session: Session, teams: TeamDirectory, new: list[_Response]) -> dict[Voter, int]:
    """Gives the ids of respondents the workshop did not know, added as managers when they estimate."""
    teams.add_missing(r.voter[1] for r in new)
    rows = sorted(
        (
            {
                "name": r.voter[0],
                "team_id": teams.id_for(r.voter[1]),
                "role": r.role or (e.Role.MANAGER if any(est for _, est in r.scores) else e.Role.EMPLOYEE),
            }
            for r in new
        ),
        key=lambda row: (row["name"], row["team_id"] or 0),
    )
    insert_missing(session, e.Participant, rows)
    query = select(e.Participant.name, e.Participant.team_id, e.Participant.id).order_by(e.Participant.id)
    ids = {(name, team_id): pid for name, team_id, pid in session.execute(query)}
    return {r.voter: ids[(r.voter[0], teams.id_for(r.voter[1]))] for r in new}


def _round_id(session: Session, name: str) -> int:
    """Gives the id of the survey round of that name, starting it when the workshop has none so named."""
    if not name:
        raise InputError(ROUND_OPTION, tr("the survey round needs a name."))
    found = session.scalar(select(e.SurveyRound.id).where(e.SurveyRound.name == name))
    if found is not None:
        return int(found)
    survey_round = e.SurveyRound(name=name)
    session.add(survey_round)
    session.flush()
    return survey_round.id


def _store_answers(
    session: Session,
    round_id: int,
    dimensions: Mapping[str, int],
    scores: Mapping[int, Mapping[Question, int]],
) -> int:
    """Gives how many answers replaced earlier ones, after storing every score of the round."""
    rows = [
        {
            "survey_round_id": round_id,
            "participant_id": pid,
            "dimension_id": dimensions[dimension],
            "is_team_estimate": estimate,
            "score": score,
        }
        for pid, answers in scores.items()
        for (dimension, estimate), score in answers.items()
    ]
    a = e.ReadinessAnswer
    keys = [(r["participant_id"], r["dimension_id"], r["is_team_estimate"]) for r in rows]
    earlier = delete(a).where(
        a.survey_round_id == round_id, tuple_(a.participant_id, a.dimension_id, a.is_team_estimate).in_(keys)
    )
    replaced = cast(CursorResult[Any], session.execute(earlier)).rowcount if keys else 0
    insert_rows(session, a, rows)
    return int(replaced or 0)


def summary(result: SurveyImport) -> str:
    """Gives the sentences telling what a survey import stored, skipped, replaced and left out."""
    lines = [
        tr("Imported {answers} from {people} into the survey round {name!r}.").format(
            answers=plural(result.answers, "%n answer", "%n answers"),
            people=plural(result.respondents, "%n respondent", "%n respondents"),
            name=result.round_name,
        ),
        plural(result.blanks, "%n blank answer skipped.", "%n blank answers skipped."),
        plural(result.replaced, "%n earlier answer replaced.", "%n earlier answers replaced."),
        plural(result.new_participants, "%n new participant added.", "%n new participants added."),
    ]
    if result.unmapped:
        lines.append(tr("Columns not imported: {columns}.").format(columns=", ".join(result.unmapped)))
    return "\n".join(lines)
