"""Imports of participants, tasks and ballots from CSV, and of a whole workshop from a JSON export.

Each import runs inside the caller's transaction and checks every row before it writes anything, so a
bad row ends in an `InputError` that says where (file, line, column) and what, and leaves the workshop
as it was.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import enum
import io
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy import Enum as EnumType
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from . import operations as ops
from .ballots import checked_round_name, reveal_round, start_round
from .errors import InputError
from .exporting import FORMAT_NAME, FORMAT_VERSION
from .store import known_revisions, now

Progress = Callable[[int, int], None]
T = TypeVar("T")
PROGRESS_STEP = 1000
INSERT_BATCH = 2000
CSV_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class ImportedRound:
    """What a ballot import added: one closed, revealed ranking round."""

    name: str
    ballot_count: int
    item_count: int


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


def _checked(rows: Sequence[CsvRow], check: Callable[[CsvRow], T], progress: Progress | None) -> Iterator[T]:
    """Yields each row read by `check`, telling `progress` how far it got (the end is told after writing)."""
    for done, row in enumerate(rows, start=1):
        yield check(row)
        if progress is not None and done % PROGRESS_STEP == 0 and done < len(rows):
            progress(done, len(rows))


def _finished(progress: Progress | None, total: int) -> None:
    if progress is not None:
        progress(total, total)


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
    return float(text.replace(",", "."))


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


# --- Looking up what the workshop already has --------------------------------------------------------


class TeamDirectory:
    """The workshop's teams by name; adds a team the first time a file names it."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids = dict(session.execute(select(e.Team.name, e.Team.id)).all())

    def id_for(self, name: str | None) -> int | None:
        """Gives the id of the team of that name (None for no team), adding the team when missing."""
        if not name:
            return None
        if name not in self._ids:
            self._ids[name] = ops.team_named(self._session, name).id
        return self._ids[name]

    def known_id(self, name: str | None) -> int | None:
        return self._ids.get(name) if name else None


def table_of(entity: type[e.Base]) -> Table:
    """Gives the table behind an ORM class; plain table inserts skip the ORM's per-row work."""
    return e.Base.metadata.tables[entity.__tablename__]


def insert_rows(session: Session, entity: type[e.Base], rows: Iterable[dict[str, Any]]) -> None:
    """Gives nothing; inserts the rows batch by batch inside the caller's transaction.

    Batches rather than one call: a single call for 100,000 rows would hold Python's lock, and so the
    window, for half a second. Ids are not asked back row by row, which would be slow.
    """
    table = table_of(entity)
    remaining = iter(rows)
    while batch := list(itertools.islice(remaining, INSERT_BATCH)):
        session.execute(insert(table), batch)


# --- Participants ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ParticipantRow:
    name: str
    team: str | None
    role: e.Role | None
    stance: e.Stance | None


def _participant_row(row: CsvRow) -> _ParticipantRow:
    return _ParticipantRow(
        name=row.required("name"),
        team=row.cells.get("team") or None,
        role=row.optional("role", read_role),
        stance=row.optional("stance", read_stance),
    )


def import_participants(session: Session, path: Path | str, *, progress: Progress | None = None) -> int:
    """Gives the number of rows imported; adds participants or updates those of the same name and team."""
    rows = read_csv_rows(path, required=("name",), optional=("team", "role", "stance"))
    entries = list(_checked(rows, _participant_row, progress))
    teams = TeamDirectory(session)
    existing = {(p.name, p.team_id): p for p in session.scalars(select(e.Participant))}
    for entry in entries:
        key = (entry.name, teams.id_for(entry.team))
        person = existing.get(key)
        if person is None:
            person = existing[key] = e.Participant(name=entry.name, team_id=key[1])
            session.add(person)
        person.role = entry.role or person.role or e.Role.EMPLOYEE
        person.stance = entry.stance or person.stance or e.Stance.UNKNOWN
    session.flush()
    _finished(progress, len(entries))
    return len(entries)


# --- Tasks -------------------------------------------------------------------------------------------

