"""`workshop analyze --json` gives the revealed 100-point and impact-effort rounds, and nothing unrevealed."""

from __future__ import annotations

import json

from workshop.cli import main
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.demo import IMPACT_EFFORT_ROUND, POINTS_ROUND, create_demo
from workshop.model.store import open_workshop


def analyze_json(capsys, path) -> dict:
    assert main(["analyze", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_points_and_impact_effort_keys_follow_the_reveal(tmp_path, capsys):
    path = tmp_path / "demo.workshop"
    create_demo(path).close()
    found = analyze_json(capsys, path)
    assert {"kendalls_w", "consensus_borda", "dissent", "camps", "readiness", "notes"} <= set(found)
    points = found["points"]
    assert (points["round"], points["ballots"], points["off_budget_voters"]) == (POINTS_ROUND, 8, 0)
    assert set(points["items"][0]) == {"item", "mean", "sd", "share"}
    assert abs(sum(item["share"] for item in points["items"]) - 1.0) < 1e-9
    assert found["impact_effort"] is None  # the demo's impact-effort round is still open

    with open_workshop(path) as store, store.transaction() as s:
        round_id = s.query(e.BallotRound.id).filter_by(name=IMPACT_EFFORT_ROUND).scalar()
        ballots.reveal_round(s, round_id=round_id)
    rated = analyze_json(capsys, path)["impact_effort"]
    assert (rated["round"], rated["ballots"], rated["cut"]) == (IMPACT_EFFORT_ROUND, 5, 3.0)
    first = rated["items"][0]
    assert set(first) == {
        "item",
        "impact_mean",
        "impact_sd",
        "impact_n",
        "effort_mean",
        "effort_sd",
        "effort_n",
        "quadrant",
    }
    assert {item["quadrant"] for item in rated["items"]} <= {
        "quick win",
        "major project",
        "fill-in",
        "thankless task",
    }
    assert all(item["impact_n"] == 5 for item in rated["items"])
