"""File > Import > Survey Answers: the facilitator sees the guessed map, changes it, and imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.unit.test_survey_import import stored, write_csv
from workshop.model.survey_sheet import read_sheet
from workshop.ui.survey_import_dialog import SurveyImportDialog

GOOGLE_FORMS_HEADER = [
    "Timestamp",
    "Email address",
    "Name",
    "Department",
    "Confidence",
    "Skills",
    "Attitude (team estimate)",
    "What works well?",
    "Effectiveness: AI makes me more effective",
    "Score",
]


def google_forms_export(folder: Path, skills: tuple[str, str] = ("2", "Agree")) -> Path:
    return write_csv(
        folder / "November pulse.csv",
        [
            GOOGLE_FORMS_HEADER,
            ["2026/11/03 9:01", "ana@acme.test", "Ana", "Ops", "Agree", skills[0], "4", "Pairing", "5", ""],
            ["2026/11/03 9:02", "ben@acme.test", "Ben", "Ops", "3", skills[1], "", "", "Neutral", ""],
        ],
    )


def opened_dialog(window, monkeypatch, path: Path) -> SurveyImportDialog:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    task = window.files.on_import_survey_triggered()
    assert task is not None and task.wait()
    dialog = window.findChild(SurveyImportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def press(dialog: SurveyImportDialog, qtbot, key: Qt.Key) -> None:
    dialog.boxes["Name"].setFocus()
    qtbot.keyClick(dialog.focusWidget(), key)


def test_the_dialog_shows_the_map_the_header_suggests_and_lists_the_columns_left_out(
    window, monkeypatch, tmp_path
):
    dialog = opened_dialog(window, monkeypatch, google_forms_export(tmp_path))
    shown = {column: box.currentText() for column, box in dialog.boxes.items()}
    assert shown == {
        "Timestamp": "Not imported",
        "Email address": "Not imported",
        "Name": "Respondent name",
        "Department": "Team",
        "Confidence": "Confidence – own answer",
        "Skills": "Skills – own answer",
        "Attitude (team estimate)": "Attitude – team estimate",
        "What works well?": "Not imported",
        "Effectiveness: AI makes me more effective": "Effectiveness – own answer",
        "Score": "Not imported",
    }
    assert dialog.unmapped.text() == (
        "4 columns are not imported: Timestamp, Email address, What works well?, Score."
    )
    assert dialog.round_name.text() == "November pulse"


def test_a_column_changed_in_its_combo_is_stored_as_chosen_and_the_summary_shows(
    window, store, monkeypatch, qtbot, tmp_path
):
    dialog = opened_dialog(window, monkeypatch, google_forms_export(tmp_path))
    skills = dialog.boxes["Skills"]
    skills.setCurrentIndex(skills.findText("Skills – team estimate"))
    dialog.boxes["Confidence"].setCurrentIndex(dialog.boxes["Confidence"].findText("Not imported"))
    dialog.round_name.setText("After the pilot")
    press(dialog, qtbot, Qt.Key.Key_Return)  # Enter imports
    assert dialog.task is not None and dialog.task.wait()
    assert stored(store) == {
        ("Ana", "After the pilot", "skills", True): 2,
        ("Ben", "After the pilot", "skills", True): 4,
        ("Ana", "After the pilot", "attitude", True): 4,
        ("Ana", "After the pilot", "effectiveness", False): 5,
        ("Ben", "After the pilot", "effectiveness", False): 3,
    }
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Imported 5 answers from 2 respondents into the survey round 'After the pilot'.")
    )
    assert not dialog.isVisible()


def test_choosing_the_team_for_another_column_takes_it_from_the_first(window, monkeypatch, tmp_path):
    dialog = opened_dialog(window, monkeypatch, google_forms_export(tmp_path))
    email = dialog.boxes["Email address"]
    email.setCurrentIndex(email.findText("Team"))
    assert dialog.boxes["Department"].currentText() == "Not imported"
    assert "Department" in dialog.unmapped.text() and "Email address" not in dialog.unmapped.text()


def test_a_bad_cell_is_shown_in_one_line_and_nothing_is_stored(window, store, monkeypatch, qtbot, tmp_path):
    dialog = opened_dialog(window, monkeypatch, google_forms_export(tmp_path, skills=("2", "7")))
    dialog.import_button.click()
    assert dialog.task is not None and not dialog.task.wait()
    first_line = dialog.problem.text().splitlines()[0]
    assert first_line == "November pulse.csv, row 3, column 'Skills': '7' is not on the scale from 1 to 5."
    assert dialog.isVisible() and dialog.problem.isVisible() and dialog.import_button.isEnabled()
    assert stored(store) == {}


def test_escape_cancels_and_stores_nothing(window, store, monkeypatch, qtbot, tmp_path):
    dialog = opened_dialog(window, monkeypatch, google_forms_export(tmp_path))
    press(dialog, qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert stored(store) == {}


def test_a_saved_map_loads_back_into_the_combos(window, monkeypatch, tmp_path):
    dialog = opened_dialog(window, monkeypatch, google_forms_export(tmp_path))
    score = dialog.boxes["Score"]
    score.setCurrentIndex(score.findText("Skills – team estimate"))
    assert dialog.save_map(tmp_path / "pulse map.json")
    score.setCurrentIndex(score.findText("Not imported"))
    dialog.load_map(tmp_path / "pulse map.json")
    assert score.currentText() == "Skills – team estimate"
    assert not dialog.problem.isVisible()


@pytest.mark.parametrize("header", [["Name", "Awareness", "Desire"], ["Name", "ADKAR: Awareness", "Team"]])
def test_adkar_columns_are_offered_as_adkar_elements(window, monkeypatch, tmp_path, header):
    path = write_csv(tmp_path / "adkar.csv", [header, ["Ana", "3", "4"]])
    dialog = opened_dialog(window, monkeypatch, path)
    assert dialog.boxes[header[1]].currentText() == "ADKAR: Awareness"


@pytest.mark.parametrize(
    ("kind", "first_question"),
    [
        ("ADKAR questions for Forms (*.csv)", "Awareness"),
        ("Readiness questions for Forms (*.csv)", "Readiness"),
    ],
)
def test_file_export_writes_the_questionnaire_of_the_kind_chosen(
    window, monkeypatch, tmp_path, kind, first_question
):
    chosen = tmp_path / "for forms"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), kind)))
    task = window.files.on_export_questionnaire_triggered()
    assert task is not None and task.wait()
    columns = read_sheet(tmp_path / "for forms.csv").columns
    assert columns[:3] == ("Name", "Team", "Role") and columns[3].startswith(f"{first_question}: ")