TASK_COLUMNS = (
    "team",
    "description",
    "frequency",
    "hours_per_week",
    "manual",
    "redundancy",
    "ai_potential",
    "data_sensitivity",
    "notes",
)


def _task_values(row: CsvRow) -> dict[str, Any]:
    """Gives the task's column values from one row; absent cells take the task's defaults."""
    values = {
        "title": row.required("title"),
        "team": row.cells.get("team") or None,
        "description": row.cells.get("description", ""),
        "notes": row.cells.get("notes", ""),
        "frequency": row.optional("frequency", read_frequency),
        "hours_per_week": row.optional("hours_per_week", hours),
        "manual": row.optional("manual", yes_no),
        "redundancy": row.optional("redundancy", score),
        "ai_potential": row.optional("ai_potential", score),
        "data_sensitivity": row.optional("data_sensitivity", read_sensitivity),
    }
    defaults = {"frequency": e.Frequency.WEEKLY, "manual": True, "data_sensitivity": e.Sensitivity.LOW}
    return {key: defaults.get(key) if value is None else value for key, value in values.items()}


def import_tasks(session: Session, path: Path | str, *, progress: Progress | None = None) -> int:
    """Gives the number of audit tasks added from the file."""
    rows = read_csv_rows(path, required=("title",), optional=TASK_COLUMNS)
    entries = list(_checked(rows, _task_values, progress))
    teams = TeamDirectory(session)
    for entry in entries:
        entry["team_id"] = teams.id_for(entry.pop("team"))
    insert_rows(session, e.Task, entries)
    _finished(progress, len(entries))
    return len(entries)


# --- Ballots -----------------------------------------------------------------------------------------

Voter = tuple[str, str | None]  # (name, team name)


class _Vote(NamedTuple):
    line: int
    voter: Voter
    role: e.Role | None
    item: str
    rank: int


def _vote(row: CsvRow) -> _Vote:
    return _Vote(
        line=row.line,
        voter=(row.required("participant"), row.cells.get("team") or None),
        role=row.optional("role", read_role),
        item=row.required("item"),
        rank=row.parsed("rank", positive_whole_number),
    )


def _voter_name(voter: Voter) -> str:
    return f"{voter[0]} ({voter[1]})" if voter[1] else voter[0]


class _Ballot:
    """One voter's rows of a file: the line and rank number of each item, and the role the rows state."""

    __slots__ = ("line", "lines", "ranks", "role", "role_line")

    def __init__(self, line: int) -> None:
        self.line = line  # where the voter first appears
        # Plain numbers by item rather than an object per row: the garbage collector has little to walk.
        self.lines: dict[str, int] = {}
        self.ranks: list[int] = []  # in the order of `lines`
        self.role: e.Role | None = None
        self.role_line = 0

    def add(self, file: str, vote: _Vote) -> None:
        """Takes one row of the voter; refuses an item listed twice or a role other than an earlier one."""
        earlier = self.lines.get(vote.item)
        if earlier is not None:
            raise InputError(
                tr("{file}, line {line}, column {column}").format(file=file, line=vote.line, column="item"),
                tr("{voter} lists {item!r} twice: on lines {earlier} and {line}.").format(
                    voter=_voter_name(vote.voter), item=vote.item, earlier=earlier, line=vote.line
                ),
            )
        self.lines[vote.item] = vote.line
        self.ranks.append(vote.rank)
        if vote.role is None:
            return
        if self.role is None:
            self.role, self.role_line = vote.role, vote.line
        elif self.role != vote.role:
            raise InputError(
                tr("{file}, line {line}, column {column}").format(file=file, line=vote.line, column="role"),
                tr("{voter} is {role!r} here but {earlier} on line {line}.").format(
                    voter=_voter_name(vote.voter),
                    role=vote.role.value,
                    earlier=self.role,
                    line=self.role_line,
                ),
            )


