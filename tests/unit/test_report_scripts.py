"""Every script the room writes in comes out of the PDF as written: shaped, right to left where needed."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.findings import WorkshopFindings
from workshop.model import entities as e
from workshop.model.record import TaskInfo, WorkshopInfo, WorkshopRecord
from workshop.report.pdf import report_warnings
from workshop.report.scripts import display_order, font_runs
from workshop.report.styles import can_show
from workshop.report.text import long_text, para

LEFT_TO_RIGHT = ["数据分析", "データ分析", "데이터 분석", "Ανάλυση", "Анализ", "emoji 🚀"]
RIGHT_TO_LEFT = ["تحليل البيانات", "ניתוח נתונים"]
DEVANAGARI = "डेटा विश्लेषण"
TITLES = [*LEFT_TO_RIGHT, *RIGHT_TO_LEFT, DEVANAGARI]


def _findings(names: list[str]) -> WorkshopFindings:
    info = WorkshopInfo("Room", "Acme", None, "", e.Anonymity.ANONYMOUS)
    tasks = tuple(TaskInfo(name, None, "", "weekly", None, True, None, None, "low", "") for name in names)
    record = WorkshopRecord(info, (), (), tasks, (), (), (), (), (), (), (), ())
    fields: dict[str, object] = {
        f.name: () if f.default is dataclasses.MISSING else f.default
        for f in dataclasses.fields(WorkshopFindings)
    }
    fields.update(record=record, ranking_round=None, ranking=None, points_round=None, points=None)
    fields.update(impact_round=None, survey_round=None)
    return WorkshopFindings(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The lines pypdf reads from a page holding one paragraph per title."""
    from reportlab.platypus import SimpleDocTemplate

    path = tmp_path_factory.mktemp("scripts") / "scripts.pdf"
    SimpleDocTemplate(str(path)).build([para(title) for title in TITLES])
    return pypdf.PdfReader(path).pages[0].extract_text().splitlines()


@pytest.mark.parametrize("title", LEFT_TO_RIGHT)
def test_left_to_right_scripts_and_emoji_extract_as_typed(lines, title):
    assert title in lines


@pytest.mark.parametrize("title", RIGHT_TO_LEFT)
def test_right_to_left_scripts_extract_in_typed_order(lines, title):
    # pypdf gives right-to-left lines in reading order (after a space for the room on their left);
    # shaped Arabic letters come out as their presentation forms (the glyph drawn), which NFKC folds
    # back to the letters typed.
    assert title in [unicodedata.normalize("NFKC", line).strip() for line in lines]


def test_devanagari_extracts_except_conjuncts(lines):
    # A conjunct (श्ल) is one glyph with no character of its own in the font, so it extracts as a
    # private-use stand-in; the words around it come out as typed.
    first, second = DEVANAGARI.split()
    line = next(line for line in lines if line.startswith(first))
    assert line.split()[1].endswith(second[-2:])


def test_the_scripts_of_the_room_give_no_font_warning():
    assert report_warnings(_findings(TITLES)) == ()


def test_a_character_no_font_has_is_named_with_its_field():
    warnings = report_warnings(_findings(["Budget \ue000\U000f0001 ok", *TITLES]))
    assert len(warnings) == 1
    assert "Budget" in warnings[0] and "\ue000 (U+E000), \U000f0001 (U+F0001)" in warnings[0]


def test_the_words_of_a_right_to_left_line_are_laid_right_to_left():
    assert display_order("ניתוח נתונים").split() == ["נתונים", "ניתוח"]
    assert display_order("Plan: ניתוח נתונים 2026").startswith("Plan: ")


@given(st.text(alphabet=st.sampled_from("abc 12 ابت אבג .!"), max_size=60))
def test_display_order_keeps_every_character(line):
    shown = display_order(line)
    assert Counter(shown) == Counter(line)
    if not any("\u0590" <= ch <= "\u06ff" for ch in line):
        assert shown == line


@given(st.text(alphabet=st.sampled_from("ab 中文데 🚀\u0947ड"), max_size=60))
def test_font_runs_keep_the_text_and_give_each_shown_character_a_font(text):
    from workshop.report.styles import font_for

    runs = font_runs(text, lambda ch: font_for(ch) or None)
    assert "".join(run for _font, run in runs) == text
    assert all(can_show(ch) for ch in text)


