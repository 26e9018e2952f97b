"""Teams, participants and opportunities found by name, and added when the workshop has none yet.

The caller owns the session (and so the transaction); these functions never commit on their own. Ballot
rounds (opening, casting, closing, revealing) live in `ballots`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from . import entities as e

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
