"""User text made safe for the report: escaped (never markup), split when long, fitted into table cells."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from workshop.headlines import clean
from workshop.rounding import rounded
from workshop.wording import calendar_day, tr

from .right_to_left import RightToLeftParagraph
from .scripts import display_order, font_runs, has_right_to_left, reads_right_to_left
from .styles import FRAME_WIDTH, TABLE_SIZE, can_show, font_characters, font_for, styles, table_style

# Paragraphs longer than this are cut into several, so a huge note flows over pages quickly.
CHUNK_CHARS = 2000
CELL_LINES = 16  # a table cell shows at most this many lines; the rest continues below the table
ELLIPSIS = " … (continued below the table)"
MISSING = "\ufffd"  # drawn for a character no font of the report can show


def markup(text: str) -> str:
    """Gives user text as paragraph markup that prints exactly as typed, newlines kept, in every script."""
    text = clean(text)
    if plain(text):
        return escape(text).replace("\n", "<br/>")
    return "<br/>".join(_line_markup(display_order(line)) for line in text.split("\n"))


def paragraph(text: str, style: ParagraphStyle) -> Flowable:
    """Gives user text as a paragraph; a right-to-left one (Arabic, Hebrew first) is set from the right."""
    text = clean(text)
    if has_right_to_left(text) and reads_right_to_left(text):
        return RightToLeftParagraph(text, style, markup)
    return Paragraph(markup(text), style)


def plain(text: str) -> bool:
    """Tells whether the main font alone shows the text, left to right (no fallback font, no reordering)."""
    shown = font_characters()
    return all(ord(ch) in shown for ch in text if ch != "\n") and not has_right_to_left(text)


def _line_markup(line: str) -> str:
    """Gives one line as markup, each run of characters the main font lacks set in a fallback font.

    A character no font has is drawn as "�" (the report warns about it by name): reportlab's shaping
    cannot place a missing glyph.
    """
    line = "".join(ch if can_show(ch) else MISSING for ch in line)
    return "".join(
        f'<font face="{font}">{escape(run)}</font>' if font else escape(run)
        for font, run in font_runs(line, lambda ch: font_for(ch) or None)
    )


def para(text: str, style: str = "body") -> Flowable:
    """Gives one paragraph of user text (escaped) in the named style."""
    return paragraph(text, styles()[style])


def labelled(label: str, text: str, style: str = "body") -> Paragraph:
    """Gives a paragraph "<b>label:</b> text", both escaped."""
    return Paragraph(f"<b>{markup(label)}:</b> {markup(text)}", styles()[style])


def labelled_long(label: str, text: str, style: str = "body") -> list[Flowable]:
    """Gives "<b>label:</b> text" as paragraphs of at most CHUNK_CHARS, so any length lays out quickly."""
    first, *rest = chunks(clean(text))
    return [labelled(label, first, style), *[paragraph(chunk, styles()[style]) for chunk in rest]]


def long_text(text: str, style: str = "body") -> list[Flowable]:
    """Gives user text of any length as paragraphs of at most CHUNK_CHARS, split at line ends or spaces."""
    return [paragraph(chunk, styles()[style]) for chunk in chunks(clean(text))]


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Gives the text cut into pieces of at most `size` characters, preferring line ends, then spaces."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        if cut <= 0:
            cut = text.rfind(" ", 0, size)
        if cut <= 0:
            cut = size
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*pieces, text] if text or not pieces else pieces


def shorten(text: str, limit: int) -> str:
    """Gives the text on one line, cut at a word with "…" when longer than `limit` characters."""
    flat = " ".join(clean(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class Column:
    """A table column: its heading and its share of the text width."""

    heading: str
    share: float


def data_table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[Flowable]:
    """Gives a wrapping table (header repeated on each page) and, below it, any cell text too long to fit.

    A table row can never be taller than a page, so long cells show their start and continue in
    paragraphs right after the table, labelled with the row's first cell and the column. No rows give
    nothing (a header alone says nothing), and a column with no value in any row is left out, once said.
    """
    if not rows:
        return []
    columns, rows, left_out = without_blank_columns(columns, rows)
    note = [para(tr("Left out, as no row has a value: {columns}.").format(columns=left_out), "small")]
    return _table(title, columns, rows) + (note if left_out else [])


def blank(value: str) -> bool:
    """Tells whether a cell holds no value: empty, or only dashes standing for unknowns."""
    return not value.strip("–-, ")


def without_blank_columns(
    columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> tuple[list[Column], list[list[str]], str]:
    """Gives the columns and rows without the columns blank in every row (never the first), and their names.

    The kept columns share the dropped ones' width in proportion, so the table still fills the page.
    """
    kept = [n for n in range(len(columns)) if n == 0 or not all(blank(row[n]) for row in rows)]
    dropped = [columns[n].heading for n in range(len(columns)) if n not in kept]
    share = sum(columns[n].share for n in kept)
    wider = [Column(columns[n].heading, columns[n].share / share) for n in kept]
    return wider, [[row[n] for n in kept] for row in rows], ", ".join(dropped)


def _table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[Flowable]:
    widths = [FRAME_WIDTH * column.share for column in columns]
    cell_style, head_style = styles()["cell"], styles()["head_cell"]
    body: list[list[Flowable]] = []
    overflow: list[Flowable] = []
    for row in rows:
        cells = []
        for value, column, width in zip(row, columns, widths, strict=True):
            shown, rest = fit_cell(value, width)
            cells.append(cell(shown + (tr(ELLIPSIS) if rest else ""), cell_style, width - CELL_PADDING))
            if rest:
                label = tr("{table}, {row}, {column} (continued)").format(
                    table=title, row=shorten(row[0], 60), column=column.heading
                )
                overflow += [para(label, "small"), *long_text(rest, "cell")]
        body.append(cells)
    header = [Paragraph(markup(column.heading), head_style) for column in columns]
    table = Table([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(rows=len(rows) + 1))
    return [table, *overflow]


CELL_PADDING = 8  # left and right padding of a table cell together (see styles.table_style)


def cell(text: str, style: ParagraphStyle, width: float) -> Flowable:
    """Gives a table cell: the text as one plain line when it fits in `width` points, else a paragraph."""
    if "\n" not in text and plain(text) and stringWidth(text, style.fontName, style.fontSize) <= width:
        return CellLine(text, style)
    return paragraph(text, style)


class CellLine(Flowable):
    """One line of text drawn as it is, where a one-line paragraph would be: far quicker to lay out.

    Drawn as plain text, never read as markup, so user text in it is inert like everywhere in the report.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.style.leading

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawString(0, style.leading - style.fontSize, self.text)  # where a paragraph puts its line


def fit_cell(text: str, width: float, max_lines: int = CELL_LINES) -> tuple[str, str]:
    """Gives the part of the text that fits in a cell of `width` points within `max_lines`, and the rest."""
    text = clean(text)
    per_line = max(8, int((width - 8) / (TABLE_SIZE * 0.62)))
    used = 0
    position = 0
    for line in text.split("\n"):
        needed = max(1, math.ceil(len(line) / per_line))
        if used + needed > max_lines:
            position += max(0, (max_lines - used) * per_line)
            space = text.rfind(" ", position - per_line, position)
            cut = space if space > 0 else position
            return text[:cut].rstrip(), text[cut:].lstrip()
        used += needed
        position += len(line) + 1
    return text, ""


def day(value: dt.date | None) -> str:
    """Gives a date as "14 Oct 2026" in the user's language, or "not set"."""
    return calendar_day(value, short=True) if value is not None else tr("not set")


def number(value: float | None, digits: int = 1) -> str:
    """Gives a number with `digits` decimals, halves rounded up as everywhere else, or "–" when unknown."""
    return rounded(value, digits)
