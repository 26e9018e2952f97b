"""Ideas made into an opportunity: one idea promoted, or several similar ones merged into one.

The opportunity starts from what the ideas say (the first idea's "what" as its title, every idea's what and
how as its description, their "why"s as the expected benefit), and each idea remembers the opportunity it
went into (`idea.opportunity_id`). Undoing a promotion deletes the opportunity and puts every idea back
where it was; doing it again gives the opportunity the same id, so later changes still find it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import editing
from . import entities as e
from .errors import InputError


@dataclass(frozen=True)
class IdeaToPromote:
    """An idea as the promote dialog shows it, with the opportunity it already went into (if any)."""

    id: int
    what: str
    how: str
    why: str
    team_id: int | None
    team: str | None
    promoted_to: str | None


@dataclass(frozen=True)
class DraftOpportunity:
    """What a new opportunity made from ideas starts with; the facilitator may change any of it."""

    title: str
    description: str
    team_id: int | None
    expected_benefit: str

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.strip(),
            "description": self.description.strip(),
            "team_id": self.team_id,
            "expected_benefit": self.expected_benefit.strip(),
        }


@dataclass(frozen=True)
class Promotion:
    """A saved promotion: the opportunity's id and where each idea pointed before (None: nowhere)."""

    opportunity_id: int
    before: tuple[tuple[int, int | None], ...]


def ideas_to_promote(session: Session, idea_ids: Iterable[int]) -> tuple[IdeaToPromote, ...]:
    """Gives the ideas with these ids, in the order given, with their team and opportunity by name."""
    wanted = list(dict.fromkeys(idea_ids))
    query = (
        select(
            e.Idea.id, e.Idea.what, e.Idea.how, e.Idea.why, e.Idea.team_id, e.Team.name, e.Opportunity.title
        )
        .outerjoin(e.Team, e.Team.id == e.Idea.team_id)
        .outerjoin(e.Opportunity, e.Opportunity.id == e.Idea.opportunity_id)
        .where(e.Idea.id.in_(wanted))
    )
    found = {row[0]: IdeaToPromote(*row) for row in session.execute(query)}
    return tuple(found[idea_id] for idea_id in wanted if idea_id in found)


def drafted_opportunity(ideas: Sequence[IdeaToPromote]) -> DraftOpportunity:
    """Gives the opportunity the ideas suggest: the first idea's "what" as the title, each idea's what and
    how as a line of the description, their distinct "why"s as the benefit, and their team when shared."""
    if not ideas:
        raise ValueError("an opportunity is made from at least one idea")
    teams = {idea.team_id for idea in ideas}
    return DraftOpportunity(
        title=ideas[0].what.strip(),
        description="\n".join(_described(idea, alone=len(ideas) == 1) for idea in ideas).strip(),
        team_id=teams.pop() if len(teams) == 1 else None,
        expected_benefit="\n".join(dict.fromkeys(i.why.strip() for i in ideas if i.why.strip())),
    )


def _described(idea: IdeaToPromote, *, alone: bool) -> str:
    how = idea.how.strip()
    if alone:
        return how  # the title already says what
    return f"{idea.what.strip()} – {how}" if how else idea.what.strip()


def title_problem(session: Session, title: str) -> str:
    """Gives why the title cannot be a new opportunity's (empty, or taken); "" when it can."""
    title = title.strip()
    if not title:
        return tr("Give the opportunity a title.")
    if session.scalar(select(e.Opportunity.id).where(e.Opportunity.title == title)) is not None:
        return tr("An opportunity called '{title}' already exists; choose another title.").format(title=title)
    return ""


def promote(
    session: Session,
    *,
    idea_ids: Sequence[int],
    values: Mapping[str, Any],
    opportunity_id: int | None = None,
) -> Promotion:
    """Gives the saved promotion: a new opportunity with these values (and this id, when redoing), which
    the ideas now point to, whatever opportunity they pointed to before."""
    if not idea_ids:
        raise InputError(tr("ideas"), tr("choose at least one idea to make an opportunity of."))
    problem = title_problem(session, str(values.get("title") or ""))
    if problem:
        raise InputError(tr("opportunity title"), problem)
    row = dict(values) if opportunity_id is None else {**values, "id": opportunity_id}
    new_id = editing.add_row(session, entity="opportunity", values=row)
    before = tuple(
        (int(idea_id), previous)
        for idea_id, previous in session.execute(
            select(e.Idea.id, e.Idea.opportunity_id).where(e.Idea.id.in_(idea_ids)).order_by(e.Idea.id)
        )
    )
    session.execute(update(e.Idea).where(e.Idea.id.in_(idea_ids)).values(opportunity_id=new_id))
    return Promotion(new_id, before)


def unpromote(session: Session, promotion: Promotion) -> None:
    """Puts the ideas back where they pointed before the promotion and deletes its opportunity."""
    for idea_id, previous in promotion.before:
        session.execute(update(e.Idea).where(e.Idea.id == idea_id).values(opportunity_id=previous))
    editing.delete_row(session, entity="opportunity", row_id=promotion.opportunity_id)


def teams_of_ideas(session: Session, opportunity_id: int) -> frozenset[int]:
    """Gives the teams of the ideas promoted into the opportunity, and the opportunity's own team."""
    of_ideas = session.scalars(
        select(e.Idea.team_id).where(e.Idea.opportunity_id == opportunity_id, e.Idea.team_id.is_not(None))
    )
    own = session.scalar(select(e.Opportunity.team_id).where(e.Opportunity.id == opportunity_id))
    return frozenset({*of_ideas, *([own] if own is not None else [])})
