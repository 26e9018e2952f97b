"""Importing readiness answers from a survey tool's export into a survey round.

Which column is the respondent's name, team and role, and which question feeds which readiness
dimension, comes from a map (a JSON file, see README, or the import dialog's choices) or, without one, from
the header (`guess_map`): a column named like a dimension ("Skills", or "Skills: I am building…") holds the
person's own answers, "<dimension> (team estimate)" a manager's estimate for their team, and an ADKAR
element's name ("Awareness", "ADKAR: Awareness") an ADKAR answer. Every column left out is listed in the
result, never dropped silently.

The map decides the round's template: questions on the ADKAR elements fill an ADKAR round, questions on
the readiness dimensions a readiness round; a map mixing the two, or adding to a round of the other
template, is refused (a round asks one set of questions, so its answers can be compared).

Respondents are matched to participants by name within their team; missing ones are added (as the
ballot import does). Blank answers are skipped and counted. An answer the round already holds for the
same person, dimension and kind is replaced: re-importing a corrected export must not keep the old
reading. Everything is checked before anything is written, inside the caller's one transaction.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, tuple_
from sqlalchemy.orm import Session

from workshop.wording import plural, tr

from . import entities as e
from .csv_values import BadValue, read_role, read_text
from .errors import InputError
from .files import write_atomically
from .importing import TeamDirectory, Voter, VoterDirectory, insert_missing, insert_rows
from .survey import template_dimensions
from .survey_sheet import Sheet, likert_score, read_sheet

NAME_HEADERS = ("name", "full name", "your name", "respondent", "vollständiger name", "nom")
TEAM_HEADERS = ("team", "department", "abteilung", "équipe", "equipe")
ROLE_HEADERS = ("role", "rolle", "rôle")
ESTIMATE_SUFFIX = " (team estimate)"
ADKAR_PREFIX = "adkar:"
TEMPLATE_WORDS = {e.SurveyTemplate.READINESS: "readiness", e.SurveyTemplate.ADKAR: "ADKAR"}
ROUND_OPTION = "--round"  # where an empty round name came from: the option, named as typed

Question = tuple[str, bool]  # (dimension name, is team estimate)


@dataclass(frozen=True)
class SurveyMap:
    """Which export column holds what: the respondent's name, team and role, and each question's dimension."""

    name: str | None  # None: no column was recognised as the respondent's (the import refuses it)
    team: str | None
    role: str | None
    questions: Mapping[str, Question]

    def used_columns(self) -> set[str]:
        return {c for c in (self.name, self.team, self.role, *self.questions) if c is not None}


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
    template: e.SurveyTemplate = e.SurveyTemplate.READINESS


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


def question_choices(session: Session) -> dict[str, e.SurveyTemplate]:
    """Gives every dimension a question can feed, in order, with its template: the workshop's readiness
    dimensions, then the ADKAR elements (stored only once an ADKAR round needs them)."""
    d = e.ReadinessDimension
    readiness = session.scalars(
        select(d.name).where(d.template == e.SurveyTemplate.READINESS).order_by(d.position, d.id)
    )
    adkar = [name for name, _ in e.ADKAR_DIMENSIONS]
    return {
        **dict.fromkeys(readiness, e.SurveyTemplate.READINESS),
        **dict.fromkeys(adkar, e.SurveyTemplate.ADKAR),
    }


def guess_map(columns: Sequence[str], dimensions: Iterable[str]) -> SurveyMap:
    """Gives the map the header suggests: name/team/role columns and columns named after a dimension
    (its `name` is None when no column looks like the respondent's)."""
    names = {name.lower(): name for name in dimensions}
    by_text = {column.lower(): column for column in reversed(columns)}
    questions = {c: q for c in columns if (q := header_question(c, names)) is not None}

    def first(headers: tuple[str, ...]) -> str | None:
        return next((by_text[text] for text in headers if text in by_text), None)

    return SurveyMap(
        name=first(NAME_HEADERS), team=first(TEAM_HEADERS), role=first(ROLE_HEADERS), questions=questions
    )


def header_question(column: str, dimensions: Mapping[str, str]) -> Question | None:
    """Gives the question a header names ("Skills", "Skills (team estimate): …", "ADKAR: Awareness"), or
    None; `dimensions` maps lower-case names to the names stored."""
    text = " ".join(column.lower().split()).removeprefix(ADKAR_PREFIX).strip()
    for key in (text, text.split(":", 1)[0].strip()):
        if key.endswith(ESTIMATE_SUFFIX) and key.removesuffix(ESTIMATE_SUFFIX) in dimensions:
            return dimensions[key.removesuffix(ESTIMATE_SUFFIX)], True
        if key in dimensions:
            return dimensions[key], False
    return None


def map_entries(survey_map: SurveyMap) -> dict[str, Any]:
    """Gives the map as the JSON a map file holds (what `read_map` reads back)."""
    entries: dict[str, Any] = {"name": survey_map.name, "team": survey_map.team, "role": survey_map.role}
    entries["questions"] = {
        column: {"dimension": dimension, "team_estimate": True} if estimate else dimension
        for column, (dimension, estimate) in survey_map.questions.items()
    }
    return {key: value for key, value in entries.items() if value is not None}


def write_map(survey_map: SurveyMap, path: Path) -> None:
    """Gives nothing; writes the map file `workshop import --map` and the import dialog read."""
    text = json.dumps(map_entries(survey_map), ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, lambda out: out.write(text.encode("utf-8")))


def import_survey(
    session: Session,
    path: Path | str,
    *,
    round_name: str | None = None,
    map_path: Path | str | None = None,
    survey_map: SurveyMap | None = None,
) -> SurveyImport:
    """Gives what was imported from the export into the survey round (default: the file's name), read
    with `survey_map`, the map file, or else the map the header suggests."""
    path = Path(path)
    sheet = read_sheet(path)
    choices = question_choices(session)
    if survey_map is None:
        survey_map = guess_map(sheet.columns, choices) if map_path is None else read_map(Path(map_path))
    survey_map = _with_stored_names(survey_map, choices)
    template = _check_map(sheet, survey_map, choices, Path(map_path).name if map_path else sheet.file)
    responses = [_response(sheet, survey_map, row, cells) for row, cells in sheet.rows]
    if not responses:
        raise InputError(
            path.name, tr("the file has a header but no answers under it; nothing was imported.")
        )
    _refuse_one_person_twice(sheet, survey_map, responses)
    blanks = len(responses) * len(survey_map.questions) - sum(len(r.scores) for r in responses)
    name = (round_name if round_name is not None else path.stem).strip()
    earlier_round = _existing_round(session, name, template)
    # Everything is checked; from here on the workshop changes.
    dimensions = {dimension: did for did, dimension in template_dimensions(session, template)}
    teams = TeamDirectory(session)
    directory = VoterDirectory(session, teams)
    known = {r.voter: directory.existing_id(path.name, r.voter, r.row) for r in responses}
    new = [r for r in responses if known[r.voter] is None]
    added = _add_respondents(session, teams, new)
    ids = {voter: person_id or added[voter] for voter, person_id in known.items()}
    round_id = earlier_round if earlier_round is not None else _new_round(session, name, template)
    scores = {ids[r.voter]: r.scores for r in responses}
    replaced = _store_answers(session, round_id, dimensions, scores, origin=path.name)
    session.flush()
    return SurveyImport(
        round_name=name,
        respondents=len(responses),
        answers=sum(len(r.scores) for r in responses),
        blanks=blanks,
        replaced=replaced,
        new_participants=len(new),
        unmapped=unmapped_columns(sheet.columns, survey_map),
        template=template,
    )


def _with_stored_names(survey_map: SurveyMap, choices: Mapping[str, e.SurveyTemplate]) -> SurveyMap:
    """Gives the map with each dimension spelt as stored ("awareness" in a map file is "Awareness")."""
    stored = {name.lower(): name for name in choices}
    questions = {
        column: (stored.get(dimension.lower(), dimension), estimate)
        for column, (dimension, estimate) in survey_map.questions.items()
    }
    return dataclasses.replace(survey_map, questions=questions)


def unmapped_columns(columns: Sequence[str], survey_map: SurveyMap) -> tuple[str, ...]:
    """Gives the export's columns the map leaves out, in the export's order."""
    used = survey_map.used_columns()
    return tuple(column for column in columns if column not in used)


def _check_map(
    sheet: Sheet, survey_map: SurveyMap, choices: Mapping[str, e.SurveyTemplate], map_file: str
) -> e.SurveyTemplate:
    """Gives the template the map's questions belong to; refuses a map naming a column the export lacks or
    a dimension the workshop lacks, mapping no question, or mixing the two templates."""
    if survey_map.name is None:
        raise InputError(
            sheet.file,
            tr("no column names the respondent (such as 'Name'); give a map file with --map.").format(),
        )
    for column in (survey_map.name, survey_map.team, survey_map.role, *survey_map.questions):
        if column is not None and column not in sheet.columns:
            raise InputError(
                tr("{file}, column {column!r}").format(file=map_file, column=column),
                tr("the export {export} has no such column; its header names {header}.").format(
                    export=sheet.file, header=", ".join(sheet.columns)
                ),
            )
    for column, (dimension, _) in survey_map.questions.items():
        if dimension not in choices:
            raise InputError(
                tr("{file}, column {column!r}").format(file=map_file, column=column),
                tr("the dimension {value!r} does not exist; the workshop's dimensions are {names}.").format(
                    value=dimension, names=", ".join(sorted(choices))
                ),
            )
    if not survey_map.questions:
        raise InputError(
            sheet.file,
            tr("no column names a readiness dimension ({names}); give a map file with --map.").format(
                names=", ".join(choices)
            ),
        )
    return _one_template(survey_map, choices, map_file)


def _one_template(
    survey_map: SurveyMap, choices: Mapping[str, e.SurveyTemplate], map_file: str
) -> e.SurveyTemplate:
    """Gives the one template the questions ask; refuses a mix and an ADKAR "team estimate"."""
    by_template: dict[e.SurveyTemplate, list[str]] = {}
    for dimension, _ in survey_map.questions.values():
        by_template.setdefault(choices[dimension], []).append(dimension)
    if len(by_template) > 1:
        raise InputError(
            map_file,
            tr(
                "the map mixes ADKAR elements ({adkar}) with readiness dimensions ({readiness}); "
                "a round asks one or the other, so import them as two rounds."
            ).format(
                adkar=", ".join(dict.fromkeys(by_template[e.SurveyTemplate.ADKAR])),
                readiness=", ".join(dict.fromkeys(by_template[e.SurveyTemplate.READINESS])),
            ),
        )
    (template,) = by_template
    for column, (dimension, estimate) in survey_map.questions.items():
        if estimate and template is e.SurveyTemplate.ADKAR:
            raise InputError(
                tr("{file}, column {column!r}").format(file=map_file, column=column),
                tr("ADKAR has no team estimates: each person answers {name} about themselves.").format(
                    name=dimension
                ),
            )
    return template


def _response(sheet: Sheet, survey_map: SurveyMap, row: int, cells: tuple[str, ...]) -> _Response:
    """Gives one respondent's row read: name, team, role and the score of each answered question."""
    cell = dict(zip(sheet.columns, cells, strict=True))
    name_column = survey_map.name or ""  # the map was checked: it names the respondent's column
    name = cell[name_column]
    if not name:
        raise InputError(sheet.where(row, name_column), tr("the name is empty; every row needs one."))
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
                sheet.where(response.row, survey_map.name or ""),
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


def _existing_round(session: Session, name: str, template: e.SurveyTemplate) -> int | None:
    """Gives the id of the survey round of that name (None: there is none yet); refuses a round that asks
    the other template's questions, whose answers these could not be compared with."""
    if not name:
        raise InputError(ROUND_OPTION, tr("the survey round needs a name."))
    found = session.execute(
        select(e.SurveyRound.id, e.SurveyRound.template).where(e.SurveyRound.name == name)
    ).first()
    if found is None:
        return None
    if found.template is not template:
        raise InputError(
            tr("survey round {name!r}").format(name=name),
            tr(
                "it asks the {held} questions and these are answers to the {wanted} ones; "
                "import them into a round of another name."
            ).format(held=TEMPLATE_WORDS[found.template], wanted=TEMPLATE_WORDS[template]),
        )
    return int(found.id)


def _new_round(session: Session, name: str, template: e.SurveyTemplate) -> int:
    survey_round = e.SurveyRound(name=name, template=template)
    session.add(survey_round)
    session.flush()
    return survey_round.id


def _store_answers(
    session: Session,
    round_id: int,
    dimensions: Mapping[str, int],
    scores: Mapping[int, Mapping[Question, int]],
    *,
    origin: str,
) -> int:
    """Gives how many answers replaced earlier ones, after storing every score of the round, each marked
    with the export it came from (the Readiness page shows it beside the round)."""
    rows = [
        {
            "origin": origin,
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
        _imported_sentence(result),
        plural(result.blanks, "%n blank answer skipped.", "%n blank answers skipped."),
        plural(result.replaced, "%n earlier answer replaced.", "%n earlier answers replaced."),
        plural(result.new_participants, "%n new participant added.", "%n new participants added."),
    ]
    if result.unmapped:
        lines.append(tr("Columns not imported: {columns}.").format(columns=", ".join(result.unmapped)))
    return "\n".join(lines)


def _imported_sentence(result: SurveyImport) -> str:
    sentence = (
        tr("Imported {answers} from {people} into the ADKAR survey round {name!r}.")
        if result.template is e.SurveyTemplate.ADKAR
        else tr("Imported {answers} from {people} into the survey round {name!r}.")
    )
    return sentence.format(
        answers=plural(result.answers, "%n answer", "%n answers"),
        people=plural(result.respondents, "%n respondent", "%n respondents"),
        name=result.round_name,
    )
