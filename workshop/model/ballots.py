"""Ballot rounds, the one way in for the window, the command line and imports: opening a round, who may
vote, a clean ballot in a neutral order, casting, progress, closing, revealing, the facilitator's PIN.
Voter codes and their printed cards are in voter_codes.py.

Each function runs inside the caller's one transaction. Nothing here ever returns another voter's
ballot: a voter's own earlier ballot is replaced by a new one, never shown back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from workshop.wording import plural, tr

from . import entities as e
from .errors import InputError
from .store import now
from .views import round_status

POINTS_BUDGET = 100
RATING_RANGE = (1.0, 5.0)
VOTING_ROLES = (e.Role.MANAGER, e.Role.LEADER)
PIN_ITERATIONS = 200_000
T = TypeVar("T")


class RoundState(Protocol):
    """What a ballot is checked against: a round as the ORM holds it, or as a ballot reads it."""

    @property
    def name(self) -> str: ...
    @property
    def method(self) -> e.BallotMethod: ...
    @property
    def allow_ties(self) -> bool: ...
    @property
    def opened_at(self) -> dt.datetime | None: ...
    @property
    def closed_at(self) -> dt.datetime | None: ...
    @property
    def top_k(self) -> int | None: ...


@dataclass(frozen=True)
class Voter:
    id: int
    name: str
    team: str | None


@dataclass(frozen=True)
class BallotSheet:
    """A clean ballot for one voter: the round's items in an order of its own for this voter."""

    round_id: int
    round_name: str
    method: e.BallotMethod
    allow_ties: bool
    voter: Voter
    items: tuple[tuple[int, str], ...]  # (opportunity id, title), in this voter's neutral order
    top_k: int | None = None  # a ranking ballot places only this many; the rest stay unranked


@dataclass(frozen=True)
class RoundProgress:
    """How far voting has come, without saying who voted what."""

    round_id: int
    name: str
    method: e.BallotMethod
    status: str
    voted: int
    eligible: int
    pin_required: bool
    uses_codes: bool = False  # each voter types the code from their printed card

    @property
    def sentence(self) -> str:
        """Gives "3 of 7 have voted" in the user's language."""
        return tr("{done} of {total} have voted").format(done=self.voted, total=self.eligible)


def start_round(
    session: Session,
    *,
    name: str,
    method: e.BallotMethod = e.BallotMethod.RANKING,
    voter_ids: Sequence[int] = (),
    allow_ties: bool = False,
    pin: str | None = None,
    item_ids: Sequence[int] = (),
    top_k: int | None = None,
    uses_codes: bool = False,
) -> int:
    """Gives the id of a new round, open for voting, limited to `voter_ids` and to the opportunities
    `item_ids` when any are given; a ranking round with `top_k` takes only each voter's top k."""
    stamp = now()
    items = _chosen_items(session, item_ids)
    ballot_round = e.BallotRound(
        name=checked_round_name(session, name),
        method=method,
        allow_ties=allow_ties and method is e.BallotMethod.RANKING,
        created_at=stamp,
        opened_at=stamp,
        pin_hash=hash_pin(pin) if pin else None,
        items=items,
        top_k=_checked_top_k(session, top_k, len(items)) if method is e.BallotMethod.RANKING else None,
        uses_codes=uses_codes,
    )
    if voter_ids:
        ballot_round.voters = list(
            session.scalars(select(e.Participant).where(e.Participant.id.in_(voter_ids)))
        )
    session.add(ballot_round)
    session.flush()
    if uses_codes:
        # Codes are handed to the round's voters, whom this module names: voter_codes builds on it.
        from .voter_codes import issue_codes

        issue_codes(session, round_id=ballot_round.id)
    return ballot_round.id


def _chosen_items(session: Session, item_ids: Sequence[int]) -> list[e.Opportunity]:
    """Gives the opportunities chosen for a round's ballot (none: every one); refuses fewer than two."""
    if not item_ids:
        return []
    items = list(session.scalars(select(e.Opportunity).where(e.Opportunity.id.in_(set(item_ids)))))
    if len(items) != len(set(item_ids)):
        raise InputError(tr("ballot"), tr("some of the chosen opportunities are no longer in the workshop."))
    if len(items) < 2:
        raise InputError(tr("ballot"), tr("choose at least 2 opportunities for the ballot."))
    return items


