"""The demo workshop: a fictional logistics firm's AI-strategy day with every phase filled in.

Everything is drawn from `random.Random(seed)` and fixed dates, so the same seed gives the same file row
for row. The managers fall into an efficiency camp and a customer camp plus one dissenter, and the
warehouse managers believe their team is far readier than the team says it is: the analyses and the
report have something to find.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .agenda import put_agenda, template_rows
from .demo_content import (
    ACTIONS,
    AGENDA_TEMPLATE,
    CAPACITY,
    CHECKPOINT_NOTES,
    CORE_NOISE,
    CREATED_AT,
    CUSTOMER,
    EFFICIENCY,
    EMPLOYEES,
    EXTRA_ITEM_ACTIONS,
    EXTRA_ITEM_AREAS,
    EXTRA_NOISE,
    EXTRA_STANCES,
    FACILITATOR,
    FEEDBACK,
    FIRST_NAMES,
    FLAGS,
    GAP_EVIDENCE,
    HELD_ON,
    IDEAS,
    IMPACT_EFFORT_ROUND,
    LAST_NAMES,
    LEADERS,
    MANAGERS,
    OPPORTUNITIES,
    ORGANISATION,
    PERCEPTION_GAP_TEAM,
    PILOT_STATES,
    POINTS_ROUND,
    RANKING_ROUND,
    STARTS_AT,
    TASKS,
    TEAMS,
    TITLE,
    WORKFLOW_PLANS,
    DemoManager,
    DemoOpportunity,
    WorkflowPlan,
)
from .demo_readiness import add_adkar_round, add_readiness, gap_evidence, team_name
from .errors import InputError
from .operations import team_named
from .store import WorkshopStore, create_workshop, is_server_url


def create_demo(
    location: Path | str, *, managers: int = 8, items: int = 10, seed: int = 2026
) -> WorkshopStore:
    """Gives the open store of a new demo workshop (a file, or an empty server database named by URL).

    No file is left behind when it fails.
    """
    _check_size(managers, items)
    on_server = is_server_url(location)
    store = create_workshop(
        location,
        title=TITLE,
        organisation=ORGANISATION,
        facilitator=FACILITATOR,
        held_on=HELD_ON,
        anonymity=e.Anonymity.TEAM,
    )
    try:
        with store.transaction() as session:
            populate_demo(session, managers=managers, items=items, seed=seed)
    except BaseException:
        store.close()
        if not on_server:
            Path(location).unlink(missing_ok=True)
        raise
    return store


def populate_demo(session: Session, *, managers: int = 8, items: int = 10, seed: int = 2026) -> None:
    """Fills an empty workshop (as `create_workshop` leaves it) with the demo; same seed, same rows."""
    _check_size(managers, items)
    if session.scalar(select(func.count()).select_from(e.Participant)) or session.scalar(
        select(func.count()).select_from(e.Opportunity)
    ):
        raise InputError(
            tr("demo"), tr("the workshop already holds people or opportunities; the demo needs an empty one.")
        )
    rng = random.Random(seed)
    workshop = session.scalar(select(e.Workshop))
    if workshop is not None:
        workshop.created_at = CREATED_AT  # the demo carries no trace of when it was generated
    teams = {name: _team(session, name, description) for name, description in TEAMS}
    people = _add_people(session, rng, teams, managers)
    tasks = _add_tasks(session, teams)
    _add_ideas(session, teams, people)
    opportunities = _add_opportunities(session, rng, teams, tasks, items)
    consensus = _add_ballot_rounds(session, rng, people.managers, opportunities)
    add_readiness(session, rng, people.employees, [m.row for m in people.managers])
    pilots = _add_workflows(session, consensus, opportunities, people)
    _add_follow_through(session, teams, people, pilots)
    add_adkar_round(session, random.Random(seed + 1), [*people.employees, *(m.row for m in people.managers)])
    _add_agenda(session, workshop)


def _add_agenda(session: Session, workshop: e.Workshop | None) -> None:
    """Gives the day its agenda: the full-day template, starting at nine."""
    if workshop is not None:
        workshop.starts_at = STARTS_AT
    put_agenda(session, template_rows(AGENDA_TEMPLATE))


def _check_size(managers: int, items: int) -> None:
    if managers < 1 or items < 1:
        raise InputError(
            tr("demo"),
            tr("the demo needs at least 1 manager and 1 item (asked: {managers}, {items}).").format(
                managers=managers, items=items
            ),
        )


def _team(session: Session, name: str, description: str) -> e.Team:
    team = team_named(session, name)
    team.description = description
    return team


@dataclass
class _Manager:
    row: e.Participant
    camp: str
    noise: float  # spread of this manager's judgement around their camp's view


@dataclass
class _People:
    managers: list[_Manager]
    employees: list[e.Participant]
    by_name: dict[str, e.Participant]


def _add_people(session: Session, rng: random.Random, teams: dict[str, e.Team], count: int) -> _People:
    """Gives the managers (with their camps), employees and everyone by name, all added."""
    extra = max(0, count - len(MANAGERS))
    team_names = list(teams)
    taken = {m.name for m in MANAGERS} | {n for names in EMPLOYEES.values() for n in names}
    taken |= {n for n, _ in LEADERS} | {FACILITATOR}
    names = _generated_names(rng, extra * 5, taken)
    manager_seeds = list(MANAGERS[:count]) + [
        _extra_manager(rng, names[i], team_names[i % len(team_names)], i) for i in range(extra)
    ]
    managers = [
        _Manager(_person(teams[m.team], m.name, e.Role.MANAGER, m.stance), m.camp, _noise(i))
        for i, m in enumerate(manager_seeds)
    ]
    employees = [
        _person(teams[t], n, e.Role.EMPLOYEE, e.Stance.UNKNOWN) for t, ns in EMPLOYEES.items() for n in ns
    ]
    employees += [
        _person(teams[team_names[i % len(team_names)]], name, e.Role.EMPLOYEE, e.Stance.UNKNOWN)
        for i, name in enumerate(names[extra:])
    ]
    others = [_person(None, FACILITATOR, e.Role.FACILITATOR, e.Stance.UNKNOWN)]
    others += [_person(None, name, e.Role.LEADER, stance) for name, stance in LEADERS]
    everyone = [m.row for m in managers] + employees + others
    session.add_all(everyone)
    session.flush()
    return _People(managers, employees, {p.name: p for p in everyone})


def _noise(place: int) -> float:
    return CORE_NOISE if place < len(MANAGERS) else EXTRA_NOISE


def _person(team: e.Team | None, name: str, role: e.Role, stance: e.Stance) -> e.Participant:
    return e.Participant(name=name, team=team, role=role, stance=stance)


def _extra_manager(rng: random.Random, name: str, team: str, index: int) -> DemoManager:
    camp = EFFICIENCY if index % 2 == 0 else CUSTOMER
    return DemoManager(name, team, rng.choice(EXTRA_STANCES[camp]), camp)


def _generated_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Gives `count` distinct made-up full names, none of them in `taken`."""
    pairs = list(itertools.product(FIRST_NAMES, LAST_NAMES))
    rng.shuffle(pairs)
    names: list[str] = []
    for middle in _middle_initials():
        if len(names) >= count:
            break
        names += [name for first, last in pairs if (name := f"{first} {middle}{last}") not in taken]
    return names[:count]


