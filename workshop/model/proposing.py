"""The caution flags the data proposes, as the facilitator settles them: accepted or dismissed.

Accepting a proposal writes a caution flag (with the proposal's evidence and suggested response, an owner
and the proposal's key) and an action answering it; dismissing one remembers its key, so it is not
proposed again until the facilitator asks to see the dismissed ones again. Each function runs in the
caller's one transaction and has its undo beside it: the window makes each one undoable step.

A proposal is read by its fields only (see `ProposedFlag`): the proposals themselves are worked out above
the store, from the findings (workshop/proposals.py), so this module never imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .errors import InputError
from .store import now

RESPONSE_TIME = dt.timedelta(weeks=2)  # how long an action answering an accepted proposal gets by default


class ProposedFlag(Protocol):
    """What accepting needs of a proposal (workshop.proposals.Proposal has it)."""

    @property
    def key(self) -> str: ...
    @property
    def category(self) -> e.CautionCategory: ...
    @property
    def severity(self) -> e.Severity: ...
    @property
    def team(self) -> str | None: ...
    @property
    def evidence(self) -> str: ...
    @property
    def response(self) -> str: ...


P = TypeVar("P", bound=ProposedFlag)


@dataclass(frozen=True)
class Accepted:
    """The rows accepting a proposal wrote, by id, so undo removes them and redo writes them again."""

    flag_id: int
    action_id: int


@dataclass(frozen=True)
class Dismissal:
    """A remembered dismissal: the proposal's key and when it was dismissed."""

    key: str
    dismissed_at: dt.datetime


def participant_stances(session: Session) -> dict[str, str]:
    """Gives each participant's recorded stance by name, as the skeptic-owner proposal reads it."""
    rows = session.execute(select(e.Participant.name, e.Participant.stance))
    return {name: stance.value for name, stance in rows}


def settled_keys(session: Session) -> frozenset[str]:
    """Gives the keys of the proposals the facilitator has settled: dismissed, or accepted as a flag
    (whatever that flag's status is now)."""
    dismissed = session.scalars(select(e.DismissedProposal.key))
    accepted = session.scalars(
        select(e.CautionFlag.proposal_key).where(e.CautionFlag.proposal_key.is_not(None))
    )
    return frozenset([*dismissed, *accepted])


def open_proposals(session: Session, proposed: Iterable[P]) -> tuple[P, ...]:
    """Gives the proposals neither dismissed nor already accepted, in their order."""
    settled = settled_keys(session)
    return tuple(p for p in proposed if p.key not in settled)


def dismissed_count(session: Session) -> int:
    """Gives how many proposals are dismissed (and so not shown)."""
    return len(session.scalars(select(e.DismissedProposal.id)).all())


def workshop_day(session: Session) -> dt.date:
    """Gives the day the workshop is held, or today when it has no date yet."""
    return session.scalar(select(e.Workshop.held_on)) or dt.date.today()


def default_due_on(session: Session) -> dt.date:
    """Gives the date an action answering an accepted proposal is due by default: two weeks on."""
    return workshop_day(session) + RESPONSE_TIME


def accept_proposal(
    session: Session,
    proposal: ProposedFlag,
    owner: str,
    action_title: str,
    due_on: dt.date | None,
    *,
    same_ids: Accepted | None = None,
) -> Accepted:
    """Gives the ids of the open caution flag and the action written for the proposal.

    `same_ids` writes them again under the ids they had (redo after undo), so later changes find them."""
    if proposal.key in settled_keys(session):
        raise InputError(proposal.key, tr("this proposal is already accepted or dismissed"))
    team_id = session.scalar(select(e.Team.id).where(e.Team.name == proposal.team)) if proposal.team else None
    flag = e.CautionFlag(
        id=same_ids.flag_id if same_ids else None,
        category=proposal.category,
        severity=proposal.severity,
        team_id=team_id,
        evidence=proposal.evidence,
        response=proposal.response,
        owner=owner.strip(),
        status=e.FlagStatus.OPEN,
        raised_on=workshop_day(session),
        proposal_key=proposal.key,
    )
    session.add(flag)
    session.flush()
    action = e.Action(
        id=same_ids.action_id if same_ids else None,
        title=action_title.strip() or proposal.response,
        owner=owner.strip(),
        due_on=due_on,
        flag_id=flag.id,
    )
    session.add(action)
    session.flush()
    return Accepted(flag.id, action.id)


def undo_accept(session: Session, accepted: Accepted) -> None:
    """Removes the flag and the action accepting a proposal wrote; the proposal is open again."""
    session.execute(delete(e.Action).where(e.Action.id == accepted.action_id))
    session.execute(delete(e.CautionFlag).where(e.CautionFlag.id == accepted.flag_id))


def dismiss_proposal(session: Session, key: str, *, at: dt.datetime | None = None) -> Dismissal:
    """Gives the dismissal remembered for the proposal of that key, which is then not proposed again."""
    if key in settled_keys(session):
        raise InputError(key, tr("this proposal is already accepted or dismissed"))
    dismissal = Dismissal(key, at or now())
    session.add(e.DismissedProposal(key=dismissal.key, dismissed_at=dismissal.dismissed_at))
    session.flush()
    return dismissal


def forget_dismissals(session: Session, keys: Iterable[str]) -> None:
    """Lets the proposals of these keys be proposed again (undoing a dismissal)."""
    session.execute(delete(e.DismissedProposal).where(e.DismissedProposal.key.in_(list(keys))))


def restore_dismissed(session: Session) -> tuple[Dismissal, ...]:
    """Gives the dismissals forgotten so that every dismissed proposal is proposed again."""
    rows = session.execute(select(e.DismissedProposal.key, e.DismissedProposal.dismissed_at)).all()
    dismissals = tuple(Dismissal(key, at) for key, at in rows)
    forget_dismissals(session, [d.key for d in dismissals])
    return dismissals


def dismiss_again(session: Session, dismissals: Sequence[Dismissal]) -> None:
    """Remembers these dismissals again as they were (undoing `restore_dismissed`)."""
    session.add_all(e.DismissedProposal(key=d.key, dismissed_at=d.dismissed_at) for d in dismissals)
    session.flush()
