"""The strategy PDF fits its content: no mostly white pages, empty tables, blank columns or empty sections.

Page fill is measured on the page as printed: each page is rendered with pdftoppm at low resolution and
the lowest inked row inside the text frame, over the frame's height, is how much of the page is used
(the text flows from the top, so that is the share a reader sees used; the page's header and footer are
outside the frame and do not count). Text extracted per page would be a weak proxy: a chart has none.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image
from pypdf import PdfReader
from reportlab.platypus import Spacer, Table

from workshop.charts import catalogue
from workshop.charts.style import TOP_ITEMS
from workshop.findings import gather_findings
from workshop.model import ballots, demo
from workshop.model import entities as e
from workshop.model.store import create_workshop, open_workshop
from workshop.report import pdf as report_pdf
from workshop.report.appendix import appendix
from workshop.report.evidence import EvidencePage
from workshop.report.figures import chart_size
from workshop.report.headings import Heading
from workshop.report.ranking_section import consensus_table, placements
from workshop.report.ratings import ratings_section
from workshop.report.story import PHASES, report_story
from workshop.report.styles import FRAME_HEIGHT, FRAME_WIDTH, MARGIN, PAGE_SIZE
from workshop.report.text import Column, blank, data_table
from workshop.wording import FIXED_WORDS, word

LEAST_FILL = 0.2  # a page less full than this is mostly white
RESOLUTION = 30  # dots per inch: enough to see where ink ends on a page


def two_ballot_workshop(path: Path) -> None:
    """A workshop with five opportunities and one revealed ranking round of two ballots, nothing else."""
    store = create_workshop(path, title="Two ballots", organisation="Org", facilitator="Fay")
    with store.transaction() as session:
        opportunities = [e.Opportunity(title=f"Opportunity {n}") for n in range(1, 6)]
        voters = [e.Participant(name=f"Manager {n}", role=e.Role.MANAGER) for n in (1, 2)]
        start = dt.datetime(2026, 10, 14, 10)
        ranking = e.BallotRound(
            name="Ranking",
            method=e.BallotMethod.RANKING,
            created_at=start,
            opened_at=start,
            closed_at=start + dt.timedelta(minutes=20),
            revealed_at=start + dt.timedelta(minutes=30),
            voters=voters,
        )
        for n, (voter, order) in enumerate(zip(voters, ([1, 2, 3, 4, 5], [2, 1, 3, 5, 4]), strict=True)):
            ballot = e.Ballot(
                round=ranking, participant=voter, submitted_at=start + dt.timedelta(minutes=n + 5)
            )
            ballot.entries = [
                e.BallotEntry(opportunity=o, rank=rank) for o, rank in zip(opportunities, order, strict=True)
            ]
            session.add(ballot)
        session.add_all([*opportunities, ranking])
    store.close()


def _findings(path: Path):
    with open_workshop(path) as store, store.reading() as session:
        return gather_findings(session)


WORKSHOPS = {
    "demo": lambda path: demo.create_demo(path).close(),
    "two ballots": two_ballot_workshop,
    "200 items": lambda path: demo.create_demo(path, items=200, managers=12).close(),
}


@pytest.fixture(scope="module", params=list(WORKSHOPS))
def written(request, tmp_path_factory):
    """Each workshop's findings and its report as written, with the reader of the PDF."""
    folder = tmp_path_factory.mktemp("fit")
    WORKSHOPS[request.param](folder / "w.workshop")
    findings = _findings(folder / "w.workshop")
    result = report_pdf.write_report(findings, folder / "report.pdf")
    return request.param, findings, result.path, PdfReader(result.path)


