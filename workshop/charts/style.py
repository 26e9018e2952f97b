"""The look every chart shares: colour-blind-safe colours, fonts for print and projector, label wrapping."""

from __future__ import annotations

import functools
import logging
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from weakref import WeakKeyDictionary, WeakSet

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation, Transform

from workshop.fonts import installed_fallbacks
from workshop.wording import tr

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

# Paul Tol's "muted" scheme: nine colours that stay apart for the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#332288",  # indigo
    "#88CCEE",  # cyan
    "#44AA99",  # teal
    "#117733",  # green
    "#999933",  # olive
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#882255",  # wine
    "#AA4499",  # purple
)
# After the palette runs out the colours repeat, so the marker and hatch change to keep items apart.
MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P")
HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++")

NEUTRAL = "#BBBBBB"
INK = "#222222"
MUTED_INK = "#555555"
ALERT = "#CC3311"  # Tol's vibrant red, for what needs the room's attention
FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib; covers Latin, Greek and Cyrillic
LABEL_WIDTH = 28
PRINT_WIDTH_IN = 6.5
POINTS_PER_INCH = 72
PRINT_BODY = 8.5  # points of a tick label on the printed page
MIN_FONT = 6.5
NOTE_SHARE = 0.92  # of the body size, for reading keys and legends
_SIDE = 0.035  # a number's distance from its point, as a share of the axes
LABEL_SIDES = tuple(
    (_SIDE * dx, _SIDE * dy)
    for dx, dy in ((1, 1), (-1, 1), (1, -1), (-1, -1), (0, 1.5), (0, -1.5), (1.5, 0), (-1.5, 0))
)


@dataclass(frozen=True)
class ItemStyle:
    """How one opportunity is drawn in every chart: colour, marker and bar hatch."""

    colour: str
    marker: str
    hatch: str


def item_styles(titles: Iterable[str]) -> dict[str, ItemStyle]:
    """Gives each title its style, fixed by the title's place in the sorted list of all titles."""
    styles = {}
    for place, title in enumerate(sorted(set(titles))):
        cycle = place // len(PALETTE)
        styles[title] = ItemStyle(
            PALETTE[place % len(PALETTE)], MARKERS[cycle % len(MARKERS)], HATCHES[cycle % len(HATCHES)]
        )
    return styles


def item_colours(titles: Iterable[str]) -> dict[str, str]:
    """Gives each title its colour, the same in every chart (see `item_styles`)."""
    return {title: style.colour for title, style in item_styles(titles).items()}


def opportunity_styles(findings: WorkshopFindings) -> dict[str, ItemStyle]:
    """Gives the style of every opportunity the findings mention, from the workshop's full list of titles."""
    titles = {o.title for o in findings.record.opportunities}
    if findings.ranking is not None:
        titles.update(findings.ranking.items)
    titles.update(p.title for p in findings.placements)
    titles.update(p.opportunity for w in findings.record.workflows for p in w.pilots)
    return item_styles(titles)


# Figures drawn for a screen, with the body text size (points) of the window they are shown in.
_screen_body: WeakKeyDictionary[Figure, float] = WeakKeyDictionary()


def for_screen(fig: Figure, body_points: float) -> None:
    """Has the figure's text drawn at the window's body size, whatever the figure's width.

    On a page the text must read like the text around it; the printed page and the reveal's picture instead
    grow their type with the figure's width. A screen figure grows taller for many rows (see `sizing`),
    so its row labels keep the body size instead of shrinking."""
    _screen_body[fig] = body_points


# Figures drawn for the room's projector: no appendix there, so a shortened list only says it is shortened.
_projected: WeakSet[Figure] = WeakSet()


def for_projector(fig: Figure) -> None:
    """Has a shortened list on the figure say how much it shows without pointing to the report's appendix."""
    _projected.add(fig)


def font_sizes(fig: Figure) -> dict[str, float]:
    """Gives font sizes in points for this figure: the window's body size on screen; on paper legible on a
    printed page and larger on a projector. `row_floor` is the smallest a row label may shrink to."""
    screen = _screen_body.get(fig)
    if screen is None:
        width = float(fig.get_size_inches()[0])
        base, floor = PRINT_BODY * max(1.0, width / PRINT_WIDTH_IN) ** 0.8, MIN_FONT
    else:
        base = floor = screen
    scale = base / PRINT_BODY
    return {
        "title": base * 1.35,
        "label": base * 1.1,
        "tick": base,
        "note": base * NOTE_SHARE,
        "marker": scale**2,
        "row_floor": floor,
    }


