"""What every section of the report is built with: its headings, its chart maker and its few shared words.

Its own module so that each section imports it and story.py imports the sections, without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from workshop.charts.style import top_items
from workshop.rounding import rounded
from workshop.wording import tr

from .styles import styles
from .text import markup, para

ChartMaker = Callable[[str], Flowable]

SUBHEADING_ROOM = 110  # a subheading starts a new page unless its first rows fit below it


class Heading(Paragraph):
    """A section or subsection title: listed in the contents and the PDF outline at its level."""

    def __init__(self, title: str, level: int, *, listed: bool = True) -> None:
        super().__init__(markup(title), styles()["heading1" if level == 0 else "heading2"])
        self.title = title
        self.level = level
        self.listed = listed
        self.key = ""  # its bookmark, given when the report is laid out


class NothingToSay(Flowable):
    """What a section gives when nothing is recorded for it: the reason, shown as its line in the contents."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def nothing_to_say(reason: str) -> list[Flowable]:
    """Gives a section's whole story when nothing is recorded for it (a contents line, not a page)."""
    return [NothingToSay(reason)]


class ContentsLine(Heading):
    """A contents entry for a section with nothing to say: listed, but drawn nowhere and given no page.

    It has no bookmark (its key stays empty whatever the layout assigns), so the contents print no page
    number for it and the outline leaves it out.
    """

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass

    @property
    def key(self) -> str:
        return ""

    @key.setter
    def key(self, value: str) -> None:
        pass


def subheading(title: str) -> list[Flowable]:
    """Gives a subsection title that is never left alone at the foot of a page."""
    return [CondPageBreak(SUBHEADING_ROOM), Heading(title, 1)]


def shortened(rows: Sequence[Sequence[str]], limit: int | None) -> tuple[list[Sequence[str]], list[Flowable]]:
    """Gives the first `limit` rows (all when None) and the line saying the rest are in the appendix."""
    if limit is None:
        return list(rows), []
    shown, left_out = top_items(rows, limit)
    return shown, [para(left_out[0].upper() + left_out[1:] + ".", "small")] if left_out else []


def titled(title: str, table: list[Flowable]) -> list[Flowable]:
    """Gives a table under its subheading, or nothing when the table is empty (no header-only tables)."""
    return [*subheading(title), *table] if table else []


def yes_no(value: bool) -> str:
    return tr("yes") if value else tr("no")


def interval(low: float | None, high: float | None) -> str:
    """Gives a 95% interval as "+0.4 to +1.2", or a dash when it is not known."""
    if low is None or high is None:
        return "–"
    return tr("{low} to {high}").format(low=rounded(low, signed=True), high=rounded(high, signed=True))


def team_group(team: str | None, group: str) -> str:
    """Gives "team / group", or whichever of the two is given."""
    return " / ".join(part for part in (team, group) if part)
