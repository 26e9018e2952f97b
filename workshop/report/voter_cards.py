"""Cut-out voter cards: one card per voter with their name, the round and the code they type in ballot mode.

Ten cards to an A4 page, two columns of five, with dashed lines to cut along. Names are written in the
report's font (DejaVu: Latin, Greek, Cyrillic); the code in DejaVu Sans Mono, whose characters the code's
alphabet keeps apart anyway.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from workshop.model.files import write_atomically
from workshop.model.voter_codes import VoterCard
from workshop.wording import tr

from .styles import ACCENT, BOLD, FONT, FONT_FOLDER, INK, MUTED, PAGE_SIZE, RULE, register_fonts

CODE_FONT = "DejaVuSansMono-Bold"
COLUMNS, ROWS = 2, 5
SHEET_MARGIN = 12 * mm
CARD_PADDING = 6 * mm


@functools.cache
def _register_code_font() -> None:
    register_fonts()
    pdfmetrics.registerFont(TTFont(CODE_FONT, str(FONT_FOLDER / f"{CODE_FONT}.ttf")))


def write_voter_cards(path: Path | str, cards: Sequence[VoterCard]) -> int:
    """Gives the number of pages written to `path` (atomically): the voters' cards, ten to a page."""
    pdf, pages = render_voter_cards(cards)
    write_atomically(path, lambda target: target.write(pdf))
    return pages


def render_voter_cards(cards: Sequence[VoterCard]) -> tuple[bytes, int]:
    """Gives the PDF of the cards and its number of pages."""
    _register_code_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE)
    round_name = cards[0].round_name if cards else ""
    canvas.setTitle(tr("Voter cards: {round}").format(round=round_name))
    per_page = COLUMNS * ROWS
    pages = max(1, -(-len(cards) // per_page))
    for page in range(pages):
        _cut_lines(canvas)
        for place, card in enumerate(cards[page * per_page : (page + 1) * per_page]):
            _card(canvas, card, *_card_origin(place))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), pages


def _card_size() -> tuple[float, float]:
    width, height = PAGE_SIZE
    return (width - 2 * SHEET_MARGIN) / COLUMNS, (height - 2 * SHEET_MARGIN) / ROWS


def _card_origin(place: int) -> tuple[float, float]:
    """Gives the bottom-left corner of the card at `place` (0 top left, reading along the rows)."""
    card_width, card_height = _card_size()
    row, column = divmod(place, COLUMNS)
    top = PAGE_SIZE[1] - SHEET_MARGIN
    return SHEET_MARGIN + column * card_width, top - (row + 1) * card_height


def _cut_lines(canvas: Canvas) -> None:
    card_width, card_height = _card_size()
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setDash(3, 3)
    left, bottom = SHEET_MARGIN, SHEET_MARGIN
    right, top = left + COLUMNS * card_width, bottom + ROWS * card_height
    for column in range(COLUMNS + 1):
        canvas.line(left + column * card_width, bottom, left + column * card_width, top)
    for row in range(ROWS + 1):
        canvas.line(left, bottom + row * card_height, right, bottom + row * card_height)
    canvas.restoreState()


def _card(canvas: Canvas, card: VoterCard, x: float, y: float) -> None:
    card_width, card_height = _card_size()
    width = card_width - 2 * CARD_PADDING
    left, top, bottom = x + CARD_PADDING, y + card_height - CARD_PADDING, y + CARD_PADDING
    _line(canvas, tr("Ballot: {round}").format(round=card.round_name), FONT, 9, MUTED, left, top - 9, width)
    _line(canvas, card.voter, BOLD, 15, INK, left, top - 29, width)
    if card.team:
        _line(canvas, card.team, FONT, 9, MUTED, left, top - 42, width)
    _line(canvas, card.code, CODE_FONT, 30, ACCENT, left, top - 76, width)
    how_to = tr("Choose your name on the voting laptop, then type this code.")
    _line(canvas, how_to, FONT, 9, INK, left, bottom + 11, width)
    _line(canvas, tr("Keep it to yourself."), FONT, 9, INK, left, bottom, width)


def _line(
    canvas: Canvas, text: str, font: str, size: float, colour: object, x: float, y: float, width: float
) -> None:
    """Draws one line of text, smaller when needed so that it fits `width` (a long name is never cut)."""
    fitted = min(size, size * width / max(pdfmetrics.stringWidth(text, font, size), 1))
    canvas.setFont(font, fitted)
    canvas.setFillColor(colour)
    canvas.drawString(x, y, text)