def _ballots_by_voter(file: str, votes: Iterable[_Vote]) -> dict[Voter, _Ballot]:
    """Gives each voter's ballot, in the order voters first appear; refuses a ballot's bad row."""
    ballots: dict[Voter, _Ballot] = {}
    for vote in votes:
        ballot = ballots.get(vote.voter)
        if ballot is None:
            ballot = ballots[vote.voter] = _Ballot(vote.line)
        ballot.add(file, vote)
    return ballots


def competition_ranks(numbers: Sequence[int]) -> list[int]:
    """Gives ranks from 1 read from any positive numbers (smaller first): equal numbers share a rank.

    The rank is one more than the number of items placed strictly before, so 10, 20, 20, 50 gives
    1, 2, 2, 4 ("1224" ranking): ties keep the places of the items after them.
    """
    ordered = sorted(numbers)
    return [bisect.bisect_left(ordered, number) + 1 for number in numbers]


class _VoterDirectory:
    """Finds the participant behind each voter of a file, or marks the voter as new."""

    def __init__(self, session: Session, teams: TeamDirectory) -> None:
        self._teams = teams
        self._by_key: dict[tuple[str, int | None], int] = {}
        self._by_name: dict[str, list[int]] = defaultdict(list)
        for person_id, name, team_id in session.execute(
            select(e.Participant.id, e.Participant.name, e.Participant.team_id)
        ):
            self._by_key[(name, team_id)] = person_id
            self._by_name[name].append(person_id)

    def existing_id(self, file: str, voter: Voter, line: int) -> int | None:
        """Gives the id of the participant meant, or None for a new one; refuses an ambiguous name."""
        name, team = voter
        if team is not None:
            team_id = self._teams.known_id(team)
            return None if team_id is None else self._by_key.get((name, team_id))
        if (name, None) in self._by_key:
            return self._by_key[(name, None)]
        matches = self._by_name.get(name, [])
        if len(matches) > 1:
            raise InputError(
                tr("{file}, line {line}, column {column}").format(file=file, line=line, column="participant"),
                tr(
                    "there are {count} participants named {name!r} in different teams; "
                    "add a team column to say which one voted."
                ).format(count=len(matches), name=name),
            )
        return matches[0] if matches else None


def import_ballots(
    session: Session,
    path: Path | str,
    *,
    round_name: str | None = None,
    progress: Progress | None = None,
) -> ImportedRound:
    """Gives the ranking round made from the file: closed, revealed, ties allowed, one ballot per voter."""
    path = Path(path)
    rows = read_csv_rows(path, required=("participant", "item", "rank"), optional=("team", "role"))
    ballots = _ballots_by_voter(path.name, _checked(rows, _vote, progress))
    name = checked_round_name(session, path.stem if round_name is None else round_name, place=path.name)
    teams = TeamDirectory(session)
    directory = _VoterDirectory(session, teams)
    known = {voter: directory.existing_id(path.name, voter, ballot.line) for voter, ballot in ballots.items()}
    _refuse_one_participant_twice(path.name, known, ballots)
    # Everything is checked; from here on the workshop changes.
    added = _add_voters(session, teams, ballots, [voter for voter, pid in known.items() if pid is None])
    by_participant = {known[voter] or added[voter]: ballot for voter, ballot in ballots.items()}
    item_ids = _item_ids(session, {item for ballot in ballots.values() for item in ballot.lines})
    round_id = start_round(session, name=name, method=e.BallotMethod.RANKING, allow_ties=True)
    _cast_rankings(session, round_id, by_participant, item_ids)
    reveal_round(session, round_id=round_id)
    session.flush()
    _finished(progress, len(rows))
    return ImportedRound(name=name, ballot_count=len(ballots), item_count=len(item_ids))


def _refuse_one_participant_twice(
    file: str, known: Mapping[Voter, int | None], ballots: Mapping[Voter, _Ballot]
) -> None:
    """Refuses a file where one known participant votes under two spellings (with and without team)."""
    seen: dict[int, Voter] = {}
    for voter, person_id in known.items():
        if person_id is None:
            continue
        if person_id in seen:
            raise InputError(
                tr("{file}, line {line}, column {column}").format(
                    file=file, line=ballots[voter].line, column="participant"
                ),
                tr(
                    "{voter} and {other} (line {line}) are the same participant; name them the same way."
                ).format(
                    voter=_voter_name(voter),
                    other=_voter_name(seen[person_id]),
                    line=ballots[seen[person_id]].line,
                ),
            )
        seen[person_id] = voter


