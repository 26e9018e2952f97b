"""Readiness over time on the Readiness page: with two survey rounds a chart and a table of changes, each
called higher, lower or no change; with one round only the sentence that a second round shows change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.pages_helpers import shown_with_findings
from workshop.charts.readiness_trend import CHANGE_COLUMNS, ONE_ROUND
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.views import READINESS

VERDICTS = {"higher", "lower", "no change (within noise)", "withheld (fewer than 3 answers)"}


def _headers(panel) -> list[str]:
    model = panel.model
    return [model.headerData(k, Qt.Orientation.Horizontal) for k in range(model.columnCount())]


def test_the_demos_two_rounds_show_the_chart_and_every_change_with_its_interval_and_verdict(demo_window):
    page = shown_with_findings(demo_window, READINESS)
    panel = page.trend
    assert not panel.chart.isHidden() and not panel.view.isHidden()
    assert _headers(panel) == list(CHANGE_COLUMNS)
    rows = panel.rows()
    assert rows and {row[-1] for row in rows} <= VERDICTS
    found = page.findings.changes
    assert len(rows) == len(found)
    clear = sum(c.clear for c in found)
    assert [row[-1] in ("higher", "lower") for row in rows] == [True] * clear + [False] * (len(rows) - clear)
    assert panel.said.text().startswith(f"{clear} of ")
    for row in rows:
        if row[-1] == "no change (within noise)":
            low, high = (float(x) for x in row[5].split(" to "))
            assert low <= 0 <= high, "no change: its interval holds zero"


def _one_round_room(window, qtbot):
    def add(s) -> None:
        team = ops.team_named(s, "Customer Service")
        for name in ("Ben", "Cleo", "Dan"):
            ops.participant_named(s, name, team=team, role=e.Role.EMPLOYEE)
        s.add(e.SurveyRound(name="Baseline"))

    window.context.write(add)
    page = shown_with_findings(window, READINESS)
    for name, score in (("Ben", 2), ("Cleo", 3), ("Dan", 4)):
        page.choose_person(name)
        page.answer(page.fields[0], ("score", score))
    qtbot.waitUntil(page.findings_ready, timeout=20_000)
    return page


def test_one_survey_round_shows_only_the_sentence_that_a_second_round_shows_change(window, qtbot):
    page = _one_round_room(window, qtbot)
    assert not page.trend.said.isHidden() and page.trend.said.text() == ONE_ROUND
    assert page.trend.chart.isHidden() and page.trend.view.isHidden()


def test_a_second_round_brings_the_change_in_and_a_team_under_three_is_withheld(window, qtbot):
    page = _one_round_room(window, qtbot)
    window.context.write(lambda s: s.add(e.SurveyRound(name="Follow-up")))
    page.choose_round("Follow-up")
    for name, score in (("Ben", 4), ("Cleo", 5)):
        page.choose_person(name)
        page.answer(page.fields[0], ("score", score))
    qtbot.waitUntil(lambda: page.findings_ready() and not page.trend.view.isHidden(), timeout=20_000)
    dimension = page.fields[0].question.dimension
    [row] = [r for r in page.trend.rows() if r[1] == dimension]
    assert row[:4] == ["Customer Service", dimension, "Baseline", "Follow-up"]
    assert row[4:] == ["withheld (fewer than 3 answers)", "–", "–"], "two answers would give a person away"
