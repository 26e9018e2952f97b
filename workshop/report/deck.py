"""The editable slide deck (.pptx) beside the PDF: the summary's sentences, its charts, notes with numbers.

Every sentence comes from the PDF's summary (`summary.py`, through `headlines`), so leadership reads the
same words in both; the findings already withhold every group under the privacy floor, and the deck shows
nothing the findings do not hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from pptx import Presentation
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from workshop.analysis.consensus import place_rows
from workshop.charts import catalogue
from workshop.decisions import leadership_decisions
from workshop.findings import WITHHELD_NOTE, WorkshopFindings
from workshop.headlines import clean, p_text, plain
from workshop.model.files import write_atomically
from workshop.rounding import rounded
from workshop.wording import calendar_day, plural, tr, word

from . import summary
from .text import number, shorten

CHART_DPI = 200
SLIDE_WIDTH = Inches(13.333)  # 16:9, as projectors and screens show it
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
TITLE_HEIGHT = Inches(0.9)
BODY_TOP = Emu(MARGIN + TITLE_HEIGHT + Inches(0.1))
BODY_WIDTH = Emu(SLIDE_WIDTH - 2 * MARGIN)
BODY_HEIGHT = Emu(SLIDE_HEIGHT - BODY_TOP - MARGIN)
LINE_CHARS = 300  # a bullet longer than this is shortened: the full text is in the PDF
BODY_SIZES = (20, 18, 16, 14, 12)  # the largest size at which the bullets fit the slide is used
DECISIONS_SHOWN = 8  # the rest are counted: a slide is not a table of fifty rows
BLANK_LAYOUT = 6  # the default template's blank layout: the deck places its own text boxes


@dataclass(frozen=True)
class SlidePart:
    """One slide: its title, its bullet lines (plain text), a chart key or "", and the speaker's notes."""

    title: str
    lines: tuple[str, ...]
    chart: str
    notes: str


def write_deck(findings: WorkshopFindings, path: Path | str, *, as_of: dt.date | None = None) -> int:
    """Gives the number of slides written to `path` (atomically): the deck of the workshop's findings."""
    data = deck_bytes(findings, as_of=as_of or dt.date.today())
    write_atomically(path, _writer(data))
    return len(Presentation(BytesIO(data)).slides)


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda handle: handle.write(data)


def deck_bytes(findings: WorkshopFindings, *, as_of: dt.date) -> bytes:
    """Gives the .pptx file's bytes: a cover, then a slide per part, each followed by its chart's slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _cover(deck, findings, as_of)
    for part in [_decisions_part(findings, as_of), *slide_parts(findings)]:
        _text_slide(deck, part)
        if part.chart:
            _chart_slide(deck, part, findings)
    buffer = BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def slide_parts(findings: WorkshopFindings) -> list[SlidePart]:
    """Gives the deck's slides after the cover, in the order leadership reads the summary."""
    ranked = findings.ranking is not None and findings.ranking.concordance.w is not None
    has_readiness = any(not score.withheld for score in findings.readiness)
    has_pilots = any(w.pilots for w in findings.record.workflows)
    parts = [
        (tr("Top priorities"), summary.priorities, "consensus" if ranked else "", _priority_notes),
        (
            tr("Where the managers disagree"),
            summary.disconnects,
            "agreement" if ranked else "",
            _ranking_notes,
        ),
        (tr("Readiness"), summary.readiness, "readiness" if has_readiness else "", _readiness_notes),
        (tr("Pilots"), summary.pilots, "pilot_timeline" if has_pilots else "", _pilot_notes),
        (tr("Caution flags"), summary.flags, "caution_flags" if findings.record.flags else "", _flag_notes),
    ]
    return [
        SlidePart(
            title, tuple(shorten(plain(line), LINE_CHARS) for line in lines(findings)), chart, notes(findings)
        )
        for title, lines, chart, notes in parts
    ]


def _cover(deck: Deck, findings: WorkshopFindings, as_of: dt.date) -> None:
    info = findings.record.info
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _text_box(slide, Inches(2.2), Inches(1.6), [shorten(info.title, 160)], 36, bold=True)
    details = [shorten(info.organisation, 120)] if info.organisation else []
    if info.held_on is not None:
        details.append(tr("Workshop held on {day}").format(day=calendar_day(info.held_on)))
    details.append(tr("As of {day}").format(day=calendar_day(as_of)))
    _text_box(slide, Inches(4.0), Inches(2.0), details, 22)
    _notes(slide, tr("Facilitator: {name}.").format(name=info.facilitator) if info.facilitator else "")


def _text_slide(deck: Deck, part: SlidePart) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _title(slide, part.title)
    size = body_size(part.lines)
    _text_box(slide, BODY_TOP, BODY_HEIGHT, [_bulleted(line) for line in part.lines], size)
    _notes(slide, part.notes)


def _bulleted(line: str) -> str:
    """Gives a line with a bullet; a numbered place ("1. …") keeps its number instead, as in the PDF."""
    place, _, _ = line.partition(". ")
    return line if place.isdigit() else f"• {line}"


def _chart_slide(deck: Deck, part: SlidePart, findings: WorkshopFindings) -> None:
    spec = catalogue.chart_by_key(part.chart)
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _title(slide, spec.title)
    width_in, height_in = BODY_WIDTH / Inches(1), BODY_HEIGHT / Inches(1)
    png = catalogue.render_png(spec, findings, width_in=width_in, height_in=height_in, dpi=CHART_DPI)
    slide.shapes.add_picture(BytesIO(png), MARGIN, BODY_TOP, BODY_WIDTH, BODY_HEIGHT)
    _notes(slide, catalogue.alt_text(spec, findings) + "\n\n" + part.notes)


