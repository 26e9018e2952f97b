"""Reading a user's text files: UTF-8 text, CSV rows by column name, and cell values such as '1,5' or 'yes'.

A value that cannot be read raises `BadValue`, whose text is the reason a user reads; a file or row that
cannot be read raises `InputError` saying where (file, line, column).
"""

from __future__ import annotations

import csv
import enum
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from workshop.wording import tr

from . import entities as e
from .errors import InputError

T = TypeVar("T")
CSV_DELIMITERS = (",", ";", "\t")


class BadValue(ValueError):
    """A cell value that cannot be read; its text is the reason a user reads."""


# --- Reading files ---------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """Gives the file's text, decoded as UTF-8 with or without a byte order mark."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            path.name, tr("the file cannot be read ({reason}).").format(reason=exc.strerror or exc)
        ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            tr("{file}, line {line}").format(file=path.name, line=line),
            tr("the byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8 ('CSV UTF-8').").format(
                byte=data[exc.start]
            ),
        ) from exc


@dataclass(frozen=True)
class CsvRow:
    """One data row of a CSV file: its line number and its cells (stripped) by column name."""

    file: str
    line: int
    cells: Mapping[str, str]

    def where(self, column: str) -> str:
        return tr("{file}, line {line}, column {column}").format(
            file=self.file, line=self.line, column=column
        )

    def required(self, column: str) -> str:
        """Gives the cell's text; an empty cell is an error."""
        text = self.cells.get(column, "")
        if not text:
            raise InputError(
                self.where(column), tr("the {column} is empty; every row needs one.").format(column=column)
            )
        return text

    def optional(self, column: str, parse: Callable[[str], T]) -> T | None:
        """Gives the cell read by `parse`, or None when the cell is empty or the column absent."""
        text = self.cells.get(column, "")
        if not text:
            return None
        return self.parsed(column, parse)

    def parsed(self, column: str, parse: Callable[[str], T]) -> T:
        """Gives the cell read by `parse`; an empty cell or a value `parse` refuses is an error."""
        text = self.required(column)
        try:
            return parse(text)
        except BadValue as exc:
            raise InputError(self.where(column), str(exc)) from None


class CsvRows(Sequence[CsvRow]):
    """The data rows of a CSV file, kept as flat tuples and handed out one CsvRow at a time.

    A big file would otherwise keep one object per row that the garbage collector walks again and again
    while the import runs (holding up the window meanwhile); tuples of text are not walked once seen.
    """

    def __init__(self, file: str, columns: Sequence[str], records: list[tuple[Any, ...]]) -> None:
        self.file = file
        self.columns = tuple(columns)
        self._records = records  # (line, cell, cell, ...)

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, index: int) -> CsvRow:  # type: ignore[override]
        return self._row(self._records[index])

    def __iter__(self) -> Iterator[CsvRow]:
        return map(self._row, self._records)

    def _row(self, record: tuple[Any, ...]) -> CsvRow:
        return CsvRow(self.file, record[0], dict(zip(self.columns, record[1:], strict=False)))


def read_csv_rows(path: Path | str, *, required: Sequence[str], optional: Sequence[str]) -> CsvRows:
    """Gives the data rows of a CSV file whose header names at least the required columns.

    Header names are matched ignoring case, and spaces count as underscores ('Hours per week'); columns
    the import does not know are ignored. Blank lines are skipped.
    """
    path = Path(path)
    text = read_text(path)
    if not text.strip():
        raise InputError(
            path.name,
            tr("the file is empty; expected a header row with {columns}.").format(
                columns=", ".join(required)
            ),
        )
    records = _csv_records(path.name, text)
    header_line, header = next(records)
    columns = _header_columns(path.name, header_line, header, required, optional)
    rows = []
    for line, cells in records:
        if any(cells[len(columns) :]):
            raise InputError(
                tr("{file}, line {line}").format(file=path.name, line=line),
                tr("this row has {cells} cells but the header names only {columns} columns.").format(
                    cells=len(cells), columns=len(columns)
                ),
            )
        rows.append((line, *cells[: len(columns)]))
    return CsvRows(path.name, columns, rows)


