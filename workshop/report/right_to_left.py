"""A right-to-left paragraph (Arabic, Hebrew) whose lines follow each other in reading order."""

from __future__ import annotations

import functools
from collections.abc import Callable

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from .scripts import font_runs
from .styles import font_for

SAFETY = 0.96  # a shaped line can be a little wider than its letters measured one by one


class RightToLeftParagraph(Flowable):
    """Lines broken in reading order, each set from the right as a one-line paragraph in display order.

    reportlab, without ReportLab's own bidi package, breaks a paragraph's lines in the order its words are
    seen: a long right-to-left note would show its last words on its first line.
    """

    def __init__(self, text: str, style: ParagraphStyle, line_markup: Callable[[str], str]) -> None:
        super().__init__()
        self.text, self.style, self._markup = text, style, line_markup
        self.keepWithNext = getattr(style, "keepWithNext", 0)  # a title stays with what follows it
        self._lines: list[Paragraph] = []
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        style = line_style(self.style)
        self._lines = [Paragraph(self._markup(line), style) for line in self._broken(available_width)]
        self._heights = [line.wrap(available_width, available_height)[1] for line in self._lines]
        self.width, self.height = available_width, sum(self._heights)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        for line, height in zip(self._lines, self._heights, strict=True):
            top -= height
            line.drawOn(self.canv, 0, top)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        return list(self._lines) if len(self._lines) > 1 else []

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def _broken(self, width: float) -> list[str]:
        """Gives the text's lines in reading order: its own line ends, then words while they fit."""
        lines: list[str] = []
        for typed in self.text.split("\n"):
            line = ""
            for word in typed.split(" "):
                longer = f"{line} {word}" if line else word
                if line and self._width(longer) > width * SAFETY:
                    lines.append(line)
                    longer = word
                line = longer
            lines.append(line)
        return lines

    def _width(self, text: str) -> float:
        style = self.style
        return sum(
            stringWidth(run, font or style.fontName, style.fontSize)
            for font, run in font_runs(text, lambda ch: font_for(ch) or None)
        )


@functools.cache
def line_style(style: ParagraphStyle) -> ParagraphStyle:
    """Gives the style of one line of a right-to-left paragraph: aligned right, no space around it."""
    return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT, spaceBefore=0, spaceAfter=0)
