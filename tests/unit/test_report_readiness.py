"""The report's readiness text: the readiness cut of the quadrant and which perception gaps are withheld."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph, Spacer

from workshop.findings import WorkshopFindings, gather_findings
from workshop.model import demo
from workshop.report.sections_audit import readiness_section
from workshop.report.summary import readiness


@pytest.fixture(scope="module")
def demo_findings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkshopFindings]:
    store = demo.create_demo(Path(tmp_path_factory.mktemp("demo")) / "demo.workshop")
    with store.reading() as session:
        yield gather_findings(session)
    store.close()


def test_the_summary_states_the_readiness_cut_as_the_median_team(demo_findings):
    cut = demo_findings.placements[0].readiness_cut
    assert cut is not None
    assert f"Where to start: readiness cut {cut:.1f}, the median team." in readiness(demo_findings)


def test_the_readiness_section_says_how_many_teams_gaps_are_not_shown(demo_findings):
    story = readiness_section(demo_findings, lambda key: Spacer(1, 1))
    text = " ".join(f.getPlainText() for f in story if isinstance(f, Paragraph))
    assert "The perception gaps of 4 teams are not shown: each has fewer than 3 managers' estimates" in text
