"""How a reveal step fits the screen: type sized to the screen's height, and a list too long for it
continued on further pages rather than cut.

A projector shows anything from 1280x800 to 3840x2160. The type is designed for 1080 pixels of height and
scaled to the height there is; when a step's lines do not fit, the type may shrink a little (never below
READABLE_SHARE of its size); when they still do not fit, the step continues on another page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from workshop.reveal import RevealStep
from workshop.ui.i18n import tr

# Pixel sizes at 1080 pixels of height and the usual 9 pt system type: body 34 px, so the back row reads it.
PIXEL_SIZES = {"body": 34, "step": 26, "headline": 64, "hint": 22}
DESIGN_HEIGHT = 1080
MARGINS = (96, 64, 96, 48)  # left, top, right, bottom, at the design height
SPACING = 24
MARGIN_RATIO = 1.5  # the most the margins and spacing grow, so a 4K screen's room goes to the text
GAPS = 4  # spaces between the column's items: step, headline, lines, the stretch below them, the hint
USUAL_POINT_SIZE = 9.0
# Larger system type makes the reveal larger, up to a quarter: the reveal's type is already made for the back
# row, and projector mode's 20 pt would otherwise double it past what a screen holds.
MAX_TYPE_RATIO = 1.25
HEIGHT_RATIOS = (0.6, 2.0)  # from a small laptop screen to 4K
READABLE_SHARE = 0.8  # the type may shrink to this share before a list continues on another page
SMALLEST_SHARE = 0.4  # a headline too long for the screen shrinks this far at most
SHRINK = 0.95
BOLD = ("step", "headline")


@dataclass(frozen=True)
class StepFit:
    """How one step is shown: its type scale and the slices of its lines on each of its pages."""

    scale: float
    pages: tuple[tuple[int, int], ...]


def start_scale(height: int, system_point_size: float) -> float:
    """Gives the type scale for a screen this high: the height's share of the design, times the system's."""
    system = min(max(system_point_size / USUAL_POINT_SIZE, 1.0), MAX_TYPE_RATIO)
    low, high = HEIGHT_RATIOS
    return system * min(max(height / DESIGN_HEIGHT, low), high)


def pixel_sizes(scale: float) -> dict[str, int]:
    return {part: max(1, round(px * scale)) for part, px in PIXEL_SIZES.items()}


def margins(scale: float) -> tuple[int, int, int, int]:
    """Gives the margins around the column: they follow the type, between 60% and 150% of the design."""
    kept = min(max(scale, HEIGHT_RATIOS[0]), MARGIN_RATIO)
    left, top, right, bottom = (round(m * kept) for m in MARGINS)
    return left, top, right, bottom


def spacing(scale: float) -> int:
    return round(SPACING * min(max(scale, HEIGHT_RATIOS[0]), MARGIN_RATIO))


def range_title(title: str, page: tuple[int, int], count: int) -> str:
    """Gives the title of one page of a step continued over several: which of its lines it shows."""
    first, end = page
    shown = tr("{title} ({first}–{last} of {count})")
    return shown.format(title=title, first=first + 1, last=end, count=count)


def step_title(number: int, count: int, title: str) -> str:
    return tr("Step {number} of {count}: {title}").format(number=number, count=count, title=title)


def body_text(step: RevealStep, page: tuple[int, int]) -> str:
    """Gives the lines shown on one page of the step: its lead (on every page), then its share of the list."""
    first, end = page
    shown = step.lines[first:end]
    return "\n".join((*step.lead, "", *shown) if step.lead else shown)


def fit_step(step: RevealStep, size: QSize, start: float, hint: str) -> StepFit:
    """Gives the largest scale (down to READABLE_SHARE) that shows the whole step on one page, or else
    the step's lines over as few pages as the start scale allows."""
    everything = ((0, len(step.lines)),)
    scale = start
    while scale >= start * READABLE_SHARE:
        if _Measure(step, size, scale, hint).fits(everything[0]):
            return StepFit(scale, everything)
        scale *= SHRINK
    scale = start
    while scale >= start * SMALLEST_SHARE:
        pages = _Measure(step, size, scale, hint).pages()
        if pages is not None:
            return StepFit(scale, pages)
        scale *= SHRINK
    return StepFit(scale, tuple((line, line + 1) for line in range(len(step.lines))) or everything)


class _Measure:
    """Measures a step's texts at one scale, as the reveal's word-wrapped labels will lay them out."""

    def __init__(self, step: RevealStep, size: QSize, scale: float, hint: str) -> None:
        self.step = step
        left, top, right, bottom = margins(scale)
        self.width = max(1, size.width() - left - right)
        sizes = pixel_sizes(scale)
        self.fonts = {part: _font(px, part in BOLD) for part, px in sizes.items()}
        # The longest title a page of this step can have, so no page's title is taller than measured.
        title = step_title(88, 88, range_title(step.title, (887, 888), 888))
        fixed = self.height(title, "step") + self.height(step.headline, "headline")
        self.room = size.height() - top - bottom - GAPS * spacing(scale) - fixed - self.height(hint, "hint")

    def height(self, text: str, part: str) -> int:
        if not text:
            return 0
        box = QFontMetrics(self.fonts[part]).boundingRect(
            QRect(0, 0, self.width, 1_000_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return box.height()

    def fits(self, page: tuple[int, int]) -> bool:
        return self.room >= self.height(body_text(self.step, page), "body")

    def pages(self) -> tuple[tuple[int, int], ...] | None:
        """Gives the lines split evenly over as few pages as hold them, or None when one line does not fit."""
        count = len(self.step.lines)
        if self.room <= 0:
            return None
        needed = self.height(body_text(self.step, (0, count)), "body")
        for parts in range(max(1, -(-needed // self.room)), count + 1):
            pages = _even(count, parts)
            if all(self.fits(page) for page in pages):
                return pages
        return None


def _even(count: int, parts: int) -> tuple[tuple[int, int], ...]:
    """Gives `count` lines split into `parts` runs whose lengths differ by one at most, longer runs first."""
    size, extra = divmod(count, parts)
    pages, first = [], 0
    for part in range(parts):
        end = first + size + (1 if part < extra else 0)
        pages.append((first, end))
        first = end
    return tuple(pages)


def _font(pixels: int, bold: bool) -> QFont:
    font = QFont(QApplication.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font
