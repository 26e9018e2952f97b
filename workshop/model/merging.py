"""Bringing other workshop files into this one: ballots, survey answers, ideas, tasks, feedback, flags.

How rows are matched, so that merging the same file twice adds nothing:
- Teams, readiness dimensions, survey rounds, ballot rounds and opportunities are matched by name, and
  participants by name within their team. Names that differ only in case, accents or spacing are
  near-duplicates: they are listed for the facilitator, who decides whether they are the same.
- Tasks, ideas, feedback, caution flags, agenda items and records of replaced ballots are matched by
  their `uid`, an identity each row gets when it is made and keeps in every copy of the file: copies of
  one prepared file share their rows' uids, so they match, while two cards typed alike (in one file or
  in two rooms) are separate rows and all arrive. A row brought in keeps the source's uid, so merging
  again adds nothing. A source of a schema older than 0004 has no uids: its rows are matched by their whole
  content (with team and person matched as above), as before, and get fresh uids here.
- A ballot is matched by round and voter, a survey answer by round, person, dimension and kind. The same
  content adds nothing; a different content is a conflict that is never resolved silently. So is a row
  of one uid edited in one file since the copy (a task's hours changed on a laptop).
- A voter code arrives only where the voter has none here (a card printed here stays right).
- A dismissed proposal is matched by its key: one dismissed in either file stays dismissed.

Every row brought in keeps an `origin`: the source file's name and its workshop's creation time (a row
the source had itself merged keeps its first origin). It says where a row came from; matching never
depends on it.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Table,
    create_engine,
    delete,
    insert,
    inspect,
    select,
    update,
)

from workshop.wording import plural, tr

from . import entities as e
from .errors import FileInUseError, InputError, NewerSchemaError, WorkshopError, WorkshopFileError
from .locking import describe_holder, holder_of, lock_path_for
from .store import WorkshopStore, inspect_file, known_revisions

Prefer = Literal["target", "source"]
KeepApart = Collection["NearDuplicate"] | Literal["all"]

TABLES = e.Base.metadata.tables
# Tables matched by a name (and the column that scopes the name, for people: their team).
NAMED: tuple[tuple[str, str, str | None], ...] = (
    ("team", "name", None),
    ("readiness_dimension", "name", None),
    ("survey_round", "name", None),
    ("participant", "name", "team_id"),
    ("opportunity", "title", None),
    ("ballot_round", "name", None),
)
# Tables matched by each row's identity (`uid`), or by content from a file older than the uid.
BY_IDENTITY = ("task", "idea", "feedback_item", "caution_flag", "ballot_replacement", "agenda_item")
# What names such a row in a conflict: the column the facilitator typed first.
LABELS = {
    "task": "title",
    "idea": "what",
    "feedback_item": "what_does_not",
    "caution_flag": "evidence",
    "ballot_replacement": "replaced_at",
    "agenda_item": "title",
}
KIND_WORDS = {
    "team": "team",
    "readiness_dimension": "readiness dimension",
    "survey_round": "survey round",
    "participant": "participant",
    "opportunity": "opportunity",
    "ballot_round": "ballot round",
    "task": "task",
    "idea": "idea",
    "feedback_item": "feedback item",
    "caution_flag": "caution flag",
    "ballot": "ballot",
    "ballot_replacement": "replaced ballot",
    "readiness_answer": "survey answer",
    "dismissed_proposal": "dismissed proposal",
    "agenda_item": "agenda item",
}
NOT_COMPARED = {"id", "origin", "uid"}


@dataclass(frozen=True)
class NearDuplicate:
    """A name in a source file that differs from one already there only in case, accents or spaces."""

    kind: str
    name: str
    existing_name: str
    team: str | None
    source: str

    def line(self) -> str:
        team = f" ({self.team})" if self.team else ""
        return f"{self.kind} {self.name!r}{team} in {self.source} ~ {self.existing_name!r}"


@dataclass(frozen=True)
class Conflict:
    """The same person has a different ballot (or survey answer) in a source file than here."""

    kind: str
    participant: str
    team: str | None
    where: str
    source: str

    def line(self) -> str:
        if not self.participant:  # a row edited in one file since the copy: a task, an idea, ...
            return f"{self.kind} {self.where!r}: {self.source} differs"
        team = f" ({self.team})" if self.team else ""
        return f"{self.kind} of {self.participant}{team} in {self.where!r}: {self.source} differs"


@dataclass(frozen=True)
class MergePlan:
    """What merging the source files brings in, and what the facilitator must decide first."""

    sources: tuple[str, ...]
    near_duplicates: tuple[NearDuplicate, ...]
    conflicts: tuple[Conflict, ...]
    added: tuple[tuple[str, int], ...]

    def added_lines(self) -> list[str]:
        return [f"{count} {kind}{'' if count == 1 else 's'}" for kind, count in self.added]


class MergeConflict(WorkshopError):
    """Some voters have different ballots in two files; nothing was merged."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        lines = "\n".join(f"  {conflict.line()}" for conflict in self.conflicts)
        counted = plural(
            len(self.conflicts),
            "%n ballot, answer or item differs; nothing was merged.",
            "%n ballots, answers or items differ; nothing was merged.",
        )
        choose = tr("Choose which side wins (--prefer target or --prefer source):")
        super().__init__(f"{counted} {choose}\n{lines}")


