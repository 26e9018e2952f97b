"""Writing the strategy report as a PDF: page frame, header and footer, contents, outline, warnings."""

from __future__ import annotations

import datetime as dt
import enum
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from workshop.findings import WorkshopFindings
from workshop.memory import existing_objects_set_aside
from workshop.model.files import write_atomically
from workshop.wording import fixed, tr, word

from . import story as report_story
from .drawing import chart_drawings
from .evidence import EvidenceLookout, EvidenceWanted
from .figures import ChartSource, chart_flowable
from .late import PAGE_TOTAL, Contents, LateText, ReportCanvas, page_of
from .styles import FONT, FRAME_HEIGHT, FRAME_WIDTH, MARGIN, MUTED, PAGE_SIZE, RULE, can_show
from .text import clean, day, shorten

Progress = Callable[[str, float], None]  # what is being done, share done 0..1
HEADER_SIZE = 8.5
MAX_LISTED_CHARACTERS = 20


@dataclass(frozen=True)
class ReportResult:
    """The written report: where, how many pages, and what the reader should know (e.g. unshown text)."""

    path: Path
    pages: int
    warnings: tuple[str, ...]


def write_report(
    findings: WorkshopFindings,
    path: Path | str,
    *,
    progress: Progress | None = None,
    side_by_side: bool | None = None,
    as_of: dt.date | None = None,
) -> ReportResult:
    """Gives the result of writing the findings as the strategy PDF at `path` (atomically).

    The charts are drawn side by side in worker processes when `side_by_side` (None: where safe).
    `as_of` is the day the report speaks for (by default today): on the cover, in every footer, and what
    counts as overdue.
    """
    with existing_objects_set_aside():
        report = progress or (lambda what, share: None)
        return _write_report(findings, Path(path), report, side_by_side, as_of or dt.date.today())


def _write_report(
    findings: WorkshopFindings, path: Path, report: Progress, side_by_side: bool | None, as_of: dt.date
) -> ReportResult:
    warnings = list(report_warnings(findings))
    report(tr("Laying out the pages"), 0.05)
    with chart_drawings(findings, CHART_KEYS, FRAME_WIDTH, side_by_side=side_by_side) as sources:
        charts = {
            key: chart_flowable(key, findings, FRAME_WIDTH, warnings, _reported(sources[key], number, report))
            for number, key in enumerate(CHART_KEYS, 1)
        }
        data, pages = render_pdf(findings, charts, as_of=as_of)
    report(tr("Saving the file"), 0.97)
    write_atomically(path, lambda handle: handle.write(data))
    report(tr("Done"), 1.0)
    return ReportResult(path, pages, tuple(warnings))


def _reported(source: ChartSource, number: int, report: Progress) -> ChartSource:
    """Gives `source`, saying first which chart of how many is being placed."""

    def drawn() -> Drawing:
        said = tr("Drawing chart {number} of {total}").format(number=number, total=len(CHART_KEYS))
        report(said, 0.3 + 0.65 * (number - 1) / len(CHART_KEYS))
        return source()

    return drawn


CHART_KEYS = (
    "audit_candidates",
    "readiness",
    "perception_gap",
    "adkar",
    "readiness_trend",
    "consensus",
    "agreement",
    "rank_distribution",
    "points",
    "impact_effort",
    "priority_readiness",
    "pilot_timeline",
    "capacity",
    "caution_flags",
)


def render_pdf(
    findings: WorkshopFindings, charts: dict[str, Flowable], *, as_of: dt.date | None = None
) -> tuple[bytes, int]:
    """Gives the PDF bytes and the page count, with the charts already drawn."""
    as_of = as_of or dt.date.today()
    buffer = io.BytesIO()
    document = ReportDocument(buffer, title=clean(findings.record.info.title), as_of=as_of)
    story = report_story.report_story(findings, charts.__getitem__, as_of=as_of)
    _bookmark_headings(story)
    document.lookout = EvidenceLookout(
        {k: v for f in story if isinstance(f, EvidenceWanted) for k, v in f.wanted.items()}
    )
    document.build(story, canvasmaker=ReportCanvas)
    return buffer.getvalue(), document.page_total


