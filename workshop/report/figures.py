"""The workshop's charts in the report: the same chart builders the app uses, placed as vector drawings."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from workshop.charts import catalogue
from workshop.wording import tr

from . import vector
from .late import LateForm, ReportCanvas
from .styles import MUTED, RULE, STRIPE_FILL, styles
from .text import markup

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

# Height as a share of the width; the agreement heatmap needs room for one row per manager.
CHART_SHAPES: dict[str, float] = {
    "consensus": 0.62,
    "agreement": 0.8,
    "rank_distribution": 0.62,
    "readiness": 0.55,
    "perception_gap": 0.6,
    "adkar": 0.72,
    "readiness_trend": 0.8,
    "priority_readiness": 0.7,
    "points": 0.62,
    "impact_effort": 0.72,
    "pilot_timeline": 0.5,
    "caution_flags": 0.5,
    "audit_candidates": 0.65,
}
POINTS_PER_INCH = 72


def chart_size(key: str, width: float) -> tuple[float, float]:
    """Gives the chart's width and height in inches for a frame `width` points wide."""
    width_in = width / POINTS_PER_INCH
    return width_in, width_in * CHART_SHAPES.get(key, 0.6)


ChartSource = Callable[[], Drawing]  # draws one chart, giving its vector drawing


def chart_source(key: str, findings: WorkshopFindings, width: float) -> ChartSource:
    """Gives what draws the chart `key` for a frame `width` points wide (KeyError: no such chart)."""
    width_in, height_in = chart_size(key, width)
    return functools.partial(
        vector.chart_drawing, catalogue.chart_by_key(key), findings, width_in=width_in, height_in=height_in
    )


def chart_flowable(
    key: str,
    findings: WorkshopFindings,
    width: float,
    warnings: list[str] | None = None,
    source: ChartSource | None = None,
) -> Flowable:
    """Gives the chart `key` as a drawing `width` points wide with its description below it.

    The chart is drawn by `source` (by default here, when the report is saved). A chart that cannot be
    drawn becomes a framed note and a warning, so the report is still written.
    """
    spec = catalogue.chart_by_key(key)
    title = tr(spec.title)
    width_in, height_in = chart_size(key, width)
    try:
        description = catalogue.alt_text(spec, findings)
    except Exception as exc:  # one broken chart must not cost the facilitator the whole report
        _warn_broken(title, exc, warnings)
        return _framed_note(title, tr(BROKEN_CHART), width)
    source = source or chart_source(key, findings, width)
    chart = ChartDrawing(source, width, width * height_in / width_in, title=title, warnings=warnings)
    caption = description.removeprefix(f"{title}. ")  # the title is drawn in the chart itself
    return KeepTogether([chart, Paragraph(markup(caption), styles()["caption"])])


BROKEN_CHART = "This chart could not be drawn."


def _warn_broken(title: str, error: Exception, warnings: list[str] | None) -> None:
    if warnings is not None:
        warnings.append(
            tr("The chart '{title}' could not be drawn ({error}); the report shows a note.").format(
                title=title, error=error
            )
        )


class ChartDrawing(Flowable):
    """A chart of a fixed size, placed as its page is laid out and drawn in when the report is saved.

    Its lines and text go in as PDF shapes and text, so it prints sharp and its words can be searched.
    A chart that fails to draw leaves a framed note in its place and a warning.
    """

    def __init__(
        self, source: ChartSource, width: float, height: float, *, title: str, warnings: list[str] | None
    ) -> None:
        super().__init__()
        self.width, self.height = width, height
        self._source, self._title, self._warnings = source, title, warnings

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        assert isinstance(canvas, ReportCanvas), "charts are drawn on the report's canvas"
        name = f"chart-{len(canvas.late_forms)}"
        canvas.draw_late(name, LateForm((0, 0, self.width, self.height), self._draw_in))

    def _draw_in(self, canvas: ReportCanvas) -> None:
        try:
            drawing = self._source()
        except Exception as exc:  # one broken chart must not cost the facilitator the whole report
            _warn_broken(self._title, exc, self._warnings)
            note = _framed_note(self._title, tr(BROKEN_CHART), self.width)
            _, height = note.wrapOn(canvas, self.width, self.height)
            note.drawOn(canvas, 0, self.height - height)
            return
        # A form of its own: reportlab leaves a form's see-through settings (ExtGState) out of the
        # resources it writes, so this one is given them, or viewers would draw faded parts solid.
        name = f"drawing-{id(self)}"
        canvas.beginForm(name, 0, 0, self.width, self.height)
        # Drawn at the page's points already; scaled only should the drawing's size be off by rounding.
        canvas.scale(self.width / drawing.width, self.height / drawing.height)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.endForm(Resources=_form_resources(canvas))
        canvas.doForm(name)


def _form_resources(canvas: ReportCanvas) -> pdfdoc.PDFResourceDictionary:
    """Gives the resources of the form being drawn: the document's fonts and its transparency settings."""
    resources = pdfdoc.PDFResourceDictionary()
    resources.basicFonts()
    resources.basicProcs()
    states = canvas._extgstate.getState()
    if states:
        resources.ExtGState = states
    return resources


def _framed_note(title: str, note: str, width: float) -> Flowable:
    """Gives a light framed box holding a chart's title and why the chart is missing."""
    box = Table(
        [[Paragraph(f"<b>{markup(title)}</b><br/>{markup(note)}", styles()["small"])]],
        colWidths=[width],
        rowHeights=[60],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), STRIPE_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TEXTCOLOR", (0, 0), (-1, -1), MUTED),
            ]
        )
    )
    return box
