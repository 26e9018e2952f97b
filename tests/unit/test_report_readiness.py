"""The report's readiness text: the readiness cut of the quadrant and which perception gaps are withheld."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer

from workshop.report.sections_audit import readiness_section
from workshop.report.summary import readiness


def test_the_summary_states_the_readiness_cut_as_the_median_team(demo_findings):
    cut = demo_findings.placements[0].readiness_cut
    assert cut is not None
    assert f"Where to start: readiness cut {cut:.1f}, the median team." in readiness(demo_findings)


def test_the_readiness_section_says_how_many_teams_gaps_are_not_shown(demo_findings):
    story = readiness_section(demo_findings, lambda key: Spacer(1, 1))
    text = " ".join(f.getPlainText() for f in story if isinstance(f, Paragraph))
    assert "The perception gaps of 4 teams are not shown: each has fewer than 3 managers' estimates" in text
