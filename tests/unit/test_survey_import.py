"""Readiness answers from Microsoft Forms and Google Forms exports: what a facilitator finds stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from workshop.model import entities as e
from workshop.model.errors import InputError
from workshop.model.survey_import import import_survey
from workshop.model.survey_sheet import LIKERT_WORDS, likert_score

MS_FORMS_HEADER = ["ID", "Start time", "Completion time", "Email", "Name", "Team", "Confidence", "Skills"]


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = False) -> Path:
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def stored(store) -> dict[tuple[str, str, str, bool], int | None]:
    """Gives every stored answer by (person, round, dimension, is team estimate)."""
    a = e.ReadinessAnswer
    query = (
        select(e.Participant.name, e.SurveyRound.name, e.ReadinessDimension.name, a.is_team_estimate, a.score)
        .join(e.Participant, a.participant_id == e.Participant.id)
        .join(e.SurveyRound, a.survey_round_id == e.SurveyRound.id)
        .join(e.ReadinessDimension, a.dimension_id == e.ReadinessDimension.id)
    )
    with store.reading() as session:
        return {(p, r, d, bool(t)): s for p, r, d, t, s in session.execute(query)}


@pytest.mark.parametrize("bom", [True, False], ids=["with BOM", "without BOM"])
def test_a_microsoft_forms_export_with_likert_words_and_blanks_is_stored(store, tmp_path, bom):
    path = write_csv(
        tmp_path / "Readiness pulse.csv",
        [
            MS_FORMS_HEADER,
            ["1", "11/3/26 9:01", "11/3/26 9:04", "ana@acme.test", "Ana", "Sales", "Strongly agree", "2"],
            [
                "2",
                "11/3/26 9:02",
                "11/3/26 9:06",
                "ben@acme.test",
                "Ben",
                "Sales",
                "Neither agree nor disagree",
                "",
            ],
        ],
        bom=bom,
    )
    with store.transaction() as session:
        result = import_survey(session, path)
    assert stored(store) == {
        ("Ana", "Readiness pulse", "confidence", False): 5,
        ("Ana", "Readiness pulse", "skills", False): 2,
        ("Ben", "Readiness pulse", "confidence", False): 3,
    }
    assert (result.respondents, result.answers, result.blanks) == (2, 3, 1)
    assert result.unmapped == ("ID", "Start time", "Completion time", "Email")


def test_a_google_forms_export_with_a_map_stores_team_estimates_in_the_named_round(store, tmp_path):
    path = write_csv(
        tmp_path / "form.csv",
        [
            [
                "Timestamp",
                "Email address",
                "Your full name",
                "Department",
                "I feel confident",
                "My team is ready",
            ],
            ["2026/11/03 9:01:00", "zoe@acme.test", "Zoë", "Finance", "Stimme voll zu", "pas d'accord"],
        ],
    )
    mapping = {
        "name": "Your full name",
        "team": "Department",
        "questions": {
            "I feel confident": "confidence",
            "My team is ready": {"dimension": "readiness", "team_estimate": True},
        },
    }
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps(mapping), encoding="utf-8")
    with store.transaction() as session:
        result = import_survey(session, path, round_name="November", map_path=map_path)
    assert stored(store) == {
        ("Zoë", "November", "confidence", False): 5,
        ("Zoë", "November", "readiness", True): 2,
    }
    assert result.unmapped == ("Timestamp", "Email address")
    with store.reading() as session:
        zoe = session.scalars(select(e.Participant)).one()
        assert (zoe.team.name if zoe.team else None, zoe.role) == ("Finance", e.Role.MANAGER)


def test_an_xlsx_export_with_merged_header_cells_gives_each_covered_column_the_header(store, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Team", "Confidence", None, "Attitude"])
    sheet.merge_cells("C1:D1")
    sheet.append(["Ana", "Ops", 4, 2, "Agree"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    map_path = tmp_path / "map.json"
    mapping = {
        "name": "Name",
        "team": "Team",
        "questions": {
            "Confidence": "confidence",
            "Confidence (2)": {"dimension": "confidence", "team_estimate": True},
            "Attitude": "attitude",
        },
    }
    map_path.write_text(json.dumps(mapping), encoding="utf-8")
    with store.transaction() as session:
        import_survey(session, path, map_path=map_path)
    assert stored(store) == {
        ("Ana", "export", "confidence", False): 4,
        ("Ana", "export", "confidence", True): 2,
        ("Ana", "export", "attitude", False): 4,
    }


def test_importing_again_replaces_the_earlier_answers_and_keeps_the_others(store, tmp_path):
    first = write_csv(tmp_path / "pulse.csv", [["Name", "Skills", "Attitude"], ["Ana", "1", "3"]])
    with store.transaction() as session:
        import_survey(session, first)
    corrected = write_csv(tmp_path / "pulse.csv", [["Name", "Skills"], ["Ana", "4"]])
    with store.transaction() as session:
        result = import_survey(session, corrected)
    assert result.replaced == 1
    assert stored(store) == {("Ana", "pulse", "skills", False): 4, ("Ana", "pulse", "attitude", False): 3}


@pytest.mark.parametrize(
    ("rows", "where", "value"),
    [
        ([["Name", "Skills"], ["Ana", "Somewhat agree"]], "row 2, column 'Skills'", "Somewhat agree"),
        ([["Name", "Skills"], ["Ana", "3"], ["Ben", "7"]], "row 3, column 'Skills'", "7"),
        ([["Name", "Skills"], ["", "3"]], "row 2, column 'Name'", "name is empty"),
        ([["Name", "Skills"], ["Ana", "3"], ["Ana", "4"]], "row 3, column 'Name'", "Ana"),
        ([["Name", "Skills"]], "survey.csv", "no answers"),
        ([["Name", "Email"], ["Ana", "a@b.c"]], "survey.csv", "no column names a readiness dimension"),
        ([["Email", "Skills"], ["a@b.c", "3"]], "survey.csv", "no column names the respondent"),
    ],
)
def test_a_bad_export_is_refused_in_one_line_and_nothing_is_stored(store, tmp_path, rows, where, value):
    path = write_csv(tmp_path / "survey.csv", rows)
    with pytest.raises(InputError) as raised, store.transaction() as session:
        import_survey(session, path)
    message = str(raised.value)
    assert message.startswith("survey.csv") and where in message and value in message
    assert "\n" not in message
    assert stored(store) == {}


def test_an_empty_file_is_refused(store, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_bytes(b"\xef\xbb\xbf\n")
    with pytest.raises(InputError, match=r"^survey\.csv: the file is empty"), store.transaction() as session:
        import_survey(session, path)


@pytest.mark.parametrize(
    ("questions", "column", "value"),
    [
        ({"Q1": "skills", "Missing question": "skills"}, "Missing question", "no such column"),
        ({"Q1": "courage"}, "Q1", "'courage' does not exist"),
    ],
)
def test_a_map_naming_what_is_not_there_is_refused(store, tmp_path, questions, column, value):
    path = write_csv(tmp_path / "survey.csv", [["Name", "Q1"], ["Ana", "3"]])
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps({"name": "Name", "questions": questions}), encoding="utf-8")
    with pytest.raises(InputError) as raised, store.transaction() as session:
        import_survey(session, path, map_path=map_path)
    assert str(raised.value).startswith(f"map.json, column {column!r}: ") and value in str(raised.value)
    assert stored(store) == {}


@given(
    score=st.integers(1, 5), spelling=st.sampled_from([str.lower, str.upper, str.title, lambda w: f" {w}. "])
)
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_likert_word_reads_as_its_point_in_any_case(score, spelling):
    for word in LIKERT_WORDS[score]:
        assert likert_score(spelling(word)) == score
    assert likert_score(str(score)) == score
