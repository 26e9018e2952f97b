"""The facts the analysis needs, read from a workshop as plain frozen values (no ORM objects leave here).

Privacy is enforced at this source: ballots of an unrevealed round are never read, and in an anonymous
workshop voters are labelled "Manager A", "Manager B", ... instead of by name. With "team" anonymity a
voter's team is named only when at least MIN_GROUP voters of that team voted in the round, and the
voters left unnamed are none or at least MIN_GROUP too.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from workshop.privacy import MIN_GROUP, groups_safe_to_name, secret_order

from . import entities as e
from .ballots import VOTING_ROLES
from .views import round_status


@dataclass(frozen=True)
class CastBallot:
    """One voter's ballot: per item title its rank, points, impact or effort (whatever the round asked)."""

    voter: str
    team: str | None
    ranks: Mapping[str, float] = field(default_factory=dict)
    points: Mapping[str, float] = field(default_factory=dict)
    impact: Mapping[str, float] = field(default_factory=dict)
    effort: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RoundBallots:
    """A ballot round and, only once it is revealed, its ballots."""

    name: str
    method: e.BallotMethod
    revealed: bool
    items: tuple[str, ...] = ()
    ballots: tuple[CastBallot, ...] = ()


# (participant, team spoken about, dimension, score or None when skipped, is a team estimate, survey round)
Answer = tuple[str, str, str, int | None, bool, str]
# (title, team, hours per week, frequency, manual, redundancy, AI potential, data sensitivity)
TaskFacts = tuple[str, str | None, float | None, str, bool, int | None, int | None, str]


def anonymity(session: Session) -> e.Anonymity:
    """Gives the workshop's anonymity level (anonymous when the file has no workshop row)."""
    return session.scalar(select(e.Workshop.anonymity)) or e.Anonymity.ANONYMOUS


def chosen_round(session: Session, name: str | None, method: e.BallotMethod) -> e.BallotRound | None:
    """Gives the round of that name, or the latest revealed round of that method when no name is given."""
    query = select(e.BallotRound)
    if name is not None:
        return session.scalar(query.where(e.BallotRound.name == name))
    return session.scalars(
        query.where(e.BallotRound.method == method, e.BallotRound.revealed_at.is_not(None)).order_by(
            e.BallotRound.revealed_at.desc(), e.BallotRound.id.desc()
        )
    ).first()


