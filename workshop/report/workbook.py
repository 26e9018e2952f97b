"""The workbook (.xlsx) beside the PDF: one sheet per table of the shareable export, with typed cells.

The rows are the CSV export's (`exporting.shared_tables`): the same unrevealed ballots left out, the same
stand-ins in an anonymous workshop, and the same sheet of what it withholds. Text that a spreadsheet would
run as a formula is written as text with the CSV export's leading quote.
"""

from __future__ import annotations

import datetime as dt
import enum
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from workshop.model import entities as e
from workshop.model.exporting import FORMULA_STARTS, WITHHELD_WHY, shared_columns, shared_tables
from workshop.model.files import write_atomically

WITHHELD_SHEET = "withheld"
SHEET_NAME_CHARS = 31  # the longest sheet name spreadsheet programs accept
CELL_CHARS = 32_767  # the most characters a spreadsheet cell holds
WIDEST_COLUMN = 60  # characters; longer text wraps in the cell rather than widening the sheet
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def write_workbook(session: Session, path: Path | str) -> list[str]:
    """Gives the names of the sheets written to `path` (atomically): every table the export shares."""
    book = workbook(session)
    buffer = BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    write_atomically(path, lambda handle: handle.write(data))
    return book.sheetnames


def workbook(session: Session) -> Workbook:
    """Gives the workbook: a sheet per table, header row frozen and filtered, then what is withheld."""
    shared = shared_tables(session)
    book = Workbook()
    book.remove(book.active)
    for table in e.Base.metadata.sorted_tables:
        columns = shared_columns(table)
        rows = [[cell_value(row[column.name]) for column in columns] for row in shared.tables[table.name]]
        _sheet(book, table.name, [column.name for column in columns], rows)
    if shared.withheld is not None:
        rows = [[what, count, WITHHELD_WHY] for what, count in shared.withheld.items()]
        _sheet(book, WITHHELD_SHEET, ["withheld", "count", "why"], rows)
    return book


def cell_value(value: Any) -> Any:
    """Gives the value as the cell holds it: numbers, yes/no, dates and times as such, text never formulas."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Spreadsheets have no time zones: the time is written in UTC, as the file stores it.
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_CHARS]
    if value.startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS):  # the CSV export's rule
        return "'" + text
    return text


def _sheet(book: Workbook, name: str, header: list[str], rows: list[list[Any]]) -> Worksheet:
    sheet = book.create_sheet(name[:SHEET_NAME_CHARS])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = TIME_FORMAT
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    sheet.auto_filter.ref = sheet.dimensions
    _widen(sheet, header, rows)
    return sheet


def _widen(sheet: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    """Sets each column about as wide as its longest value, so the sheet reads without dragging columns."""
    for index, name in enumerate(header):
        longest = max([len(name), *(len(str(row[index])) for row in rows if row[index] is not None)])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(longest + 2, WIDEST_COLUMN)