@functools.cache
def fallback_families() -> tuple[str, ...]:
    """Gives the families matplotlib draws a glyph in when DejaVu Sans lacks it (CJK, Devanagari, emoji).

    The same chain as the PDF's; each file is added to matplotlib's font list, whose cache may predate it.
    """
    logging.getLogger("matplotlib.font_manager").addFilter(_no_bold_fallback_note)
    families = []
    for _name, path in installed_fallbacks():
        font_manager.fontManager.addfont(str(path))
        families.append(font_manager.FontProperties(fname=str(path)).get_name())
    return tuple(families)


def _no_bold_fallback_note(record: logging.LogRecord) -> bool:
    """Drops matplotlib's note that a fallback font (emoji, symbols) has no bold: regular is what we want."""
    return not record.getMessage().startswith("findfont: Failed to find font weight")


@contextmanager
def chart(fig: Figure, title: str) -> Iterator[dict[str, float]]:
    """Clears the figure, sets the shared look and title, and yields the font sizes to draw with."""
    sizes = font_sizes(fig)
    with mpl.rc_context(
        {
            # Named fonts, not "sans-serif": each text keeps the chain when it is drawn after this block.
            "font.family": [FONT_FAMILY, *fallback_families()],
            "font.sans-serif": [FONT_FAMILY],
            "font.size": sizes["tick"],
            "axes.titlesize": sizes["label"],
            "axes.labelsize": sizes["label"],
            "xtick.labelsize": sizes["tick"],
            "ytick.labelsize": sizes["tick"],
            "legend.fontsize": sizes["note"],
            "axes.edgecolor": MUTED_INK,
            "axes.labelcolor": INK,
            "text.color": INK,
            "xtick.color": MUTED_INK,
            "ytick.color": MUTED_INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            # Titles are typed by people ("Save $5 to $10"): dollar signs must not start TeX math.
            "text.parse_math": False,
        }
    ):
        fig.clear()
        fig.set_layout_engine("constrained")
        fig.suptitle(title, fontsize=sizes["title"], fontweight="bold")
        yield sizes


