"""The strategy PDF shows the 100-point results and the impact/effort 2x2 with a short table each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop.findings import gather_findings
from workshop.model import ballots, demo
from workshop.model import entities as e
from workshop.report.pdf import write_report

SHOTS = os.environ.get("WORKSHOP_SHOTS")  # a folder: the PDF is also kept there to look at


def pdf_text(path: Path) -> str:
    return "\n".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    with demo.create_demo(tmp_path_factory.mktemp("demo") / "demo.workshop") as store:
        yield store


def test_the_demo_report_has_the_points_chart_and_table_and_no_unrevealed_2x2(demo_store, tmp_path):
    with demo_store.reading() as s:
        found = gather_findings(s)
    text = pdf_text(write_report(found, tmp_path / "report.pdf", side_by_side=False).path)
    assert "the most points went to Draft replies to shipment e-mails" in text  # the chart's caption
    assert f"From the round '{demo.POINTS_ROUND}', revealed to the room: 8 ballots." in text
    assert "The 100-point round" in text
    assert "Mean points Share Spread (SD)" in text
    top = found.points.items[0]
    assert f"{top.item} {top.mean:.1f} {top.share:.0%} {top.sd:.1f}" in text
    # Its round is still open: no subsection, no empty chart, no numbers; the rounds table gives its status.
    assert "The impact-effort round" not in text
    assert "No impact-effort round has been revealed yet." not in text
    assert "Impact (1-5) Effort (1-5)" not in text
    assert f"{demo.IMPACT_EFFORT_ROUND} impact-effort open – results private until revealed" in text


def test_once_revealed_the_report_places_every_item_in_its_quadrant(demo_store, tmp_path):
    with demo_store.transaction() as s:
        round_id = s.query(e.BallotRound.id).filter_by(name=demo.IMPACT_EFFORT_ROUND).scalar()
        ballots.reveal_round(s, round_id=round_id)
    with demo_store.reading() as s:
        found = gather_findings(s)
    folder = Path(SHOTS) if SHOTS else tmp_path
    text = pdf_text(write_report(found, folder / "ratings-report.pdf", side_by_side=False).path)
    assert f"From the round '{demo.IMPACT_EFFORT_ROUND}', revealed to the room: 5 ballots." in text
    assert "Impact (1-5) Effort (1-5) Rated by Quadrant" in text
    assert "Draft replies to shipment e-mails 4.3 (SD 0.4) 2.2 (SD 0.4) 5 people quick win" in text
    for item in found.impact_effort.items:
        assert item.item in text