def fold(name: str) -> str:
    """Gives the name without case, accents or extra spaces: how near-duplicates are recognised."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def plan_merge(
    store: WorkshopStore,
    sources: Sequence[Path | str],
    *,
    keep_apart: KeepApart = (),
    prefer: Prefer | None = None,
) -> MergePlan:
    """Gives what merging `sources` would do, changing nothing; near-duplicates count as the same
    unless listed in `keep_apart` (or it is "all")."""
    store.refuse_if_read_only()  # planning writes the merge, then rolls it back
    with store.reading() as session:
        return _merge(session.connection(), store, sources, keep_apart, prefer)


def merge_workshops(
    store: WorkshopStore,
    sources: Sequence[Path | str],
    *,
    keep_apart: KeepApart = (),
    prefer: Prefer | None = None,
) -> MergePlan:
    """Gives what was brought in from `sources`, all in one transaction; raises MergeConflict (merging
    nothing) when a voter's ballots differ and `prefer` does not say which side wins."""
    with store.transaction() as session:
        done = _merge(session.connection(), store, sources, keep_apart, prefer)
        if done.conflicts and prefer is None:
            raise MergeConflict(done.conflicts)
    return done


@dataclass
class _Source:
    label: str
    origin: str
    connection: Connection
    columns: dict[str, set[str]]

    def rows(self, table: str) -> list[dict[str, Any]]:
        present = [column for column in TABLES[table].c if column.name in self.columns.get(table, ())]
        if not present:
            return []
        return [dict(row) for row in self.connection.execute(select(*present)).mappings()]


@dataclass
class _Merge:
    """The running state of one merge: what the target holds so far and what was found."""

    target: Connection
    keep_apart: KeepApart
    prefer: Prefer | None
    ids: dict[str, dict[int, int]] = field(default_factory=dict)
    names: dict[tuple[str, Any, str], tuple[int, str]] = field(default_factory=dict)
    folded: dict[tuple[str, Any, str], tuple[int, str]] = field(default_factory=dict)
    near: list[NearDuplicate] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter)
    created: set[tuple[str, int]] = field(default_factory=set)

    def mapped(self, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
        """Gives the row's values with its references turned into the target's ids."""
        values = {}
        for column in TABLES[table].c:
            if column.name in NOT_COMPARED:
                continue
            value = row[column.name] if column.name in row else _default_of(column)
            if column.foreign_keys and value is not None:
                value = self.ids.get(next(iter(column.foreign_keys)).column.table.name, {}).get(value)
            values[column.name] = value
        return values

    def add(self, table: str, values: Mapping[str, Any]) -> int:
        self.added[KIND_WORDS[table]] += 1
        statement = insert(TABLES[table]).values(**values).returning(TABLES[table].c.id)
        new_id: int = self.target.execute(statement).scalar_one()
        self.created.add((table, new_id))
        return new_id


def _merge(
    target: Connection,
    store: WorkshopStore,
    sources: Sequence[Path | str],
    keep_apart: KeepApart,
    prefer: Prefer | None,
) -> MergePlan:
    state = _Merge(target, keep_apart, prefer)
    _index_target_names(state)
    labels = []
    for path in sources:
        with _opened_source(Path(path), store) as source:
            labels.append(source.label)
            _merge_source(state, source)
    return MergePlan(
        tuple(labels),
        tuple(dict.fromkeys(state.near)),
        tuple(state.conflicts),
        tuple((kind, state.added[kind]) for kind in KIND_WORDS.values() if state.added[kind]),
    )


def _index_target_names(state: _Merge) -> None:
    for table, name_column, scope in NAMED:
        columns = TABLES[table].c
        scope_column = columns[scope] if scope else None
        query = select(
            columns.id, columns[name_column], *([scope_column] if scope_column is not None else [])
        )
        for row in state.target.execute(query):
            _remember_name(state, table, row[2] if scope else None, row[1], row[0])


def _remember_name(state: _Merge, table: str, scope: Any, name: str, row_id: int) -> None:
    state.names[(table, scope, name)] = (row_id, name)
    state.folded.setdefault((table, scope, fold(name)), (row_id, name))


@contextmanager
def _opened_source(path: Path, store: WorkshopStore) -> Iterator[_Source]:
    """Yields a read-only view of a source workshop file, after checking it is one this app reads."""
    if store.url is None and path.resolve() == Path(store.path).resolve():
        raise WorkshopFileError(path, tr("this is the workshop being merged into; choose another file."))
    health = inspect_file(path)
    if health.revision is None:
        raise WorkshopFileError(path, tr("this file holds no workshop yet; there is nothing to merge."))
    if health.revision not in known_revisions():
        raise NewerSchemaError(
            path,
            tr("this workshop was saved by a newer version of the app (schema {schema}).").format(
                schema=health.revision
            ),
        )
    _refuse_a_source_in_use(path)
    engine = _read_only_engine(path)
    try:
        with engine.connect() as connection:
            # One read transaction for the whole source: a process writing without the app's lock cannot
            # slip a ballot in between reading the ballots and reading their entries.
            connection.exec_driver_sql("BEGIN")
            # A file of an older schema lacks the newer tables and columns: they are read as absent.
            found = inspect(connection)
            columns = {t: {c["name"] for c in found.get_columns(t)} for t in TABLES if found.has_table(t)}
            created = connection.execute(select(e.Workshop.created_at)).scalar()
            origin = f"{path.name}, created {created:%Y-%m-%d %H:%M:%S}" if created else path.name
            yield _Source(path.name, origin, connection, columns)
    finally:
        engine.dispose()


def _refuse_a_source_in_use(path: Path) -> None:
    """Refuses a source an app holds open: it may still be saving, and its holder should close it first."""
    if holder_of(path) is not None:
        raise FileInUseError(
            path,
            tr("this workshop is open in the app by {holder}; close it there, then merge it.").format(
                holder=describe_holder(lock_path_for(path))
            ),
        )


def _read_only_engine(path: Path) -> Engine:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    # isolation_level=None: the explicit BEGIN above, not the driver, decides where the transaction starts
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, isolation_level=None))


