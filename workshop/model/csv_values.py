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

from workshop.wording import plural, tr

from . import entities as e
from .errors import InputError

T = TypeVar("T")
CSV_DELIMITERS = (",", ";", "\t")
LISTED_PROBLEMS = 20  # a longer list is cut here, with how many more there are


class BadValue(ValueError):
    """A cell value that cannot be read; its text is the reason a user reads."""


class FileProblems(InputError):
    """Every problem found in a file's rows, one a line: the first LISTED_PROBLEMS, then how many more."""

    def __init__(self, file: str, problems: Sequence[InputError], count: int) -> None:
        self.problems = tuple(problems)
        self.count = count
        lines = [str(problem) for problem in self.problems[:LISTED_PROBLEMS]]
        if count > len(lines):
            lines.append(plural(count - len(lines), "and %n more", "and %n more"))
        heading = plural(count, "%n problem:", "%n problems:")
        super().__init__(file, "\n".join([heading, *lines]))


class Problems:
    """Gathers the problems of a file's rows, so one message lists them all instead of one per try."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.kept: list[InputError] = []  # the first LISTED_PROBLEMS; a huge bad file keeps no more
        self.count = 0

    def add(self, error: InputError) -> None:
        found = error.problems if isinstance(error, FileProblems) else (error,)
        self.kept.extend(found[: LISTED_PROBLEMS - len(self.kept)])
        self.count += error.count if isinstance(error, FileProblems) else 1

    def raise_any(self) -> None:
        """Raises the one problem found, or FileProblems listing them; nothing when all was well."""
        if self.count == 1:
            raise self.kept[0]
        if self.count:
            raise FileProblems(self.file, self.kept, self.count)


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

    def read_all(self, readers: Mapping[str, Callable[[str], Any] | None]) -> dict[str, Any]:
        """Gives each column's cell read by its reader (None: required text), None for an empty optional
        cell; every cell the readers refuse is listed in one FileProblems (or the InputError of the one)."""
        values: dict[str, Any] = {}
        problems = Problems(self.file)
        in_file = list(self.cells)  # problems listed in the order the file's columns stand
        for column in sorted(readers, key=lambda name: in_file.index(name) if name in in_file else -1):
            read = readers[column]
            try:
                values[column] = self.required(column) if read is None else self.optional(column, read)
            except InputError as error:
                problems.add(error)
        problems.raise_any()
        return values

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
    return bool(YES_NO.read(text))


def _choice_key(text: str) -> str:
    # casefold, not lower: "UNREGELMÄSSIG" and "unregelmäßig" are one word.
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


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


# --- Words people write --------------------------------------------------------------------------------

# The words a column takes for each of its values, in English, German and French (kept as
# `survey_sheet.LIKERT_WORDS` keeps the agreement scale). The first word is the one messages, the README
# and the guide show. Words are compared ignoring case, extra spaces and '-'/'_' versus spaces.
SCORE_WORDS: dict[int, tuple[str, ...]] = {
    1: ("very low", "sehr niedrig", "sehr gering", "très faible", "très bas", "très basse"),
    2: ("low", "niedrig", "gering", "faible", "bas", "basse"),
    3: ("medium", "mittel", "moyen", "moyenne"),
    4: ("high", "hoch", "élevé", "élevée", "haut", "haute"),
    5: ("very high", "sehr hoch", "très élevé", "très élevée", "très haut", "très haute"),
}
YES_NO_WORDS: dict[bool, tuple[str, ...]] = {
    True: ("yes", "y", "true", "1", "ja", "oui"),
    False: ("no", "n", "false", "0", "nein", "non"),
}
# A task done partly by hand still takes people's time, so it counts as manual.
PARTLY_WORDS = ("partly", "partially", "teilweise", "teils", "en partie", "partiellement")
SENSITIVITY_WORDS: dict[e.Sensitivity, tuple[str, ...]] = {
    e.Sensitivity.LOW: ("low", "niedrig", "gering", "faible", "basse"),
    e.Sensitivity.MEDIUM: ("medium", "mittel", "moyenne", "moyen"),
    e.Sensitivity.HIGH: ("high", "hoch", "élevée", "élevé", "haute"),
}
FREQUENCY_WORDS: dict[e.Frequency, tuple[str, ...]] = {
    e.Frequency.DAILY: ("daily", "täglich", "quotidien", "quotidienne"),
    e.Frequency.WEEKLY: ("weekly", "wöchentlich", "hebdomadaire"),
    e.Frequency.MONTHLY: ("monthly", "monatlich", "mensuel", "mensuelle"),
    e.Frequency.QUARTERLY: ("quarterly", "vierteljährlich", "quartalsweise", "trimestriel", "trimestrielle"),
    e.Frequency.YEARLY: ("yearly", "annually", "jährlich", "annuel", "annuelle"),
    e.Frequency.AD_HOC: ("ad hoc", "as needed", "bei bedarf", "unregelmäßig", "ponctuel", "au besoin"),
}
ROLE_WORDS: dict[e.Role, tuple[str, ...]] = {
    e.Role.LEADER: ("leader", "leadership", "führungskraft", "geschäftsführung", "dirigeant", "direction"),
    e.Role.MANAGER: ("manager", "managerin", "teamleitung", "abteilungsleitung", "responsable", "cadre"),
    e.Role.EMPLOYEE: (
        "employee",
        "staff",
        "mitarbeiter",
        "mitarbeiterin",
        "mitarbeitende",
        "employé",
        "employée",
        "salarié",
        "salariée",
    ),
    e.Role.FACILITATOR: ("facilitator", "moderator", "moderatorin", "animateur", "animatrice"),
}
STANCE_WORDS: dict[e.Stance, tuple[str, ...]] = {
    e.Stance.CHAMPION: ("champion", "befürworter", "befürworterin", "promoteur", "promotrice"),
    e.Stance.NEUTRAL: ("neutral", "neutre"),
    e.Stance.SKEPTIC: (
        "skeptic",
        "sceptic",
        "sceptical",
        "skeptiker",
        "skeptikerin",
        "skeptisch",
        "sceptique",
    ),
    e.Stance.UNKNOWN: ("unknown", "unbekannt", "inconnu", "inconnue"),
}


@dataclass(frozen=True)
class Words:
    """What one column takes: the words (any language) meaning each value, and whether 1–5 count too."""

    what: str  # the value's name in a sentence: "'x' is not {what}"
    words: Mapping[Any, tuple[str, ...]]
    scores: bool = False
    note: str = ""  # what the list of words leaves unsaid

    def by_key(self) -> dict[str, Any]:
        return {_choice_key(word): value for value, words in self.words.items() for word in words}

    def allowed(self) -> str:
        """Gives the values a person may write, as the message after 'allowed:' says them."""
        if self.scores:
            shown = ", ".join(f"{words[0]} ({value})" for value, words in self.words.items())
            return tr("1–5 or {words}").format(words=shown) + tr(self.note)
        return ", ".join(words[0] for words in self.words.values()) + tr(self.note)

    def read(self, text: str) -> Any:
        """Gives the value meant by the cell's number (for scores) or word; refuses anything else."""
        if self.scores and _WHOLE_NUMBER.fullmatch(text.strip()) and int(text) in self.words:
            return int(text)
        found = self.by_key().get(_choice_key(text))
        if found is None:
            raise BadValue(
                tr("{text!r} is not {what} – allowed: {allowed}.").format(
                    text=_shortened(text), what=tr(self.what), allowed=self.allowed()
                )
            )
        return found


