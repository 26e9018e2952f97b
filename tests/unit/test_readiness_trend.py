"""Readiness over time: each change between rounds with its interval, judged over the whole table so a
room of pure noise reports no change, and a real move is found."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Spacer

from workshop.analysis.readiness import SurveyAnswer, group_scores
from workshop.analysis.readiness_change import (
    NO_CHANGE,
    change_rows,
    clear_change_lines,
    mean_interval,
    readiness_changes,
)
from workshop.charts.readiness_trend import ONE_ROUND

DIMENSIONS = ("skills", "attitude", "tools", "data", "leadership")


def answers_of(
    team: str, scores: list[int | None], survey_round: str, dimension: str = "skills", first: int = 0
) -> list[SurveyAnswer]:
    return [
        SurveyAnswer(f"{team} {first + k}", team, dimension, s, False, survey_round)
        for k, s in enumerate(scores)
    ]


def random_room(
    rng: np.random.Generator, teams: int, people: int, *, planted: float = 0.0, same_people: bool = True
) -> list[SurveyAnswer]:
    """Gives two rounds of answers; each person keeps a level of their own, the first team moves by
    `planted` in the second round on every dimension."""
    answers = []
    for t in range(teams):
        team = f"Team {t}"
        for p in range(people):
            level = rng.normal(3, 0.8)
            for dimension in DIMENSIONS:
                for k, survey_round in enumerate(("May", "Sep")):
                    shift = planted if (t == 0 and k == 1) else 0.0
                    score = int(np.clip(round(level + shift + rng.normal(0, 0.8)), 1, 5))
                    who = p if same_people else p + 100 * k
                    answers.append(SurveyAnswer(f"{team} {who}", team, dimension, score, False, survey_round))
    return answers


def test_paired_change_is_the_mean_of_each_persons_own_difference():
    answers = answers_of("Ops", [2, 3, 2, 4], "May") + answers_of("Ops", [3, 4, 3, 5], "Sep")
    [change] = readiness_changes(answers, ["May", "Sep"])
    assert change.method == "paired" and change.paired_n == 4
    assert change.change == pytest.approx(1.0)
    # Everyone moved one point: still not a certainty, the interval has width.
    assert change.ci_low is not None and change.ci_high is not None and change.ci_low < 1.0 < change.ci_high


def test_different_people_in_each_round_are_compared_as_two_groups():
    answers = answers_of("Ops", [2, 3, 2], "May") + answers_of("Ops", [4, 4, 5], "Sep", first=10)
    [change] = readiness_changes(answers, ["May", "Sep"])
    assert change.method == "independent" and change.paired_n is None
    assert change.change == pytest.approx(13 / 3 - 7 / 3)


def test_a_side_with_fewer_than_three_answers_is_withheld_without_numbers():
    answers = answers_of("HR", [2, 2, 2], "May") + answers_of("HR", [5, None, 4], "Sep")
    [change] = readiness_changes(answers, ["May", "Sep"])
    assert change.withheld and change.change is None and change.ci_low is None and not change.clear
    [row] = change_rows([change])
    assert row["withheld"] and row["verdict"] is None and row["change"] is None


def test_a_clear_change_has_an_interval_that_leaves_out_zero_and_a_direction():
    answers = answers_of("Ops", [1, 2, 1, 2, 1, 2, 1, 2], "May") + answers_of(
        "Ops", [4, 5, 4, 5, 4, 5, 4, 5], "Sep"
    )
    [row] = change_rows(readiness_changes(answers, ["May", "Sep"]))
    assert row["clear"] and row["verdict"] == "higher" and row["ci_low"] > 0
    assert clear_change_lines([row]) == ["Readiness over time: Ops, skills: higher from May to Sep (+3.0)."]


@given(seed=st.integers(0, 2**32 - 1), teams=st.integers(1, 6), people=st.integers(3, 12))
@settings(max_examples=40, deadline=None)
def test_a_change_is_clear_exactly_when_its_interval_leaves_out_zero(seed, teams, people):
    rng = np.random.default_rng(seed)
    changes = readiness_changes(random_room(rng, teams, people, planted=1.0), ["May", "Sep"])
    for c in changes:
        assert c.ci_low is not None and c.ci_high is not None
        assert c.clear == (c.ci_low > 0 or c.ci_high < 0)
        assert (c.verdict == NO_CHANGE) == (not c.clear)


@pytest.mark.parametrize("same_people", [True, False])
def test_rooms_of_pure_noise_almost_never_report_a_clear_change(same_people):
    rng = np.random.default_rng(18)
    rooms = 200
    noisy = 0
    for _ in range(rooms):
        room = random_room(rng, int(rng.integers(1, 7)), int(rng.integers(3, 15)), same_people=same_people)
        noisy += any(c.clear for c in readiness_changes(room, ["May", "Sep"]))
    assert noisy / rooms <= 0.08


def test_a_team_that_moved_by_one_and_a_half_points_is_found_and_few_clear_changes_are_false():
    rng = np.random.default_rng(1815)
    rooms, found, clear, false = 100, 0, 0, 0
    for _ in range(rooms):
        room = random_room(rng, int(rng.integers(1, 6)), 12, planted=1.5)
        changes = readiness_changes(room, ["May", "Sep"])
        found += any(c.verdict == "higher" for c in changes if c.team == "Team 0")
        clear += sum(c.clear for c in changes)
        false += sum(c.clear and c.team != "Team 0" for c in changes)
    assert found / rooms >= 0.9
    # Benjamini–Hochberg holds the share of false ones among the clear changes to 5%.
    assert false / clear <= 0.08


def test_changes_follow_the_rounds_in_the_order_held_pair_by_pair():
    answers = (
        answers_of("Ops", [2, 2, 3], "May")
        + answers_of("Ops", [3, 3, 3], "Sep")
        + answers_of("Ops", [4, 4, 4], "Jan")
    )
    changes = readiness_changes(answers, ["May", "Sep", "Jan"])
    assert [(c.earlier_round, c.later_round) for c in changes] == [("May", "Sep"), ("Sep", "Jan")]


def test_a_team_mean_interval_holds_the_mean_and_has_width_when_all_agree():
    [score] = group_scores(answers_of("Ops", [4, 4, 4], "May"))
    low, high = mean_interval(score) or (0.0, 0.0)
    assert low < 4.0 < high


def _texts(flowables) -> list[str]:
    """Gives every paragraph's and table cell's text in a story, KeepTogether blocks opened."""
    from reportlab.platypus import KeepTogether, Paragraph, Table

    texts: list[str] = []
    for f in flowables:
        if isinstance(f, KeepTogether):
            texts += _texts(f._content)
        elif isinstance(f, Paragraph):
            texts.append(f.getPlainText())
        elif isinstance(f, Table):
            texts += [_cell_text(cell) for row in f._cellvalues for cell in row]
    return texts


def _cell_text(cell) -> str:
    """Gives a table cell's text, whether a paragraph, a one-line cell or a plain string."""
    from reportlab.platypus import Paragraph

    if isinstance(cell, Paragraph):
        return cell.getPlainText()
    return str(getattr(cell, "text", cell))


