"""The report's look: fonts for every script, paragraph styles, table style, page size.

DejaVu Sans (shipped with matplotlib) shows Latin, Greek, Cyrillic, Arabic and Hebrew. Characters it lacks
are drawn in the first font of the chain in workshop.fonts that has them.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import unicodedata
from pathlib import Path
from typing import Any

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, SimpleDocTemplate, TableStyle, paragraph

from workshop.fonts import FALLBACKS, fallback_file

from .scripts import direction_runs

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_FOLDER = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
INVISIBLE = ("Cc", "Cf")  # controls, joiners, variation selectors: drawn by the characters beside them

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


def single_pdf(story: list[Flowable], title: str) -> bytes:
    """Gives a short document on the report's page size and margins (a printed agenda, a questionnaire)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
    )
    document.build(story)
    return buffer.getvalue()


@functools.cache
def register_fonts() -> None:
    """Gives nothing; registers DejaVu Sans (regular, bold, oblique) as one family for <b> and <i>."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    paragraph.shapeFragWord = _shape_word
    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONT_FOLDER / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


_reportlab_cmap = ttfonts.makeToUnicodeCMap
_BEYOND_BMP = re.compile(r"> <([0-9A-F]{5,6})>$", re.MULTILINE)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """Gives reportlab's ToUnicode map with characters past U+FFFF (emoji) written as UTF-16, as PDF wants.

    reportlab writes them as five hex digits, which PDF readers reject, so an emoji would not copy out.
    """
    return _BEYOND_BMP.sub(
        lambda found: "> <" + chr(int(found.group(1), 16)).encode("utf-16-be").hex().upper() + ">",
        _reportlab_cmap(fontname, subset),
    )


_reportlab_shape = ttfonts.shapeFragWord
# Shaping keeps the letters typed: no optional ligatures ("st" drawn as one glyph would copy out as "ﬆ");
# the ligatures a script requires (Arabic lam-alef) are applied by HarfBuzz all the same.
SHAPING_FEATURES = {"kern": True, "liga": False, "dlig": False}


def _shape_word(word: Any, features: object = None, force: bool = False) -> Any:
    """Gives a paragraph word shaped by HarfBuzz when its script needs it, else as it is.

    Latin, Greek and Cyrillic words are left as they are (as fast as before shaping, nothing to join).
    reportlab shapes a whole word in the font of its first letter, which fails on a glyph only another
    font has ("AI数据", "ok🚀"); such words are CJK, emoji or symbols beside Latin and need no shaping.
    A word mixing right-to-left letters with digits or Latin ("ב-2026") is shaped run by run.
    """
    if isinstance(word, ttfonts.ShapedFragWord):  # laid out once already (a table measures twice)
        return word
    if any(isinstance(text, ttfonts.ShapedStr) for _frag, text in word[1:]):
        # Pieces of a word shaped before and split again (a paragraph kept together is wrapped twice):
        # HarfBuzz takes plain text only, and a ShapedStr holds the text as typed.
        word = type(word)([word[0], *((frag, str(text)) for frag, text in word[1:])])
    pieces = word[1:]
    texts = [text for frag, text in pieces if not hasattr(frag, "cbDefn")]  # not page-number hooks
    if not any(map(_needs_shaping, texts)):
        return word
    if len(texts) < len(pieces):
        return _reportlab_shape(word, SHAPING_FEATURES, force)
    if len({frag.fontName for frag, _text in pieces}) > 1:
        return word
    cuts = direction_runs("".join(text for _frag, text in pieces))
    if not cuts:
        return _reportlab_shape(word, SHAPING_FEATURES, force)
    shaped = [_reportlab_shape(run, SHAPING_FEATURES, force) for run in _cut_word(pieces, cuts)]
    kind = next((type(run) for run in shaped if isinstance(run, ttfonts.ShapedFragWord)), type(word))
    return kind([sum(run[0] for run in shaped), *(piece for run in shaped for piece in run[1:])])


def _cut_word(pieces: list[tuple[Any, str]], cuts: list[int]) -> list[list[Any]]:
    """Gives the (fragment, text) pieces of a word cut at the given positions, each run with its width."""
    runs: list[list[Any]] = [[0.0]]
    start = 0
    for frag, text in pieces:
        edges = [0, *[cut - start for cut in cuts if 0 < cut - start < len(text)], len(text)]
        for index, (left, right) in enumerate(itertools.pairwise(edges)):
            if index or (start in cuts and start):
                runs.append([0.0])
            runs[-1].append((frag, text[left:right]))
            runs[-1][0] += pdfmetrics.stringWidth(text[left:right], frag.fontName, frag.fontSize)
        start += len(text)
    return runs


def _needs_shaping(text: str) -> bool:
    """Tells whether a piece of a word holds letters from Hebrew (U+0590) on, or combining marks."""
    return not text.isascii() and any(ord(ch) >= 0x0590 or unicodedata.combining(ch) for ch in text)


@functools.cache
def font_characters() -> frozenset[int]:
    """Gives the code points the report's main font can show (its cmap)."""
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


@functools.cache
def font_for(ch: str) -> str | None:
    """Gives the fallback font that shows the character, None when the main font does; "" when none does."""
    if ord(ch) in font_characters() or unicodedata.category(ch) in INVISIBLE:
        return None
    for name, _files in FALLBACKS:
        if ord(ch) in _fallback_characters(name):
            return name
    return ""


def can_show(ch: str) -> bool:
    """Tells whether some font of the chain has the character."""
    return font_for(ch) != ""


@functools.cache
def _fallback_characters(name: str) -> frozenset[int]:
    """Gives the code points of a fallback font, registered on first use; none when it is not installed."""
    path = fallback_file(name)
    if path is None:
        return frozenset()
    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    # No bold or italic cut: <b> and <i> around these characters keep the regular one.
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return frozenset(font.face.charToGlyph)


def _style(name: str, **overrides: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.35,
        "textColor": INK,
        "spaceAfter": 5,
        "shaping": 1,  # HarfBuzz joins Arabic letters, builds Devanagari clusters, runs Hebrew right to left
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
        # Contents lines carry reportlab's page-number hook, which its shaping cannot split into words.
        "toc1": _style("toc1", fontSize=12, leading=16, spaceBefore=6, spaceAfter=0, shaping=0),
        "toc2": _style(
            "toc2", fontSize=10, leading=13, leftIndent=16, textColor=MUTED, spaceAfter=0, shaping=0
        ),
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