def _middle_initials() -> Iterator[str]:
    """Gives no initial, then A. to Z., then pairs: past the name pool, initials keep names apart."""
    yield ""
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_uppercase, repeat=size):
            yield "".join(f"{letter}. " for letter in letters)


def _add_tasks(session: Session, teams: dict[str, e.Team]) -> dict[str, e.Task]:
    tasks = {
        t.title: e.Task(
            team=teams[t.team],
            title=t.title,
            description=t.description,
            frequency=t.frequency,
            hours_per_week=float(t.hours_per_week),
            manual=t.manual,
            redundancy=t.redundancy,
            ai_potential=t.ai_potential,
            data_sensitivity=t.sensitivity,
            notes=t.notes,
        )
        for t in TASKS
    }
    session.add_all(tasks.values())
    return tasks


def _add_ideas(session: Session, teams: dict[str, e.Team], people: _People) -> None:
    proposers = {team: itertools.cycle(names) for team, names in EMPLOYEES.items()}
    for team, group, what, how, why in IDEAS:
        proposer = people.by_name[next(proposers[team])]
        session.add(
            e.Idea(team=teams[team], group_name=group, what=what, how=how, why=why, proposer=proposer)
        )


def _item_seeds(rng: random.Random, count: int) -> list[DemoOpportunity]:
    """Gives the realistic opportunities first, then plausible made-up ones with unique titles."""
    seeds = list(OPPORTUNITIES[:count])
    titles = [f"{act} {area}" for act, area in itertools.product(EXTRA_ITEM_ACTIONS, EXTRA_ITEM_AREAS)]
    rng.shuffle(titles)
    team_names = [name for name, _ in TEAMS]
    for i in range(count - len(seeds)):
        wave = i // len(titles)
        title = titles[i % len(titles)] + (f" (wave {wave + 1})" if wave else "")
        seeds.append(
            DemoOpportunity(
                title=title,
                team=team_names[i % len(team_names)],
                description=f"{title}, proposed in the audit.",
                benefit="Hours back for the team; fewer errors",
                effort=rng.randint(1, 5),
                risk=rng.randint(1, 5),
                efficiency_value=rng.uniform(0, 10),
                customer_value=rng.uniform(0, 10),
                tasks=(),
            )
        )
    return seeds


