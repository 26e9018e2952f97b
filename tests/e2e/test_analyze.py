"""`workshop analyze` on the demo workshop: what the facilitator reads, and what stays private."""

from __future__ import annotations

import json
import re

import pytest

from workshop.cli import main
from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.model.store import open_workshop


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.workshop"
    create_demo(path).close()
    return path


def analyze_json(capsys, *args: str) -> dict:
    assert main(["analyze", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_every_promised_key(demo_path, capsys):
    found = analyze_json(capsys, str(demo_path))
    for key in (
        "ballots",
        "items",
        "complete_ballots",
        "kendalls_w",
        "chi_square",
        "df",
        "p_value",
        "consensus_borda",
        "consensus_schulze",
        "dissent",
        "camps",
        "leave_one_out",
        "readiness",
        "perception_gap",
        "notes",
    ):
        assert key in found, key
    assert (found["ballots"], found["items"], found["complete_ballots"], found["df"]) == (8, 10, 8, 9)
    assert 0 < found["kendalls_w"] < 1
    assert sorted(t for tier in found["consensus_borda"] for t in tier) == sorted(
        t for tier in found["consensus_schulze"] for t in tier
    )
    assert {"item", "mean_rank", "sd", "normalized_sd", "flagged"} <= set(found["dissent"][0])


def test_the_demo_shows_two_camps_and_the_warehouse_perception_gap(demo_path, capsys):
    found = analyze_json(capsys, str(demo_path))
    assert len(found["camps"]) == 2
    clear = {(g["team"], g["dimension"]) for g in found["perception_gap"] if g["clear"]}
    assert clear and {team for team, _ in clear} == {"Warehouse Operations"}


def test_voters_are_labelled_not_named_unless_the_workshop_is_named(demo_path, capsys):
    found = analyze_json(capsys, str(demo_path))  # the demo's anonymity level is "team"
    labels = list(found["leave_one_out"])
    assert all(label.startswith("Manager ") for label in labels)
    # Only the warehouse has 3 voters: a smaller team beside a label would name the person.
    teams = {label.partition(" (")[2].rstrip(")") for label in labels if label.endswith(")")}
    assert teams == {"Warehouse Operations"}
    with open_workshop(demo_path) as store, store.reading() as session:
        names = session.query(e.Participant.name).filter(e.Participant.role == e.Role.MANAGER).all()
    text = json.dumps(found, ensure_ascii=False)
    assert not any(name in text for (name,) in names)


def test_an_unrevealed_round_gives_no_numbers(demo_path, capsys):
    assert main(["analyze", str(demo_path), "--round", "Impact and effort", "--json"]) == 2
    assert "not a ranking round" in capsys.readouterr().err
    with open_workshop(demo_path) as store, store.transaction() as session:
        ranking = session.query(e.BallotRound).filter_by(name="Opportunity ranking").one()
        revealed_at, ranking.revealed_at = ranking.revealed_at, None
    try:
        found = analyze_json(capsys, str(demo_path), "--round", "Opportunity ranking")
        assert found["kendalls_w"] is None and found["consensus_borda"] is None and found["camps"] is None
        assert any("not revealed yet" in note for note in found["notes"])
        assert main(["analyze", str(demo_path)]) == 0
        assert "No ranking round has been revealed yet." in capsys.readouterr().out
    finally:
        with open_workshop(demo_path) as store, store.transaction() as session:
            session.query(e.BallotRound).filter_by(name="Opportunity ranking").one().revealed_at = revealed_at


def test_the_summary_reads_in_words(demo_path, capsys):
    assert main(["analyze", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "Round 'Opportunity ranking': 8 ballots over 10 items (8 complete)" in out
    assert "Kendall's W = " in out and "agreement" in out
    assert "Perception gap: Warehouse Operations" in out


def test_an_unknown_round_is_named_in_the_error(demo_path, capsys):
    assert main(["analyze", str(demo_path), "--round", "Nope"]) == 2
    assert "no ballot round named 'Nope'" in capsys.readouterr().err


def test_the_demo_is_judged_against_chance_in_the_json_and_the_summary(demo_path, capsys):
    found = analyze_json(capsys, str(demo_path))
    assert found["agreement"] == "no better than chance"
    assert found["agreement_beyond_chance"] is False and found["p_value_method"] == "permutation"
    assert found["p_value"] > 0.05 and found["chance_w"] < found["kendalls_w"]
    assert found["partial_ballots"] == 0
    assert not any(d["flagged"] for d in found["dissent"])
    assert found["camps_p_value"] <= 0.05
    assert found["statements"][0].startswith("The 8 managers' agreement on this order: no better than chance")
    assert main(["analyze", str(demo_path)]) == 0
    printed = capsys.readouterr().out
    for sentence in found["statements"]:
        assert sentence in printed
    assert not re.search(r"\d[eE][-+]?\d", printed)  # no p-value in scientific notation
