"""The workshop's charts as report images: the same chart builders the app uses, rendered to PNG."""

from __future__ import annotations

import hashlib
import io
import zlib
from typing import TYPE_CHECKING

from PIL import Image as PILImage
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from .styles import MUTED, RULE, STRIPE_FILL, styles
from .text import markup

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

CHART_DPI = 150
# Height as a share of the width; the agreement heatmap needs room for one row per manager.
CHART_SHAPES: dict[str, float] = {
    "consensus": 0.62,
    "agreement": 0.8,
    "rank_distribution": 0.62,
    "readiness": 0.55,
    "perception_gap": 0.6,
    "priority_readiness": 0.7,
    "pilot_timeline": 0.5,
    "caution_flags": 0.5,
    "audit_candidates": 0.65,
}
POINTS_PER_INCH = 72


def chart_size(key: str, width: float) -> tuple[float, float]:
    """Gives the chart's width and height in inches for a frame `width` points wide."""
    width_in = width / POINTS_PER_INCH
    return width_in, width_in * CHART_SHAPES.get(key, 0.6)


def chart_flowable(
    key: str, findings: WorkshopFindings, width: float, warnings: list[str] | None = None
) -> Flowable:
    """Gives the chart `key` as an image `width` points wide with its description below it.

    A chart that cannot be drawn becomes a framed note (and a warning), so the report is still written.
    """
    try:
        from workshop.charts import catalogue
    except ImportError:
        return _framed_note(f"Chart: {key.replace('_', ' ')}", "This chart is not available yet.", width)
    spec = next((spec for spec in catalogue.CHARTS if spec.key == key), None)
    if spec is None:
        return _framed_note(f"Chart: {key.replace('_', ' ')}", "This chart is not available yet.", width)
    width_in, height_in = chart_size(key, width)
    try:
        png = catalogue.render_png(spec, findings, width_in=width_in, height_in=height_in, dpi=CHART_DPI)
        description = catalogue.alt_text(spec, findings)
    except Exception as exc:  # one broken chart must not cost the facilitator the whole report
        if warnings is not None:
            warnings.append(f"The chart '{spec.title}' could not be drawn ({exc}); the report shows a note.")
        return _framed_note(spec.title, "This chart could not be drawn.", width)
    image = ChartImage(png, width, width * height_in / width_in)
    caption = description.removeprefix(f"{spec.title}. ")  # the title is drawn in the chart itself
    return KeepTogether([image, Paragraph(markup(caption), styles()["caption"])])


class ChartImage(Flowable):
    """A chart PNG drawn at a fixed size; its compressed image data is built once for every layout pass.

    The report is laid out at least twice (for the contents and "Page X of Y"); without this, every
    pass would decode and compress each chart again, which costs as much as drawing the charts.
    """

    def __init__(self, png: bytes, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        # Flattened onto white: an alpha channel would add a second (soft mask) image per chart.
        picture = PILImage.open(io.BytesIO(png)).convert("RGB")
        self._name = hashlib.md5(png, usedforsecurity=False).hexdigest()
        self._image = {
            "width": picture.size[0],
            "height": picture.size[1],
            "bitsPerComponent": 8,
            "colorSpace": "DeviceRGB",
            "streamContent": zlib.compress(picture.tobytes(), 6),
            "_filters": ("FlateDecode",),
        }

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        document = canvas._doc
        registered = document.getXObjectName(self._name)
        if document.idToObject.get(registered) is None:
            xobject = pdfdoc.PDFImageXObject(self._name)  # a fresh object per document, same data
            vars(xobject).update(self._image)
            canvas._setXObjects(xobject)
            document.Reference(xobject, registered)
            document.addForm(self._name, xobject)
        canvas.saveState()
        canvas.scale(self.width, self.height)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self._name)


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