def _add_opportunities(
    session: Session, rng: random.Random, teams: dict[str, e.Team], tasks: dict[str, e.Task], count: int
) -> list[tuple[e.Opportunity, DemoOpportunity]]:
    """Gives each added opportunity beside the seed it came from."""
    pairs = [
        (
            e.Opportunity(
                title=seed.title,
                description=seed.description,
                team=teams[seed.team],
                expected_benefit=seed.benefit,
                effort=seed.effort,
                risk=seed.risk,
                tasks=[tasks[title] for title in seed.tasks],
            ),
            seed,
        )
        for seed in _item_seeds(rng, count)
    ]
    session.add_all(row for row, _ in pairs)
    session.flush()
    return pairs


def _camp_value(camp: str, seed: DemoOpportunity) -> float:
    """Gives how much a camp wants an opportunity; the dissenter wants what both camps do not."""
    if camp == EFFICIENCY:
        return seed.efficiency_value
    if camp == CUSTOMER:
        return seed.customer_value
    return 10 - (seed.efficiency_value + seed.customer_value) / 2


def _add_ballot_rounds(
    session: Session,
    rng: random.Random,
    managers: list[_Manager],
    opportunities: list[tuple[e.Opportunity, DemoOpportunity]],
) -> list[int]:
    """Gives the opportunity ids in the room's consensus order, after adding the three ballot rounds.

    The ranking and 100-points rounds are closed and revealed; the impact-effort round is still open.
    """
    views = [
        [_camp_value(m.camp, seed) + rng.gauss(0, m.noise) for _, seed in opportunities] for m in managers
    ]
    ids = [row.id for row, _ in opportunities]
    day = dt.datetime.combine(HELD_ON, dt.time())
    ranking = _ballot_round(session, RANKING_ROUND, e.BallotMethod.RANKING, day, (10, 5), (10, 50), (11, 0))
    points = _ballot_round(session, POINTS_ROUND, e.BallotMethod.POINTS, day, (11, 30), (12, 5), (12, 10))
    impact = _ballot_round(
        session, IMPACT_EFFORT_ROUND, e.BallotMethod.IMPACT_EFFORT, day, (14, 0), None, None
    )
    voters = [m.row for m in managers]
    for ballot_round in (ranking, points, impact):
        ballot_round.voters = voters
    ranks = [_ranks(view) for view in views]
    _cast(session, ranking, voters, ids, [[{"rank": r} for r in ballot] for ballot in ranks])
    _cast(session, points, voters, ids, [[{"points": p} for p in _hundred_points(rng, v)] for v in views])
    voting = math.ceil(len(managers) * 0.6)
    _cast(
        session, impact, voters[:voting], ids, [_impact_effort(rng, v, opportunities) for v in views[:voting]]
    )
    totals = [sum(ballot[i] for ballot in ranks) for i in range(len(ids))]
    return [ids[i] for i in sorted(range(len(ids)), key=lambda i: (totals[i], i))]


