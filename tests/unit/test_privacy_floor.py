"""The privacy floor: no voter label or chart singles out a group of fewer than 3 people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.text import Text

from workshop.charts.readiness import draw_perception_gap
from workshop.findings import gather_findings
from workshop.model import demo, demo_content, gather
from workshop.model import entities as e
from workshop.model.store import WorkshopStore


def labels(level: e.Anonymity, teams: list[str | None]) -> list[str]:
    voters = {pid: (f"Person {pid}", team) for pid, team in enumerate(teams, 1)}
    found = gather.voter_labels(level, 7, voters, salt="0123456789abcdef")
    return [found[pid] for pid in voters]


def test_a_lone_voter_of_a_team_is_not_singled_out_by_the_teams_named_beside_the_others():
    # Naming Ops beside three ballots would leave one ballot without a team: the lone Sales manager's.
    shown = labels(e.Anonymity.TEAM, ["Sales", "Ops", "Ops", "Ops"])
    assert not any("(" in label for label in shown)


def test_teams_are_named_when_the_voters_left_unnamed_are_three_or_more():
    shown = labels(e.Anonymity.TEAM, ["Sales", "Legal", None, "Ops", "Ops", "Ops"])
    assert sum(label.endswith(" (Ops)") for label in shown) == 3
    assert sum("(" not in label for label in shown) == 3


@given(st.lists(st.sampled_from(["Ops", "Sales", "Legal", None]), min_size=1, max_size=12))
def test_a_team_is_named_only_beside_three_or_more_of_its_voters(teams):
    shown = labels(e.Anonymity.TEAM, teams)
    named = Counter(team for label, team in zip(shown, teams, strict=True) if label.endswith(f" ({team})"))
    unnamed = sum("(" not in label for label in shown)
    assert all(count >= 3 for count in named.values())
    if named:
        assert unnamed == 0 or unnamed >= 3, "the voters left unnamed would single out a small team"
    assert len(set(shown)) == len(shown)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkshopStore]:
    store = demo.create_demo(Path(tmp_path_factory.mktemp("demo")) / "demo.workshop")
    yield store
    store.close()


def test_the_demos_revealed_ballots_name_only_teams_of_three_or_more_voters(demo_store):
    with demo_store.reading() as session:
        for method in (e.BallotMethod.RANKING, e.BallotMethod.POINTS):
            chosen = gather.chosen_round(session, None, method)
            assert chosen is not None
            found = gather.round_ballots(session, chosen)
            voters = Counter(b.team for b in found.ballots)
            named = [b for b in found.ballots if b.voter.endswith(")")]
            assert named, "the demo shows what a team big enough to name looks like"
            assert all(voters[b.team] >= 3 and b.voter.endswith(f" ({b.team})") for b in named)
            assert all(not b.voter.endswith(")") for b in found.ballots if voters[b.team] < 3)
            unnamed = sum(not b.voter.endswith(")") for b in found.ballots)
            assert unnamed == 0 or unnamed >= 3


def test_the_gap_chart_gives_no_panel_to_a_team_with_every_gap_withheld(demo_store):
    with demo_store.reading() as session:
        findings = gather_findings(session)
    fig = Figure(figsize=(6.5, 4.0))
    draw_perception_gap(fig, findings)
    panels = [ax.get_title().replace("\n", " ") for ax in fig.axes if ax.get_visible() and ax.axison]
    assert panels == [demo_content.WAREHOUSE]
    texts = " ".join(t.get_text() for t in fig.findobj(Text)).replace("\n", " ")
    assert "fewer than 3 answers on a side (managers or team): 4 teams, Customer Service," in texts
