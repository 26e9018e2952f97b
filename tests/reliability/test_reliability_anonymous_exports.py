"""Anonymous exports name nobody: a reader who knows who is in which team and role cannot join a ballot,
a ballot's entries, a readiness answer, a stance or a replaced-ballot record to a group of fewer than 3
people, by any chain of columns (participant id -> participant -> team and role, ids in the order of
casting, timestamps). Labels are keyed with each workshop's own secret, and the numbers the analysis
shows for groups of 3 or more come out of the export unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.analysis.readiness import SurveyAnswer, group_scores
from workshop.model import entities as e
from workshop.model import gather
from workshop.model.exporting import export_json, write_csv_tables
from workshop.model.store import create_workshop
from workshop.privacy import MIN_GROUP

ROLES = (e.Role.LEADER, e.Role.MANAGER, e.Role.EMPLOYEE)
VOTERS = (e.Role.LEADER, e.Role.MANAGER)
STANCES = (e.Stance.CHAMPION, e.Stance.NEUTRAL, e.Stance.SKEPTIC)
START = dt.datetime(2026, 11, 30, 9, 0)

# Random rooms: up to 3 teams, each with 0-4 people of each role, and a few people without a team.
ROOMS = st.lists(st.tuples(*[st.integers(0, 4)] * len(ROLES)), min_size=1, max_size=3)
LONERS = st.lists(st.sampled_from(ROLES), max_size=2)


@dataclass(frozen=True)
class Person:
    """What the reader knows of someone: their team and role (never what they said)."""

    id: int
    team: int | None
    role: e.Role


def build_room(store: Any, sizes: list[tuple[int, ...]], loners: list[e.Role], seed: int) -> None:
    """Fills the workshop: people, a revealed ranking round voted in id order, and a readiness survey."""
    with store.transaction() as session:
        items = [e.Opportunity(title=f"Item {n}") for n in range(4)]
        people = []
        for number, counts in enumerate(sizes):
            team = e.Team(name=f"Team {number}")
            for role, count in zip(ROLES, counts, strict=True):
                people += [
                    e.Participant(name=f"{team.name} {role} {n}", team=team, role=role) for n in range(count)
                ]
        people += [e.Participant(name=f"Alone {n}", role=role) for n, role in enumerate(loners)]
        for n, person in enumerate(people):
            person.stance = STANCES[(n + seed) % len(STANCES)]
        voters = [p for p in people if p.role in VOTERS]
        ranking = e.BallotRound(name="Priorities", created_at=START, closed_at=START, revealed_at=START)
        for n, voter in enumerate(voters):  # cast one after another, as the laptop goes round
            ranks = [(n + seed + k) % len(items) for k in range(len(items))]
            entries = [
                e.BallotEntry(opportunity=item, rank=r + 1) for item, r in zip(items, ranks, strict=True)
            ]
            ranking.ballots.append(
                e.Ballot(participant=voter, submitted_at=START + dt.timedelta(minutes=n), entries=entries)
            )
        session.add(ranking)
        session.flush()
        session.add_all(
            e.BallotReplacement(
                round_id=ranking.id, participant_id=v.id, earlier_cast_at=START, replaced_at=START
            )
            for v in voters[:2]
        )
        survey = e.SurveyRound(name="Before")
        dimensions = session.scalars(select(e.ReadinessDimension)).all()[:2]
        for n, person in enumerate(people):
            for d, dimension in enumerate(dimensions):
                score = 1 + (n + d + seed) % 5
                session.add(
                    e.ReadinessAnswer(
                        survey_round=survey, participant=person, dimension=dimension, score=score
                    )
                )
                if person.role is e.Role.MANAGER:
                    session.add(
                        e.ReadinessAnswer(
                            survey_round=survey, participant=person, dimension=dimension, score=score,
                            is_team_estimate=True,
                        )
                    )  # fmt: skip


def known_people(store: Any) -> list[Person]:
    with store.reading() as session:
        return [Person(p.id, p.team_id, p.role) for p in session.scalars(select(e.Participant))]


def candidates(people: list[Person], person_row: dict[str, Any]) -> set[int]:
    """Gives who the reader can tell a record's author is among, from the participant row it points at."""
    team = person_row["team_id"]
    if person_row["name"].startswith("Stand-in"):  # a stand-in tells its team at most
        return {p.id for p in people if team is None or p.team == team}
    role = e.Role(person_row["role"])
    same_role = [p for p in people if p.role is role]
    if team is not None:
        return {p.id for p in same_role if p.team == team}
    # A person shown without a team is one of those of that role the export could not show with one.
    shown = Counter(p.team for p in same_role)
    return {p.id for p in same_role if p.team is None or shown[p.team] < MIN_GROUP}


def authored_records(
    tables: dict[str, list[dict[str, Any]]],
) -> Iterator[tuple[str, dict[str, Any], set[e.Role]]]:
    """Gives each record that says something about its author, with the roles its kind reveals."""
    for ballot in tables["ballot"]:
        yield "ballot", ballot, set(VOTERS)
    for record in tables["ballot_replacement"]:
        yield "ballot_replacement", record, set(VOTERS)
    for answer in tables["readiness_answer"]:
        yield "readiness_answer", answer, {e.Role.MANAGER} if answer["is_team_estimate"] else set(ROLES)


