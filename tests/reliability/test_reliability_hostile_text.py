"""Whatever a room types - markup, emoji, right-to-left text, combining marks, control characters, 100,000
characters - goes into every text column of every table and out through the PDF, JSON and CSV exports:
nothing crashes, JSON restores exactly, no CSV cell runs as a formula, no PDF markup reads a file or
makes a link."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    String,
    Time,
    delete,
    insert,
    select,
    update,
)

from workshop.findings import gather_findings
from workshop.model import entities as e
from workshop.model.exporting import CSV_ENCODING, FORMULA_STARTS, write_csv_tables, write_json
from workshop.model.restoring import import_json
from workshop.model.store import create_workshop, open_workshop
from workshop.report import pdf as report_pdf
from workshop.report.figures import _framed_note

PIECES = [
    # markup a report engine might obey
    "<b>", "</para>", "<img src='/etc/hostname'/>", "<a href='https://example.com'>link</a>", "&amp;",
    "&#0;", "<font name='Courier'>", "<link destination='x'>", "]]>", "<!--", "<?xml?>",
    # matplotlib mathtext in chart labels
    "$x^2$", "$\\frac{1}{0}$", "$", "\\",
    # emoji, joined and flagged
    "😀", "👩\u200d💻", "🏳️\u200d🌈", "🇳🇱",
    # right-to-left text and direction overrides
    "مرحبا", "שלום", "\u202e", "\u200f", "\u2066",
    # combining marks, alone and stacked
    "e\u0301", "\u0301", "Z\u0334\u0321\u0327a\u0336l\u0337g\u0338o",
    # control characters and line ends of every kind
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\r", "\n", "\r\n", "\t", "\x0b", "\x0c", "\u2028", "\u2029",
    # what spreadsheets run
    "=", "+", "-", "@", "=HYPERLINK(\"https://example.com\")", "=cmd|' /C calc'!A0", "@SUM(1+1)",
]  # fmt: skip

hostile_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8", exclude_categories=("Cs",))),
    max_size=25,
).map("".join)

LONG_TEXT_CHARS = 100_000


def long_hostile_text(seed: int = 100_000) -> str:
    """Gives 100,000 characters of the hostile pieces and ordinary words, mixed."""
    rng = random.Random(seed)
    words = ["observations", "from", "the", "floor", "Zoë", "Ωμέγα"]
    parts: list[str] = []
    while sum(map(len, parts)) < LONG_TEXT_CHARS:
        parts.append(rng.choice(PIECES) if rng.random() < 0.3 else rng.choice(words) + " ")
    return "".join(parts)[:LONG_TEXT_CHARS]


# --- A workshop with the text in every text column ---------------------------------------------------


def text_columns() -> list[Column[Any]]:
    """Gives every text column of every table (enum columns hold choices, not typed text)."""
    return [
        column
        for table in e.Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String) and not isinstance(column.type, Enum)
    ]


def column_value(column: Column[Any], text: str) -> Any:
    """Gives `text` for a text column, and for any other column a valid value (references point at id 1)."""
    if column.foreign_keys:
        return 1
    kind = column.type
    if isinstance(kind, Enum):
        return next(iter(kind.enum_class))
    for kinds, value in (
        (Boolean, True),
        (Time, dt.time(9, 30)),
        (DateTime, dt.datetime(2026, 11, 3, 14, 30, 5)),
        (Date, dt.date(2026, 11, 3)),
        (Float, 2.5),
        (Integer, 3),
        (String, text),
    ):
        if isinstance(kind, kinds):
            return value
    raise AssertionError(f"no value for the column type {kind}")


# Beyond the text: a named workshop (names are exported) and a revealed round (its ballots are exported).
SETTINGS = {
    "workshop": {"anonymity": e.Anonymity.NAMED},
    "ballot_round": {"revealed_at": dt.datetime(2026, 11, 3, 15, 0)},
}


_new_workshop: list[bytes] = []


def new_workshop(path: Path) -> None:
    """Gives nothing; puts a new, empty workshop at `path` (a copy of one made once: quicker)."""
    if not _new_workshop:
        with tempfile.TemporaryDirectory() as name:
            create_workshop(Path(name) / "new.workshop", title="New").close()
            _new_workshop.append((Path(name) / "new.workshop").read_bytes())
    path.write_bytes(_new_workshop[0])


def fill_every_table(path: Path, text: str) -> None:
    """Gives nothing; creates a workshop with one row in every table, every text column set to `text`."""
    new_workshop(path)
    with open_workshop(path) as store, store.transaction() as session:
        session.execute(delete(e.ReadinessDimension))  # the defaults would be rows without the text
        for table in e.Base.metadata.sorted_tables:
            values = {
                column.name: column_value(column, text)
                for column in table.columns
                if column.foreign_keys or not column.primary_key
            }
            values.update(SETTINGS.get(table.name, {}))
            if table.name == "workshop":
                session.execute(update(table).values(values))
            else:
                session.execute(insert(table).values(values))


# --- What the exports must show ----------------------------------------------------------------------


def json_round_trip(path: Path, folder: Path) -> None:
    """Asserts a JSON export, restored into a new workshop and exported again, is identical."""
    first, second = folder / "first.json", folder / "second.json"
    with open_workshop(path) as store, store.reading() as session:
        write_json(session, first)
    new_workshop(folder / "restored.workshop")
    with open_workshop(folder / "restored.workshop") as store:
        with store.transaction() as session:
            import_json(session, first)
        with store.reading() as session:
            write_json(session, second)
    assert second.read_bytes() == first.read_bytes()


def csv_cells_are_inert(path: Path, folder: Path, text: str) -> None:
    """Asserts every text cell of the CSV export reads back as typed, with a ' before formula starts."""
    with open_workshop(path) as store, store.reading() as session:
        written = write_csv_tables(session, folder / "csv")
    columns_by_table: dict[str, set[str]] = {}
    for column in text_columns():
        columns_by_table.setdefault(column.table.name, set()).add(column.name)
    expected = "'" + text if text.startswith(FORMULA_STARTS) else text
    for csv_file in written:
        rows = list(csv.DictReader(io.StringIO(csv_file.read_bytes().decode(CSV_ENCODING), newline="")))
        for row in rows:
            for name, cell in row.items():
                assert not cell.startswith(FORMULA_STARTS), f"{csv_file.name} {name}: {cell[:20]!r}"
                if name in columns_by_table.get(csv_file.stem, ()) and name != "pin_hash":
                    assert cell == expected