def _checked_top_k(session: Session, top_k: int | None, chosen: int) -> int | None:
    """Gives `top_k` after checking it leaves some opportunities unranked: 1 <= k < items on the ballot."""
    if top_k is None:
        return None
    offered = chosen or session.scalar(select(func.count()).select_from(e.Opportunity)) or 0
    if not 1 <= top_k < offered:
        raise InputError(
            tr("ballot"),
            tr("voters can rank a top {k} only from 1 to {most} with {items} opportunities.").format(
                k=top_k, most=offered - 1, items=offered
            ),
        )
    return top_k


def checked_round_name(session: Session, name: str, *, place: str | None = None) -> str:
    """Gives the name trimmed; refuses an empty name or one another round already has.

    `place` says where the name came from (a file being imported); by default, the round name typed.
    """
    name = name.strip()
    if not name:
        raise InputError(place or tr("round name"), tr("a round needs a name."))
    if session.scalar(select(e.BallotRound.id).where(e.BallotRound.name == name)) is not None:
        raise InputError(
            place or tr("round name"),
            tr("a round named {name!r} already exists; choose another name.").format(name=name),
        )
    return name


def hash_pin(pin: str) -> str:
    """Gives a salted, slow hash of a facilitator PIN; the PIN itself is never stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, PIN_ITERATIONS)
    return f"pbkdf2-sha256${PIN_ITERATIONS}${salt.hex()}${digest.hex()}"


def pin_matches(session: Session, *, round_id: int, pin: str) -> bool:
    """Gives whether `pin` is the round's facilitator PIN (True when the round has none)."""
    stored = session.scalar(select(e.BallotRound.pin_hash).where(e.BallotRound.id == round_id))
    if not stored:
        return True
    _scheme, iterations, salt, digest = stored.split("$")
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    return hmac.compare_digest(candidate.hex(), digest)


def eligible_voters(session: Session, *, round_id: int) -> tuple[Voter, ...]:
    """Gives who may vote: the round's chosen voters, or every manager and leader when none were chosen."""
    ballot_round = _round(session, round_id)
    if not ballot_round.voters:
        return people_who_may_vote(session)
    return _as_voters(ballot_round.voters)


def people_who_may_vote(session: Session) -> tuple[Voter, ...]:
    """Gives every manager and leader, by name: who votes unless a round names its voters."""
    return _as_voters(session.scalars(select(e.Participant).where(e.Participant.role.in_(VOTING_ROLES))))


def opportunities_to_offer(session: Session) -> tuple[tuple[int, str], ...]:
    """Gives every opportunity (id, title), by title: what a new round may put on its ballot."""
    rows = session.execute(select(e.Opportunity.id, e.Opportunity.title).order_by(e.Opportunity.title))
    return tuple((row.id, row.title) for row in rows)


def _as_voters(people: Iterable[e.Participant]) -> tuple[Voter, ...]:
    voters = [Voter(p.id, p.name, p.team.name if p.team else None) for p in people]
    return tuple(sorted(voters, key=lambda v: (v.name.casefold(), v.team or "")))


def ballot_sheet(session: Session, *, round_id: int, participant_id: int) -> BallotSheet:
    """Gives a clean ballot for the voter; refuses when the round is not open or they may not vote."""
    ballot_round = _open_round(session, round_id)
    voter = next((v for v in eligible_voters(session, round_id=round_id) if v.id == participant_id), None)
    if voter is None:
        raise InputError(tr("ballot"), tr("this person is not among the voters of the round."))
    items = ballot_items(session, ballot_round)
    if not items:
        raise InputError(tr("ballot"), tr("the workshop has no opportunities to vote on yet."))
    return BallotSheet(
        round_id,
        ballot_round.name,
        ballot_round.method,
        ballot_round.allow_ties,
        voter,
        neutral_order(round_id, participant_id, items),
        ballot_round.top_k,
    )


def ballot_items(session: Session, ballot_round: e.BallotRound) -> tuple[tuple[int, str], ...]:
    """Gives the (id, title) of the opportunities on the round's ballot: those chosen, or every one."""
    rows = ballot_round.items or session.scalars(select(e.Opportunity).order_by(e.Opportunity.id))
    return tuple((item.id, item.title) for item in rows)