def open_room(folder: str, sizes: list[tuple[int, ...]], loners: list[e.Role], seed: int) -> Any:
    store = create_workshop(Path(folder) / "room.workshop", title="Room", anonymity=e.Anonymity.ANONYMOUS)
    build_room(store, sizes, loners, seed)
    return store


@settings(max_examples=40, deadline=None)
@given(sizes=ROOMS, loners=LONERS, seed=st.integers(0, 10))
def test_no_ballot_answer_stance_or_replacement_joins_a_group_of_fewer_than_3(sizes, loners, seed):
    with tempfile.TemporaryDirectory() as folder:
        store = open_room(folder, sizes, loners, seed)
        people = known_people(store)
        with store.reading() as session:
            tables = export_json(session)["tables"]
        store.close()
    rows = {row["id"]: row for row in tables["participant"]}
    for kind, record, roles in authored_records(tables):
        among = candidates(people, rows[record["participant_id"]])
        among = {p.id for p in people if p.id in among and p.role in roles}
        assert len(among) >= MIN_GROUP, f"a {kind} row names one of {len(among)} people"
    for person_row in rows.values():
        if person_row["stance"] != e.Stance.UNKNOWN:
            assert len(candidates(people, person_row)) >= MIN_GROUP, "a stance names a small group"
    # No order of casting survives: every ballot of a round is dated alike.
    assert len({ballot["submitted_at"] for ballot in tables["ballot"]}) <= 1
    times = {(r["earlier_cast_at"], r["replaced_at"]) for r in tables["ballot_replacement"]}
    assert len(times) <= 1


@settings(max_examples=15, deadline=None)
@given(sizes=ROOMS, seed=st.integers(0, 10))
def test_the_csv_tables_hold_the_same_rows_and_say_what_they_withhold(sizes, seed):
    with tempfile.TemporaryDirectory() as folder:
        store = open_room(folder, sizes, [], seed)
        with store.reading() as session:
            document = export_json(session)
            write_csv_tables(session, Path(folder) / "csv")
        store.close()
        for name in ("participant", "ballot", "readiness_answer"):
            text = (Path(folder) / "csv" / f"{name}.csv").read_text(encoding="utf-8-sig")
            assert len(list(csv.DictReader(io.StringIO(text)))) == len(document["tables"][name])
        withheld = list(
            csv.DictReader(io.StringIO((Path(folder) / "csv" / "withheld.csv").read_text("utf-8-sig")))
        )
    assert {row["withheld"]: int(row["count"]) for row in withheld} == document["withheld"]
    assert "label_salt" not in text and all("label_salt" not in row for row in document["tables"]["workshop"])


def test_labels_of_the_same_voters_differ_between_two_workshops_with_the_same_ids():
    with tempfile.TemporaryDirectory() as folder:
        labels = []
        for name in ("a", "b"):
            store = create_workshop(Path(folder) / f"{name}.workshop", title=name)
            with store.reading() as session:
                salt = gather.label_salt(session)
            store.close()
            voters = {pid: (f"Person {pid}", None) for pid in range(1, 27)}
            labels.append(gather.voter_labels(e.Anonymity.ANONYMOUS, 1, voters, salt=salt))
    assert labels[0] != labels[1]
    assert sorted(labels[0].values()) == sorted(labels[1].values())


@settings(max_examples=25, deadline=None)
@given(sizes=ROOMS, loners=LONERS, seed=st.integers(0, 10))
def test_the_readiness_numbers_shown_for_groups_of_3_or_more_come_out_of_the_export(sizes, loners, seed):
    with tempfile.TemporaryDirectory() as folder:
        store = open_room(folder, sizes, loners, seed)
        with store.reading() as session:
            app = group_scores(SurveyAnswer(*answer) for answer in gather.survey_answers(session))
            tables = export_json(session)["tables"]
        store.close()
    team = {row["id"]: row["team_id"] for row in tables["participant"]}
    names = {row["id"]: row["name"] for row in tables["team"]}
    dimensions = {row["id"]: row["name"] for row in tables["readiness_dimension"]}
    exported = group_scores(
        SurveyAnswer(
            str(a["participant_id"]), names[team[a["participant_id"]]], dimensions[a["dimension_id"]],
            a["score"], a["is_team_estimate"], "Before",
        )
        for a in tables["readiness_answer"]
    )  # fmt: skip
    assert figures(exported) == figures(app)
    assert all(not s.withheld for s in exported), "the export holds no answers the analysis withholds"


def figures(scores: Any) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Gives each shown group's n, mean, SD and rwg, rounded past the order in which answers were summed."""
    return {
        (s.team, s.dimension): (s.n, *(None if v is None else round(v, 9) for v in (s.mean, s.sd, s.rwg)))
        for s in scores
        if not s.withheld
    }
