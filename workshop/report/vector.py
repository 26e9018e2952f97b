"""The workshop's charts as vector drawings for the PDF: the screen's builders, lines as lines, text as text.

A chart is drawn by its builder (workshop/charts), written as SVG with its text kept as text, and read
into a reportlab drawing whose text is set in the report's own fonts. So the printed chart stays sharp at
any zoom, and a reader can search, select and copy its words. Heatmaps, which matplotlib would embed as
pictures, are redrawn as grids of coloured cells first.
"""

from __future__ import annotations

import functools
import io
import warnings
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Bbox, IdentityTransform
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg

from workshop.charts.catalogue import ChartSpec

from .scripts import font_runs
from .styles import BOLD, BOLD_ITALIC, FONT, ITALIC, font_for, register_fonts

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

POINTS_PER_INCH = 72  # the SVG's units are the page's points, so the drawing needs no scaling


def chart_drawing(
    spec: ChartSpec, findings: WorkshopFindings, *, width_in: float, height_in: float
) -> Drawing:
    """Gives the chart as a reportlab drawing of the given size in inches (ValueError: it cannot be read)."""
    svg = chart_svg(spec, findings, width_in=width_in, height_in=height_in)
    drawing = svg2rlg(io.BytesIO(svg), font_map=report_fonts())
    if drawing is None:
        raise ValueError("its drawing could not be read")
    _use_fallback_fonts(drawing)
    return drawing


def _use_fallback_fonts(group: Group) -> None:
    """Sets each piece of a text that DejaVu Sans lacks (Chinese, Devanagari…) in the report's fallback font.

    A text is cut into runs of one font each, placed side by side where the whole text stood."""
    for place, shape in enumerate(list(group.contents)):
        if isinstance(shape, Group):
            _use_fallback_fonts(shape)
        elif isinstance(shape, String) and any(font_for(ch) for ch in shape.text):
            pieces = _in_runs(shape)
            group.contents[place : place + 1] = pieces


def _in_runs(text: String) -> list[String]:
    """Gives the text as strings of one font each, starting where the text's anchor put the whole."""
    runs = [(font or text.fontName, piece) for font, piece in font_runs(text.text, _font_of_run)]
    widths = [stringWidth(piece, font, text.fontSize) for font, piece in runs]
    x = text.x - sum(widths) * ANCHOR_SHARE.get(text.textAnchor, 0.0)
    pieces = []
    for (font, piece), width in zip(runs, widths, strict=True):
        copy = text.copy()
        copy.text, copy.fontName, copy.x, copy.textAnchor = piece, font, x, "start"
        pieces.append(copy)
        x += width
    return pieces


ANCHOR_SHARE = {"start": 0.0, "middle": 0.5, "end": 1.0}  # how much of a text lies left of its anchor


def _font_of_run(ch: str) -> str | None:
    """Gives the fallback font for the character; None (the text's own) also when no font has it."""
    return font_for(ch) or None


def chart_svg(spec: ChartSpec, findings: WorkshopFindings, *, width_in: float, height_in: float) -> bytes:
    """Gives the chart drawn by its builder as SVG, its text as text and no pictures inside."""
    fig = Figure(figsize=(width_in, height_in), dpi=POINTS_PER_INCH, facecolor="white")
    FigureCanvasSVG(fig)
    spec.draw(fig, findings)
    _as_shapes(fig)
    buffer = io.BytesIO()
    # The same ids for the same chart: two exports of one workshop give the same file.
    with warnings.catch_warnings(), mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": spec.key}):
        # Characters the font cannot show are listed by the report's own warnings, with the field named.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    # Spaces as typed: SVG readers fold runs of spaces unless told to keep them ("1  Manager C").
    return buffer.getvalue().replace(b"<svg ", b'<svg xml:space="preserve" ', 1)


def _as_shapes(fig: Figure) -> None:
    """Redraws every heatmap as a grid of cells and every hatch as lines, and keeps every part vector.

    (Colour bars are pictures too, unless told otherwise.)"""
    for ax in fig.axes:
        for image in list(ax.images):
            _image_as_cells(ax, image)
    for artist in fig.findobj(lambda artist: artist.get_rasterized()):
        artist.set_rasterized(False)
    _hatches_as_lines(fig)


