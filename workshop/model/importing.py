"""Imports of participants, tasks and ballots from CSV files (a whole workshop from JSON: `restoring`).

Each import runs inside the caller's transaction and checks every row before it writes anything, so a
bad file ends in an `InputError` that says where (file, line, column) and what, and leaves the workshop
as it was. The rows' bad cells are all listed in that one error (`csv_values.FileProblems`), so a
facilitator corrects the file once rather than once per try. Columns of words take English, German and
French words (`csv_values.TASK_COLUMN_WORDS`, `PARTICIPANT_COLUMN_WORDS`).
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Insert, Table, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .ballots import checked_round_name, reveal_round, start_round
from .csv_values import (
    PARTICIPANT_COLUMN_WORDS,
    TASK_COLUMN_WORDS,
    CsvRow,
    CsvRows,
    Problems,
    hours,
    positive_whole_number,
    read_csv_rows,
    read_role,
)
from .errors import InputError
from .store import now

Progress = Callable[[int, int], None]
T = TypeVar("T")
PROGRESS_STEP = 1000
INSERT_BATCH = 2000


@dataclass(frozen=True)
class ImportedRound:
    """What a ballot import added: one closed, revealed ranking round."""

    name: str
    ballot_count: int
    item_count: int


def _checked(rows: CsvRows, check: Callable[[CsvRow], T], progress: Progress | None) -> Iterator[T]:
    """Yields each good row read by `check`, telling `progress` how far it got (the end is told after
    writing); after the last row, raises one InputError listing every bad row's problems."""
    problems = Problems(rows.file)
    for done, row in enumerate(rows, start=1):
        try:
            checked = check(row)
        except InputError as error:
            problems.add(error)
        else:
            yield checked
        if progress is not None and done % PROGRESS_STEP == 0 and done < len(rows):
            progress(done, len(rows))
    problems.raise_any()


def _finished(progress: Progress | None, total: int) -> None:
    if progress is not None:
        progress(total, total)


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
        self.add_missing([name])
        return self._ids[name]

    def add_missing(self, names: Iterable[str | None]) -> None:
        """Gives nothing; adds the teams named that the workshop lacks, all before any person is added."""
        missing = sorted({name for name in names if name and name not in self._ids})
        if missing:
            insert_missing(self._session, e.Team, [{"name": name} for name in missing])
            query = select(e.Team.name, e.Team.id).where(e.Team.name.in_(missing))
            self._ids.update(self._session.execute(query).all())

    def known_id(self, name: str | None) -> int | None:
        return self._ids.get(name) if name else None


def table_of(entity: type[e.Base]) -> Table:
    """Gives the table behind an ORM class; plain table inserts skip the ORM's per-row work."""
    return e.Base.metadata.tables[entity.__tablename__]


def insert_rows(
    session: Session, entity: type[e.Base], rows: Iterable[dict[str, Any]], *, statement: Insert | None = None
) -> None:
    """Gives nothing; inserts the rows batch by batch inside the caller's transaction.

    Batches rather than one call: a single call for 100,000 rows would hold Python's lock, and so the
    window, for half a second. Ids are not asked back row by row, which would be slow.
    """
    statement = insert(table_of(entity)) if statement is None else statement
    remaining = iter(rows)
    while batch := list(itertools.islice(remaining, INSERT_BATCH)):
        session.execute(statement, batch)


def insert_missing(session: Session, entity: type[e.Base], rows: Sequence[dict[str, Any]]) -> None:
    """Gives nothing; inserts the rows, skipping any a unique name says the workshop holds already.

    On a shared server, laptops importing at once may add the same person, item or team together: the
    later one waits for the earlier to commit and then leaves its row be (ON CONFLICT DO NOTHING), where
    a plain insert would fail or, for a person without a team, add them twice. The caller reads the ids
    back and gives the rows in sorted order, so two imports never wait for each other in a circle."""
    table = table_of(entity)
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    insert_rows(session, entity, rows, statement=dialect_insert(table).on_conflict_do_nothing())


# --- Participants ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ParticipantRow:
    name: str
    team: str | None
    role: e.Role | None
    stance: e.Stance | None


def _participant_row(row: CsvRow) -> _ParticipantRow:
    values = row.read_all(
        {"name": None, **{column: w.read for column, w in PARTICIPANT_COLUMN_WORDS.items()}}
    )
    return _ParticipantRow(team=row.cells.get("team") or None, **values)