def _add_voters(
    session: Session, teams: TeamDirectory, ballots: Mapping[Voter, _Ballot], new: list[Voter]
) -> dict[Voter, int]:
    """Gives the ids of participants added for voters the workshop did not know (managers by default)."""
    keys = {voter: (voter[0], teams.id_for(voter[1])) for voter in new}
    rows = [
        {
            "name": name,
            "team_id": team_id,
            "role": ballots[voter].role or e.Role.MANAGER,
        }
        for voter, (name, team_id) in keys.items()
    ]
    insert_rows(session, e.Participant, rows)
    # Ordered by id, so a newly added participant wins over an older one of the same name and team.
    query = select(e.Participant.name, e.Participant.team_id, e.Participant.id).order_by(e.Participant.id)
    ids = {(name, team_id): person_id for name, team_id, person_id in session.execute(query)}
    return {voter: ids[key] for voter, key in keys.items()}


def _item_ids(session: Session, titles: set[str]) -> dict[str, int]:
    """Gives the opportunity id for each title, adding the opportunities the workshop lacks."""
    known = dict(session.execute(select(e.Opportunity.title, e.Opportunity.id)).all())
    insert_rows(session, e.Opportunity, [{"title": title} for title in sorted(titles - known.keys())])
    known = dict(session.execute(select(e.Opportunity.title, e.Opportunity.id)).all())
    return {title: known[title] for title in titles}


def _cast_rankings(
    session: Session, round_id: int, ballots: Mapping[int, _Ballot], item_ids: Mapping[str, int]
) -> None:
    """Stores one ranking ballot per participant in bulk (a 100,000-row file stays quick)."""
    stamp = now()
    ballot_rows = [{"round_id": round_id, "participant_id": pid, "submitted_at": stamp} for pid in ballots]
    insert_rows(session, e.Ballot, ballot_rows)
    ballot_ids = dict(
        session.execute(
            select(e.Ballot.participant_id, e.Ballot.id).where(e.Ballot.round_id == round_id)
        ).all()
    )
    entries = (
        {"ballot_id": ballot_ids[person_id], "opportunity_id": item_ids[item], "rank": rank}
        for person_id, ballot in ballots.items()
        for item, rank in zip(ballot.lines, competition_ranks(ballot.ranks), strict=True)
    )
    insert_rows(session, e.BallotEntry, entries)
    session.execute(
        insert(e.ballot_round_voter), [{"round_id": round_id, "participant_id": pid} for pid in ballots]
    )


# --- Whole workshop from JSON ------------------------------------------------------------------------


def import_json(session: Session, path: Path | str) -> None:
    """Gives nothing; fills an empty workshop with every row of a JSON export, ids and all.

    Raises InputError (and writes nothing) for a file that is not such an export, holds a value of the
    wrong type, or when the workshop already holds data. If the database itself refuses a row, the error
    leaves the caller's transaction to be rolled back, as `store.transaction()` does.
    """
    path = Path(path)
    document = _json_document(path)
    tables = _checked_tables(path.name, document)
    _refuse_when_holding_data(session, path.name)
    for table in reversed(e.Base.metadata.sorted_tables):
        session.execute(delete(table))
    for table in e.Base.metadata.sorted_tables:
        if tables.get(table.name):
            _insert_table(session, path.name, table, tables[table.name])
    session.expire_all()


