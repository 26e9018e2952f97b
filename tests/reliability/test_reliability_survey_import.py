"""`workshop import --survey`: a Forms export lands as readiness answers, or one line says what and where
is wrong and the workshop file stays byte for byte as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from reliability_support import digest

from workshop.cli import main
from workshop.model.store import create_workshop

GOOGLE_HEADER = [
    "Timestamp",
    "Email address",
    "Name",
    "Team",
    "Skills",
    "Attitude",
    "Attitude (team estimate)",
]
WORDS = {1: "Strongly disagree", 2: "Disagree", 3: "Neutral", 4: "Agree", 5: "Strongly agree"}


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def answers(workshop_path: Path) -> dict[tuple[str, str, int], int]:
    """Gives the stored scores by (person, dimension, is team estimate), read with plain sqlite3."""
    conn = sqlite3.connect(f"{workshop_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT p.name, d.name, a.is_team_estimate, a.score FROM readiness_answer a "
            "JOIN participant p ON p.id = a.participant_id "
            "JOIN readiness_dimension d ON d.id = a.dimension_id"
        )
        return {(p, d, int(t)): s for p, d, t, s in rows}
    finally:
        conn.close()


def test_a_google_forms_workbook_is_imported_and_the_unused_columns_are_listed(
    store, workshop_path, tmp_path, capsys
):
    store.close()
    export = write_xlsx(
        tmp_path / "pulse.xlsx",
        [
            GOOGLE_HEADER,
            ["2026-11-03 09:00", "ana@acme.test", "Ana", "Ops", "Agree", "", "Disagree"],
            ["2026-11-03 09:05", "ben@acme.test", "Ben", "Ops", 5, "Neutral", ""],
        ],
    )
    assert main(["import", str(workshop_path), "--survey", str(export), "--round", "Week 1"]) == 0
    out = capsys.readouterr().out
    assert "Imported 4 answers from 2 respondents into the survey round 'Week 1'." in out
    assert "2 blank answers skipped." in out
    assert "Columns not imported: Timestamp, Email address." in out
    assert answers(workshop_path) == {
        ("Ana", "skills", 0): 4,
        ("Ana", "attitude", 1): 2,
        ("Ben", "skills", 0): 5,
        ("Ben", "attitude", 0): 3,
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("Rather agree", "row 3, column 'Skills': 'Rather agree'"), ("7", "row 3, column 'Skills': '7'")],
)
def test_a_bad_answer_ends_in_one_line_and_the_file_is_unchanged(
    store, workshop_path, tmp_path, capsys, cell, expected
):
    store.close()
    export = write_xlsx(
        tmp_path / "pulse.xlsx",
        [GOOGLE_HEADER, ["t", "e", "Ana", "Ops", "4", "4", ""], ["t", "e", "Ben", "Ops", cell, "4", ""]],
    )
    before = digest(workshop_path)
    assert main(["import", str(workshop_path), "--survey", str(export)]) == 2
    err = capsys.readouterr().err.strip().removeprefix("workshop: ")
    assert err.startswith("pulse.xlsx, ") and expected in err and "\n" not in err
    assert digest(workshop_path) == before


def test_a_map_whose_column_the_export_lacks_is_refused_and_the_file_is_unchanged(
    store, workshop_path, tmp_path, capsys
):
    store.close()
    export = write_xlsx(tmp_path / "pulse.xlsx", [GOOGLE_HEADER, ["t", "e", "Ana", "Ops", "4", "4", ""]])
    map_path = tmp_path / "map.json"
    map_path.write_text(json.dumps({"name": "Name", "questions": {"Q7 How ready": "readiness"}}), "utf-8")
    before = digest(workshop_path)
    assert main(["import", str(workshop_path), "--survey", str(export), "--map", str(map_path)]) == 2
    err = capsys.readouterr().err.strip().removeprefix("workshop: ")
    assert err.startswith("map.json, column 'Q7 How ready': the export pulse.xlsx has no such column")
    assert digest(workshop_path) == before


def test_a_file_that_is_not_a_workbook_is_refused_in_one_line(store, workshop_path, tmp_path, capsys):
    store.close()
    export = tmp_path / "pulse.xlsx"
    export.write_bytes(b"PK\x03\x04 not really a workbook")
    before = digest(workshop_path)
    assert main(["import", str(workshop_path), "--survey", str(export)]) == 2
    err = capsys.readouterr().err.strip().removeprefix("workshop: ")
    assert err.startswith("pulse.xlsx: the workbook cannot be read") and "\n" not in err
    assert digest(workshop_path) == before


@given(
    forms=st.lists(
        st.tuples(st.none() | st.integers(1, 5), st.none() | st.integers(1, 5), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_answered_cell_is_stored_once_whatever_the_blanks_and_spelling(tmp_path_factory, forms):
    folder = tmp_path_factory.mktemp("survey")
    workshop_path = folder / "room.workshop"
    assert main(["new", str(workshop_path), "--title", "T", "--organisation", "O"]) == 0
    rows: list[list[object]] = [["Name", "Skills", "Confidence"]]
    expected = {}
    for number, (skills, confidence, as_words) in enumerate(forms):
        spell = (lambda s: WORDS[s]) if as_words else (lambda s: s)
        rows.append(
            [
                f"P{number}",
                "" if skills is None else spell(skills),
                "" if confidence is None else spell(confidence),
            ]
        )
        expected.update({(f"P{number}", "skills", 0): skills, (f"P{number}", "confidence", 0): confidence})
    export = write_xlsx(folder / "pulse.xlsx", rows)
    assert main(["import", str(workshop_path), "--survey", str(export)]) == 0
    assert answers(workshop_path) == {key: score for key, score in expected.items() if score is not None}


def test_a_map_given_with_another_import_is_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "room.workshop"
    create_workshop(path, title="Room").close()
    mapping = tmp_path / "map.json"
    mapping.write_text('{"name": "Name"}', encoding="utf-8")
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("title\nInvoices\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["import", str(path), "--tasks", str(tasks), "--map", str(mapping)]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "--survey" in said[0]
    assert path.read_bytes() == before
