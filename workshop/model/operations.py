"""Changes a user makes, each a keyword-only function run inside one `store.transaction()`.

The caller owns the session (and so the transaction); these functions never commit on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from sqlalchemy import Select, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .errors import InputError
from .store import now

Row = TypeVar("Row", bound=e.Base)


def _found_or_added(session: Session, query: Select[Row], make: Callable[[], Row]) -> Row:
    found = session.scalars(query).first()
    if found is None:
        found = make()
        session.add(found)
        session.flush()
    return found


def team_named(session: Session, name: str) -> e.Team:
    """Gives the team of that name, adding it when the workshop has none yet."""
    return _found_or_added(session, select(e.Team).where(e.Team.name == name), lambda: e.Team(name=name))


def participant_named(
    session: Session,
    name: str,
    *,
    team: e.Team | None = None,
    role: e.Role = e.Role.EMPLOYEE,
) -> e.Participant:
    """Gives the participant of that name (in that team, when given), adding them when missing."""
    query = select(e.Participant).where(e.Participant.name == name)
    if team is not None:
        query = query.where(e.Participant.team_id == team.id)
    return _found_or_added(session, query, lambda: e.Participant(name=name, team=team, role=role))


def opportunity_titled(session: Session, title: str) -> e.Opportunity:
    """Gives the opportunity with that title, adding it when missing."""
    query = select(e.Opportunity).where(e.Opportunity.title == title)
    return _found_or_added(session, query, lambda: e.Opportunity(title=title))


def open_ballot_round(
    session: Session,
    *,
    name: str,
    method: e.BallotMethod = e.BallotMethod.RANKING,
    allow_ties: bool = False,
) -> e.BallotRound:
    """Adds a ballot round that is open for voting at once."""
    if session.scalar(select(e.BallotRound.id).where(e.BallotRound.name == name)) is not None:
        raise InputError(
            tr("ballot round"),
            tr("a round named {name!r} already exists; choose another name.").format(name=name),
        )
    stamp = now()
    ballot_round = e.BallotRound(
        name=name, method=method, allow_ties=allow_ties, created_at=stamp, opened_at=stamp
    )
    session.add(ballot_round)
    session.flush()
    return ballot_round


# Built once: a ballot is saved many times in a room, and Core statements skip the unit of work.
_ROUND_STATE = select(e.BallotRound.name, e.BallotRound.closed_at, e.BallotRound.allow_ties).where(
    e.BallotRound.id == bindparam("round_id")
)
_DROP_EARLIER_BALLOT = (
    delete(e.Base.metadata.tables["ballot"])
    .where(e.Ballot.round_id == bindparam("round_id"))
    .where(e.Ballot.participant_id == bindparam("participant_id"))
)
# On a shared server, a ballot holds its round's row until it commits: two laptops replacing the same
# voter's ballot take turns, and a ballot cannot slip into a round another laptop is closing.
_LOCK_ROUND = (
    select(e.BallotRound.name, e.BallotRound.closed_at)
    .where(e.BallotRound.id == bindparam("round_id"))
    .with_for_update()
)
_ADD_BALLOT = insert(e.Base.metadata.tables["ballot"]).returning(e.Ballot.id)
_ADD_ENTRY = insert(e.Base.metadata.tables["ballot_entry"])


def cast_ranking(
    session: Session,
    *,
    round_id: int,
    participant_id: int,
    ranks: Mapping[int, int],
) -> int:
    """Gives the id of the stored ranking (opportunity id -> rank), which replaces an earlier ballot."""
    connection = session.connection()
    ballot_round = connection.execute(_ROUND_STATE, {"round_id": round_id}).one_or_none()
    if ballot_round is None:
        raise InputError(tr("ballot"), tr("there is no ballot round {round}.").format(round=round_id))
    if ballot_round.closed_at is not None:
        raise InputError(tr("ballot"), _closed(ballot_round.name))
    if not ballot_round.allow_ties and len(set(ranks.values())) != len(ranks):
        raise InputError(
            tr("ballot"), tr("the round {name!r} does not allow ties.").format(name=ballot_round.name)
        )
    entries = [{"opportunity_id": item, "rank": rank} for item, rank in ranks.items()]
    return store_ballot(session, round_id, participant_id, entries)


def store_ballot(
    session: Session, round_id: int, participant_id: int, entries: Sequence[Mapping[str, float]]
) -> int:
    """Gives the id of the new ballot holding `entries`; the voter's earlier ballot is dropped."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":  # a file has one writer at a time already
        ballot_round = connection.execute(_LOCK_ROUND, {"round_id": round_id}).one_or_none()
        if ballot_round is not None and ballot_round.closed_at is not None:
            raise InputError(tr("ballot"), _closed(ballot_round.name))
    connection.execute(_DROP_EARLIER_BALLOT, {"round_id": round_id, "participant_id": participant_id})
    ballot_id: int = connection.execute(
        _ADD_BALLOT, {"round_id": round_id, "participant_id": participant_id, "submitted_at": now()}
    ).scalar_one()
    if entries:
        connection.execute(
            _ADD_ENTRY,
            [
                {
                    "ballot_id": ballot_id,
                    "rank": None,
                    "points": None,
                    "impact": None,
                    "effort": None,
                    **entry,
                }
                for entry in entries
            ],
        )
    return ballot_id


def _closed(round_name: str) -> str:
    """Gives the sentence that a round takes no more ballots, for both ways of casting one."""
    return tr("the round {name!r} is closed; no more ballots are taken.").format(name=round_name)


def close_round(session: Session, *, round_id: int, reveal: bool = False) -> None:
    """Closes a round for voting and, when asked, reveals its results."""
    # Locked on a server, so ballots being stored finish first and none arrive after the close.
    ballot_round = session.get(e.BallotRound, round_id, with_for_update=True)
    if ballot_round is None:
        raise InputError(tr("ballot round"), tr("there is no ballot round {round}.").format(round=round_id))
    stamp = now()
    ballot_round.closed_at = ballot_round.closed_at or stamp
    if reveal:
        ballot_round.revealed_at = ballot_round.revealed_at or stamp