def _csv_records(file: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Yields (first line number, stripped cells) for each non-blank record of the CSV text."""
    # Line by line: splitting a big file's whole text in one call would hold up the window meanwhile.
    first_line = next(line for line in io.StringIO(text, newline=None) if line.strip())
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(
                tr("{file}, line {line}").format(file=file, line=line),
                tr("the CSV cannot be read here ({error}).").format(error=exc),
            ) from exc
        cells = [cell.strip() for cell in record]
        if any(cells):
            yield line, cells
        line = reader.line_num + 1


def _header_columns(
    file: str, line: int, header: list[str], required: Sequence[str], optional: Sequence[str]
) -> list[str]:
    """Gives the header's column names in the importer's spelling; refuses a missing header or column."""
    columns = [re.sub(r"\s+", "_", cell.lower()) for cell in header]
    known = [*required, *optional]
    if not set(columns) & set(known):
        raise InputError(
            tr("{file}, line {line}").format(file=file, line=line),
            tr("the first line must be a header naming the columns {columns}; it reads {header}.").format(
                columns=", ".join(known), header=", ".join(repr(cell) for cell in header)
            ),
        )
    missing = [column for column in required if column not in columns]
    if missing:
        raise InputError(
            file,
            tr("the column {missing} is missing; the header names {header}.").format(
                missing=", ".join(missing), header=", ".join(cell for cell in header if cell)
            ),
        )
    repeated = sorted({column for column in columns if column and columns.count(column) > 1})
    if repeated:
        raise InputError(
            tr("{file}, line {line}").format(file=file, line=line),
            tr("the header names {columns} more than once.").format(columns=", ".join(repeated)),
        )
    return columns


# --- Reading cell values -----------------------------------------------------------------------------

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def whole_number(text: str) -> int:
    """Gives the cell as an int ('abc' is refused)."""
    if not _WHOLE_NUMBER.fullmatch(text):
        raise BadValue(tr("{text!r} is not a whole number.").format(text=text))
    return int(text)


def positive_whole_number(text: str) -> int:
    value = whole_number(text)
    if value < 1:
        raise BadValue(tr("{text!r} is not a positive whole number; use 1 or more.").format(text=text))
    return value


def decimal(text: str) -> float:
    """Gives the cell as a float; a decimal comma ('1,5') is read like a decimal point."""
    if not _DECIMAL.fullmatch(text):
        raise BadValue(tr("{text!r} is not a number.").format(text=text))
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        # 10^400 reads as infinity, which no chart, sum or export can show.
        raise BadValue(tr("{text!r} is too large a number.").format(text=_shortened(text)))
    return value


def _shortened(text: str) -> str:
    """Gives a long cell cut to its first 20 characters, so the message stays one readable line."""
    return text if len(text) <= 20 else text[:20] + "…"


def hours(text: str) -> float:
    value = decimal(text)
    if value < 0:
        raise BadValue(tr("{text!r} is below 0; hours cannot be negative.").format(text=text))
    return value


def score(text: str) -> int:
    """Gives a score from 1 to 5."""
    value = whole_number(text)
    if not 1 <= value <= 5:
        raise BadValue(tr("{text!r} is not a score from 1 to 5.").format(text=text))
    return value


def yes_no(text: str) -> bool:
    answer = text.lower()
    if answer in _YES | _NO:
        return answer in _YES
    raise BadValue(tr("{text!r} is not yes or no; use yes/no, true/false or 1/0.").format(text=text))


def _choice_key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def choice(enum_class: type[enum.Enum], what: str) -> Callable[[str], Any]:
    """Gives a reader of one of the enum's values, ignoring case and '-'/'_' versus spaces."""
    by_key = {_choice_key(str(member.value)): member for member in enum_class}

    def read(text: str) -> Any:
        try:
            return by_key[_choice_key(text)]
        except KeyError:
            options = ", ".join(str(member.value) for member in enum_class)
            raise BadValue(
                tr("{text!r} is not a {what}; use one of {options}.").format(
                    text=text, what=what, options=options
                )
            ) from None

    return read


read_role = choice(e.Role, "role")
read_stance = choice(e.Stance, "stance")
read_frequency = choice(e.Frequency, "frequency")
read_sensitivity = choice(e.Sensitivity, "data sensitivity")