def revealed_rounds(session: Session, method: e.BallotMethod) -> list[str]:
    """Gives the names of the revealed rounds of that method, latest revealed first."""
    query = (
        select(e.BallotRound.name)
        .where(e.BallotRound.method == method, e.BallotRound.revealed_at.is_not(None))
        .order_by(e.BallotRound.revealed_at.desc(), e.BallotRound.id.desc())
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class RoundToShow:
    """A ballot round as the reveal's chooser lists it: where it stands, never what its ballots say."""

    round_id: int
    name: str
    method: e.BallotMethod
    status: str  # as views.round_status says it: "not open yet", "open", "closed" or "revealed"

    @property
    def may_be_shown(self) -> bool:
        """Gives whether the round can be shown to the room now: voting in it has ended."""
        return self.status in ("closed", "revealed")


def rounds_to_show(session: Session) -> tuple[RoundToShow, ...]:
    """Gives every ballot round, newest first, with where it stands (the chooser greys those still open)."""
    rounds = session.scalars(
        select(e.BallotRound).order_by(e.BallotRound.created_at.desc(), e.BallotRound.id.desc())
    )
    return tuple(_to_show(r) for r in rounds)


def round_to_show(session: Session, round_id: int) -> RoundToShow | None:
    """Gives the round with that id as the chooser lists it (None when there is none)."""
    ballot_round = session.get(e.BallotRound, round_id)
    return None if ballot_round is None else _to_show(ballot_round)


def _to_show(r: e.BallotRound) -> RoundToShow:
    return RoundToShow(r.id, r.name, r.method, round_status(r.opened_at, r.closed_at, r.revealed_at))


def round_ballots(session: Session, ballot_round: e.BallotRound) -> RoundBallots:
    """Gives the round's ballots as plain values; an unrevealed round comes back without any."""
    if ballot_round.revealed_at is None:
        return RoundBallots(ballot_round.name, ballot_round.method, revealed=False)
    rows = session.execute(
        select(
            e.Ballot.participant_id,
            e.Participant.name,
            e.Team.name,
            e.Opportunity.title,
            e.BallotEntry.rank,
            e.BallotEntry.points,
            e.BallotEntry.impact,
            e.BallotEntry.effort,
        )
        .join(e.BallotEntry, e.BallotEntry.ballot_id == e.Ballot.id)
        .join(e.Participant, e.Participant.id == e.Ballot.participant_id)
        .outerjoin(e.Team, e.Team.id == e.Participant.team_id)
        .join(e.Opportunity, e.Opportunity.id == e.BallotEntry.opportunity_id)
        .where(e.Ballot.round_id == ballot_round.id)
        .order_by(e.Ballot.id, e.Opportunity.title)
    ).all()
    values: dict[int, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    who: dict[int, tuple[str, str | None]] = {}
    # A round that chose its opportunities covers those alone, even one nobody placed on a partial ballot.
    chosen = {item.title for item in ballot_round.items}
    items: dict[str, None] = dict.fromkeys(sorted(chosen))
    for participant_id, name, team, item, *numbers in rows:
        if chosen and item not in chosen:
            continue
        who[participant_id] = (name, team)
        items[item] = None
        for kind, number in zip(("ranks", "points", "impact", "effort"), numbers, strict=True):
            if number is not None:
                values[participant_id][kind][item] = float(number)
    labels = voter_labels(anonymity(session), ballot_round.id, who, salt=label_salt(session))
    ballots = tuple(
        CastBallot(labels[pid], who[pid][1], **{kind: dict(v) for kind, v in values[pid].items()})
        for pid in sorted(who, key=lambda pid: labels[pid])
    )
    return RoundBallots(ballot_round.name, ballot_round.method, True, tuple(sorted(items)), ballots)


def label_salt(session: Session) -> str:
    """Gives the workshop's secret label salt (empty when the file has no workshop row)."""
    return session.scalar(select(e.Workshop.label_salt)) or ""


def voter_labels(
    level: e.Anonymity, round_id: int, voters: Mapping[int, tuple[str, str | None]], *, salt: str
) -> dict[int, str]:
    """Gives each voter's label: their name, "Manager A (team)", or "Manager A" when anonymous.

    Letters follow a shuffle fixed per round and keyed with the workshop's secret salt, so neither names,
    voting order nor participant ids can be read from them. A team is named only when at least
    MIN_GROUP of the round's voters belong to it and the voters left unnamed are none or MIN_GROUP too: a
    team of one or two voters beside a ballot would name the person, and so would the one unnamed ballot.
    """
    if level is e.Anonymity.NAMED:
        return {pid: name for pid, (name, _team) in voters.items()}
    order = sorted(voters, key=lambda pid: secret_order(salt, "voter", round_id, pid))
    shown = shown_teams(team for _name, team in voters.values()) if level is e.Anonymity.TEAM else set()
    labels = {}
    for position, pid in enumerate(order):
        label = f"Manager {letters(position)}"
        team = voters[pid][1]
        labels[pid] = f"{label} ({team})" if team in shown else label
    return labels


def shown_teams(teams: Iterable[str | None]) -> set[str]:
    """Gives the teams (one name per person) safe to show beside the round's ballots."""
    return groups_safe_to_name(team or None for team in teams)


def letters(position: int) -> str:
    """Gives A, B, ..., Z, AA, AB, ... for 0, 1, 2, ..."""
    text = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        text = string.ascii_uppercase[rest] + text
    return text


def survey_answers(session: Session, template: e.SurveyTemplate = e.SurveyTemplate.READINESS) -> list[Answer]:
    """Gives every answer of the template's rounds with the team it speaks about (answers without a team
    are left out)."""
    rows = session.execute(
        select(
            e.Participant.name,
            e.Team.name,
            e.ReadinessDimension.name,
            e.ReadinessAnswer.score,
            e.ReadinessAnswer.is_team_estimate,
            e.SurveyRound.name,
        )
        .join(e.Participant, e.Participant.id == e.ReadinessAnswer.participant_id)
        .join(e.Team, e.Team.id == e.Participant.team_id)
        .join(e.ReadinessDimension, e.ReadinessDimension.id == e.ReadinessAnswer.dimension_id)
        .join(e.SurveyRound, e.SurveyRound.id == e.ReadinessAnswer.survey_round_id)
        .where(e.SurveyRound.template == template)
        .order_by(e.ReadinessAnswer.id)
    ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def survey_round_names(
    session: Session, template: e.SurveyTemplate = e.SurveyTemplate.READINESS
) -> tuple[str, ...]:
    """Gives the rounds of the template (the five dimensions unless named) in the order they were held."""
    far_future = dt.date.max
    rounds = session.execute(
        select(e.SurveyRound.name, e.SurveyRound.held_on, e.SurveyRound.id).where(
            e.SurveyRound.template == template
        )
    ).all()
    return tuple(name for name, _, _ in sorted(rounds, key=lambda r: (r.held_on or far_future, r.id)))


def audit_tasks(session: Session) -> list[TaskFacts]:
    """Gives every audit task with the facts its candidate score uses."""
    rows = session.execute(
        select(
            e.Task.title,
            e.Team.name,
            e.Task.hours_per_week,
            e.Task.frequency,
            e.Task.manual,
            e.Task.redundancy,
            e.Task.ai_potential,
            e.Task.data_sensitivity,
        )
        .outerjoin(e.Team, e.Team.id == e.Task.team_id)
        .order_by(e.Task.id)
    ).all()
    return [
        (title, team, hours, freq.value, manual, red, pot, sens.value)
        for title, team, hours, freq, manual, red, pot, sens in rows
    ]


# (team or None, hours a week or None when not estimated)
TeamHours = tuple[str | None, float | None]


def capacity_hours(session: Session) -> tuple[list[TeamHours], list[TeamHours]]:
    """Gives the hours a week each pilot expects to free (with its opportunity's team) and the hours a week
    each capacity plan gives to learning (with its team), for the capacity ledger."""
    freed = session.execute(
        select(e.Team.name, e.Pilot.hours_freed_per_week)
        .join(e.Workflow, e.Workflow.id == e.Pilot.workflow_id)
        .join(e.Opportunity, e.Opportunity.id == e.Workflow.opportunity_id)
        .outerjoin(e.Team, e.Team.id == e.Opportunity.team_id)
        .order_by(e.Pilot.id)
    ).all()
    learning = session.execute(
        select(e.Team.name, e.CapacityPlan.hours_per_week)
        .outerjoin(e.Team, e.Team.id == e.CapacityPlan.team_id)
        .order_by(e.CapacityPlan.id)
    ).all()
    return [tuple(row) for row in freed], [tuple(row) for row in learning]  # type: ignore[misc]


def opportunity_owners(session: Session) -> dict[str, str | None]:
    """Gives each opportunity's title with the name of the team that owns it (None when unowned)."""
    owner = aliased(e.Team)
    rows = session.execute(
        select(e.Opportunity.title, owner.name).outerjoin(owner, owner.id == e.Opportunity.team_id)
    ).all()
    return dict(rows)


# Caution flags that say a team is not ready yet, whatever its survey says.
SERIOUS = (e.Severity.HIGH, e.Severity.CRITICAL)


def seriously_flagged_teams(session: Session) -> set[str]:
    """Gives the teams with an open caution flag of high or critical severity."""
    rows = session.scalars(
        select(e.Team.name)
        .join(e.CautionFlag, e.CautionFlag.team_id == e.Team.id)
        .where(e.CautionFlag.status == e.FlagStatus.OPEN, e.CautionFlag.severity.in_(SERIOUS))
    )
    return set(rows)


@dataclass(frozen=True)
class SmallTeams:
    """How many teams fall under the privacy floor: too few voters to be named, too few people to be shown."""

    few_voters: int
    few_people: int


def small_teams(session: Session) -> SmallTeams:
    """Gives how many teams have some, but fewer than MIN_GROUP, voters (managers and leaders) and people."""
    rows = session.execute(
        select(e.Team.id, e.Participant.role).join(e.Participant, e.Participant.team_id == e.Team.id)
    ).all()
    voters: Counter[int] = Counter(team for team, role in rows if role in VOTING_ROLES)
    people: Counter[int] = Counter(team for team, _role in rows)
    return SmallTeams(
        few_voters=sum(1 for count in voters.values() if count < MIN_GROUP),
        few_people=sum(1 for count in people.values() if count < MIN_GROUP),
    )