def neutral_order(
    round_id: int, participant_id: int, items: Sequence[tuple[int, str]]
) -> tuple[tuple[int, str], ...]:
    """Gives the items in an order fixed for this voter and round and unrelated to anyone's ranking.

    Each voter sees a different order, so nobody anchors on list position.
    """

    def key(item: tuple[int, str]) -> str:
        return hashlib.sha256(f"{round_id}:{participant_id}:{item[0]}".encode()).hexdigest()

    return tuple(sorted(items, key=key))


def cast_ranking(session: Session, *, round_id: int, participant_id: int, ranks: Mapping[int, int]) -> int:
    """Gives the id of the voter's stored ranking (opportunity id -> rank), replacing an earlier one."""
    ballot_round = _voting_round(session, round_id, participant_id, e.BallotMethod.RANKING)
    _refuse_items_off_the_ballot(session.connection(), round_id, ranks)
    if any(rank < 1 for rank in ranks.values()):
        raise InputError(tr("ballot"), tr("ranks start at 1."))
    _refuse_unless_top_k(ballot_round.top_k, ranks)
    if not ballot_round.allow_ties and len(set(ranks.values())) != len(ranks):
        raise InputError(
            tr("ballot"), tr("the round {name!r} does not allow ties.").format(name=ballot_round.name)
        )
    rows = [{"opportunity_id": item, "rank": rank} for item, rank in ranks.items()]
    return _store_ballot(session, round_id, participant_id, rows)


def _refuse_unless_top_k(top_k: int | None, ranks: Mapping[int, int]) -> None:
    """Refuses a ballot of a top-k round that does not place exactly k opportunities within the top k.

    The rest are left out, as a partial ballot imported from CSV leaves them: tied for the last places.
    """
    if top_k is not None and (len(ranks) != top_k or any(rank > top_k for rank in ranks.values())):
        raise InputError(
            tr("ballot"),
            plural(
                top_k,
                "this round takes only each voter's first choice: place exactly 1 opportunity.",
                "this round takes only each voter's top %n: place exactly %n opportunities.",
            ),
        )


def _refuse_items_off_the_ballot(
    connection: Connection, round_id: int, entries: Mapping[int, object]
) -> None:
    """Refuses entries for opportunities that are not on the round's ballot (or not in the workshop)."""
    on_ballot = set(connection.execute(_ROUND_ITEMS, {"round_id": round_id}).scalars()) or set(
        connection.execute(_EVERY_ITEM).scalars()
    )
    if not set(entries) <= on_ballot:
        raise InputError(
            tr("ballot"), tr("the ballot names opportunities that are not on this round's ballot.")
        )


def cast_points(session: Session, *, round_id: int, participant_id: int, points: Mapping[int, int]) -> int:
    """Gives the id of the voter's stored 100-point ballot; the points must add up to exactly 100."""
    _voting_round(session, round_id, participant_id, e.BallotMethod.POINTS)
    if any(value < 0 for value in points.values()):
        raise InputError(tr("ballot"), tr("points cannot be negative."))
    total = sum(points.values())
    if total != POINTS_BUDGET:
        raise InputError(
            tr("ballot"),
            tr("the points add up to {total}; they must add up to {budget}.").format(
                total=total, budget=POINTS_BUDGET
            ),
        )
    rows = [{"opportunity_id": i, "points": p} for i, p in points.items()]
    return _store_ballot(session, round_id, participant_id, rows)


def cast_impact_effort(
    session: Session,
    *,
    round_id: int,
    participant_id: int,
    ratings: Mapping[int, tuple[float, float]],
) -> int:
    """Gives the id of the voter's stored impact-effort ballot (opportunity id -> (impact, effort), 1-5)."""
    _voting_round(session, round_id, participant_id, e.BallotMethod.IMPACT_EFFORT)
    low, high = RATING_RANGE
    if any(not (low <= v <= high) for pair in ratings.values() for v in pair):
        raise InputError(
            tr("ballot"), tr("impact and effort go from {low:g} to {high:g}.").format(low=low, high=high)
        )
    rows = [
        {"opportunity_id": i, "impact": impact, "effort": effort} for i, (impact, effort) in ratings.items()
    ]
    return _store_ballot(session, round_id, participant_id, rows)