def image_count(reader: PdfReader) -> int:
    """Gives the number of image XObjects drawn on the report's pages."""
    count = 0
    for page in reader.pages:
        objects = page["/Resources"].get("/XObject")
        for item in (objects.get_object() if objects else {}).values():
            count += item.get_object().get("/Subtype") == "/Image"
    return count


def pdf_is_inert(path: Path, folder: Path) -> tuple[int, int]:
    """Gives (pages, images) of the report, after asserting it holds no link, action or script."""
    with open_workshop(path) as store, store.reading() as session:
        findings = gather_findings(session)
    result = report_pdf.write_report(findings, folder / "report.pdf")
    raw = result.path.read_bytes()
    for action in (b"/URI", b"/Launch", b"/JavaScript", b"/GoToR", b"/EmbeddedFile", b"/SubmitForm"):
        assert action not in raw
    reader = PdfReader(result.path)
    assert len(reader.pages) == result.pages
    return result.pages, image_count(reader)


@contextmanager
def framed_charts() -> Iterator[None]:
    """Draws charts as framed notes: the text paths are under test, and real charts take seconds."""
    with mock.patch.object(
        report_pdf, "chart_flowable", lambda key, findings, width, *rest: _framed_note(key, "", width)
    ):
        yield


_plain_images: dict[bool, int] = {}


def plain_report_images(real_charts: bool) -> int:
    """Gives how many images the report of the same workshop with plain text holds."""
    if real_charts not in _plain_images:
        with tempfile.TemporaryDirectory() as name, nullcontext() if real_charts else framed_charts():
            fill_every_table(Path(name) / "plain.workshop", "plain words")
            _plain_images[real_charts] = pdf_is_inert(Path(name) / "plain.workshop", Path(name))[1]
    return _plain_images[real_charts]


def check_every_export(text: str, *, real_charts: bool) -> None:
    with tempfile.TemporaryDirectory() as name, nullcontext() if real_charts else framed_charts():
        folder = Path(name)
        path = folder / "hostile.workshop"
        fill_every_table(path, text)
        with open_workshop(path) as store, store.reading() as session:
            stored = session.scalar(select(e.FeedbackItem.what_works))
        assert stored == text  # the document keeps it exactly
        json_round_trip(path, folder)
        csv_cells_are_inert(path, folder, text)
        _, images = pdf_is_inert(path, folder)
    assert images == plain_report_images(real_charts)


# Each example writes every export, the whole PDF among them: 8 keep a run well inside the per-test limit.
ANY_FOLDER = settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])


@ANY_FOLDER
@given(text=hostile_text)
@example(text="<img src='/etc/hostname'/><a href='https://example.com'>x</a>=1+1\x00\u202e😀e\u0301")
@example(text="<b><b><b><b>é<b><b>\xad<b><b>\U0006770d")  # shaped, split, then shaped again
def test_any_text_in_every_column_goes_through_every_export(text):
    check_every_export(text, real_charts=False)


def test_hostile_text_in_chart_labels_still_gives_the_charts():
    check_every_export("=1+1 <b>$x^2$</b> $\\frac{1}{0}$ مرحبا 😀 e\u0301\x00\x1b", real_charts=True)


def test_100000_characters_in_every_column_go_through_json_and_csv(tmp_path):
    text = long_hostile_text()
    path = tmp_path / "long.workshop"
    fill_every_table(path, text)
    json_round_trip(path, tmp_path)
    csv_cells_are_inert(path, tmp_path, text)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_100000_characters_in_every_column_give_a_report(tmp_path):
    path = tmp_path / "long.workshop"
    fill_every_table(path, long_hostile_text())
    with framed_charts():
        pages, images = pdf_is_inert(path, tmp_path)
    print(f"\n100,000 characters in each of {len(text_columns())} text columns: a report of {pages} pages")
    assert images == plain_report_images(real_charts=False)


@pytest.mark.slow
@pytest.mark.timeout(1800)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
def test_much_more_text_in_every_column_with_real_charts(text):
    check_every_export(text, real_charts=True)