def _json_document(path: Path) -> dict[str, Any]:
    """Gives the export's top level after checking its format and schema."""
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            tr("{file}, line {line}, column {column}").format(
                file=path.name, line=exc.lineno, column=exc.colno
            ),
            tr("this is not valid JSON ({error}).").format(error=exc.msg),
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise InputError(
            path.name,
            tr("this is not a workshop export (its 'format' is not {format!r}).").format(format=FORMAT_NAME),
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            path.name,
            tr("the format version {version!r} is not a version this app knows.").format(version=version),
        )
    if version > FORMAT_VERSION or document.get("schema") not in known_revisions():
        raise InputError(
            path.name,
            tr(
                "this export comes from a newer version of the app (schema {schema!r}, "
                "format version {version}); update the app to import it."
            ).format(schema=document.get("schema"), version=version),
        )
    if not isinstance(document.get("tables"), dict):
        raise InputError(path.name, tr("the export has no 'tables' object."))
    return document


def _checked_tables(file: str, document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Gives each table's rows with values of the column types; refuses unknown names and bad values."""
    known = e.Base.metadata.tables
    checked = {}
    for name, rows in document["tables"].items():
        if name not in known:
            raise InputError(
                file, tr("the table {name!r} is unknown to this version of the app.").format(name=name)
            )
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise InputError(_in_table(file, name), tr("the rows must be a list of objects."))
        checked[name] = [_checked_row(file, known[name], index, row) for index, row in enumerate(rows)]
    if len(checked.get(e.Workshop.__tablename__, [])) != 1:
        raise InputError(_in_table(file, "workshop"), tr("an export holds exactly one workshop row."))
    _check_references(file, checked)
    _check_unique(file, checked)
    return checked


def _row_label(table: Table, index: int, row: Mapping[str, Any]) -> str:
    if "id" in table.columns and "id" in row:
        return tr("row id {id}").format(id=row["id"])
    return tr("row {number}").format(number=index + 1)


def _in_table(file: str, table: str) -> str:
    """Gives where in an export a table's problem is: 'file, table name'."""
    return tr("{file}, table {table}").format(file=file, table=table)


def _in_row(file: str, table_name: str, table: Table, index: int, row: Mapping[str, Any]) -> str:
    """Gives where in an export a row's problem is: 'file, table name, row ...'."""
    return tr("{place}, {row}").format(place=_in_table(file, table_name), row=_row_label(table, index, row))


def _checked_row(file: str, table: Table, index: int, row: dict[str, Any]) -> dict[str, Any]:
    label = _in_row(file, table.name, table, index, row)
    unknown = sorted(set(row) - set(table.columns.keys()))
    if unknown:
        raise InputError(
            tr("{place}, column {column}").format(place=label, column=unknown[0]),
            tr("this column is unknown to this version of the app."),
        )
    values = {}
    for column in table.columns:
        try:
            values[column.name] = json_value(column, row.get(column.name))
        except BadValue as exc:
            raise InputError(
                tr("{place}, column {column}").format(place=label, column=column.name), str(exc)
            ) from None
    return values


def json_value(column: Column[Any], value: Any) -> Any:
    """Gives a JSON value as the column stores it; refuses a value of the wrong type."""
    if value is None:
        if not column.nullable:
            raise BadValue(tr("the value is missing, but this column needs one."))
        return None
    kind = column.type
    if isinstance(kind, EnumType) and kind.enum_class is not None:
        return _enum_value(kind.enum_class, value)
    for types, reader in _JSON_READERS:
        if isinstance(kind, types):
            return reader(value)
    raise BadValue(tr("the column type {kind} cannot be imported.").format(kind=kind))


def _enum_value(enum_class: type[enum.Enum], value: Any) -> enum.Enum:
    try:
        return enum_class(value)
    except ValueError:
        options = ", ".join(repr(member.value) for member in enum_class)
        raise BadValue(
            tr("{value!r} is not one of {options}.").format(value=value, options=options)
        ) from None


def _json_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadValue(tr("{value!r} is not true or false.").format(value=value))
    return value


def _json_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(tr("{value!r} is not a whole number.").format(value=value))
    return value


def _json_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(tr("{value!r} is not a number.").format(value=value))
    return float(value)


def _json_text(value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue(tr("{value!r} is not text.").format(value=value))
    return value


def _json_datetime(value: Any) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(_json_text(value))
    except ValueError:
        raise BadValue(
            tr("{value!r} is not a date and time like '2024-05-31T14:30:00'.").format(value=value)
        ) from None
    if moment.tzinfo is not None:
        raise BadValue(
            tr("{value!r} has a time zone; the workshop keeps local times without one.").format(value=value)
        )
    return moment


def _json_date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_json_text(value))
    except ValueError:
        raise BadValue(tr("{value!r} is not a date like '2024-05-31'.").format(value=value)) from None


# DateTime before Date and Text before nothing else: each column type takes the first reader that fits.
_JSON_READERS: tuple[tuple[type | tuple[type, ...], Callable[[Any], Any]], ...] = (
    (Boolean, _json_bool),
    (Integer, _json_int),
    (Float, _json_float),
    (DateTime, _json_datetime),
    (Date, _json_date),
    (String, _json_text),
)


def _check_references(file: str, tables: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuses a row that refers to a row the file does not hold."""
    for name, rows in tables.items():
        table = e.Base.metadata.tables[name]
        for column in table.columns:
            for key in column.foreign_keys:
                target = key.column
                present = {row[target.name] for row in tables.get(target.table.name, [])}
                for index, row in enumerate(rows):
                    if row[column.name] is not None and row[column.name] not in present:
                        raise InputError(
                            tr("{place}, column {column}").format(
                                place=_in_row(file, name, table, index, row), column=column.name
                            ),
                            tr("it refers to {table} {column} {value}, which is not in the file.").format(
                                table=target.table.name, column=target.name, value=row[column.name]
                            ),
                        )


def _check_unique(file: str, tables: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuses two rows that share a value the workshop keeps unique (an id, a team name, ...)."""
    for name, rows in tables.items():
        table = e.Base.metadata.tables[name]
        for columns in _unique_column_sets(table):
            seen: dict[tuple[Any, ...], int] = {}
            for index, row in enumerate(rows):
                key = tuple(row[column] for column in columns)
                if None in key:
                    continue
                if key in seen:
                    raise InputError(
                        _in_row(file, name, table, index, row),
                        tr("it repeats the {columns} of row {row} ({values}).").format(
                            columns=", ".join(columns),
                            row=seen[key] + 1,
                            values=", ".join(repr(part) for part in key),
                        ),
                    )
                seen[key] = index


def _unique_column_sets(table: Table) -> list[tuple[str, ...]]:
    """Gives the groups of columns whose values no two rows of the table may share."""
    sets = [tuple(column.name for column in table.primary_key.columns)]
    sets += [(column.name,) for column in table.columns if column.unique]
    sets += [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    return sets


def _refuse_when_holding_data(session: Session, file: str) -> None:
    """Refuses unless the workshop holds only what a new one has: its own row and the default dimensions."""
    counts = {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in e.Base.metadata.sorted_tables
    }
    holding = {
        name: count
        for name, count in counts.items()
        if count and name not in {e.Workshop.__tablename__, e.ReadinessDimension.__tablename__}
    }
    dimension_texts = select(e.ReadinessDimension.name, e.ReadinessDimension.description)
    dimensions = {(name, description) for name, description in session.execute(dimension_texts)}
    if dimensions != set(e.DEFAULT_DIMENSIONS):
        holding[e.ReadinessDimension.__tablename__] = counts[e.ReadinessDimension.__tablename__]
    if counts[e.Workshop.__tablename__] > 1:
        holding[e.Workshop.__tablename__] = counts[e.Workshop.__tablename__]
    if holding:
        held = ", ".join(
            tr("{count} {table} rows").format(count=count, table=name)
            for name, count in sorted(holding.items())
        )
        raise InputError(
            file,
            tr(
                "this workshop already holds data ({held}); "
                "restore an export only into a new, empty workshop."
            ).format(held=held),
        )


def _insert_table(session: Session, file: str, table: Table, rows: list[dict[str, Any]]) -> None:
    try:
        session.execute(insert(table), rows)
    except IntegrityError as exc:
        raise InputError(
            _in_table(file, table.name),
            tr("the workshop refuses these rows ({error}); nothing was imported.").format(error=exc.orig),
        ) from exc