def test_the_report_draws_the_trend_and_lists_every_change_with_its_verdict(demo_findings):
    from workshop.report.sections_audit import readiness_section

    drawn: list[str] = []
    story = readiness_section(demo_findings, lambda key: drawn.append(key) or Spacer(1, 1))
    texts = _texts(story)
    assert "readiness_trend" in drawn
    judged = [c for c in demo_findings.changes if not c.withheld]
    assert texts.count("no change (within noise)") == sum(not c.clear for c in judged) > 0
    assert texts.count("higher") + texts.count("lower") == sum(c.clear for c in judged)


def test_a_report_with_one_survey_round_says_a_second_round_shows_change(demo_findings):
    from dataclasses import replace

    from workshop.report.sections_audit import readiness_section

    drawn: list[str] = []
    one_round = replace(demo_findings, changes=())
    texts = _texts(readiness_section(one_round, lambda key: drawn.append(key) or Spacer(1, 1)))
    assert ONE_ROUND in texts and "readiness_trend" not in drawn


def test_analyze_lists_every_change_and_the_summary_names_only_the_clear_ones(tmp_path):
    from workshop.findings import analyze, summary_lines
    from workshop.model.demo import create_demo

    with create_demo(tmp_path / "demo.workshop") as opened, opened.reading() as s:
        found = analyze(s)
    rows = found["readiness_changes"]
    assert rows and all(
        row["ci_low"] <= row["change"] <= row["ci_high"] for row in rows if not row["withheld"]
    )
    assert {row["verdict"] for row in rows if not row["clear"]} <= {NO_CHANGE, None}
    named = [line for line in summary_lines(found) if line.startswith("Readiness over time:")]
    assert len(named) == sum(row["clear"] for row in rows)
    assert all(row["team"] in " ".join(named) for row in rows if row["clear"])
