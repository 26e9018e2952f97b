"""Planning workflows for the room's top N: consensus order, a tie at the edge taken whole, opportunities
already planned skipped, the team's champion proposed as owner and the oversight rule's minimum proposed."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from workshop.findings import gather_findings
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.store import create_workshop
from workshop.planning import draft_values, draft_workflows, owners_by_team, room_places, workflow_plan

TITLES = ("Invoices", "Replies", "Summaries", "Forecasts", "Minutes")
TEAMS = {"Invoices": "Finance", "Replies": "Support", "Summaries": "Support", "Forecasts": "Finance"}


def room_with_ranking(store, orders: list[list[str]], *, planned: tuple[str, ...] = ()) -> None:
    """Fills the workshop: two teams with people, five opportunities, a revealed ranking round with one
    ballot per order given, and a workflow for each title in `planned`."""
    with store.transaction() as s:
        teams = {name: e.Team(name=name) for name in ("Finance", "Support")}
        s.add_all(
            [
                e.Participant(name="Ada", team=teams["Finance"], stance=e.Stance.SKEPTIC),
                e.Participant(name="Zoe", team=teams["Finance"], stance=e.Stance.CHAMPION),
                e.Participant(name="Bo", team=teams["Support"]),
            ]
        )
        opportunities = {t: e.Opportunity(title=t, team=teams.get(TEAMS.get(t, ""))) for t in TITLES}
        s.add_all(opportunities.values())
        managers = [e.Participant(name=f"Manager {n}", role=e.Role.MANAGER) for n in range(len(orders))]
        s.add_all(managers)
        s.add_all(e.Workflow(opportunity=opportunities[t]) for t in planned)
        s.flush()
        round_id = ballots.start_round(s, name="Priorities")
        for manager, order in zip(managers, orders, strict=True):
            ranks = {opportunities[t].id: place for place, t in enumerate(order, 1)}
            ballots.cast_ranking(s, round_id=round_id, participant_id=manager.id, ranks=ranks)
        ballots.close_round(s, round_id=round_id)
        ballots.reveal_round(s, round_id=round_id)


def _plan(store, top: int = 3):
    with store.reading() as s:
        return workflow_plan(gather_findings(s), owners_by_team(s), top)


AGREED = [["Summaries", "Invoices", "Minutes", "Replies", "Forecasts"]] * 4


def test_the_top_three_come_in_the_rooms_order_not_alphabetically(store):
    room_with_ranking(store, AGREED)
    plan = _plan(store)
    assert plan is not None and plan.round == "Priorities"
    assert [(row.place, row.opportunity) for row in plan.rows] == [
        (1, "Summaries"),
        (2, "Invoices"),
        (3, "Minutes"),
    ]
    assert not plan.tie_at_edge and not any(row.tied for row in plan.rows)


def test_a_tie_across_the_edge_brings_in_the_whole_tier(store):
    orders = [["Replies", "Invoices", "Minutes", "Summaries", "Forecasts"]] * 2 + [
        ["Replies", "Invoices", "Summaries", "Minutes", "Forecasts"]
    ] * 2
    room_with_ranking(store, orders)
    plan = _plan(store)
    assert plan is not None and plan.tie_at_edge
    assert [(row.place, row.opportunity, row.tied) for row in plan.rows] == [
        (1, "Replies", False),
        (2, "Invoices", False),
        (3, "Minutes", True),
        (3, "Summaries", True),
    ]


def test_an_opportunity_with_a_workflow_is_listed_but_not_drafted_again(store):
    room_with_ranking(store, AGREED, planned=("Invoices",))
    plan = _plan(store)
    assert plan is not None
    assert [row.opportunity for row in plan.rows if row.already_planned] == ["Invoices"]
    assert [row.opportunity for row in plan.drafts] == ["Summaries", "Minutes"]
    with store.transaction() as s:
        draft_workflows(s, draft_values(s, plan))
    with store.reading() as s:
        per_opportunity = dict(
            s.execute(
                select(e.Opportunity.title, func.count(e.Workflow.id))
                .join(e.Workflow)
                .group_by(e.Opportunity.title)
            ).all()
        )
    assert per_opportunity == {"Invoices": 1, "Summaries": 1, "Minutes": 1}


def test_the_owner_proposed_is_the_teams_champion_and_none_without_a_team(store):
    room_with_ranking(store, AGREED)
    plan = _plan(store)
    assert plan is not None
    owners = {row.opportunity: (row.owner, row.owner_stance) for row in plan.rows}
    assert owners == {
        "Summaries": ("Bo", "unknown"),  # Support's only person
        "Invoices": ("Zoe", "champion"),  # Finance's champion before its skeptic, whatever the alphabet
        "Minutes": ("", ""),  # no team owns it: nobody to propose
    }


def test_each_draft_starts_at_the_oversight_rules_minimum_and_the_findings_agree(store):
    room_with_ranking(store, AGREED)
    plan = _plan(store)
    assert plan is not None
    with store.transaction() as s:
        draft_workflows(s, draft_values(s, plan))
    with store.reading() as s:
        checks = gather_findings(s).oversight
    assert {c.workflow: c.chosen for c in checks} == {row.opportunity: row.oversight for row in plan.rows}
    assert not any(c.below for c in checks)
    assert all(row.reasons for row in plan.rows)


@settings(
    max_examples=6,
    deadline=None,
    phases=(Phase.generate,),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    top=st.integers(min_value=1, max_value=len(TITLES)),
    orders=st.lists(st.permutations(TITLES), min_size=3, max_size=5),
)
def test_the_plan_holds_the_top_n_places_and_no_draft_starts_below_the_rule(tmp_path_factory, top, orders):
    store = create_workshop(tmp_path_factory.mktemp("plan") / "room.workshop", title="T", organisation="")
    try:
        room_with_ranking(store, [list(order) for order in orders])
        with store.transaction() as s:
            findings = gather_findings(s)
            plan = workflow_plan(findings, owners_by_team(s), top)
            if plan is not None:
                draft_workflows(s, draft_values(s, plan))
        with store.reading() as s:
            checks = gather_findings(s).oversight
    finally:
        store.close()
    places = room_places(findings)
    if plan is None:
        assert not places  # too few ballots to order the room: nothing to plan
        return
    assert {row.opportunity for row in plan.rows} == {t for t, place in places.items() if place <= top}
    assert len(plan.rows) >= min(top, len(places))
    assert [row.place for row in plan.rows] == sorted(row.place for row in plan.rows)
    assert len(checks) == len(plan.rows) and not any(check.below for check in checks)