def test_a_report_with_every_script_names_no_missing_character(tmp_path: Path):
    from workshop.report.pdf import write_report

    result = write_report(_findings(TITLES), tmp_path / "report.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(result.path).pages)
    assert [warning for warning in result.warnings if "cannot be shown" in warning] == []
    for title in LEFT_TO_RIGHT:
        assert title in text


MIXED = "aZ 1<&数데ड\u0947ابא🚀🏻\ue000\U00092dbd\u200f\u200d\n"  # scripts, emoji, unassigned, joiners


@given(st.text(alphabet=st.sampled_from(MIXED), max_size=40))
def test_any_mix_of_scripts_in_one_word_lays_out(text):
    from reportlab.platypus import SimpleDocTemplate

    from workshop.report.text import Column, data_table

    table = data_table("Scripts", [Column("Title", 0.3), Column("Notes", 0.7)], [[text, text]])
    SimpleDocTemplate(io.BytesIO()).build([para(text), para(text, "heading2"), *table])


def test_chart_labels_in_every_script_find_a_font(caplog):
    import warnings

    from matplotlib.figure import Figure

    from workshop.charts.style import chart

    figure = Figure(figsize=(6, 3))
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        with chart(figure, "数据 🚀"):
            figure.subplots().barh(TITLES, range(len(TITLES)))
        figure.savefig(io.BytesIO(), format="png")
    assert [str(warning.message) for warning in said if "missing from font" in str(warning.message)] == []
    assert "findfont" not in caplog.text  # a bold title over fallback fonts without bold says nothing


MIXED_LINES = [
    "הפיילוט ב-2026",
    "תקציב 2026 לפיילוט",
    "تقرير 2026 للقيادة",
    "واحد20 اثنان",
    "Pilot: בדיקה AI v2",
]


@pytest.mark.parametrize("line", MIXED_LINES)
def test_a_line_mixing_directions_is_drawn_in_the_order_the_bidi_algorithm_gives(line, tmp_path):
    import pypdfium2
    from bidi import get_display
    from reportlab.platypus import SimpleDocTemplate

    path = tmp_path / "line.pdf"
    SimpleDocTemplate(str(path)).build([para(line)])
    page = pypdfium2.PdfDocument(path)[0].get_textpage()
    drawn = sorted((page.get_charbox(i)[0], page.get_text_range(i, 1)) for i in range(page.count_chars()))
    seen = unicodedata.normalize("NFKC", "".join(ch for _x, ch in drawn if not ch.isspace()))
    assert seen == "".join(get_display(line).split())


HEBREW_WORDS = ["אאא", "בית", "נתונים", "ניתוח", "שלום", "תקציב", "פיילוט"]


@given(st.lists(st.sampled_from(HEBREW_WORDS), min_size=1, max_size=80))
def test_a_long_hebrew_note_reads_right_to_left_top_to_bottom(words):
    import pypdfium2
    from reportlab.platypus import SimpleDocTemplate

    text = " ".join(words)
    pdf = io.BytesIO()
    SimpleDocTemplate(pdf).build(long_text(text))
    page = pypdfium2.PdfDocument(pdf.getvalue())[0].get_textpage()
    rows: list[tuple[float, list[tuple[float, str]]]] = []  # (bottom of the row, its letters), top first
    for i in range(page.count_chars()):
        left, bottom, _right, top = page.get_charbox(i)
        if page.get_text_range(i, 1).isspace():
            continue
        if not rows or top < rows[-1][0]:  # entirely below the row before: a new line
            rows.append((bottom, []))
        rows[-1][1].append((left, page.get_text_range(i, 1)))
    rows.sort(key=lambda row: -row[0])
    read = "".join(ch for _bottom, letters in rows for _x, ch in sorted(letters, reverse=True))
    assert read == text.replace(" ", "")


@pytest.mark.parametrize("line", ["مرحبا\u2066", "a \u2067שלום\u2069 b", "\u2068تحليل\u2069 7"])
def test_a_line_with_isolate_controls_is_put_in_display_order_without_them(line):
    shown = display_order(line)
    assert not set(shown) & {"\u2066", "\u2067", "\u2068", "\u2069"}
    assert sorted(shown) == sorted(ch for ch in line if ch not in "\u2066\u2067\u2068\u2069")
