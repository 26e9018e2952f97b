"""Priority against readiness: the readiness cut is the median team, stated, and flags keep a team unready."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.text import Text

from workshop.analysis.strategy import Opportunity, Placement, priority_by_readiness
from workshop.charts.strategy import draw_priority_readiness
from workshop.model import demo_content

TEAMS = {"Service": 3.1, "Dispatch": 3.4, "Finance": 4.0}


def placed(readiness=TEAMS, flagged=()) -> dict[str, Placement | None]:
    opportunities = [
        Opportunity("Draft replies", "Service", 1.0),
        Opportunity("Route planning", "Dispatch", 2.0),
        Opportunity("Invoice matching", "Finance", 3.0),
        Opportunity("Knowledge assistant", "Service", 4.0),
        Opportunity("Contract review", "Finance", 5.0),
    ]
    found = priority_by_readiness(opportunities, readiness, flagged_teams=flagged)
    return {p.title: p.placement for p in found}


def test_a_top_item_of_a_team_below_the_median_team_is_prepare_first_not_a_quick_win():
    found = placed()
    assert found["Draft replies"] is Placement.PREPARE_FIRST  # 3.1: above 3.0, below the median 3.4
    assert found["Route planning"] is Placement.QUICK_WIN
    assert found["Knowledge assistant"] is Placement.RECONSIDER
    assert found["Contract review"] is Placement.LONG_SHOT


def test_an_open_serious_caution_flag_keeps_the_readiest_team_from_a_quick_win():
    found = placed(flagged={"Finance"})
    assert found["Invoice matching"] is Placement.PREPARE_FIRST
    assert found["Contract review"] is Placement.RECONSIDER


@given(st.dictionaries(st.sampled_from(list(TEAMS)), st.floats(1, 5), min_size=1))
def test_no_quick_win_for_a_team_below_the_cut_or_flagged(readiness):
    flagged = {"Dispatch"}
    opportunities = [Opportunity(f"item {k}", team, k + 1.0) for k, team in enumerate(TEAMS)]
    for p in priority_by_readiness(opportunities, readiness, flagged_teams=flagged):
        if p.placement is Placement.QUICK_WIN:
            assert p.readiness is not None and p.readiness_cut is not None
            assert p.readiness >= p.readiness_cut and p.team not in flagged


def test_the_demos_item_of_the_team_with_a_critical_open_flag_is_not_a_quick_win(demo_findings):
    by_title = {p.title: p for p in demo_findings.placements}
    proof = by_title["Proof-of-delivery reading"]
    assert proof.team == demo_content.WAREHOUSE and proof.flagged
    assert proof.placement is Placement.PREPARE_FIRST
    shown = sorted({p.readiness for p in demo_findings.placements if p.readiness is not None})
    assert proof.readiness_cut == pytest.approx(shown[len(shown) // 2])


def test_the_quadrant_chart_states_its_readiness_cut(demo_findings):
    fig = Figure(figsize=(6.5, 4.0))
    draw_priority_readiness(fig, demo_findings)
    texts = " ".join(t.get_text() for t in fig.findobj(Text)).replace("\n", " ")
    cut = demo_findings.placements[0].readiness_cut
    assert f"Readiness cut: {cut:.1f}, the median team." in texts