def page_fill(pdf: Path) -> list[float]:
    """Gives, per page, the share of the text frame's height down to the lowest inked row."""
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(RESOLUTION), pdf, pdf.with_suffix("")], check=True)
    pages = sorted(pdf.parent.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    scale = RESOLUTION / 72
    top = round((PAGE_SIZE[1] - MARGIN - FRAME_HEIGHT) * scale)
    bottom = round((PAGE_SIZE[1] - MARGIN) * scale)
    fills = []
    for page in pages:
        frame = np.asarray(Image.open(page).convert("L"))[top:bottom]
        inked = np.flatnonzero((frame < 200).any(axis=1))
        fills.append((inked[-1] + 1) / frame.shape[0] if inked.size else 0.0)
    return fills


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_no_page_is_mostly_white_but_the_last(written):
    # Stricter than "but the last of a section": a section starts on the page before when more than half
    # of it is free, so a section can end on a mostly white page only at the end of the report.
    name, _, path, reader = written
    fills = page_fill(path)
    assert len(fills) == len(reader.pages)
    white = [n + 1 for n, fill in enumerate(fills[:-1]) if fill < LEAST_FILL]
    assert white == [], f"{name}: pages {white} are less than a fifth full ({[round(f, 2) for f in fills]})"


def test_a_section_with_nothing_to_say_is_one_line_in_the_contents(written):
    name, _, _, reader = written
    listed = next(item for item in reader.outline if not isinstance(item, list) and item.title == "Contents")
    first = reader.get_destination_page_number(listed)
    contents = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[first : first + 2])
    headings = {item.title for item in reader.outline if not isinstance(item, list)}
    for phase in PHASES:
        if f"{phase} — " in contents:  # listed as empty: no page of its own, no entry in the outline
            assert phase not in headings
        else:
            assert phase in headings
    if name == "two ballots":
        assert "Space & Time — no capacity plan yet" in contents
        assert "Workflows & Pilots — no workflow proposed yet" in contents


def _tables(findings):
    """Gives the tables of records; not the decision table, which keeps its columns as the summary's form."""
    story = report_story(findings, lambda key: Spacer(1, 100), as_of=dt.date(2026, 12, 1))
    return [f for f in story if isinstance(f, Table) and not _is_decision_table(f)]


def _is_decision_table(table: Table) -> bool:
    return any(isinstance(cell, EvidencePage) for row in table._cellvalues for cell in row)


def _cells(table: Table) -> list[list[str]]:
    return [[getattr(cell, "text", str(cell)) for cell in row] for row in table._cellvalues]


def test_no_fixed_word_is_broken_across_lines(written):
    """A status, decision or other fixed word shown in a narrow column must fit its column whole."""
    _, _, _, reader = written
    text = "\n".join(page.extract_text() for page in reader.pages)
    words = {w for w in map(word, FIXED_WORDS) if " " not in w and "-" not in w and len(w) >= 5}
    broken = [
        f"{w[:cut]}|{w[cut:]}"
        for w in words
        for cut in range(1, len(w))
        if f"\n{w[:cut]}\n{w[cut:]}\n" in text
    ]
    assert not broken


def test_no_table_is_a_header_alone_and_no_column_is_blank(written):
    _, findings, _, _ = written
    tables = _tables(findings)
    assert tables
    for table in tables:
        rows = _cells(table)
        assert len(rows) > 1, f"a table with only its header: {rows}"
        for column in range(1, len(rows[0])):
            assert not all(blank(row[column]) for row in rows[1:]), f"column {rows[0][column]} is all dashes"


def test_the_two_ballot_report_is_short_and_says_each_sentence_once(written):
    name, _, _, reader = written
    if name != "two ballots":
        pytest.skip("about the sparse workshop")
    # Cover, summary, contents, the ranking round on three pages and the appendix on one: it was 14 pages
    # before the glossary, with a page for each section that had nothing to say.
    glossary = next(
        item for item in reader.outline if not isinstance(item, list) and item.title == "Glossary"
    )
    assert reader.get_destination_page_number(glossary) <= 7
    for page in reader.pages[3:]:
        lines = [line.strip() for line in page.extract_text().splitlines() if len(line.strip()) > 30]
        assert len(lines) == len(set(lines)), "a sentence is printed twice on one page"


cell_text = st.sampled_from(["", "–", "-", "–, –", "x", "12", "Ops"])


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=1, max_size=6))
def test_a_blank_column_is_left_out_and_said_once(rows):
    columns = [Column("First", 0.4), Column("Second", 0.3), Column("Third", 0.3)]
    table, *after = data_table("T", columns, rows)
    headings = [getattr(cell, "text", "") for cell in table._cellvalues[0]]
    dropped = [c.heading for n, c in enumerate(columns) if n and all(blank(r[n]) for r in rows)]
    assert headings == [c.heading for c in columns if c.heading not in dropped]
    notes = " ".join(getattr(f, "text", "") for f in after)
    for heading in dropped:
        assert notes.count(heading) == 1
    assert sum(table._colWidths) == pytest.approx(FRAME_WIDTH)  # the kept columns fill the width


def test_no_rows_give_no_table():
    assert data_table("T", [Column("A", 1.0)], []) == []