def _merge_source(state: _Merge, source: _Source) -> None:
    for table, name_column, scope in NAMED:
        state.ids[table] = {
            row["id"]: _matched_or_added(state, source, table, name_column, scope, row)
            for row in source.rows(table)
        }
    _merge_round_choices(state, source, e.ballot_round_voter, "participant_id")
    _merge_round_choices(state, source, e.ballot_round_item, "opportunity_id")
    _merge_ballots(state, source)
    _merge_voter_codes(state, source)
    for table in BY_IDENTITY:
        if "uid" in source.columns.get(table, ()):
            _merge_by_uid(state, source, table)
        else:
            _merge_by_content(state, source, table)
    _merge_answers(state, source)
    _merge_dismissed_proposals(state, source)


def _matched_or_added(
    state: _Merge, source: _Source, table: str, name_column: str, scope: str | None, row: Mapping[str, Any]
) -> int:
    """Gives the target id of the named row: the same name, an accepted near-duplicate, or a new row."""
    values = state.mapped(table, row)
    name, where = values[name_column], values[scope] if scope else None
    exact = state.names.get((table, where, name))
    if exact is not None:
        _check_same_method(state, table, exact[0], values, source)
        return exact[0]
    similar = state.folded.get((table, where, fold(name)))
    if similar is not None:
        found = NearDuplicate(KIND_WORDS[table], name, similar[1], _team_name(state, where), source.label)
        state.near.append(found)
        if not _kept_apart(state.keep_apart, found):
            state.names[(table, where, name)] = similar
            return similar[0]
    new_id = state.add(table, values)
    _remember_name(state, table, where, name, new_id)
    return new_id


def _default_of(column: Column[Any]) -> Any:
    """Gives what a column of a newer schema holds for a row from an older file that lacks it."""
    default = column.default
    return default.arg if default is not None and default.is_scalar else None  # type: ignore[attr-defined]


def _kept_apart(keep_apart: KeepApart, found: NearDuplicate) -> bool:
    return keep_apart == "all" or found in keep_apart


def _check_same_method(
    state: _Merge, table: str, row_id: int, values: Mapping[str, Any], source: _Source
) -> None:
    """Refuses to pour ballots of one method into a round of the same name but another method."""
    if table != "ballot_round":
        return
    method = state.target.execute(select(e.BallotRound.method).where(e.BallotRound.id == row_id)).scalar()
    if method != values["method"]:
        raise InputError(
            source.label,
            tr(
                "the ballot round {name!r} is a {there} vote there but a {here} vote "
                "here; rename one of the rounds before merging."
            ).format(name=values["name"], there=values["method"], here=method),
        )


