"""Reading a survey tool's export (Microsoft Forms, Google Forms): its header and rows, and Likert words.

An export has one row per respondent and one column per question, as CSV (UTF-8, with or without a byte
order mark) or as an XLSX workbook (its first sheet). Answers arrive as numbers 1–5 or as the words of a
five-point agreement scale, in English, German or French (`LIKERT_WORDS`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop.wording import tr

from .csv_values import BadValue, _csv_records, read_text
from .errors import InputError

# The words each survey tool offers for the five points, in the languages facilitators use. Words are
# compared without case, extra spaces, a closing full stop or the kind of apostrophe.
LIKERT_WORDS: dict[int, tuple[str, ...]] = {
    1: (
        "strongly disagree",
        "stimme überhaupt nicht zu",
        "stimme gar nicht zu",
        "trifft überhaupt nicht zu",
        "pas du tout d'accord",
        "fortement en désaccord",
        "tout à fait en désaccord",
    ),
    2: (
        "disagree",
        "stimme nicht zu",
        "stimme eher nicht zu",
        "trifft eher nicht zu",
        "pas d'accord",
        "plutôt pas d'accord",
        "en désaccord",
    ),
    3: (
        "neutral",
        "neither agree nor disagree",
        "weder noch",
        "teils/teils",
        "teils, teils",
        "neutre",
        "ni d'accord ni pas d'accord",
        "ni en accord ni en désaccord",
    ),
    4: ("agree", "stimme zu", "stimme eher zu", "trifft eher zu", "d'accord", "plutôt d'accord"),
    5: (
        "strongly agree",
        "stimme voll zu",
        "stimme voll und ganz zu",
        "trifft voll zu",
        "tout à fait d'accord",
        "fortement d'accord",
    ),
}
LOWEST, HIGHEST = 1, 5


def _word_key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").strip().rstrip(".").split())


_SCORE_OF_WORD = {_word_key(word): score for score, words in LIKERT_WORDS.items() for word in words}
_NUMBER = re.compile(r"[0-9]+(\.0+)?")


def likert_score(text: str) -> int:
    """Gives the score 1–5 of an answer written as a number ('4', '4.0') or a Likert word ('Agree')."""
    if _NUMBER.fullmatch(text):
        value = int(float(text))
        if LOWEST <= value <= HIGHEST:
            return value
        raise BadValue(tr("{text!r} is not on the scale from 1 to 5.").format(text=text))
    score = _SCORE_OF_WORD.get(_word_key(text))
    if score is None:
        raise BadValue(
            tr(
                "{text!r} is neither a score from 1 to 5 nor a word of the agreement scale "
                "(for example 'Strongly disagree', 'Neutral', 'Agree')."
            ).format(text=text)
        )
    return score


@dataclass(frozen=True)
class Sheet:
    """An export's columns (header texts, made unique) and its data rows as (row number, cells)."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def where(self, row: int, column: str) -> str:
        return tr("{file}, row {row}, column {column!r}").format(file=self.file, row=row, column=column)


def read_sheet(path: Path) -> Sheet:
    """Gives the export's header and data rows; an XLSX file is read from its first sheet."""
    records = _xlsx_records(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _csv_file_records(path)
    filled = [(row, cells) for row, cells in records if any(cells)]
    if not filled:
        raise InputError(
            path.name, tr("the file is empty; expected a header row and one row per respondent.")
        )
    (_, header), *data = filled
    width = len(header)
    rows = tuple((row, tuple(cells[:width]) + ("",) * (width - len(cells))) for row, cells in data)
    return Sheet(path.name, _unique(header), rows)


def _unique(header: list[str]) -> tuple[str, ...]:
    """Gives the header with a repeated text numbered ('Confidence', 'Confidence (2)'), so each column
    (a merged header cell gives several) can be named in a map file."""
    seen: dict[str, int] = {}
    columns = []
    for position, text in enumerate(header, start=1):
        text = text or tr("column {number}").format(number=position)
        seen[text.lower()] = seen.get(text.lower(), 0) + 1
        count = seen[text.lower()]
        columns.append(text if count == 1 else f"{text} ({count})")
    return tuple(columns)


def _csv_file_records(path: Path) -> list[tuple[int, list[str]]]:
    text = read_text(path)
    return list(_csv_records(path.name, text)) if text.strip() else []


def _xlsx_records(path: Path) -> list[tuple[int, list[str]]]:
    """Gives the first sheet's rows as text; a merged cell's value stands in every cell it covers."""
    from openpyxl import load_workbook  # loaded for workbooks only
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(path.name, tr("the workbook cannot be read ({reason}).").format(reason=exc)) from exc
    sheet = book.worksheets[0]
    values = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        text = _cell_text(sheet.cell(merged.min_row, merged.min_col).value)
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                values[row - 1][col - 1] = text
    return list(enumerate(values, start=1))


def _cell_text(value: Any) -> str:
    """Gives a cell as the text a user sees: 4.0 reads '4', an empty cell ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