def _ballot_round(
    session: Session,
    name: str,
    method: e.BallotMethod,
    day: dt.datetime,
    opened: tuple[int, int],
    closed: tuple[int, int] | None,
    revealed: tuple[int, int] | None,
) -> e.BallotRound:
    def at(hour_minute: tuple[int, int] | None) -> dt.datetime | None:
        return None if hour_minute is None else day.replace(hour=hour_minute[0], minute=hour_minute[1])

    opened_at = at(opened)
    assert opened_at is not None
    ballot_round = e.BallotRound(
        name=name,
        method=method,
        allow_ties=False,
        created_at=opened_at - dt.timedelta(minutes=5),
        opened_at=opened_at,
        closed_at=at(closed),
        revealed_at=at(revealed),
    )
    session.add(ballot_round)
    return ballot_round


def _cast(
    session: Session,
    ballot_round: e.BallotRound,
    voters: Sequence[e.Participant],
    item_ids: Sequence[int],
    fields: Sequence[Sequence[dict[str, object]]],
) -> None:
    """Adds one ballot per voter, handed in during the round; `fields`: columns per voter per item."""
    opened_at = ballot_round.opened_at
    assert opened_at is not None
    window = (ballot_round.closed_at or opened_at + dt.timedelta(minutes=25)) - opened_at
    step = window / (len(voters) + 1)
    ballots = [
        e.Ballot(
            round=ballot_round,
            participant=voter,
            submitted_at=(opened_at + step * (n + 1)).replace(microsecond=0),
        )
        for n, voter in enumerate(voters)
    ]
    session.add_all(ballots)
    session.flush()
    # Core-level bulk insert: a 300-manager demo has tens of thousands of entries.
    rows = [
        {"ballot_id": ballot.id, "opportunity_id": item_id, **columns}
        for ballot, per_item in zip(ballots, fields, strict=True)
        for item_id, columns in zip(item_ids, per_item, strict=True)
    ]
    session.execute(insert(e.BallotEntry), rows)


def _ranks(view: Sequence[float]) -> list[int]:
    """Gives rank 1 to the most wanted item, then 2, ... with no ties."""
    order = sorted(range(len(view)), key=lambda i: -view[i])
    ranks = [0] * len(view)
    for rank, index in enumerate(order, start=1):
        ranks[index] = rank
    return ranks


def _hundred_points(rng: random.Random, view: Sequence[float]) -> list[int]:
    """Gives 100 points spread over a manager's few favourite items, the rest 0."""
    favourites = sorted(range(len(view)), key=lambda i: -view[i])[: min(4, len(view))]
    weights = [(len(favourites) - place) * rng.uniform(0.6, 1.4) for place in range(len(favourites))]
    shares = [100 * w / sum(weights) for w in weights]
    points = [math.floor(s) for s in shares]
    # Largest remainders get the leftover points, so every ballot sums to exactly 100.
    for place in sorted(range(len(shares)), key=lambda p: points[p] - shares[p])[: 100 - sum(points)]:
        points[place] += 1
    spread = [0] * len(view)
    for item, given in zip(favourites, points, strict=True):
        spread[item] = given
    return spread


def _impact_effort(
    rng: random.Random, view: Sequence[float], opportunities: list[tuple[e.Opportunity, DemoOpportunity]]
) -> list[dict[str, object]]:
    """Gives per item the impact a manager expects (from how much they want it) and the effort they see."""
    low, high = min(view), max(view)
    span = (high - low) or 1.0
    return [
        {
            "impact": _half_step(1 + 4 * (want - low) / span),
            "effort": _half_step(seed.effort + rng.gauss(0, 0.6)),
        }
        for want, (_, seed) in zip(view, opportunities, strict=True)
    ]


def _half_step(value: float) -> float:
    return min(5.0, max(1.0, round(value * 2) / 2))


def _add_workflows(
    session: Session,
    consensus: list[int],
    opportunities: list[tuple[e.Opportunity, DemoOpportunity]],
    people: _People,
) -> list[e.Pilot]:
    """Gives the pilots of workflows for the four opportunities the room ranked highest."""
    by_id = {row.id: (row, seed) for row, seed in opportunities}
    pilots = []
    for place, item_id in enumerate(consensus[:4]):
        row, seed = by_id[item_id]
        plan = WORKFLOW_PLANS.get(row.title) or _plain_plan(seed)
        workflow = e.Workflow(
            opportunity=row,
            owner=_owner(people, seed.team),
            ai_platform=plan.platform,
            steps=plan.steps,
            oversight=plan.oversight,
            stricter_review=plan.stricter_review,
        )
        pilot = _pilot(place, plan)
        pilot.owner = _pilot_owner(people, seed.team, workflow.owner)
        workflow.pilots = [pilot]
        session.add(workflow)
        pilots.append(pilot)
    session.flush()
    return pilots