def _hatches_as_lines(fig: Figure) -> None:
    """Draws each hatched area's hatch as lines clipped to the area, the area itself in its plain colour.

    SVG writes a hatch as a pattern fill, which the SVG reader skips: the area would be left empty."""
    hatched = [patch for patch in fig.findobj(Patch) if patch.get_hatch() and patch.get_visible()]
    if not hatched:
        return
    fig.draw_without_rendering()  # lays the figure out, so each area's place on the page is known
    in_legends = {id(patch): legend for legend in fig.findobj(Legend) for patch in legend.findobj(Patch)}
    for patch in hatched:
        lines = _hatch_lines(patch, fig.dpi)
        legend = in_legends.get(id(patch))
        if legend is not None or patch.axes is None:  # over the legend's box, which is drawn after the axes
            lines.set_zorder((legend or patch).get_zorder() + 0.01)
            fig.add_artist(lines)
        else:
            lines.set_zorder(patch.get_zorder() + 0.001)
            patch.axes.add_artist(lines)
        patch.set_hatch("")


def _hatch_lines(patch: Patch, tile: float) -> PathPatch:
    """Gives the patch's hatch as lines on the page, one copy per `tile` points, clipped to the patch.

    Only the marks that reach the patch are kept, so the PDF does not carry whole tiles of hatch."""
    box = patch.get_window_extent().padded(HATCH_MARGIN)
    unit = Path.hatch(patch.get_hatch(), HATCH_DENSITY)
    marks = [np.asarray(mark, dtype=float) * tile for mark in unit.to_polygons(closed_only=False)]
    columns = np.arange(np.floor(box.x0 / tile), np.ceil(box.x1 / tile)) * tile
    rows = np.arange(np.floor(box.y0 / tile), np.ceil(box.y1 / tile)) * tile
    shifted = (mark + np.array([x, y]) for x in columns for y in rows for mark in marks)
    kept = [Path(mark) for mark in shifted if _reaches(mark, box)]
    colour = patch.get_hatchcolor()
    lines = PathPatch(
        Path.make_compound_path(*kept) if kept else Path(np.zeros((1, 2))),
        transform=IdentityTransform(),
        facecolor=colour,  # dots and circles are filled, as matplotlib draws them
        edgecolor=colour,
        linewidth=patch.get_hatch_linewidth(),
    )
    lines.set_clip_path(patch.get_path(), patch.get_transform())
    lines.set_in_layout(False)
    return lines


def _reaches(mark: np.ndarray, box: Bbox) -> bool:
    """Tells whether a hatch mark's extent meets the box."""
    low, high = mark.min(axis=0), mark.max(axis=0)
    return bool(low[0] <= box.x1 and high[0] >= box.x0 and low[1] <= box.y1 and high[1] >= box.y0)


HATCH_MARGIN = 3  # points: the final layout may move an area by a fraction of one
HATCH_DENSITY = 6  # lines per inch per hatch character: matplotlib's own renderers use 6


def _image_as_cells(ax: Axes, image: AxesImage) -> None:
    """Puts a grid of coloured cells, one per pixel of the heatmap, where the heatmap was."""
    values = image.get_array()
    if values is None or np.ndim(values) != 2:
        return  # a photo-like picture has no cells to redraw; it stays a picture
    rows, columns = np.shape(values)
    left, right, bottom, top = image.get_extent()
    first_row, last_row = (top, bottom) if image.origin == "upper" else (bottom, top)
    limits, norm = (ax.get_xlim(), ax.get_ylim()), image.norm
    assert isinstance(norm, Normalize), "a heatmap's colours come from a scale"
    cells = ax.pcolormesh(
        np.linspace(left, right, columns + 1),
        np.linspace(first_row, last_row, rows + 1),
        values,
        cmap=image.get_cmap(),
        norm=norm,
        alpha=image.get_alpha(),
        zorder=image.get_zorder(),
        # Each cell's edge in its own colour: no hairline seams between neighbouring cells in a viewer.
        edgecolors="face",
        linewidth=0.3,
    )
    cells.set_clip_path(image.get_clip_path())
    image.remove()
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])


class ReportFonts(FontMap):
    """Sets every text of a chart in the report's DejaVu Sans, in the weight and style the chart asks for.

    The charts are drawn in DejaVu Sans on screen too, so the printed text takes the same room."""

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= BOLD_WEIGHT)
        italic = style in ("italic", "oblique")
        return FACES[bold, italic], True


BOLD_WEIGHT = 600  # CSS weights from this on are drawn bold (matplotlib writes 700 for bold)
FACES = {(False, False): FONT, (True, False): BOLD, (False, True): ITALIC, (True, True): BOLD_ITALIC}


@functools.cache
def report_fonts() -> ReportFonts:
    """Gives the fonts charts' text is set in, the report's own registered ones."""
    register_fonts()
    return ReportFonts()
