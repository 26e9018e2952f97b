"""ADKAR: a person's barrier point, a team's barrier judged against chance, the privacy floor, `analyze`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from workshop.analysis.adkar import ELEMENTS, adkar_teams, barrier_point, team_sentence
from workshop.analysis.readiness import SurveyAnswer
from workshop.charts.adkar import draw_adkar
from workshop.findings import analyze, gather_findings, summary_lines
from workshop.model import entities as e
from workshop.model import survey
from workshop.privacy import MIN_GROUP
from workshop.report.sections_audit import readiness_section

score = st.one_of(st.none(), st.integers(1, 5))


def answers(team: str, rows: list[list[int | None]], survey_round: str = "March") -> list[SurveyAnswer]:
    return [
        SurveyAnswer(f"{team} {i}", team, element, value, False, survey_round)
        for i, row in enumerate(rows)
        for element, value in zip(ELEMENTS, row, strict=True)
    ]


@given(st.lists(score, min_size=5, max_size=5))
def test_a_barrier_point_is_the_first_answered_element_at_3_or_below(scores):
    found = barrier_point(scores)
    low = [element for element, s in zip(ELEMENTS, scores, strict=True) if s is not None and s <= 3]
    assert found == (low[0] if low else None)


def test_a_skip_is_passed_over_and_answers_above_3_find_no_barrier():
    assert barrier_point([None, 4, 2, 1, 1]) == "Knowledge"
    assert barrier_point([5, None, 4, None, None]) is None


@given(st.integers(0, MIN_GROUP - 1), st.data())
def test_a_team_of_fewer_than_3_people_is_withheld_whole(size, data):
    rows = data.draw(
        st.lists(st.lists(st.integers(1, 5), min_size=5, max_size=5), min_size=size, max_size=size)
    )
    found = adkar_teams(answers("Legal", rows))
    for team in found:
        assert team.withheld and team.means == () and team.barrier_people == () and team.barrier is None
        assert "withheld" in team_sentence(team) and str(team.people) not in team_sentence(team)


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 30), st.integers(0, len(ELEMENTS) - 1), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_a_planted_barrier_is_found_and_said(size, planted, low, seed):
    """Everyone scores the planted element low (1-3) and every other element high (4-5)."""
    rng = np.random.default_rng(seed)
    rows = [[low if j == planted else int(rng.integers(4, 6)) for j in range(5)] for _ in range(size)]
    [team] = adkar_teams(answers("Ops", rows))
    assert team.barrier == ELEMENTS[planted]
    assert team.at(ELEMENTS[planted]) == size and team.chance_count is not None
    assert f"barrier at {ELEMENTS[planted]} – {size} of {size} stop there" in team_sentence(team)


def test_random_answers_stay_quiet():
    """Over many seeded random teams of several sizes, a barrier is named in at most 5% of them."""
    rng = np.random.default_rng(2026)
    named = 0
    teams = 300
    for _ in range(teams):
        size = int(rng.integers(MIN_GROUP, 31))
        rows = rng.integers(1, 6, (size, 5)).tolist()
        [team] = adkar_teams(answers("Sales", rows))
        named += team.barrier is not None
    assert named <= 0.05 * teams


def test_spread_barrier_points_are_said_to_be_spread_with_the_counts():
    rows = [
        [2, 5, 5, 5, 5],
        [5, 2, 5, 5, 5],
        [5, 5, 2, 5, 5],
        [5, 5, 5, 2, 5],
        [5, 5, 5, 5, 2],
        [5, 5, 5, 5, 5],
    ]
    [team] = adkar_teams(answers("HR", rows))
    assert team.barrier is None and team.stopped == 5 and team.no_barrier == 1
    assert "no clear barrier" in team_sentence(team) and "HR (6 people)" in team_sentence(team)


def test_an_element_scored_by_fewer_than_3_people_has_no_mean():
    rows = [[4, 4, 4, None, 4], [4, 4, 4, None, 4], [4, 4, 4, 2, 4]]
    [team] = adkar_teams(answers("Ops", rows))
    assert dict(team.means)["Ability"] is None and dict(team.means)["Awareness"] == 4.0


def _adkar_round(store, rows_by_team: dict[str, list[list[int | None]]]) -> None:
    with store.transaction() as session:
        elements = survey.template_dimensions(session, e.SurveyTemplate.ADKAR)
        held = e.SurveyRound(name="ADKAR May", held_on=dt.date(2026, 5, 4), template=e.SurveyTemplate.ADKAR)
        for team_name, rows in rows_by_team.items():
            team = e.Team(name=team_name)
            for i, row in enumerate(rows):
                person = e.Participant(name=f"{team_name} {i}", team=team)
                for (dimension_id, _), value in zip(elements, row, strict=True):
                    session.add(
                        e.ReadinessAnswer(
                            survey_round=held, participant=person, dimension_id=dimension_id, score=value
                        )
                    )


def test_analyze_gives_the_latest_adkar_round_per_team_with_small_teams_withheld(store):
    _adkar_round(store, {"Ops": [[5, 4, 2, 4, 4]] * 5, "Legal": [[1, 1, 1, 1, 1]] * 2})
    with store.reading() as session:
        found = analyze(session)
        findings = gather_findings(session)
    assert findings.adkar_round == "ADKAR May" and findings.survey_round is None
    teams = {t["team"]: t for t in found["adkar"]["teams"]}
    assert teams["Ops"]["barrier"] == "Knowledge" and teams["Ops"]["barrier_people"]["Knowledge"] == 5
    assert teams["Legal"] == {**teams["Legal"], "withheld": True, "people": None, "means": None}
    assert teams["Legal"]["barrier_people"] is None
    assert any("Ops (5 people): barrier at Knowledge" in line for line in summary_lines(found))


def test_analyze_has_no_adkar_without_an_adkar_round(store):
    with store.reading() as session:
        assert analyze(session)["adkar"] is None


def test_the_chart_marks_the_barrier_and_names_withheld_teams_without_numbers(store):
    _adkar_round(store, {"Ops": [[5, 4, 2, 4, 4]] * 5, "Legal": [[1, 1, 1, 1, 1]] * 2})
    with store.reading() as session:
        findings = gather_findings(session)
    fig = Figure(figsize=(6.5, 4.5), dpi=100)
    FigureCanvasAgg(fig)
    draw_adkar(fig, findings)
    fig.canvas.draw()
    shown = " ".join(t.get_text() for t in fig.findobj(Text) if t.get_visible())
    assert "barrier: Knowledge, 5 of 5" in shown and "1 team, Legal" in shown
    assert "Ops 0" not in shown and "Legal 0" not in shown  # no person is named
    assert len([ax for ax in fig.axes if ax.axison]) == 1  # Legal has no panel


def _story_text(story) -> str:
    """Gives the plain text of a story's paragraphs and table cells, KeepTogether groups opened."""
    text = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            text.append(_story_text(flowable._content))
        elif isinstance(flowable, Table):
            text.append(_story_text(cell for row in flowable._cellvalues for cell in row))
        elif isinstance(flowable, Paragraph):
            text.append(flowable.getPlainText())
        elif hasattr(flowable, "text"):  # a table's one-line cell
            text.append(flowable.text)
    return " ".join(text)


def test_the_pdf_readiness_section_has_the_adkar_table_sentences_and_chart_with_withheld_teams_named(store):
    _adkar_round(store, {"Ops": [[5, 4, 2, 4, 4]] * 5, "Legal": [[1, 1, 1, 1, 1]] * 2})
    with store.reading() as session:
        findings = gather_findings(session)
    charts: list[str] = []
    story = readiness_section(findings, lambda key: charts.append(key) or Spacer(1, 1))
    text = _story_text(story)
    assert charts == ["adkar"]
    assert "Ops (5 people): barrier at Knowledge – 5 of 5 stop there" in text
    assert "Legal: withheld – fewer than 3 people answered" in text and "Knowledge: 5 of 5" in text


def test_the_pdf_has_no_adkar_part_without_an_adkar_round(demo_findings):
    story = readiness_section(replace(demo_findings, adkar_round=None, adkar=()), lambda key: Spacer(1, 1))
    assert "ADKAR" not in _story_text(story)
