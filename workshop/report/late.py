"""Numbers known only once the last page is laid out: "of Y" in the footer and the contents' page numbers.

Each such number is a named PDF form drawn where it belongs and filled in when the document is saved,
so the report is laid out once instead of once more for the contents and the page count.
"""

from __future__ import annotations

import re
from ast import literal_eval
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tableofcontents import TableOfContents

FORM_REACH = 400  # how far a right-aligned number's form may reach left of and above its point, in points
DOT_LEADER = " . "
NUMBER_ROOM = "0000"  # the width kept free for a page number in the contents
PAGE_TOTAL = "pages"  # the late value holding the number of pages
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class LateText:
    """A text drawn right-aligned at its form's origin, in this font, size and colour.

    A {name} in the text becomes the canvas's late value of that name ({pages}: the number of pages).
    """

    text: str
    font: str
    size: float
    colour: Color


class ReportCanvas(Canvas):
    """A canvas that fills in its late texts when it saves, and counts the pages it has finished."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late_texts: dict[str, LateText] = {}
        self.late_values: dict[str, str] = {}
        self.pages_done = 0

    def draw_late(self, name: str, late: LateText, x: float, y: float) -> None:
        """Draws the late text with its right end at (x, y); its values are filled in at save time."""
        self.late_texts[name] = late
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def showPage(self) -> None:
        super().showPage()
        self.pages_done += 1

    def save(self) -> None:
        values = {**self.late_values, PAGE_TOTAL: str(self.pages_done)}
        for name, late in self.late_texts.items():
            text = _PLACEHOLDER.sub(lambda found: values.get(found.group(1), "?"), late.text)
            self.beginForm(name, -FORM_REACH, -late.size, 0, FORM_REACH)
            self.setFont(late.font, late.size)
            self.setFillColor(late.colour)
            self.drawRightString(0, 0, text)
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