def _team_name(state: _Merge, team_id: int | None) -> str | None:
    if team_id is None:
        return None
    return state.target.execute(select(e.Team.name).where(e.Team.id == team_id)).scalar()


def _merge_round_choices(state: _Merge, source: _Source, table: Table, chosen_column: str) -> None:
    """Adds the source's chosen voters (or opportunities) to rounds here that chose theirs, mapped to the
    rows here; a round that chose none keeps meaning everyone (every opportunity)."""
    target_table = next(iter(table.c[chosen_column].foreign_keys)).column.table.name
    chosen = {
        (row[0], row[1]) for row in state.target.execute(select(table.c.round_id, table.c[chosen_column]))
    }
    rounds_with_choices = {round_id for round_id, _ in chosen}
    for row in source.rows(table.name):
        pair = (state.ids["ballot_round"][row["round_id"]], state.ids[target_table][row[chosen_column]])
        new_round = ("ballot_round", pair[0]) in state.created
        if pair not in chosen and (pair[0] in rounds_with_choices or new_round):
            state.target.execute(insert(table).values({"round_id": pair[0], chosen_column: pair[1]}))
            chosen.add(pair)


def _merge_by_uid(state: _Merge, source: _Source, table: str) -> None:
    """Adds the rows whose uid the target does not hold yet, each keeping its uid; a row edited in one
    file since the copy is a conflict, settled as `prefer` says."""
    columns = TABLES[table].c
    compared = [column for column in columns if column.name not in NOT_COMPARED]
    here = {
        row[0]: (row[1], tuple(row[2:]))
        for row in state.target.execute(select(columns.uid, columns.id, *compared))
    }
    for row in source.rows(table):
        values = {**state.mapped(table, row), "uid": row["uid"]}
        content = tuple(values[column.name] for column in compared)
        held = here.get(row["uid"])
        if held is None:
            here[row["uid"]] = (state.add(table, {**values, **_origin_of(source, table, row)}), content)
        elif _source_wins(state, held[1], content, source, table, (held[0],)):
            changed = update(TABLES[table]).where(columns.id == held[0])
            state.target.execute(changed.values(**values, **_origin_of(source, table, row)))
            here[row["uid"]] = (held[0], content)


def _merge_by_content(state: _Merge, source: _Source, table: str) -> None:
    """Adds the rows of a file without uids whose whole content the target does not hold yet; each gets
    a fresh uid here."""
    compared = [column for column in TABLES[table].c if column.name not in NOT_COMPARED]
    present = {tuple(row) for row in state.target.execute(select(*compared))}
    for row in source.rows(table):
        values = state.mapped(table, row)
        content = tuple(values[column.name] for column in compared)
        if content not in present:
            present.add(content)
            state.add(table, {**values, **_origin_of(source, table, row)})


def _origin_of(source: _Source, table: str, row: Mapping[str, Any]) -> dict[str, str]:
    """Gives the origin a row brought in keeps: its first one, or the source; nothing for a table without."""
    return {"origin": row.get("origin") or source.origin} if "origin" in TABLES[table].c else {}


def _merge_voter_codes(state: _Merge, source: _Source) -> None:
    """Adds the source's voter codes where the voter has none here and the code is free in the round: a
    code already printed on a card here is never changed."""
    held = state.target.execute(select(e.VoterCode.round_id, e.VoterCode.participant_id, e.VoterCode.code))
    voters: set[tuple[int, int]] = set()
    codes: set[tuple[int, str]] = set()
    for round_id, participant_id, held_code in held:
        voters.add((round_id, participant_id))
        codes.add((round_id, held_code))
    for row in source.rows("voter_code"):
        values = state.mapped("voter_code", row)
        voter, code = (values["round_id"], values["participant_id"]), (values["round_id"], values["code"])
        if voter not in voters and code not in codes:
            state.target.execute(insert(e.VoterCode).values(**values))
            voters.add(voter)
            codes.add(code)


