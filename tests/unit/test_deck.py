"""The slide deck beside the PDF: the summary's findings on slides, charts as pictures, numbers in notes."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from sqlalchemy import select

from workshop.analysis.consensus import place_rows
from workshop.decisions import leadership_decisions
from workshop.findings import findings_for_report
from workshop.headlines import clean
from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.report.deck import deck_bytes, write_deck
from workshop.wording import calendar_day

AS_OF = dt.date(2026, 12, 1)
PER_EXAMPLE = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def slide_texts(deck):
    """Gives each slide's shown text and its speaker notes."""
    return [
        (
            "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame),
            slide.notes_slide.notes_text_frame.text,
        )
        for slide in deck.slides
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deck")
    with create_demo(folder / "demo.workshop") as store, store.reading() as session:
        findings = findings_for_report(session)
    slides = write_deck(findings, folder / "deck.pptx", as_of=AS_OF)
    return findings, Presentation(folder / "deck.pptx"), slides


def test_the_cover_names_the_workshop_the_organisation_and_the_as_of_date(demo):
    findings, deck, _ = demo
    cover, _ = slide_texts(deck)[0]
    info = findings.record.info
    assert info.title in cover and info.organisation in cover
    assert calendar_day(AS_OF) in cover


def test_the_priorities_slide_lists_the_consensus_top_in_order_with_every_place_in_the_notes(demo):
    findings, deck, _ = demo
    [(shown, notes)] = [
        (text, notes) for text, notes in slide_texts(deck) if text.startswith("Top priorities")
    ]
    rows = place_rows(findings.ranking.consensus.borda)
    top = [f"{place}. {item}" for place, item in rows if place <= 3]
    positions = [shown.index(line) for line in top]
    assert positions == sorted(positions)
    assert f"W = {findings.ranking.concordance.w:.2f}" in notes
    assert all(f"{place}. {item} –" in notes for place, item in rows)


def test_the_decisions_slide_lists_the_decision_table_in_order_with_owners_and_the_rest_counted(demo):
    findings, deck, _ = demo
    shown, notes = slide_texts(deck)[1]
    found = leadership_decisions(findings, AS_OF)
    lines = shown.split("\n")[1:]
    listed = [d for d in found if any(line.startswith(f"• {d.what} – owner {d.owner}") for line in lines)]
    assert listed == list(found[: len(listed)]) and listed
    if len(found) > len(listed):
        assert f"…and {len(found) - len(listed)} more" in lines[-1]
    assert "not set" not in shown
    assert all(d.what in notes for d in found)


def test_each_part_is_a_slide_and_a_chart_follows_where_the_findings_have_one(demo):
    _, deck, count = demo
    assert count == len(deck.slides)
    titles = [text.split("\n")[0] for text, _ in slide_texts(deck)]
    for title in ("Decisions needed from leadership", "Where the managers disagree", "Readiness", "Pilots"):
        assert title in titles
    pictures = [slide for slide in deck.slides if any(shape.shape_type == 13 for shape in slide.shapes)]
    assert len(pictures) == len(deck.slides) - 1 - 6  # a cover, six parts, the rest charts


def test_every_shape_lies_inside_its_slide(demo):
    _, deck, _ = demo
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width
            assert shape.top >= 0 and shape.top + shape.height <= deck.slide_height


def test_readiness_withheld_for_small_teams_is_in_no_slide_or_note(tmp_path):
    with create_demo(tmp_path / "demo.workshop") as store:
        with store.transaction() as session:
            team = session.scalars(select(e.Team).order_by(e.Team.name)).first()
            answering = sorted({p.id for p in team.participants})[2:]  # two of the team still answer
            session.query(e.ReadinessAnswer).filter(e.ReadinessAnswer.participant_id.in_(answering)).delete()
        with store.reading() as session:
            findings = findings_for_report(session)
    assert any(score.withheld and score.team == team.name for score in findings.readiness)
    deck = Presentation(BytesIO(deck_bytes(findings, as_of=AS_OF)))
    everything = "\n".join(text + notes for text, notes in slide_texts(deck))
    for score in findings.readiness:
        if score.withheld:
            assert f"{score.team}, {score.dimension}:" not in everything


@PER_EXAMPLE
@given(title=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=600))
def test_any_title_is_shown_on_the_cover_on_one_line_cut_when_long(store, title):
    with store.transaction() as session:
        session.scalar(select(e.Workshop)).title = title
    with store.reading() as session:
        findings = findings_for_report(session)
    deck = Presentation(BytesIO(deck_bytes(findings, as_of=AS_OF)))
    cover_title = next(iter(deck.slides[0].shapes)).text_frame.text
    flat = " ".join(clean(findings.record.info.title).split())  # control characters never reach a file
    assert len(cover_title) <= 160
    assert cover_title == flat or cover_title.endswith("…") or not flat.isprintable()
