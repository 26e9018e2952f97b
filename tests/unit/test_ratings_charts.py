"""The 100-point chart and the impact/effort 2x2: what a reader sees on the demo, and what stays unshown."""

from __future__ import annotations

import dataclasses

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from workshop.analysis.ratings import ImpactEffort, ImpactEffortBallot, impact_effort_shown
from workshop.charts.catalogue import alt_text, chart_by_key
from workshop.charts.ratings import draw_impact_effort, draw_points

QUADRANT_WORDS = ("quick win", "major project", "fill-in", "thankless task")


def shown_text(draw, findings, size=(6.5, 4.5)) -> str:
    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    draw(fig, findings)
    fig.canvas.draw()
    return " ".join(" ".join(t.get_text().split()) for t in fig.findobj(Text) if t.get_visible())


def test_the_2x2_names_every_quadrant_with_its_cut_and_lists_the_items(revealed_demo_findings):
    text = shown_text(draw_impact_effort, revealed_demo_findings)
    assert "Impact against effort: where each opportunity falls" in text
    assert all(word in text for word in QUADRANT_WORDS)
    assert "impact 3.0 or more, effort under 3.0" in text
    assert "impact under 3.0, effort 3.0 or more" in text
    assert "mean effort" in text and "mean impact" in text
    assert "5 ballots." in text
    placed = [r.item for r in revealed_demo_findings.impact_effort.items]
    assert len(placed) == 10
    assert all(item.split()[0] in text for item in placed)  # each in the numbered key


def test_the_points_chart_shows_each_items_mean_share_and_spread(revealed_demo_findings):
    text = shown_text(draw_points, revealed_demo_findings)
    top = revealed_demo_findings.points.items[0]
    assert "How the managers spent 100 points" in text
    assert f"{top.mean:.1f} ({top.share:.0%})" in text
    assert "8 ballots." in text and "one standard deviation" in text
    assert "mean points per manager" in text


def test_a_2x2_of_too_few_ratings_says_so_and_places_nothing(revealed_demo_findings):
    two = [ImpactEffortBallot(v, {"Draft replies": ImpactEffort(5, 1)}) for v in "AB"]
    findings = dataclasses.replace(
        revealed_demo_findings, impact_round="Tiny", impact_effort=impact_effort_shown(["Draft replies"], two)
    )
    text = shown_text(draw_impact_effort, findings)
    assert "No opportunity has impact and effort rated by 3 or more people yet." in text
    assert "quick win" not in text


def test_points_of_fewer_than_3_voters_are_not_drawn(revealed_demo_findings):
    from workshop.analysis.ratings import PointsBallot, points_result, points_shown

    two = points_shown(points_result(["a"], [PointsBallot("A", {"a": 100}), PointsBallot("B", {"a": 100})]))
    findings = dataclasses.replace(revealed_demo_findings, points_round="Tiny", points=two)
    text = shown_text(draw_points, findings)
    assert "Fewer than 3 people voted in the round 'Tiny'" in text
    assert "100.0" not in text


def test_alt_texts_say_the_top_item_and_how_many_fall_in_each_quadrant(revealed_demo_findings):
    points = alt_text(chart_by_key("points"), revealed_demo_findings)
    assert revealed_demo_findings.points.items[0].item in points and "8 ballots" in points
    quadrants = alt_text(chart_by_key("impact_effort"), revealed_demo_findings)
    assert "cut at 3.0" in quadrants and all(f"{word}: " in quadrants for word in QUADRANT_WORDS)