def _merge_ballots(state: _Merge, source: _Source) -> None:
    entries_by_ballot: dict[int, list[dict[str, Any]]] = {}
    for entry in source.rows("ballot_entry"):
        entries_by_ballot.setdefault(entry["ballot_id"], []).append(entry)
    here = _target_ballots(state)
    for row in source.rows("ballot"):
        values = state.mapped("ballot", row)
        key = (values["round_id"], values["participant_id"])
        entries = [state.mapped("ballot_entry", entry) for entry in entries_by_ballot.get(row["id"], [])]
        content = _ballot_content(entries)
        if key in here and not _source_wins(state, here[key][1], content, source, "ballot", key):
            continue
        if key in here:
            state.target.execute(delete(e.BallotEntry).where(e.BallotEntry.ballot_id == here[key][0]))
            state.target.execute(delete(e.Ballot).where(e.Ballot.id == here[key][0]))
        ballot_id = state.add("ballot", {**values, "origin": row.get("origin") or source.origin})
        for entry in entries:
            state.target.execute(insert(e.BallotEntry).values(**{**entry, "ballot_id": ballot_id}))
        here[key] = (ballot_id, content)


def _target_ballots(state: _Merge) -> dict[tuple[int, int], tuple[int, frozenset[tuple[Any, ...]]]]:
    """Gives each ballot here by (round, voter): its id and its entries."""
    entries: dict[int, list[dict[str, Any]]] = {}
    for entry in state.target.execute(select(e.BallotEntry.__table__)).mappings():
        entries.setdefault(entry["ballot_id"], []).append(dict(entry))
    return {
        (row.round_id, row.participant_id): (row.id, _ballot_content(entries.get(row.id, [])))
        for row in state.target.execute(select(e.Ballot.id, e.Ballot.round_id, e.Ballot.participant_id))
    }


def _ballot_content(entries: Sequence[Mapping[str, Any]]) -> frozenset[tuple[Any, ...]]:
    return frozenset(
        (entry["opportunity_id"], entry["rank"], entry["points"], entry["impact"], entry["effort"])
        for entry in entries
    )


def _source_wins(
    state: _Merge, here: object, there: object, source: _Source, kind: str, key: tuple[int, ...]
) -> bool:
    """Gives whether a source row replaces the target's: never when equal; on a conflict, as preferred."""
    if here == there:
        return False
    state.conflicts.append(_conflict(state, source, kind, key))
    return state.prefer == "source"


def _conflict(state: _Merge, source: _Source, kind: str, key: tuple[int, ...]) -> Conflict:
    if kind in BY_IDENTITY:
        label = TABLES[kind].c[LABELS[kind]]
        text = state.target.execute(select(label).where(TABLES[kind].c.id == key[0])).scalar()
        return Conflict(KIND_WORDS[kind], "", None, _shortened(str(text)), source.label)
    if kind == "ballot":
        round_id, participant_id = key
        where = state.target.execute(select(e.BallotRound.name).where(e.BallotRound.id == round_id)).scalar()
    else:
        round_id, participant_id, dimension_id, _estimate = key
        survey = state.target.execute(select(e.SurveyRound.name).where(e.SurveyRound.id == round_id)).scalar()
        dimension = state.target.execute(
            select(e.ReadinessDimension.name).where(e.ReadinessDimension.id == dimension_id)
        ).scalar()
        where = f"{survey}, {dimension}"
    person = state.target.execute(
        select(e.Participant.name, e.Participant.team_id).where(e.Participant.id == participant_id)
    ).one()
    return Conflict(kind, person.name, _team_name(state, person.team_id), str(where), source.label)


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _merge_dismissed_proposals(state: _Merge, source: _Source) -> None:
    """Adds the proposals dismissed there and not here (matched by key), so none comes back after a merge."""
    table = TABLES["dismissed_proposal"]
    here = set(state.target.execute(select(table.c.key)).scalars())
    for row in source.rows(table.name):
        if row["key"] not in here:
            here.add(row["key"])
            state.add(table.name, state.mapped(table.name, row))


def _merge_answers(state: _Merge, source: _Source) -> None:
    columns = TABLES["readiness_answer"].c
    key_columns = (
        columns.survey_round_id,
        columns.participant_id,
        columns.dimension_id,
        columns.is_team_estimate,
    )
    here = {
        tuple(row[:4]): (row[4], row[5])
        for row in state.target.execute(select(*key_columns, columns.id, columns.score))
    }
    for row in source.rows("readiness_answer"):
        values = state.mapped("readiness_answer", row)
        key = tuple(values[column.name] for column in key_columns)
        if key in here and not _source_wins(
            state, here[key][1], values["score"], source, "survey answer", key
        ):
            continue
        if key in here:
            state.target.execute(delete(e.ReadinessAnswer).where(e.ReadinessAnswer.id == here[key][0]))
        answer_id = state.add("readiness_answer", {**values, "origin": row.get("origin") or source.origin})
        here[key] = (answer_id, values["score"])