@pytest.fixture(scope="module")
def large_findings(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "large.workshop"
    with demo.create_demo(path, items=200, managers=12) as store, store.transaction() as session:
        # Revealed, so that the impact-effort 2x2 has all 200 opportunities to place.
        impact_round = session.query(e.BallotRound.id).filter_by(name=demo.IMPACT_EFFORT_ROUND).scalar()
        ballots.reveal_round(session, round_id=impact_round)
    return _findings(path)


TOUCHING = 2  # points: a text's box holds its line spacing, so neighbours' boxes may touch by this much


def _label_boxes(fig) -> list[tuple[str, Bbox]]:
    """Gives each text the figure actually draws (ticks outside the axes' view are kept but not drawn)."""
    drawn: list[Text] = []
    draw_text = Text.draw

    def recorded(text: Text, renderer) -> None:
        if text.get_visible() and text.get_text().strip():
            drawn.append(text)
        draw_text(text, renderer)

    with mock.patch.object(Text, "draw", recorded):
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn]
    return [(text, box) for text, box in boxes if box.width > 0 and box.height > 0]


@pytest.mark.parametrize("spec", catalogue.CHARTS, ids=lambda spec: spec.key)
def test_a_large_workshops_chart_labels_neither_overlap_nor_leave_the_chart(large_findings, spec):
    width, height = chart_size(spec.key, FRAME_WIDTH)
    fig = catalogue.drawn_figure(
        spec, large_findings, width_in=width, height_in=height, dpi=72
    )  # 1 px = 1 pt
    boxes = _label_boxes(fig)
    page = fig.bbox
    for text, box in boxes:
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, f"{text!r} runs off the chart"
        assert page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, f"{text!r} runs off the chart"
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        wide = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        high = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert wide <= TOUCHING or high <= TOUCHING, f"{a!r} and {b!r} overlap"


def test_a_large_workshops_charts_say_they_show_the_top_and_where_the_rest_is(large_findings):
    total = len(large_findings.ranking.items)
    assert total > TOP_ITEMS
    for key in ("consensus", "rank_distribution", "points", "priority_readiness", "impact_effort"):
        spec = catalogue.chart_by_key(key)
        width, height = chart_size(key, FRAME_WIDTH)
        fig = catalogue.drawn_figure(spec, large_findings, width_in=width, height_in=height, dpi=72)
        said = " ".join(" ".join(text.split()) for text, _ in _label_boxes(fig))
        assert f"of {total}; the rest in the appendix" in said.lower(), key


def test_the_reveal_of_a_large_round_says_it_shows_the_top_without_pointing_to_an_appendix(
    large_findings, monkeypatch
):
    from workshop.ui.ballot import ratings_reveal

    drawn = []
    original = catalogue.drawn_figure
    monkeypatch.setattr(
        catalogue, "drawn_figure", lambda *a, **k: drawn.append(original(*a, **k)) or drawn[-1]
    )
    total = len(large_findings.ranking.items)
    for key in ("points", "impact_effort"):
        ratings_reveal.draw_reveal_chart(ratings_reveal.RevealChartRequest(1, key, large_findings, 1600, 900))
        said = " ".join(" ".join(text.split()) for text, _ in _label_boxes(drawn[-1])).lower()
        assert f"of {total}" in said and "appendix" not in said, key


def _said(flowables) -> str:
    return " ".join(f.text for f in flowables if hasattr(f, "text") and not isinstance(f, Table))


def test_a_large_workshops_tables_show_the_top_and_the_appendix_every_opportunity(large_findings):
    total = len(large_findings.ranking.items)
    for body in (
        consensus_table(large_findings.ranking),
        placements(large_findings),
        ratings_section(large_findings, lambda key: Spacer(1, 1)),
    ):
        tables = [f for f in body if isinstance(f, Table)]
        assert tables and all(len(t._cellvalues) == TOP_ITEMS + 1 for t in tables)
        assert f"Top {TOP_ITEMS} of {total}; the rest in the appendix." in _said(body)
    whole = appendix(large_findings)
    listed = {len(t._cellvalues) - 1 for t in whole if isinstance(t, Table)}
    assert total in listed  # the order, the placements and the points, every opportunity
    titles = [f.title for f in whole if isinstance(f, Heading)]
    assert "Consensus order, every opportunity" in titles
    assert "The 100-point round, every opportunity" in titles


def test_a_window_shows_every_opportunity_of_a_large_workshop(large_findings):
    # On screen a chart grows taller and scrolls, and there is no appendix: it keeps every row.
    spec = catalogue.chart_by_key("consensus")
    fig = catalogue.drawn_figure(spec, large_findings, width_in=8, height_in=40, dpi=72, body_points=10)
    said = [text for text, _ in _label_boxes(fig)]
    assert not any("the rest in the appendix" in text for text in said)
    assert len(fig.axes[0].get_yticklabels()) == len(large_findings.ranking.items)
