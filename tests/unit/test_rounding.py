"""Numbers rounded half up, one way everywhere people read them: report, charts, screen and analyze."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from workshop.findings import gather_findings
from workshop.model import demo
from workshop.report.pdf import write_report
from workshop.report.text import number
from workshop.rounding import rounded


def _half_up(hundredths: int) -> str:
    """Gives hundredths/100 to one place, halves away from zero, by integer arithmetic alone."""
    tenths = (abs(hundredths) + 5) // 10
    sign = "-" if hundredths < 0 and tenths else ""
    return f"{sign}{tenths // 10}.{tenths % 10}"


@given(st.integers(-100_000, 100_000))
def test_a_number_with_two_places_rounds_half_up_to_one(hundredths):
    assert rounded(hundredths / 100) == _half_up(hundredths)
    assert number(hundredths / 100) == _half_up(hundredths)


@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_a_signed_number_is_the_rounded_number_with_plus_when_above_zero(value):
    shown = rounded(value, signed=True)
    plain = rounded(value)
    assert shown == (f"+{plain}" if float(plain) > 0 else plain)
    assert shown != "-0.0"


def test_halves_round_up_where_float_formatting_does_not():
    assert [rounded(v) for v in (5.25, 4.75, 0.05, -2.25)] == ["5.3", "4.8", "0.1", "-2.3"]
    assert [rounded(v, 2) for v in (0.125, 0.375)] == ["0.13", "0.38"]
    assert rounded(None) == "–"


@pytest.fixture(scope="module")
def halves_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, float], list[str]]:
    """Gives learning hours ending in a half hundredth per team, and the report's pages written with them."""
    folder = Path(tmp_path_factory.mktemp("halves"))
    store = demo.create_demo(folder / "demo.workshop")
    with store.reading() as session:
        found = gather_findings(session)
    store.close()
    hours = (5.25, 4.75, 2.25, 0.15, 1.05)
    capacity = tuple(replace(c, hours_per_week=h) for c, h in zip(found.record.capacity, hours, strict=False))
    found = replace(found, record=replace(found.record, capacity=capacity))
    write_report(found, folder / "report.pdf", side_by_side=False, as_of=dt.date(2026, 12, 1))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(folder / "report.pdf").pages]
    return {c.team or "": c.hours_per_week for c in capacity}, pages


def test_the_decision_table_and_the_capacity_section_show_the_same_rounded_hours(halves_report):
    hours, pages = halves_report
    summary = " ".join(pages[1:3])
    capacity = next(page for page in pages[3:] if "Hours a week" in page and "Dropped or deferred" in page)
    for team, value in hours.items():
        hundredths = round(value * 100)
        shown = _half_up(hundredths)
        assert f"{shown} h a week per person" in summary, team
        assert f"{team} {shown} " in capacity, team