def import_participants(session: Session, path: Path | str, *, progress: Progress | None = None) -> int:
    """Gives the number of rows imported; adds participants or updates those of the same name and team."""
    rows = read_csv_rows(path, required=("name",), optional=("team", "role", "stance"))
    entries = list(_checked(rows, _participant_row, progress))
    _refuse_two_roles(path, rows, entries)
    teams = TeamDirectory(session)
    teams.add_missing(entry.team for entry in entries)
    keys = [(entry.name, teams.id_for(entry.team)) for entry in entries]
    known = set(session.execute(select(e.Participant.name, e.Participant.team_id)).all())
    new = sorted(set(keys) - known, key=lambda key: (key[0], key[1] or 0))
    insert_missing(session, e.Participant, [{"name": name, "team_id": team_id} for name, team_id in new])
    existing = {(p.name, p.team_id): p for p in session.scalars(select(e.Participant))}
    for entry, key in zip(entries, keys, strict=True):
        person = existing[key]
        person.role = entry.role or person.role or e.Role.EMPLOYEE
        person.stance = entry.stance or person.stance or e.Stance.UNKNOWN
    session.flush()
    _finished(progress, len(entries))
    return len(entries)


def _refuse_two_roles(path: Path | str, rows: Sequence[CsvRow], entries: Sequence[_ParticipantRow]) -> None:
    """Refuses a file listing one person (name and team) twice with different roles: which is meant?"""
    first: dict[tuple[str, str | None], tuple[int, e.Role]] = {}
    for row, entry in zip(rows, entries, strict=True):
        if entry.role is None:
            continue
        key = (entry.name, entry.team)
        line, role = first.setdefault(key, (row.line, entry.role))
        if role != entry.role:
            raise InputError(
                row.where("role"),
                tr("{name} is {role!r} here but {earlier!r} on line {line}; keep one role.").format(
                    name=_voter_name(key), role=entry.role.value, earlier=role.value, line=line
                ),
            )


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
        "team": row.cells.get("team") or None,
        "description": row.cells.get("description", ""),
        "notes": row.cells.get("notes", ""),
        **row.read_all(
            {
                "title": None,
                "hours_per_week": hours,
                **{column: words.read for column, words in TASK_COLUMN_WORDS.items()},
            }
        ),
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


class VoterDirectory:
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
    if not rows:
        # A round without ballots would be revealed empty; a header alone is most likely the wrong file.
        raise InputError(path.name, tr("the file has no ballot rows under its header; nothing was imported."))
    ballots = _ballots_by_voter(path.name, _checked(rows, _vote, progress))
    name = path.stem if round_name is None else round_name
    _one_import_per_round_name(session, name)
    name = checked_round_name(session, name, place=path.name)
    teams = TeamDirectory(session)
    directory = VoterDirectory(session, teams)
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


# Advisory locks of ballot imports, apart from those of schema updates (one-key locks never meet these).
ROUND_NAME_LOCKS = 0x57534B52  # "WSKR"


def _one_import_per_round_name(session: Session, name: str) -> None:
    """Gives nothing; on a shared server, makes a second import naming the same round wait until the first
    ends, so it then finds that round and is refused by name, rather than failing on the unique name."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(ROUND_NAME_LOCKS, func.hashtext(name.strip()))))


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
    teams.add_missing(team for _, team in new)
    keys = {voter: (voter[0], teams.id_for(voter[1])) for voter in new}
    rows = [
        {
            "name": name,
            "team_id": team_id,
            "role": ballots[voter].role or e.Role.MANAGER,
        }
        for voter, (name, team_id) in sorted(keys.items(), key=lambda pair: (pair[1][0], pair[1][1] or 0))
    ]
    insert_missing(session, e.Participant, rows)
    # Ordered by id, so a newly added participant wins over an older one of the same name and team.
    query = select(e.Participant.name, e.Participant.team_id, e.Participant.id).order_by(e.Participant.id)
    ids = {(name, team_id): person_id for name, team_id, person_id in session.execute(query)}
    return {voter: ids[key] for voter, key in keys.items()}


def _item_ids(session: Session, titles: set[str]) -> dict[str, int]:
    """Gives the opportunity id for each title, adding the opportunities the workshop lacks."""
    known = dict(session.execute(select(e.Opportunity.title, e.Opportunity.id)).all())
    insert_missing(session, e.Opportunity, [{"title": title} for title in sorted(titles - known.keys())])
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
