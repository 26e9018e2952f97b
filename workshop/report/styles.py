"""The report's look: the DejaVu font (Latin, Greek, Cyrillic), paragraph styles, table style, page size."""

from __future__ import annotations

import functools
from pathlib import Path

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_FOLDER = Path(matplotlib.get_data_path()) / "fonts" / "ttf"

PAGE_SIZE = A4
MARGIN = 20 * mm
TOP_MARGIN = 24 * mm  # room for the running header above the text
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE_SIZE[1] - TOP_MARGIN - MARGIN

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#0b5394")
RULE = colors.HexColor("#bcccdc")
HEADER_FILL = colors.HexColor("#dfe8f1")
STRIPE_FILL = colors.HexColor("#f5f7fa")

BODY_SIZE = 11
TABLE_SIZE = 9


@functools.cache
def register_fonts() -> None:
    """Gives nothing; registers DejaVu Sans (regular, bold, oblique) as one family for <b> and <i>."""
    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONT_FOLDER / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


@functools.cache
def font_characters() -> frozenset[int]:
    """Gives the code points the report font can show (its cmap)."""
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def _style(name: str, **overrides: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.35,
        "textColor": INK,
        "spaceAfter": 5,
    }
    base.update(overrides)
    return ParagraphStyle(name, **base)


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Gives the report's paragraph styles by name (body, small, cell, heading1, ...)."""
    register_fonts()
    return {
        "body": _style("body"),
        "bullet": _style("bullet", leftIndent=14, bulletIndent=3, spaceAfter=3),
        "small": _style("small", fontSize=9, leading=12, textColor=MUTED),
        "caption": _style("caption", fontSize=9, leading=12, textColor=MUTED, spaceBefore=2, spaceAfter=16),
        "cell": _style("cell", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3, spaceAfter=0),
        "head_cell": _style("head_cell", fontName=BOLD, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3),
        "cover_title": _style("cover_title", fontName=BOLD, fontSize=26, leading=32, textColor=ACCENT),
        "cover_line": _style("cover_line", fontSize=14, leading=20, textColor=MUTED, spaceAfter=4),
        "heading1": _style(
            "heading1", fontName=BOLD, fontSize=18, leading=23, textColor=ACCENT, spaceAfter=8, keepWithNext=1
        ),
        "heading2": _style("heading2", fontName=BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=5),
        "item_title": _style(
            "item_title", fontName=BOLD, fontSize=10, leading=13, spaceAfter=2, keepWithNext=1
        ),
        "toc_title": _style("toc_title", fontName=BOLD, fontSize=18, leading=23, textColor=ACCENT),
        "toc1": _style("toc1", fontSize=12, leading=16, spaceBefore=6, spaceAfter=0),
        "toc2": _style("toc2", fontSize=10, leading=13, leftIndent=16, textColor=MUTED, spaceAfter=0),
        "centred": _style("centred", alignment=TA_CENTER, textColor=MUTED),
    }


def table_style(*, header_rows: int = 1, rows: int = 0) -> TableStyle:
    """Gives the grid and header colours of a data table, with light stripes on every other row."""
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), STRIPE_FILL) for row in range(header_rows + 1, rows, 2)]
    return TableStyle(commands)