def wrap(text: str, width: int = LABEL_WIDTH, max_lines: int = 2) -> str:
    """Gives the text broken into lines of about `width` characters, elided with "…" beyond `max_lines`."""
    visible = "".join(char for char in text if unicodedata.category(char) != "Cc")  # control characters
    lines = textwrap.wrap(" ".join(visible.split()), width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return "\n".join(lines)


def row_lines(rows: int) -> int:
    """Gives how many lines a row label may take: two for a dozen rows or fewer, else one."""
    return 2 if rows <= 12 else 1


TOP_ITEMS = 25  # a chart lists at most this many opportunities, so that every label stays legible
TOP_IN_QUADRANT = 10  # a 2x2 numbers fewer: its points crowd where teams share a readiness


Row = TypeVar("Row")


def top_items(
    rows: Sequence[Row], limit: int = TOP_ITEMS, *, fig: Figure | None = None
) -> tuple[list[Row], str]:
    """Gives the first `limit` rows and, when some are left out, the words that say so (else "").

    A window's figure (see `for_screen`) keeps every row: it grows taller instead, and scrolls.
    """
    if len(rows) <= limit or (fig is not None and fig in _screen_body):
        return list(rows), ""
    if fig is not None and fig in _projected:
        said = tr("top {shown} of {total}").format(shown=limit, total=len(rows))
    else:
        said = tr("top {shown} of {total}; the rest in the appendix").format(shown=limit, total=len(rows))
    return list(rows[:limit]), said


def row_label(text: str, rows: int) -> str:
    """Gives a row label wrapped onto two lines, or one wider line when there are many rows."""
    lines = row_lines(rows)
    return wrap(text, LABEL_WIDTH if lines == 2 else 42, lines)


def row_font(sizes: dict[str, float], rows: int) -> float:
    """Gives a row-label size that still fits when there are many rows, never below print legibility."""
    return max(sizes["row_floor"], sizes["tick"] * min(1.0, (12 / max(rows, 1)) ** 0.5))


def say_instead(fig: Figure, sentence: str, sizes: dict[str, float]) -> None:
    """Draws a plain centred sentence where the chart would be, with no axes."""
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(
        0.5, 0.5, wrap(sentence, 60, 4), ha="center", va="center", fontsize=sizes["label"], color=MUTED_INK
    )


def note(fig: Figure, text: str, sizes: dict[str, float]) -> None:
    """Adds a short grey line under the chart (its reading key or a caveat); the layout makes room for it."""
    width = int(95 * fig.get_size_inches()[0] / PRINT_WIDTH_IN * PRINT_BODY / sizes["tick"])
    fig.supxlabel(wrap(text, width, 3), fontsize=sizes["note"], color=MUTED_INK)


def tidy_ticks(ax: Axes, sizes: dict[str, float], rows: int | None = None) -> None:
    """Sets tick label sizes that survive redraws outside the chart's style context (rows: y labels)."""
    ax.tick_params(labelsize=sizes["tick"], colors=MUTED_INK)
    if rows is not None:
        ax.tick_params(axis="y", labelsize=row_font(sizes, rows))


def quadrant_name(ax: Axes, text: str, x: float, y: float, ha: str, va: str, sizes: dict[str, float]) -> None:
    """Writes a quadrant's name in its corner (x, y in the axes' 0..1), the same in every 2x2 chart."""
    ax.text(
        x,
        y,
        text,
        transform=ax.transAxes,
        ha=ha,
        va=va,
        fontsize=sizes["label"],
        color=MUTED_INK,
        fontweight="bold",
        zorder=0,
    )


def styled_points(
    ax: Axes, points: Sequence[tuple[float, float]], item_styles: Sequence[ItemStyle], sizes: dict[str, float]
) -> None:
    """Draws each point in its opportunity's colour and marker, the same in every chart."""
    for style, (x, y) in zip(item_styles, points, strict=True):
        ax.scatter(
            x,
            y,
            s=80 * sizes["marker"],
            color=style.colour,
            marker=style.marker,
            edgecolors="white",
            zorder=3,
        )


def number_points(
    ax: Axes,
    points: Sequence[tuple[float, float]],
    size: float,
    limits: tuple[tuple[float, float], tuple[float, float]],
    obstacles: Sequence[tuple[float, float]] = (),
    labels: Sequence[str] | None = None,
) -> None:
    """Numbers the points 1, 2, ... (or with `labels`), each on the side with most room from the others."""
    (x0, x1), (y0, y1) = limits

    def unit(x: float, y: float) -> tuple[float, float]:
        return (x - x0) / (x1 - x0), (y - y0) / (y1 - y0)

    spots = [unit(x, y) for x, y in points]
    taken = [unit(x, y) for x, y in obstacles]
    for number, (u, v) in enumerate(spots, 1):
        others = spots[: number - 1] + spots[number:] + taken
        du, dv = max(LABEL_SIDES, key=lambda side: _room(u + side[0], v + side[1], others))
        taken.append((u + du, v + dv))
        ax.annotate(
            labels[number - 1] if labels is not None else str(number),
            points[number - 1],
            xytext=(x0 + (u + du) * (x1 - x0), y0 + (v + dv) * (y1 - y0)),
            textcoords="data",
            fontsize=size,
            ha="center",
            va="center",
            fontweight="bold",
            color=INK,
            zorder=4,
        )


def _room(u: float, v: float, others: Sequence[tuple[float, float]]) -> float:
    return min((abs(u - a) + abs(v - b) for a, b in others), default=1.0)


def numbered_key(
    ax: Axes,
    entries: Sequence[tuple[ItemStyle | None, str]],
    sizes: dict[str, float],
    labels: Sequence[str] | None = None,
) -> None:
    """Lists the numbered points beside the chart (1, 2, ... or `labels`), each with its marker."""
    ax.set_axis_off()
    rows = max(len(entries), 1)
    step = min(0.2, 1.0 / rows)
    font = max(MIN_FONT, sizes["row_floor"] * NOTE_SHARE, sizes["note"] * min(1.0, (10 / rows) ** 0.5))
    lines = 3 if rows <= 6 else row_lines(rows)
    width = 30 if lines > 1 else 40
    # The number and the title sit a few font sizes from the marker, not a share of the key's width, so
    # they stay together however wide the chart is drawn.
    number_at, title_at = _beside(ax, 2.8 * font), _beside(ax, 3.2 * font)
    for k, (style, title) in enumerate(entries):
        y = 1.0 - (k + 0.5) * step
        if style is not None:
            ax.scatter(
                0.0,
                y,
                s=40 * sizes["marker"],
                color=style.colour,
                marker=style.marker,
                transform=ax.transAxes,
                clip_on=False,
            )
        ax.text(
            0.0,
            y,
            f"{labels[k] if labels is not None else k + 1}.",
            transform=number_at,
            va="center",
            ha="right",
            fontsize=font,
            fontweight="bold",
        )
        ax.text(0.0, y, wrap(title, width, lines), transform=title_at, va="center", fontsize=font)


def _beside(ax: Axes, points: float) -> Transform:
    """Gives the axes' own coordinates moved `points` to the right."""
    return ax.transAxes + ScaledTranslation(points / POINTS_PER_INCH, 0, ax.figure.dpi_scale_trans)
