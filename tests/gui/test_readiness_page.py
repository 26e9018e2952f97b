"""Readiness: answers typed by keyboard are saved at once, skips kept, undo removes; only counts shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model import survey
from workshop.model.store import open_workshop
from workshop.model.views import READINESS

KEYS = {"4": Qt.Key.Key_4, "S": Qt.Key.Key_S, "2": Qt.Key.Key_2, "0": Qt.Key.Key_0, "5": Qt.Key.Key_5}


def _room(window, *, people=(("Ana", e.Role.MANAGER), ("Ben", e.Role.EMPLOYEE))):
    def add(s) -> None:
        team = ops.team_named(s, "Customer Service")
        for name, role in people:
            ops.participant_named(s, name, team=team, role=role)
        s.add(e.SurveyRound(name="Baseline"))

    window.context.write(add)
    window.select_phase(READINESS)
    return window.page(READINESS)


def _type(qtbot, page, keys: str) -> None:
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget() or page.fields[0], KEYS[key])


def _stored(path, person: str):
    reopened = open_workshop(path)
    try:
        with reopened.reading() as s:
            people = {r.name: r.id for r in survey.respondents(s)}
            round_id = s.query(e.SurveyRound.id).scalar()
            return survey.answers_of(s, round_id=round_id, participant_id=people[person])
    finally:
        reopened.close()


def test_scores_and_skips_typed_by_keyboard_are_in_the_file_after_reopening(window, qtbot, workshop_path):
    page = _room(window, people=(("Ben", e.Role.EMPLOYEE), ("Chloe", e.Role.EMPLOYEE)))
    page.choose_person("Ben")
    window.activateWindow()
    page.fields[0].setFocus()
    _type(qtbot, page, "4S205")
    assert [field.text() for field in page.fields] == ["-"] * 5, "the next person's empty form comes up"
    assert page.person().name == "Chloe"
    window.close()
    answers = _stored(workshop_path, "Ben")
    assert sorted(answers.values(), key=str) == sorted([4, None, 2, None, 5], key=str)
    assert list(answers.values()).count(None) == 2


def test_focus_moves_on_to_the_next_question_after_each_answer(window, qtbot):
    page = _room(window)
    page.choose_person("Ben")
    window.activateWindow()
    page.fields[0].setFocus()
    _type(qtbot, page, "4")
    assert QApplication.focusWidget() is page.fields[1]
    assert page.fields[0].text() == "4"


def test_a_manager_also_estimates_for_the_team(window):
    page = _room(window)
    page.choose_person("Ana")
    estimates = [f for f in page.fields if f.question.is_team_estimate]
    assert len(estimates) == len(page.fields) // 2 > 0
    assert page.answer(estimates[0], ("score", 3))
    with window.context.store.reading() as s:
        round_id = s.query(e.SurveyRound.id).scalar()
        ana = next(r.id for r in survey.respondents(s) if r.name == "Ana")
        assert survey.answers_of(s, round_id=round_id, participant_id=ana) == {
            (estimates[0].question.dimension_id, True): 3
        }


def test_undo_removes_the_answer_and_redo_brings_it_back(window):
    page = _room(window)
    page.choose_person("Ben")
    assert page.answer(page.fields[0], ("score", 5))
    assert page.fields[0].text() == "5"
    window.context.undo_stack.undo()
    assert page.fields[0].text() == "-"
    window.context.undo_stack.redo()
    assert page.fields[0].text() == "5"


def test_only_counts_per_team_are_shown_never_scores(window):
    page = _room(window)
    page.choose_person("Ben")
    page.answer(page.fields[0], ("score", 5))
    page.answer(page.fields[1], ("skipped", None))
    assert page.counts.table.rows == (("Customer Service", "1", "2", "0"),)
    page.choose_person("Ana")
    assert all(field.text() == "-" for field in page.fields), "another person's form starts empty"


def test_a_new_round_and_a_renamed_dimension_reach_the_entry_form(window):
    page = _room(window)
    rounds = page.tables["survey_round"]
    rounds.add({"name": "Follow-up"})
    page.choose_round("Follow-up")
    assert page.rounds.currentText() == "Follow-up"
    dimensions = page.tables["readiness_dimension"]
    first = dimensions.proxy.index(0, 0)
    assert dimensions.proxy.setData(first, "trust in AI", Qt.ItemDataRole.EditRole)
    page.choose_person("Ben")
    assert "trust in AI" in [field.question.dimension for field in page.fields]


def test_the_count_and_chart_tables_pass_the_qt_model_checks(window, qtbot, qtmodeltester):
    page = _room(window)
    page.choose_person("Ben")
    page.answer(page.fields[0], ("score", 5))
    qtbot.waitUntil(lambda: page.charts["readiness"].alt_text() != "")
    assert "withheld" in page.charts["readiness"].alt_text(), "one answer in a team is never shown"
    rows = page.charts["readiness"].numbers().rows
    assert rows and all(row[2:] == ("fewer than 3", "withheld") for row in rows), (
        "no count of 0 for one answer"
    )
    qtmodeltester.check(page.counts, force_py=True)
    for chart in page.charts.values():
        qtmodeltester.check(chart.numbers_model, force_py=True)


def test_a_lone_managers_estimate_is_never_shown_beside_the_teams_mean(window, qtbot):
    people = (
        ("Ana", e.Role.MANAGER),
        ("Ben", e.Role.EMPLOYEE),
        ("Cleo", e.Role.EMPLOYEE),
        ("Dan", e.Role.EMPLOYEE),
    )
    page = _room(window, people=people)
    for name, score in (("Ben", 2), ("Cleo", 2), ("Dan", 3), ("Ana", 3)):
        page.choose_person(name)
        page.answer(page.fields[0], ("score", score))
    page.choose_person("Ana")
    estimate = next(f for f in page.fields if f.question.is_team_estimate)
    page.answer(estimate, ("score", 5))
    chart = page.charts["perception_gap"]
    qtbot.waitUntil(lambda: bool(chart.numbers().rows))
    [row] = chart.numbers().rows
    assert row[:2] == ("Customer Service", estimate.question.dimension)
    assert row[4] == "withheld", "the team's mean 2.5 and a gap of +2.5 would give away Ana's 5"
    assert "points above" not in chart.alt_text() and "points below" not in chart.alt_text()


def test_the_charts_catch_up_after_typing_without_a_dialog_taking_the_keyboard(window, qtbot):
    from PySide6.QtWidgets import QProgressDialog

    page = _room(window)
    page.choose_person("Ben")
    window.activateWindow()
    page.fields[0].setFocus()
    _type(qtbot, page, "4")
    qtbot.waitUntil(page.findings_ready, timeout=20_000)
    assert window.findChildren(QProgressDialog) == []
    assert QApplication.focusWidget() is page.fields[1]
    qtbot.keyClick(page.fields[1], Qt.Key.Key_2)  # the next answer lands where the keyboard is
    assert [field.text() for field in page.fields[:2]] == ["4", "2"]
