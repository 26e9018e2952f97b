"""The workbook beside the PDF: a sheet per shared table, typed cells, frozen filtered headers, no formula."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import delete, select

from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.model.exporting import FORMULA_STARTS, shared_tables
from workshop.report.workbook import WITHHELD_SHEET, write_workbook

PER_EXAMPLE = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo workshop (anonymous by team), its workbook read back, and what the store shares."""
    folder = tmp_path_factory.mktemp("workbook")
    with create_demo(folder / "demo.workshop") as store, store.reading() as session:
        write_workbook(session, folder / "data.xlsx")
        shared = shared_tables(session)
        names = [name for (name,) in session.execute(select(e.Participant.name))]
    return load_workbook(folder / "data.xlsx"), shared, names


def test_every_shared_table_is_a_sheet_with_its_rows_and_the_withheld_counts(demo):
    book, shared, _ = demo
    for table, rows in shared.tables.items():
        assert book[table].max_row == len(rows) + 1
    withheld = {row[0]: row[1] for row in book[WITHHELD_SHEET].iter_rows(min_row=2, values_only=True)}
    assert withheld == shared.withheld


def test_numbers_dates_and_yes_no_are_typed_cells_holding_the_stored_values(demo):
    book, shared, _ = demo
    sheet = book["pilot"]
    header = [cell.value for cell in sheet[1]]
    for row, stored in zip(sheet.iter_rows(min_row=2, values_only=True), shared.tables["pilot"], strict=True):
        read = dict(zip(header, row, strict=True))
        starts = stored["starts_on"]
        assert read["starts_on"] == (None if starts is None else dt.datetime.combine(starts, dt.time()))
        assert read["id"] == stored["id"]
    tasks = book["task"]
    header = [cell.value for cell in tasks[1]]
    for row, stored in zip(tasks.iter_rows(min_row=2, values_only=True), shared.tables["task"], strict=True):
        read = dict(zip(header, row, strict=True))
        assert read["hours_per_week"] == stored["hours_per_week"]
        assert read["manual"] is stored["manual"]


def test_every_sheet_keeps_its_header_in_view_and_filterable(demo):
    book, _, _ = demo
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions


def test_an_anonymous_workbook_lists_no_participant_by_name(demo):
    # Owners of pilots, flags and actions are named, as in the PDF; the room's voters are stand-ins.
    book, _, names = demo
    sheet = book["participant"]
    text = "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)
    assert names and not [name for name in names if name in text]


@PER_EXAMPLE
@given(
    notes=st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
        st.tuples(st.sampled_from(FORMULA_STARTS), st.text(max_size=20)).map("".join),
    )
)
def test_no_cell_starts_a_formula_and_text_reads_back_as_typed(store, tmp_path, notes):
    with store.transaction() as session:
        session.execute(delete(e.Task))
        session.add(e.Task(title="Invoices", notes=notes, hours_per_week=2.5))
    with store.reading() as session:
        write_workbook(session, tmp_path / "data.xlsx")
    sheet = load_workbook(tmp_path / "data.xlsx")["task"]
    header = [cell.value for cell in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert all(cell.data_type != "f" for cells in sheet.iter_rows() for cell in cells)
    assert row["hours_per_week"].value == 2.5  # a number stays a number
    shown = row["notes"].value or ""
    if notes.startswith(FORMULA_STARTS) or shown.lstrip("'").startswith(FORMULA_STARTS):
        assert shown.startswith("'")
    elif notes and all(ch.isprintable() or ch in "\n" for ch in notes):
        assert shown == notes