def round_progress(session: Session, *, round_id: int) -> RoundProgress:
    """Gives how many of the eligible voters have voted in the round."""
    ballot_round = _round(session, round_id)
    eligible = {v.id for v in eligible_voters(session, round_id=round_id)}
    voted = set(session.scalars(select(e.Ballot.participant_id).where(e.Ballot.round_id == round_id)))
    return RoundProgress(
        round_id,
        ballot_round.name,
        ballot_round.method,
        round_status(ballot_round.opened_at, ballot_round.closed_at, ballot_round.revealed_at),
        len(voted & eligible),
        len(eligible),
        bool(ballot_round.pin_hash),
        bool(ballot_round.uses_codes),
    )


def voted_ids(session: Session, *, round_id: int) -> list[int]:
    """Gives who has voted in the round (never what), so the picker can say a new ballot replaces theirs."""
    return list(session.scalars(select(e.Ballot.participant_id).where(e.Ballot.round_id == round_id)))


def open_rounds(session: Session) -> tuple[RoundProgress, ...]:
    """Gives the progress of every round still open for voting, newest first."""
    ids = session.scalars(
        select(e.BallotRound.id)
        .where(e.BallotRound.opened_at.is_not(None), e.BallotRound.closed_at.is_(None))
        .order_by(e.BallotRound.created_at.desc(), e.BallotRound.id.desc())
    )
    return tuple(round_progress(session, round_id=i) for i in ids)


def close_round(session: Session, *, round_id: int) -> None:
    """Closes the round for voting (results stay private until revealed)."""
    ballot_round = _locked_round(session, round_id)
    ballot_round.closed_at = ballot_round.closed_at or now()


def reveal_round(session: Session, *, round_id: int) -> None:
    """Reveals the round's results to the room; a round still open is closed first."""
    ballot_round = _locked_round(session, round_id)
    stamp = now()
    ballot_round.closed_at = ballot_round.closed_at or stamp
    ballot_round.revealed_at = ballot_round.revealed_at or stamp


def ballots_cast(session: Session, *, round_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(e.Ballot).where(e.Ballot.round_id == round_id)) or 0
    )


# --- replaced ballots ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Replacement:
    """A voter cast again: who, when their earlier ballot was cast and when it was replaced."""

    voter: str
    earlier_cast_at: dt.datetime
    replaced_at: dt.datetime


def replacements(session: Session, *, round_id: int) -> tuple[Replacement, ...]:
    """Gives the round's replaced ballots, oldest first (who and when, never what either ballot said)."""
    rows = session.execute(
        select(e.Participant.name, e.BallotReplacement.earlier_cast_at, e.BallotReplacement.replaced_at)
        .join(e.Participant, e.Participant.id == e.BallotReplacement.participant_id)
        .where(e.BallotReplacement.round_id == round_id)
        .order_by(e.BallotReplacement.replaced_at, e.BallotReplacement.id)
    )
    return tuple(Replacement(*row) for row in rows)


def _round(session: Session, round_id: int) -> e.BallotRound:
    ballot_round = session.get(e.BallotRound, round_id)
    return _found(ballot_round, round_id)


def _locked_round(session: Session, round_id: int) -> e.BallotRound:
    """Gives the round, locked on a server until the commit: ballots being stored finish first, and none
    arrive after a close."""
    ballot_round = session.get(e.BallotRound, round_id, with_for_update=True, populate_existing=True)
    return _found(ballot_round, round_id)


def _found(ballot_round: T | None, round_id: int) -> T:
    if ballot_round is None:
        raise InputError(tr("ballot round"), tr("there is no ballot round {round}.").format(round=round_id))
    return ballot_round


def _open_round(session: Session, round_id: int) -> e.BallotRound:
    ballot_round = _round(session, round_id)
    _refuse_unless_open(ballot_round)
    return ballot_round


def _refuse_unless_open(ballot_round: RoundState) -> None:
    """Refuses a round that takes no ballots: the one place that says so, for the sheet and for casting."""
    if ballot_round.closed_at is not None:
        raise InputError(
            tr("ballot"),
            tr("the round {name!r} is closed; no more ballots are taken.").format(name=ballot_round.name),
        )
    if ballot_round.opened_at is None:
        raise InputError(
            tr("ballot"), tr("the round {name!r} is not open for voting yet.").format(name=ballot_round.name)
        )


