"""100-point and impact-effort results: shown only once revealed, never a figure of fewer than 3 people."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.analysis.ratings import (
    ImpactEffort,
    ImpactEffortBallot,
    PointsBallot,
    Quadrant,
    impact_effort_shown,
    points_result,
    points_shown,
)
from workshop.charts.ratings import impact_effort_rows, points_rows
from workshop.findings import analyze, findings_of_round, gather_findings
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop

ITEMS = ["Draft replies", "Route planning", "Invoice matching"]


def test_points_of_fewer_than_3_ballots_are_withheld_item_by_item():
    two = points_result(["a", "b"], [PointsBallot("A", {"a": 100}), PointsBallot("B", {"b": 100})])
    shown = points_shown(two)
    assert [(p.item, p.mean, p.sd, p.share) for p in shown.items] == [
        ("a", None, None, None),
        ("b", None, None, None),
    ]
    assert points_rows(shown) == (("a", "too few ratings", "-", "-"), ("b", "too few ratings", "-", "-"))


def test_points_of_3_ballots_are_shown_with_mean_share_and_spread():
    three = [PointsBallot(v, {"a": 60, "b": 40}) for v in "ABC"]
    shown = points_shown(points_result(["a", "b"], three))
    assert [(p.item, p.mean, p.share) for p in shown.items] == [("a", 60.0, 0.6), ("b", 40.0, 0.4)]
    assert points_rows(shown)[0] == ("a", "60.0", "60%", "0.0")


def test_a_side_rated_by_fewer_than_3_people_has_no_mean_and_no_quadrant():
    ballots_ = [
        ImpactEffortBallot("A", {"win": ImpactEffort(5, 1), "thin": ImpactEffort(5, None)}),
        ImpactEffortBallot("B", {"win": ImpactEffort(4, 2), "thin": ImpactEffort(4, 1)}),
        ImpactEffortBallot("C", {"win": ImpactEffort(5, 2), "thin": ImpactEffort(5, None)}),
    ]
    result = impact_effort_shown(["thin", "win"], ballots_)
    thin, win = result.items
    assert (result.ballots, result.cut) == (3, 3.0)
    assert win.quadrant is Quadrant.QUICK_WIN and win.impact_mean == pytest.approx(14 / 3)
    assert (thin.impact_mean, thin.impact_n, thin.effort_mean, thin.effort_n) == (
        pytest.approx(14 / 3),
        3,
        None,
        1,
    )
    assert thin.quadrant is None
    rows = impact_effort_rows(result)
    assert rows[0][0] == "win" and rows[0][4] == "quick win" and rows[0][3] == "3 people"
    assert rows[1] == ("thin", "4.7 (SD 0.6)", "too few ratings", "3 (impact), 1 (effort)", "too few ratings")


@pytest.fixture
def room(tmp_path: Path):
    """A workshop with three managers, a 100-point and an impact-effort round, both still unrevealed."""
    with create_workshop(tmp_path / "room.workshop", title="Room") as store:
        with store.transaction() as s:
            voters = [ops.participant_named(s, f"Manager {k}", role=e.Role.MANAGER).id for k in range(3)]
            items = [ops.opportunity_titled(s, title).id for title in ITEMS]
            points = ballots.start_round(s, name="Spend", method=e.BallotMethod.POINTS)
            impact = ballots.start_round(s, name="Two by two", method=e.BallotMethod.IMPACT_EFFORT)
            for k, voter in enumerate(voters):
                ballots.cast_points(
                    s, round_id=points, participant_id=voter, points={items[0]: 70, items[1]: 30}
                )
                ratings = {items[0]: (5.0, 1.0 + k), items[1]: (2.0, 4.0)}
                if k < 2:  # only two people rate the third item
                    ratings[items[2]] = (4.0, 4.0)
                ballots.cast_impact_effort(s, round_id=impact, participant_id=voter, ratings=ratings)
        yield store, points, impact


def test_unrevealed_rounds_give_no_results_anywhere(room):
    store, _, _ = room
    with store.reading() as s:
        found, numbers = gather_findings(s), analyze(s)
        by_name = findings_of_round(s, "Spend")
    assert found.points is None and found.impact_effort is None
    assert by_name.points is None and by_name.points_round is None
    assert numbers["points"] is None and numbers["impact_effort"] is None
    assert "kendalls_w" in numbers and "readiness" in numbers  # the existing keys stay


def test_analyze_gives_revealed_points_and_impact_effort_as_counts_and_means(room):
    store, points, impact = room
    with store.transaction() as s:
        ballots.reveal_round(s, round_id=points)
        ballots.reveal_round(s, round_id=impact)
    with store.reading() as s:
        numbers = analyze(s)
    spent = numbers["points"]
    assert (spent["round"], spent["ballots"], spent["off_budget_voters"]) == ("Spend", 3, 0)
    assert spent["items"][0] == {"item": "Draft replies", "mean": 70.0, "sd": 0.0, "share": 0.7}
    rated = numbers["impact_effort"]
    assert (rated["round"], rated["ballots"], rated["cut"]) == ("Two by two", 3, 3.0)
    by_item = {row["item"]: row for row in rated["items"]}
    assert by_item["Draft replies"]["quadrant"] == "quick win"
    assert by_item["Draft replies"]["effort_mean"] == pytest.approx(2.0)
    assert by_item["Route planning"]["quadrant"] == "thankless task"
    thin = by_item["Invoice matching"]
    assert (thin["impact_mean"], thin["impact_n"], thin["quadrant"]) == (None, 2, None)


def test_a_named_revealed_round_takes_the_place_of_the_latest(room):
    store, points, _ = room
    with store.transaction() as s:
        ballots.reveal_round(s, round_id=points)
    with store.reading() as s:
        found = findings_of_round(s, "Spend")
        unrevealed = findings_of_round(s, "Two by two")
    assert found.points_round == "Spend" and found.points is not None
    assert unrevealed.impact_effort is None and unrevealed.impact_round is None
