"""An anonymous workshop's export: who was in the room, and what was said, with no link between the two.

An export leaves the app, so it must hold against a reader who knows who is in which team and role. In a
workshop that is not named:

- people appear as "Participant <n>", numbered in an order keyed with the workshop's secret salt (ids
  follow the order people were entered in, which a colleague may know); a team is shown only where at
  least MIN_GROUP people of one role share it, a stance only where MIN_GROUP people share what is shown;
- every ballot belongs to a stand-in of its own, named with the team only when at least MIN_GROUP of the
  round's voters belong to it (as the reveal names teams); ballots are numbered in a salted order and
  dated at the round's close, since the order of casting follows who held the laptop;
- readiness answers belong to one stand-in per person, survey round and kind (own answers or a manager's
  estimate), and only answers the analysis shows are kept: a team's own answers on a dimension when at
  least MIN_GROUP answered, a team's estimates when the perception gap is shown;
- a replaced-ballot record points at the stand-in of the ballot that replaced it;
- dismissed proposals are left out, and a caution flag's `proposal_key` is blanked: a key names what the
  proposal was about, which can be a person (a workflow owned by a skeptic) or a team under the floor.

What is left out is counted in `withheld`, which the export states.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from workshop.privacy import MIN_GROUP, groups_safe_to_name, secret_order

from . import entities as e

Row = dict[str, Any]
Tables = dict[str, list[Row]]

# Where a merged row came from ("room-b.workshop") can name the team that voted in that room.
NO_ORIGIN = {"origin": None}
# Which proposal a flag was accepted from names its subject, which can be a person.
NO_PROPOSAL = {"proposal_key": None}


@dataclass
class StandIns:
    """The participant rows that stand in for the authors of ballots and answers: no name, no role."""

    first_id: int
    rows: list[Row] = field(default_factory=list)

    def add(self, team_id: int | None) -> int:
        number = self.first_id + len(self.rows)
        columns = {column.name: None for column in e.Participant.__table__.columns}
        self.rows.append(
            columns
            | {
                "id": number,
                "name": f"Stand-in {number}",
                "team_id": team_id,
                "role": e.Role.EMPLOYEE,  # the column needs one; the stand-in's true role is not told
                "stance": e.Stance.UNKNOWN,
            }
        )
        return number


@dataclass(frozen=True)
class Unlinked:
    """The tables as an anonymous export writes them, and how many values of each kind were withheld."""

    tables: Tables
    withheld: dict[str, int]


def unlinked(tables: Tables, salt: str) -> Unlinked:
    """Gives the tables with no ballot, answer or stance linked to a group of fewer than MIN_GROUP."""
    people, new_id, stances = _people(tables["participant"], salt)
    team_of = {row["id"]: row["team_id"] for row in tables["participant"]}
    stand_ins = StandIns(first_id=len(people) + 1)
    ballots, entries, voter_of, few = _ballots(tables, team_of, stand_ins, salt)
    replacements = _replacements(tables, voter_of, salt)
    answers = _answers(tables["readiness_answer"], team_of, stand_ins, salt)
    out = dict(tables) | {
        "participant": people + stand_ins.rows,
        "ballot": ballots,
        "ballot_entry": entries,
        "ballot_replacement": replacements,
        "readiness_answer": answers,
        "dismissed_proposal": [],
        "caution_flag": [row | NO_PROPOSAL for row in tables.get("caution_flag", [])],
    }
    _renumber_people(out, new_id)
    withheld = {
        "participant.stance": stances,
        "ballot": few,
        "ballot_replacement": len(tables["ballot_replacement"]) - len(replacements),
        "readiness_answer": len(tables["readiness_answer"]) - len(answers),
        "dismissed_proposal": len(tables.get("dismissed_proposal", [])),
        "caution_flag.proposal_key": sum(
            bool(row.get("proposal_key")) for row in tables.get("caution_flag", [])
        ),
    }
    return Unlinked(out, withheld)


def _people(rows: list[Row], salt: str) -> tuple[list[Row], dict[int, int], int]:
    """Gives the people renumbered, with teams and stances only where a group of MIN_GROUP shares them."""
    role_in_team = Counter((row["team_id"], row["role"]) for row in rows)

    def shown_team(row: Row) -> int | None:
        return row["team_id"] if role_in_team[row["team_id"], row["role"]] >= MIN_GROUP else None

    shown = Counter((shown_team(row), row["role"]) for row in rows)
    order = sorted(rows, key=lambda row: secret_order(salt, "participant", row["id"]))
    new_id = {row["id"]: number for number, row in enumerate(order, 1)}
    people = []
    for row in order:
        number = new_id[row["id"]]
        kept = shown[shown_team(row), row["role"]] >= MIN_GROUP
        stance = row["stance"] if kept else e.Stance.UNKNOWN
        people.append(
            row
            | {"id": number, "name": f"Participant {number}", "team_id": shown_team(row), "stance": stance}
        )
    stances = sum(row["stance"] != person["stance"] for row, person in zip(order, people, strict=True))
    return people, new_id, stances


def _ballots(
    tables: Tables, team_of: dict[int, int | None], stand_ins: StandIns, salt: str
) -> tuple[list[Row], list[Row], dict[tuple[int, int], int], int]:
    """Gives the ballots on stand-ins, their entries, each voter's stand-in, and how many were withheld."""
    closed = {row["id"]: row["closed_at"] or row["revealed_at"] for row in tables["ballot_round"]}
    per_round = Counter(row["round_id"] for row in tables["ballot"])
    kept = [row for row in tables["ballot"] if per_round[row["round_id"]] >= MIN_GROUP]
    named = _named_teams([(row["round_id"], team_of.get(row["participant_id"])) for row in kept])
    order = sorted(kept, key=lambda row: (row["round_id"], secret_order(salt, "ballot", row["id"])))
    new_id, voter_of, ballots = {}, {}, []
    for number, row in enumerate(order, 1):
        team = team_of.get(row["participant_id"])
        stand_in = stand_ins.add(team if (row["round_id"], team) in named else None)
        new_id[row["id"]] = number
        voter_of[row["round_id"], row["participant_id"]] = stand_in
        ballots.append(
            row
            | NO_ORIGIN
            | {"id": number, "participant_id": stand_in, "submitted_at": closed[row["round_id"]]}
        )
    entries = [
        row | {"ballot_id": new_id[row["ballot_id"]]}
        for row in tables["ballot_entry"]
        if row["ballot_id"] in new_id
    ]
    entries.sort(key=lambda row: (row["ballot_id"], row["opportunity_id"]))
    return ballots, _numbered(entries), voter_of, len(tables["ballot"]) - len(kept)