def _title(slide: Slide, text: str) -> None:
    _text_box(slide, MARGIN, TITLE_HEIGHT, [text], 30, bold=True)


def _text_box(
    slide: Slide, top: Length, height: Length, lines: Sequence[str], size: int, *, bold: bool = False
) -> None:
    frame = slide.shapes.add_textbox(MARGIN, top, BODY_WIDTH, height).text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.space_after = Pt(size * 0.4)
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold


def body_size(lines: Sequence[str]) -> int:
    """Gives the largest type size in points at which the lines, wrapped, fit the slide's body."""
    for size in BODY_SIZES:
        if _height_needed(lines, size) <= BODY_HEIGHT / Pt(1):
            return size
    return BODY_SIZES[-1]


def _height_needed(lines: Sequence[str], size: int) -> float:
    """Gives the points the lines need at `size`, counting an average letter as 0.55 of the size wide."""
    per_line = max(1, int(BODY_WIDTH / Pt(1) / (size * 0.55)))
    wrapped = sum(-(-max(len(line) + 2, 1) // per_line) for line in lines)
    return wrapped * size * 1.2 + len(lines) * size * 0.4


def _notes(slide: Slide, text: str) -> None:
    frame = slide.notes_slide.notes_text_frame
    if frame is not None:
        frame.text = clean(text)  # control characters have no place in a file


def _decisions_part(findings: WorkshopFindings, as_of: dt.date) -> SlidePart:
    """Gives the decisions slide: what, owner and deadline on the slide; why, cost and risk in the notes."""
    found = leadership_decisions(findings, as_of)
    lines = [
        shorten(_decision_line(d.what, d.owner, d.deadline), LINE_CHARS) for d in found[:DECISIONS_SHOWN]
    ]
    if len(found) > DECISIONS_SHOWN:
        more = len(found) - DECISIONS_SHOWN
        lines.append(
            plural(
                more, "…and %n more in the PDF's decision table.", "…and %n more in the PDF's decision table."
            )
        )
    notes = [f"{d.what}: " + "; ".join(part for part in (d.why, d.cost, d.risk) if part) for d in found]
    return SlidePart(
        tr("Decisions needed from leadership"),
        tuple(lines)
        or (tr("None yet: the workshop has not produced pilots, actions, flags or capacity plans."),),
        "",
        "\n".join(notes),
    )


def _decision_line(what: str, owner: str, deadline: dt.date | None) -> str:
    """Gives "what – owner X, by D", leaving out the date when none is set."""
    if deadline is None:
        return tr("{what} – owner {owner}").format(what=what, owner=owner or tr("not named"))
    return tr("{what} – owner {owner}, by {deadline}").format(
        what=what, owner=owner or tr("not named"), deadline=_day(deadline)
    )


def _priority_notes(findings: WorkshopFindings) -> str:
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return ""
    means = dict(zip(ranking.items, ranking.consensus.mean_ranks, strict=True))
    order = [
        tr("{place}. {item} – average place {mean}").format(place=place, item=item, mean=number(means[item]))
        for place, item in place_rows(ranking.consensus.borda)
    ]
    return "\n".join([_agreement_numbers(findings), *order])


def _agreement_numbers(findings: WorkshopFindings) -> str:
    """Gives the ranking round's numbers in one line: ballots, items, W against chance and p."""
    ranking = findings.ranking
    assert ranking is not None
    concordance = ranking.concordance
    numbers = (
        plural(ranking.ballots, "%n ballot", "%n ballots")
        + ", "
        + plural(len(ranking.items), "%n item", "%n items")
    )
    if concordance.w is not None:
        numbers += tr("; Kendall's W = {w}").format(w=rounded(concordance.w, 2))
    if concordance.chance_w is not None:
        numbers += tr(" (chance alone gives about {w})").format(w=rounded(concordance.chance_w, 2))
    if concordance.p_value is not None:
        numbers += "; " + p_text(concordance.p_value)
    return numbers + "."


def _ranking_notes(findings: WorkshopFindings) -> str:
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return ""
    spreads = [
        tr("{item}: average place {mean}, spread {sd}").format(
            item=s.item, mean=number(s.mean_rank), sd=number(s.sd)
        )
        for s in ranking.spreads
    ]
    return "\n".join([_agreement_numbers(findings), *spreads])


def _readiness_notes(findings: WorkshopFindings) -> str:
    lines = [
        tr("{team}, {dimension}: {mean} of 5 ({answers})").format(
            team=s.team,
            dimension=s.dimension,
            mean=number(s.mean),
            answers=plural(s.n or 0, "%n answer", "%n answers"),
        )
        for s in findings.readiness
        if not s.withheld
    ]
    withheld = sum(1 for s in findings.readiness if s.withheld)
    if withheld:
        lines.append(tr(WITHHELD_NOTE))  # the PDF's note: small teams' results are withheld
    return "\n".join(lines)


def _pilot_notes(findings: WorkshopFindings) -> str:
    return "\n".join(
        tr("{pilot}: {status}, {start} to {end}; owner {owner}.").format(
            pilot=p.opportunity,
            status=word(p.status),
            start=_day(p.starts_on),
            end=_day(p.ends_on),
            owner=w.owner or tr("not named"),
        )
        for w in findings.record.workflows
        for p in w.pilots
    )


def _flag_notes(findings: WorkshopFindings) -> str:
    open_flags = summary.open_flags(findings)
    counts = {
        severity: sum(1 for f in open_flags if f.severity is severity) for severity in summary.SEVERITY_ORDER
    }
    return "\n".join(
        tr("{severity}: {count} open").format(severity=word(severity.value), count=count)
        for severity, count in counts.items()
        if count
    )


def _day(value: dt.date | None) -> str:
    return calendar_day(value, short=True) if value is not None else tr("not set")