def _plain_plan(seed: DemoOpportunity) -> WorkflowPlan:
    risky = seed.risk >= 4
    return WorkflowPlan(
        "ChatGPT Enterprise",
        f"1. Collect the inputs for: {seed.title.lower()}\n2. AI drafts the result\n"
        "3. A team member checks it before use\n4. Weekly look at what was corrected",
        e.Oversight.REVIEW_EVERY_OUTPUT if risky else e.Oversight.REVIEW_SAMPLES,
        risky,
        "Hours saved per week; corrections per 100 outputs",
        "Go if hours saved exceed review time with no serious error",
    )


def _owner(people: _People, team: str) -> str:
    """Gives the name of the team's champion manager, else its first manager, else the facilitator."""
    own = [m.row for m in people.managers if team_name(m.row) == team]
    champions = [p for p in own if p.stance == e.Stance.CHAMPION]
    return (champions or own or [people.by_name[FACILITATOR]])[0].name


def _pilot_owner(people: _People, team: str, workflow_owner: str) -> str:
    """Gives who runs the pilot day to day: the team's first employee, else the workflow's owner."""
    own = [p.name for p in people.employees if team_name(p) == team]
    return own[0] if own else workflow_owner


def _pilot(place: int, plan: WorkflowPlan) -> e.Pilot:
    """Gives a six-week pilot with a checkpoint every two weeks, decided where the date has passed."""
    starts_on, status, decided, hours_freed = PILOT_STATES[place % len(PILOT_STATES)]
    count = 3 if place % 2 == 0 else 2
    decisions = list(decided[:count]) + [e.CheckpointDecision.PENDING] * (count - len(decided[:count]))
    return e.Pilot(
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(weeks=6),
        success_metrics=plan.success_metrics,
        go_no_go_criteria=plan.go_no_go,
        status=status,
        hours_freed_per_week=hours_freed,
        checkpoints=[
            e.Checkpoint(
                due_on=starts_on + dt.timedelta(weeks=2 * (n + 1)), decision=d, notes=CHECKPOINT_NOTES[d]
            )
            for n, d in enumerate(decisions)
        ],
    )


def _add_follow_through(
    session: Session, teams: dict[str, e.Team], people: _People, pilots: list[e.Pilot]
) -> None:
    """Adds capacity plans, feedback, caution flags and actions that point at them."""
    for team, (hours, dropped, training) in CAPACITY.items():
        session.add(
            e.CapacityPlan(
                team=teams[team], hours_per_week=hours, dropped_or_deferred=dropped, training=training
            )
        )
    feedback = [
        e.FeedbackItem(
            received_on=on, channel=channel, team=teams.get(team or ""), anonymous=anonymous,
            what_works=works, what_does_not=does_not, change_made=change,
        )
        for on, channel, team, anonymous, works, does_not, change in FEEDBACK
    ]  # fmt: skip
    quoted_gap = gap_evidence(session, teams[PERCEPTION_GAP_TEAM])
    flags = [
        e.CautionFlag(
            category=category, severity=severity, team=teams.get(team or ""),
            participant=people.by_name.get(who or ""),
            evidence=quoted_gap if evidence == GAP_EVIDENCE else evidence, response=response, owner=owner,
            status=status, raised_on=HELD_ON + dt.timedelta(days=7 + 4 * n),
        )
        for n, (category, severity, team, who, evidence, response, owner, status) in enumerate(FLAGS)
    ]  # fmt: skip
    session.add_all([*feedback, *flags])
    session.flush()
    for title, owner, due, status, flag, pilot, item in ACTIONS:
        session.add(
            e.Action(
                title=title, owner=owner, due_on=due, status=status,
                flag_id=flags[flag].id if flag is not None else None,
                pilot_id=pilots[pilot].id if pilot is not None and pilot < len(pilots) else None,
                feedback_id=feedback[item].id if item is not None else None,
            )
        )  # fmt: skip
