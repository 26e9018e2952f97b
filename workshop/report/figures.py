"""The workshop's charts as report images: the same chart builders the app uses, rendered to PNG."""

from __future__ import annotations

import functools
import io
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image as PILImage
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from workshop.charts import catalogue
from workshop.wording import tr

from .late import LateForm, ReportCanvas
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


PngSource = Callable[[], bytes]  # draws one chart, giving its PNG


def chart_png_source(key: str, findings: WorkshopFindings, width: float) -> PngSource:
    """Gives what draws the chart `key` as a PNG for a frame `width` points wide (KeyError: no such chart)."""
    width_in, height_in = chart_size(key, width)
    return functools.partial(
        catalogue.render_png,
        catalogue.chart_by_key(key),
        findings,
        width_in=width_in,
        height_in=height_in,
        dpi=CHART_DPI,
    )


def chart_flowable(
    key: str,
    findings: WorkshopFindings,
    width: float,
    warnings: list[str] | None = None,
    png: PngSource | None = None,
) -> Flowable:
    """Gives the chart `key` as an image `width` points wide with its description below it.

    The chart is drawn by `png` (by default here, when the report is saved). A chart that cannot be
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
    source = png or chart_png_source(key, findings, width)
    image = ChartImage(source, width, width * height_in / width_in, title=title, warnings=warnings)
    caption = description.removeprefix(f"{title}. ")  # the title is drawn in the chart itself
    return KeepTogether([image, Paragraph(markup(caption), styles()["caption"])])


BROKEN_CHART = "This chart could not be drawn."


def _warn_broken(title: str, error: Exception, warnings: list[str] | None) -> None:
    if warnings is not None:
        warnings.append(
            tr("The chart '{title}' could not be drawn ({error}); the report shows a note.").format(
                title=title, error=error
            )
        )


class ChartImage(Flowable):
    """A chart of a fixed size, placed as its page is laid out and drawn in when the report is saved.

    Its PNG's compressed pixels go in as they are: PDF's Flate filter with PNG predictors reads a PNG's
    image data unchanged, so an 8-bit RGB PNG is neither decoded nor compressed again (any other PNG is
    decoded and compressed once). A chart that fails to draw leaves a framed note in its place and a warning.
    """

    def __init__(
        self, png: PngSource, width: float, height: float, *, title: str, warnings: list[str] | None
    ) -> None:
        super().__init__()
        self.width, self.height = width, height
        self._png, self._title, self._warnings = png, title, warnings

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        assert isinstance(canvas, ReportCanvas), "charts are drawn on the report's canvas"
        name = f"chart-{len(canvas.late_forms)}"
        canvas.draw_late(name, LateForm((0, 0, self.width, self.height), self._draw_in))

    def _draw_in(self, canvas: ReportCanvas) -> None:
        try:
            pixels = png_pixels(self._png())
        except Exception as exc:  # one broken chart must not cost the facilitator the whole report
            _warn_broken(self._title, exc, self._warnings)
            note = _framed_note(self._title, tr(BROKEN_CHART), self.width)
            _, height = note.wrapOn(canvas, self.width, self.height)
            note.drawOn(canvas, 0, self.height - height)
            return
        document = canvas._doc
        name = f"pixels-{id(self)}"
        xobject = PngImageXObject(name, pixels)
        registered = document.getXObjectName(name)
        document.Reference(xobject, registered)
        document.addForm(name, xobject)
        canvas.saveState()
        canvas.scale(self.width, self.height)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(name)


@dataclass(frozen=True)
class Pixels:
    """An image's size and its pixels as a Flate stream, with the PNG predictor it needs (None: none)."""

    width: int
    height: int
    stream: bytes
    predictor: int | None


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RGB_8_BIT = (8, 2, 0, 0, 0)  # bit depth, colour type RGB, compression, filter method, no interlace


def png_pixels(png: bytes) -> Pixels:
    """Gives the PNG's pixels for a PDF: its own compressed data for 8-bit RGB, else RGB compressed anew."""
    chunks = list(_png_chunks(png))
    header = next((data for kind, data in chunks if kind == b"IHDR"), b"")
    if len(header) == 13 and struct.unpack(">IIBBBBB", header)[2:] == RGB_8_BIT:
        width, height = struct.unpack(">II", header[:8])
        stream = b"".join(data for kind, data in chunks if kind == b"IDAT")
        return Pixels(width, height, stream, PNG_PREDICTOR)
    # Flattened onto white: an alpha channel would add a second (soft mask) image per chart.
    picture = PILImage.open(io.BytesIO(png)).convert("RGB")
    return Pixels(picture.size[0], picture.size[1], zlib.compress(picture.tobytes(), 6), None)


PNG_PREDICTOR = 15  # "PNG, optimum": each row says its own PNG filter


def _png_chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Gives each chunk of a PNG file as (type, data); nothing for what is not a PNG."""
    if not png.startswith(PNG_SIGNATURE):
        return
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        yield kind, png[at + 8 : at + 8 + length]
        at += 12 + length  # length, type, data, CRC


class PngImageXObject(pdfdoc.PDFImageXObject):
    """An RGB image XObject whose stream is Flate data, with PNG predictors when the pixels have them."""

    def __init__(self, name: str, pixels: Pixels) -> None:
        super().__init__(name)
        self.pixels = pixels

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        pixels = self.pixels
        stream = pdfdoc.PDFStream(content=pixels.stream)
        entries = stream.dictionary
        entries["Type"] = pdfdoc.PDFName("XObject")
        entries["Subtype"] = pdfdoc.PDFName("Image")
        entries["Width"], entries["Height"] = pixels.width, pixels.height
        entries["BitsPerComponent"] = 8
        entries["ColorSpace"] = pdfdoc.PDFName("DeviceRGB")
        entries["Filter"] = pdfdoc.PDFName("FlateDecode")
        if pixels.predictor is not None:
            entries["DecodeParms"] = pdfdoc.PDFDictionary(
                {"Predictor": pixels.predictor, "Colors": 3, "BitsPerComponent": 8, "Columns": pixels.width}
            )
        entries["Length"] = len(pixels.stream)
        return bytes(stream.format(document))


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