SCORE = Words("a score from 1 to 5", SCORE_WORDS, scores=True)
YES_NO = Words("yes or no", YES_NO_WORDS)
MANUAL = Words(
    "yes or no",
    {True: YES_NO_WORDS[True] + PARTLY_WORDS, False: YES_NO_WORDS[False]},
    note="; partly counts as yes (manual)",
)
SENSITIVITY = Words("a data sensitivity", SENSITIVITY_WORDS)
FREQUENCY = Words("a frequency", FREQUENCY_WORDS)
ROLE = Words("a role", ROLE_WORDS)
STANCE = Words("a stance", STANCE_WORDS)

# The columns of each CSV that take words, in one place: the importers read with these, and
# `allowed_values_table` prints them for the README and the guide.
TASK_COLUMN_WORDS: dict[str, Words] = {
    "frequency": FREQUENCY,
    "manual": MANUAL,
    "redundancy": SCORE,
    "ai_potential": SCORE,
    "data_sensitivity": SENSITIVITY,
}
PARTICIPANT_COLUMN_WORDS: dict[str, Words] = {"role": ROLE, "stance": STANCE}


def allowed_values_table(columns: Mapping[str, Words]) -> str:
    """Gives a Markdown table of each column, the values it takes and the words meaning each value."""
    lines = [
        "| Column | Allowed values | Words read as each value (English, German, French) |",
        "| --- | --- | --- |",
    ]
    for column, words in columns.items():
        meanings = "; ".join(
            f"{value.value if isinstance(value, enum.Enum) else _value_text(value)}: {', '.join(said)}"
            for value, said in words.words.items()
        )
        lines.append(f"| `{column}` | {words.allowed()} | {meanings} |")
    return "\n".join(lines)


def _value_text(value: object) -> str:
    return {True: "yes", False: "no"}.get(value, str(value)) if isinstance(value, bool) else str(value)


read_role = ROLE.read
read_stance = STANCE.read
read_frequency = FREQUENCY.read
read_sensitivity = SENSITIVITY.read