# Built once: a ballot is saved many times in a room, and Core statements skip the unit of work.
# On a shared server a ballot holds its round's row until it commits (SQLite leaves out FOR UPDATE: a
# file has one writer at a time already): two laptops replacing the same voter's ballot take turns,
# and a ballot cannot slip into a round another laptop is closing.
_LOCK_ROUND = (
    select(
        e.BallotRound.name,
        e.BallotRound.method,
        e.BallotRound.allow_ties,
        e.BallotRound.opened_at,
        e.BallotRound.closed_at,
        e.BallotRound.top_k,
    )
    .where(e.BallotRound.id == bindparam("round_id"))
    .with_for_update()
)
_CHOSEN = e.ballot_round_voter.c
_ROUND_ITEMS = select(e.ballot_round_item.c.opportunity_id).where(
    e.ballot_round_item.c.round_id == bindparam("round_id")
)
_EVERY_ITEM = select(e.Opportunity.id)
# (how many voters the round names, whether this participant is one of them)
_CHOSEN_VOTERS = select(
    func.count(), func.count().filter(_CHOSEN.participant_id == bindparam("participant_id"))
).where(_CHOSEN.round_id == bindparam("round_id"))
_ROLE = select(e.Participant.role).where(e.Participant.id == bindparam("participant_id"))
_DROP_EARLIER_BALLOT = (
    delete(e.Base.metadata.tables["ballot"])
    .where(e.Ballot.round_id == bindparam("round_id"))
    .where(e.Ballot.participant_id == bindparam("participant_id"))
    .returning(e.Ballot.submitted_at)
)
_RECORD_REPLACEMENT = insert(e.Base.metadata.tables["ballot_replacement"])
_ADD_BALLOT = insert(e.Base.metadata.tables["ballot"]).returning(e.Ballot.id)
_ADD_ENTRY = insert(e.Base.metadata.tables["ballot_entry"])
_NO_VALUES = {"rank": None, "points": None, "impact": None, "effort": None}


def _voting_round(session: Session, round_id: int, participant_id: int, method: e.BallotMethod) -> RoundState:
    """Gives the round's state, locked for this ballot; refuses a round that is not open, takes another
    kind of ballot, or does not count this participant among its voters."""
    connection = session.connection()
    ballot_round = _found(connection.execute(_LOCK_ROUND, {"round_id": round_id}).one_or_none(), round_id)
    _refuse_unless_open(ballot_round)
    if ballot_round.method is not method:
        raise InputError(
            tr("ballot"),
            tr("the round {name!r} takes {method} ballots.").format(
                name=ballot_round.name, method=ballot_round.method.value
            ),
        )
    if not _may_vote(connection, round_id, participant_id):
        raise InputError(tr("ballot"), tr("this person is not among the voters of the round."))
    return ballot_round


def _may_vote(connection: Connection, round_id: int, participant_id: int) -> bool:
    """Gives whether the participant is among the round's chosen voters, or, when it chose none, a
    manager or leader."""
    ids = {"round_id": round_id, "participant_id": participant_id}
    chosen, among_them = connection.execute(_CHOSEN_VOTERS, ids).one()
    if chosen:
        return bool(among_them)
    return connection.execute(_ROLE, ids).scalar() in VOTING_ROLES


def _store_ballot(
    session: Session, round_id: int, participant_id: int, entries: Sequence[Mapping[str, float]]
) -> int:
    """Gives the id of the new ballot holding `entries`; the voter's earlier ballot is dropped and its
    replacement recorded (who and when, never what), so the facilitator can see it happened."""
    connection = session.connection()
    voter = {"round_id": round_id, "participant_id": participant_id}
    stamp = now()
    # Dropping first and reading what was dropped makes finding and replacing one step: on SQLite a read
    # before the first write holds no lock, so a ballot of the same voter from the laptop and a phone at
    # once could both find none, and the second would then break the one-ballot-per-voter rule.
    earlier = connection.execute(_DROP_EARLIER_BALLOT, voter).scalar()
    if earlier is not None:
        connection.execute(_RECORD_REPLACEMENT, {**voter, "earlier_cast_at": earlier, "replaced_at": stamp})
    ballot_id: int = connection.execute(_ADD_BALLOT, {**voter, "submitted_at": stamp}).scalar_one()
    if entries:
        connection.execute(_ADD_ENTRY, [{"ballot_id": ballot_id, **_NO_VALUES, **entry} for entry in entries])
    return ballot_id
