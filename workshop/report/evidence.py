"""Which page holds a decision's evidence: found while the pages are laid out, printed when the PDF is saved.

The decision table comes first, its evidence pages later; so each page number is a late text (see `late`),
filled in by the document when it lays out the first flowable of the right section that shows the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table

from workshop.decisions import Evidence
from workshop.wording import tr

from .late import LateText, ReportCanvas
from .styles import FONT, MUTED, TABLE_SIZE
from .text import CellLine, clean

ANCHOR_CHARS = 40  # the start of the evidence text looked for: a long one may be cut in its cell


def evidence_page(key: str) -> str:
    """Gives the name of the late value holding the page of the evidence with this key."""
    return f"evidence {key}"


@dataclass
class EvidenceLookout:
    """The evidence the report points to, not yet found, and the section and part being laid out."""

    wanted: dict[str, Evidence]
    section: str = ""
    part: str = ""

    def heading(self, title: str, level: int) -> None:
        """Gives nothing; notes that the layout has reached this section (level 0) or part (level 1)."""
        if level == 0:
            self.section, self.part = title, ""
        elif level == 1:
            self.part = title

    def found_on(self, flowable: Flowable, page: int) -> dict[str, str]:
        """Gives the late values (evidence page names to this page) of the evidence this flowable shows."""
        shown: dict[str, str] = {}
        text = ""
        for key, evidence in list(self.wanted.items()):
            if tr(evidence.section) != self.section or (evidence.part and tr(evidence.part) != self.part):
                continue
            text = text or _flat(" ".join(texts_of(flowable)))
            if text and _flat(evidence.text)[:ANCHOR_CHARS] in text:
                shown[evidence_page(key)] = str(page)
                del self.wanted[key]
        return shown


def _flat(text: str) -> str:
    return " ".join(clean(text).split())


def texts_of(flowable: Any) -> Iterable[str]:
    """Gives the plain texts a flowable shows: a paragraph's, a cell line's, every cell of a table."""
    if isinstance(flowable, Paragraph):
        yield flowable.getPlainText()
    elif isinstance(flowable, CellLine):
        yield flowable.text
    elif isinstance(flowable, str):
        yield flowable
    elif isinstance(flowable, Table):
        for row in flowable._cellvalues:
            for value in row:
                yield from texts_of(value)
    elif isinstance(flowable, list | tuple):
        for item in flowable:
            yield from texts_of(item)


class EvidencePage(Flowable):
    """A table cell's page number of a decision's evidence, known only once the report is laid out."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, TABLE_SIZE * 1.3

    def draw(self) -> None:
        canvas: ReportCanvas = self.canv
        number = LateText(f"{{{evidence_page(self.key)}}}", FONT, TABLE_SIZE, MUTED)
        canvas.draw_late(f"evidence-{self.key}", number, self.width, TABLE_SIZE * 0.3)


class EvidenceWanted(Flowable):
    """Takes no room; tells the document which evidence to look out for (the decisions' table has them)."""

    def __init__(self, wanted: dict[str, Evidence]) -> None:
        super().__init__()
        self.wanted = wanted

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass
