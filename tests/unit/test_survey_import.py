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
from workshop.model.questionnaire import default_items, write_questionnaire_csv
from workshop.model.store import create_workshop
from workshop.model.survey_import import (
    SurveyMap,
    guess_map,
    import_survey,
    read_map,
    summary,
    unmapped_columns,
    write_map,
)
from workshop.model.survey_sheet import LIKERT_WORDS, likert_score
from workshop.model.views import entity_rows

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


def rounds(store) -> dict[str, e.SurveyTemplate]:
    with store.reading() as session:
        return dict(session.execute(select(e.SurveyRound.name, e.SurveyRound.template)).all())


def test_an_adkar_export_fills_an_adkar_round_with_the_five_elements(store, tmp_path):
    path = write_csv(
        tmp_path / "ADKAR pulse.csv",
        [
            ["Name", "Team", "ADKAR: Awareness", "Desire", "knowledge", "Ability", "Reinforcement"],
            ["Ana", "Ops", "Agree", "2", "Neutral", "5", ""],
        ],
    )
    with store.transaction() as session:
        result = import_survey(session, path)
    assert rounds(store) == {"ADKAR pulse": e.SurveyTemplate.ADKAR}
    assert stored(store) == {
        ("Ana", "ADKAR pulse", "Awareness", False): 4,
        ("Ana", "ADKAR pulse", "Desire", False): 2,
        ("Ana", "ADKAR pulse", "Knowledge", False): 3,
        ("Ana", "ADKAR pulse", "Ability", False): 5,
    }
    assert "ADKAR survey round 'ADKAR pulse'" in summary(result)


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (["Name", "Awareness", "Skills"], "mixes ADKAR elements (Awareness) with readiness dimensions"),
        (["Name", "Desire (team estimate)"], "ADKAR has no team estimates"),
    ],
)
def test_a_map_mixing_templates_or_estimating_adkar_is_refused_in_one_line(store, tmp_path, header, said):
    path = write_csv(tmp_path / "mixed.csv", [header, ["Ana"] + ["3"] * (len(header) - 1)])
    with pytest.raises(InputError) as raised, store.transaction() as session:
        import_survey(session, path)
    assert said in str(raised.value) and "\n" not in str(raised.value)
    assert stored(store) == {} and rounds(store) == {}


def test_adkar_answers_are_refused_by_a_readiness_round_of_the_same_name(store, tmp_path):
    readiness = write_csv(tmp_path / "pulse.csv", [["Name", "Skills"], ["Ana", "3"]])
    adkar = write_csv(tmp_path / "adkar.csv", [["Name", "Awareness"], ["Ben", "4"]])
    with store.transaction() as session:
        import_survey(session, readiness)
    refused = pytest.raises(InputError, match="asks the readiness questions")
    with refused as raised, store.transaction() as session:
        import_survey(session, adkar, round_name="pulse")
    assert str(raised.value).startswith("survey round 'pulse': ")
    assert stored(store) == {("Ana", "pulse", "skills", False): 3}


NOISE = ["Timestamp", "Email address", "ID", "Completion time", "Comments"]


@given(
    name=st.sampled_from(["Name", "Your name", "Full name", "NAME"]),
    team=st.sampled_from(["Team", "Department", "Abteilung"]),
    picked=st.lists(st.sampled_from([n for n, _ in e.DEFAULT_DIMENSIONS]), min_size=1, unique=True),
    estimated=st.sets(st.sampled_from([n for n, _ in e.DEFAULT_DIMENSIONS])),
    order=st.randoms(use_true_random=False),
)
@settings(max_examples=40)
def test_the_guessed_map_finds_the_respondent_team_and_each_question_among_other_columns(
    name, team, picked, estimated, order
):
    questions = {f"{d.title()}: how it goes": (d, False) for d in picked}
    questions |= {f"{d.upper()} (team estimate)": (d, True) for d in estimated}
    columns = [name, team, *questions, *NOISE]
    order.shuffle(columns)
    guessed = guess_map(columns, [n for n, _ in e.DEFAULT_DIMENSIONS])
    assert (guessed.name, guessed.team, guessed.role) == (name, team, None)
    assert dict(guessed.questions) == questions
    assert set(unmapped_columns(columns, guessed)) == set(NOISE)


def test_a_saved_map_reads_back_as_the_same_map(tmp_path):
    survey_map = SurveyMap(
        name="Who", team=None, role="Job", questions={"Q1": ("skills", False), "Q2": ("skills", True)}
    )
    write_map(survey_map, tmp_path / "map.json")
    assert read_map(tmp_path / "map.json") == survey_map


@given(scores=st.lists(st.lists(st.integers(1, 5), min_size=10, max_size=10), min_size=1, max_size=4))
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_questionnaire_csv_imports_back_with_no_map(tmp_path_factory, scores):
    folder = tmp_path_factory.mktemp("template")
    items = default_items(e.SurveyTemplate.READINESS)
    write_questionnaire_csv(items, folder / "questionnaire.csv")
    header = (folder / "questionnaire.csv").read_text(encoding="utf-8-sig").strip()
    people = [f"Person {n}" for n in range(len(scores))]
    lines = [header] + [
        ",".join([person, "Ops", "manager", *(LIKERT_WORDS[s][0].title() for s in row)])
        for person, row in zip(people, scores, strict=True)
    ]
    (folder / "answers.csv").write_text("\n".join(lines), encoding="utf-8")
    store = create_workshop(folder / "w.workshop", title="Round trip")
    with store.transaction() as session:
        result = import_survey(session, folder / "answers.csv")
    expected = {
        (person, "answers", item.dimension, item.is_team_estimate): score
        for person, row in zip(people, scores, strict=True)
        for item, score in zip(items, row, strict=True)
    }
    assert stored(store) == expected and result.unmapped == ()
    store.close()


def test_the_survey_rounds_table_says_how_many_answered_and_which_export_the_answers_came_from(
    store, tmp_path
):
    rows = [
        MS_FORMS_HEADER,
        ["1", "", "", "", "Ana", "Sales", "Agree", "4"],
        ["2", "", "", "", "Ben", "Sales", "", "3"],
    ]
    with store.transaction() as session:
        import_survey(session, write_csv(tmp_path / "Pulse (Forms).csv", rows))
        session.add(e.SurveyRound(name="Typed on the day"))
    with store.reading() as session:
        shown = {
            row.get("name"): (row.get("answered_by"), row.get("imported_from"))
            for row in entity_rows(session, "survey_round")
        }
    assert shown == {"Pulse (Forms)": (2, "Pulse (Forms).csv"), "Typed on the day": (0, None)}