class ReportDocument(BaseDocTemplate):
    """A4 pages with the workshop title on top and "Page X of Y" below; headings feed contents and outline.

    Laid out once: the page total and the contents' page numbers are late texts (see `late`).
    """

    def __init__(self, target: io.BytesIO, *, title: str, as_of: dt.date) -> None:
        super().__init__(
            target,
            pagesize=PAGE_SIZE,
            title=title,
            author=tr("AI strategy workshop"),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=PAGE_SIZE[1] - MARGIN - FRAME_HEIGHT,
            bottomMargin=MARGIN,
        )
        frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="text", leftPadding=0, rightPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._frame_page)])
        self.header_text = title
        self.as_of = as_of
        self.lookout = EvidenceLookout({})
        self.page_total = 0

    def _frame_page(self, canvas: ReportCanvas, document: BaseDocTemplate) -> None:
        width, height = PAGE_SIZE
        canvas.saveState()
        canvas.setFont(FONT, HEADER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        top = height - MARGIN + 6 * mm
        canvas.drawString(MARGIN, top, _fit_header(self.header_text, FRAME_WIDTH))
        canvas.line(MARGIN, top - 3, width - MARGIN, top - 3)
        canvas.restoreState()
        # The page total is a late value: its {pages} placeholder goes through the translation intact.
        page_line = tr("Page {page} of {pages}").format(page=document.page, pages=f"{{{PAGE_TOTAL}}}")
        footer = LateText(page_line, FONT, HEADER_SIZE, MUTED)
        canvas.draw_late(f"footer-{document.page}", footer, width - MARGIN, MARGIN - 10 * mm)
        canvas.saveState()
        canvas.setFont(FONT, HEADER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 10 * mm, tr("As of {day}").format(day=day(self.as_of)))
        canvas.restoreState()
        self.page_total = document.page

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, report_story.Heading):
            self.lookout.heading(flowable.title, flowable.level)
        else:
            self.canv.late_values.update(self.lookout.found_on(flowable, self.page))
        if not isinstance(flowable, report_story.Heading) or not flowable.key:
            return
        canvas = self.canv
        canvas.bookmarkPage(flowable.key)
        canvas.addOutlineEntry(
            clean(flowable.title), flowable.key, level=flowable.level, closed=flowable.level > 0
        )
        canvas.late_values[page_of(flowable.key)] = str(self.page)


def _bookmark_headings(story: list[Flowable]) -> None:
    """Gives nothing; gives each heading its bookmark key and lists the listed ones in the contents."""
    headings = [f for f in story if isinstance(f, report_story.Heading)]
    for number, heading in enumerate(headings, 1):
        heading.key = f"heading-{number}"
    listed = [(h.level, h.text, h.key) for h in headings if h.listed]
    for contents in (f for f in story if isinstance(f, Contents)):
        contents.expect(listed)


def _fit_header(text: str, width: float) -> str:
    """Gives the header text on one line, shortened so it fits the width."""
    line = shorten(text, 200)
    while line and stringWidth(line, FONT, HEADER_SIZE) > width:
        line = shorten(line, max(1, len(line) - 10))
    return line


def report_warnings(findings: WorkshopFindings) -> tuple[str, ...]:
    """Gives one warning per text field holding characters no font of the report's chain can show."""
    warnings: dict[str, str] = {}
    for label, text in _texts(findings, tr("Workshop")):
        missing = sorted({ch for ch in clean(text) if not can_show(ch) and ch not in "\n"}, key=ord)
        if missing and text not in warnings:
            # Each with its code point: a character no font has shows as an empty box on screen too.
            listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:MAX_LISTED_CHARACTERS]) + (
                "…" if len(missing) > MAX_LISTED_CHARACTERS else ""
            )
            warnings[text] = tr("{field}: characters {characters} cannot be shown by the report font").format(
                field=label, characters=listed
            )
    return tuple(warnings.values())


# What a warning calls the thing a text was typed into; each is translated with word() as it is shown.
KINDS = {
    "WorkshopInfo": fixed("Workshop"),
    "TeamInfo": fixed("Team"),
    "PersonInfo": fixed("Participant"),
    "TaskInfo": fixed("Task"),
    "IdeaInfo": fixed("Idea"),
    "OpportunityInfo": fixed("Opportunity"),
    "RoundInfo": fixed("Ballot round"),
    "WorkflowInfo": fixed("Workflow"),
    "PilotInfo": fixed("Pilot"),
    "CheckpointInfo": fixed("Checkpoint"),
    "CapacityInfo": fixed("Capacity plan"),
    "FeedbackInfo": fixed("Feedback"),
    "FlagInfo": fixed("Caution flag"),
    "ActionInfo": fixed("Action"),
}


def _texts(value: object, label: str) -> Iterator[tuple[str, str]]:
    """Gives every piece of text in the findings with a label saying where it was typed."""
    if isinstance(value, enum.Enum):
        return
    if isinstance(value, str):
        yield label, value
    elif is_dataclass(value) and not isinstance(value, type):
        label = _thing_label(value, label)
        for field in fields(value):
            yield from _texts(getattr(value, field.name), f"{label} {field.name.replace('_', ' ')}")
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item, label)


def _thing_label(value: object, label: str) -> str:
    kind = KINDS.get(type(value).__name__)
    if kind is None:
        return label.rsplit(" ", 1)[0] if " " in label else label
    name = next((v for v in vars(value).values() if isinstance(v, str) and not isinstance(v, enum.Enum)), "")
    return f"{word(kind)} '{shorten(name, 40)}'" if name else word(kind)
