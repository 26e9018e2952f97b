"""What is known only once the last page is laid out: the page total, the contents' page numbers, charts.

Each is a named PDF form placed where it belongs and drawn when the document is saved. So the report is
laid out once (not once more for the contents and the page count), and while the charts are still being
drawn elsewhere (see `drawing`).
"""

from __future__ import annotations

import re
from ast import literal_eval
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tableofcontents import TableOfContents

TEXT_REACH = 400  # how far a right-aligned text's form may reach left of and above its point, in points
DOT_LEADER = " . "
NUMBER_ROOM = "0000"  # the width kept free for a page number in the contents
PAGE_TOTAL = "pages"  # the late value holding the number of pages
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class LateForm:
    """What a late form draws when the document is saved, in its box (x0, y0, x1, y1) around its origin."""

    box: tuple[float, float, float, float]
    draw: Callable[[ReportCanvas], None]


@dataclass(frozen=True)
class LateText:
    """A text drawn right-aligned at its form's origin, in this font, size and colour.

    A {name} in the text becomes the canvas's late value of that name ({pages}: the number of pages).
    """

    text: str
    font: str
    size: float
    colour: Color

    def form(self) -> LateForm:
        """Gives the late form that draws this text."""

        def draw(canvas: ReportCanvas) -> None:
            canvas.setFont(self.font, self.size)
            canvas.setFillColor(self.colour)
            canvas.drawRightString(0, 0, canvas.filled_in(self.text))

        return LateForm((-TEXT_REACH, -self.size, 0, TEXT_REACH), draw)


class ReportCanvas(Canvas):
    """A canvas that draws its late forms when it saves, and counts the pages it has finished."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late_forms: dict[str, LateForm] = {}
        self.late_values: dict[str, str] = {}
        self.pages_done = 0

    def draw_late(self, name: str, late: LateForm | LateText, x: float = 0, y: float = 0) -> None:
        """Places the late form (or text, its right end) at (x, y); it is drawn when the document is saved."""
        self.late_forms[name] = late.form() if isinstance(late, LateText) else late
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def filled_in(self, text: str) -> str:
        """Gives the text with each {name} replaced by its late value (only right when saving)."""
        values = {**self.late_values, PAGE_TOTAL: str(self.pages_done)}
        return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), "?"), text)

    def showPage(self) -> None:
        super().showPage()
        self.pages_done += 1

    def save(self) -> None:
        for name, late in self.late_forms.items():
            self.beginForm(name, *late.box)
            late.draw(self)
            self.endForm()
        super().save()


def page_of(key: str) -> str:
    """Gives the name of the late value holding the page of the heading with this bookmark key."""
    return f"page of {key}"


class Contents(TableOfContents):
    """The table of contents, its entries known before layout and their page numbers filled in late.

    Every entry links to its heading; from the second level on, dots lead to the page number.
    """

    def __init__(self, level_styles: list[ParagraphStyle], **kw: Any) -> None:
        super().__init__(levelStyles=level_styles, **kw)

    def expect(self, entries: list[tuple[int, str, str]]) -> None:
        """Gives nothing; lists the headings (level, text as markup, bookmark key) the contents will show."""
        self._lastEntries = [(level, text, 0, key) for level, text, key in entries]

    def beforeBuild(self) -> None:
        # Entries are given up front: a build must not clear them.
        pass

    def isSatisfied(self) -> bool:
        return True

    def notify(self, kind: str, stuff: Any) -> None:
        pass

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size = super().wrap(availWidth, availHeight)

        def entry_end(canvas: ReportCanvas, kind: str, label: str) -> None:
            _, level, key = label.split(",")
            if literal_eval(key) is not None:  # a section with nothing to say has no page
                self._draw_page_number(canvas, int(level), literal_eval(key), availWidth)

        # Replaces reportlab's own callback (registered by the wrap above), which prints known numbers.
        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)
        return size

    def _draw_page_number(self, canvas: ReportCanvas, level: int, key: str, width: float) -> None:
        style = self.getLevelStyle(level)
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        if level >= self.dotsMinLevel:
            room = width - stringWidth(NUMBER_ROOM, style.fontName, style.fontSize) - x
            dots = int(room / stringWidth(DOT_LEADER, style.fontName, style.fontSize))
            text = canvas.beginText(x, y)
            text.setFont(style.fontName, style.fontSize)
            text.setFillColor(style.textColor)
            text.textLine(DOT_LEADER * max(dots, 0))
            canvas.drawText(text)
        number = LateText(f"{{{page_of(key)}}}", style.fontName, style.fontSize, style.textColor)
        canvas.draw_late(f"contents-{key}", number, width, y)
