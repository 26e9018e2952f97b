"""Every chart the app and the PDF show: its key, title, builder and phase, a PNG of it and its alt text."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .adkar import draw_adkar
from .audit import draw_audit_candidates, draw_caution_flags
from .capacity import draw_capacity
from .ranking import draw_agreement, draw_consensus, draw_rank_distribution
from .ratings import draw_impact_effort, draw_points
from .readiness import draw_perception_gap, draw_readiness
from .readiness_trend import draw_readiness_trend
from .strategy import draw_pilot_timeline, draw_priority_readiness
from .style import for_projector, for_screen
from .summaries import alt_text as alt_text  # callers keep importing it from here
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

Builder = Callable[[Figure, "WorkshopFindings"], None]


PNG_COMPRESSION = 3  # fast to write; charts are flat colour, so the files stay small


@dataclass(frozen=True)
class ChartSpec:
    """One chart: its key, its plain-word title, the builder that draws it, and the workshop phase (1-6)."""

    key: str
    title: str
    draw: Builder
    phase: int


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("audit_candidates", TITLES["audit_candidates"], draw_audit_candidates, 1),
    ChartSpec("readiness", TITLES["readiness"], draw_readiness, 2),
    ChartSpec("perception_gap", TITLES["perception_gap"], draw_perception_gap, 2),
    ChartSpec("readiness_trend", TITLES["readiness_trend"], draw_readiness_trend, 2),
    ChartSpec("adkar", TITLES["adkar"], draw_adkar, 2),
    ChartSpec("consensus", TITLES["consensus"], draw_consensus, 3),
    ChartSpec("agreement", TITLES["agreement"], draw_agreement, 3),
    ChartSpec("rank_distribution", TITLES["rank_distribution"], draw_rank_distribution, 3),
    ChartSpec("points", TITLES["points"], draw_points, 3),
    ChartSpec("impact_effort", TITLES["impact_effort"], draw_impact_effort, 3),
    ChartSpec("priority_readiness", TITLES["priority_readiness"], draw_priority_readiness, 3),
    ChartSpec("pilot_timeline", TITLES["pilot_timeline"], draw_pilot_timeline, 3),
    ChartSpec("capacity", TITLES["capacity"], draw_capacity, 5),
    ChartSpec("caution_flags", TITLES["caution_flags"], draw_caution_flags, 6),
)


def chart_by_key(key: str) -> ChartSpec:
    """Gives the chart with this key (KeyError for an unknown one)."""
    for spec in CHARTS:
        if spec.key == key:
            return spec
    raise KeyError(f"no chart called {key!r}")


def drawn_figure(
    spec: ChartSpec,
    findings: WorkshopFindings,
    *,
    width_in: float,
    height_in: float,
    dpi: float,
    body_points: float | None = None,
    projected: bool = False,
) -> Figure:
    """Gives the chart's figure laid out and rendered in memory (its pixels: `figure.canvas.buffer_rgba()`).

    `body_points`: drawn for a window whose body text has this size, which the chart's text then keeps
    at any width; without it the type grows with the width, as on the printed page. `projected`: drawn
    for the room's projector, where a shortened list points to no appendix.
    Agg only, no pyplot and no window: safe on any one thread at a time, so the window draws off its own."""
    fig = Figure(figsize=(width_in, height_in), dpi=dpi, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    if body_points is not None:
        for_screen(fig, body_points)
    if projected:
        for_projector(fig)
    spec.draw(fig, findings)
    with warnings.catch_warnings():
        # Characters the font cannot show are listed by the report's own warnings, with the field named.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        canvas.draw()
    return fig


def render_png(
    spec: ChartSpec, findings: WorkshopFindings, *, width_in: float, height_in: float, dpi: float
) -> bytes:
    """Gives the chart drawn as a PNG image of the given size in inches and resolution."""
    # One draw, then encode: savefig would lay out and render a layout-managed figure twice.
    canvas = drawn_figure(spec, findings, width_in=width_in, height_in=height_in, dpi=dpi).canvas
    assert isinstance(canvas, FigureCanvasAgg)
    image = Image.frombuffer("RGBA", canvas.get_width_height(physical=True), canvas.buffer_rgba())
    buffer = BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=PNG_COMPRESSION)
    return buffer.getvalue()