def _named_teams(voters: list[tuple[int, int | None]]) -> set[tuple[int, int | None]]:
    """Gives the (round, team) pairs a ballot may name: per round, the teams `groups_safe_to_name` allows."""
    teams_of_round: dict[int, list[int | None]] = {}
    for round_id, team in voters:
        teams_of_round.setdefault(round_id, []).append(team)
    return {
        (round_id, team) for round_id, teams in teams_of_round.items() for team in groups_safe_to_name(teams)
    }


def _replacements(tables: Tables, voter_of: dict[tuple[int, int], int], salt: str) -> list[Row]:
    """Gives the replaced-ballot records of kept ballots, pointing at their stand-ins, dated at the close."""
    closed = {row["id"]: row["closed_at"] or row["revealed_at"] for row in tables["ballot_round"]}
    rows = [
        row for row in tables["ballot_replacement"] if (row["round_id"], row["participant_id"]) in voter_of
    ]
    rows.sort(key=lambda row: (row["round_id"], secret_order(salt, "replacement", row["id"])))
    return _numbered(
        row
        | NO_ORIGIN
        | {
            "participant_id": voter_of[row["round_id"], row["participant_id"]],
            "earlier_cast_at": closed[row["round_id"]],
            "replaced_at": closed[row["round_id"]],
        }
        for row in rows
    )


def _answers(rows: list[Row], team_of: dict[int, int | None], stand_ins: StandIns, salt: str) -> list[Row]:
    """Gives the readiness answers the analysis shows, each person's per round and kind on one stand-in."""

    def group(row: Row) -> tuple[Any, ...]:
        return (row["survey_round_id"], team_of.get(row["participant_id"]), row["dimension_id"])

    own = Counter(group(row) for row in rows if not row["is_team_estimate"] and row["score"] is not None)
    estimates = Counter(group(row) for row in rows if row["is_team_estimate"] and row["score"] is not None)

    def shown(row: Row) -> bool:
        key = group(row)
        enough_own = key[1] is not None and own[key] >= MIN_GROUP
        return enough_own and (not row["is_team_estimate"] or estimates[key] >= MIN_GROUP)

    def author(row: Row) -> tuple[Any, ...]:
        return (row["survey_round_id"], row["participant_id"], row["is_team_estimate"])

    kept = sorted(
        (row for row in rows if shown(row)),
        key=lambda row: (row["survey_round_id"], secret_order(salt, "respondent", *author(row))),
    )
    stand_in = _once(author, lambda row: stand_ins.add(team_of.get(row["participant_id"])))
    answers = [row | NO_ORIGIN | {"participant_id": stand_in(row)} for row in kept]
    answers.sort(key=lambda row: (row["participant_id"], row["dimension_id"], row["is_team_estimate"]))
    return _numbered(answers)


def _once(key: Callable[[Row], Hashable], make: Callable[[Row], int]) -> Callable[[Row], int]:
    """Gives a function that makes a value on a key's first row and gives the same for later rows."""
    made: dict[Hashable, int] = {}

    def value(row: Row) -> int:
        if key(row) not in made:
            made[key(row)] = make(row)
        return made[key(row)]

    return value


def _numbered(rows: Iterable[Row]) -> list[Row]:
    """Gives the rows with ids 1, 2, ... in their order, so an id no longer tells when a row was made."""
    return [row | {"id": number} for number, row in enumerate(rows, 1)]


# Tables that name a participant besides ballots and answers, and which of their columns does.
PEOPLE_COLUMNS = {
    "ballot_round_voter": "participant_id",
    "voter_code": "participant_id",
    "idea": "proposer_id",
    "caution_flag": "participant_id",
}


def _renumber_people(tables: Tables, new_id: dict[int, int]) -> None:
    """Changes every reference to a person to their new number, keeping no table in the old id order."""
    for name, column in PEOPLE_COLUMNS.items():
        rows = [row | {column: new_id.get(row[column], row[column])} for row in tables.get(name, [])]
        if name == "ballot_round_voter":
            rows.sort(key=lambda row: (row["round_id"], row["participant_id"]))
        elif name == "voter_code":  # codes were made one per voter in id order
            rows = _numbered(sorted(rows, key=lambda row: (row["round_id"], row["participant_id"])))
        tables[name] = rows
