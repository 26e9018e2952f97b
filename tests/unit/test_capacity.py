"""The capacity ledger: each team's audited manual and redundant hours, the hours pilots free, the hours
given to learning, and the balance, read from a stored workshop and from any values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.analysis.audit import AuditTask
from workshop.analysis.capacity import (
    COVERED,
    NO_PILOT_HOURS,
    NOT_COVERED,
    REDUNDANT_FROM,
    capacity_ledger,
    ledger_total,
)
from workshop.findings import analyze, gather_findings
from workshop.model import entities as e


def _task(team: str | None, hours: float | None, *, manual: bool = True, redundancy: int | None = None):
    return AuditTask("work", team, hours, "weekly", manual, redundancy, None, "low")


def _add_team_work(session, team: e.Team, *, pilot_hours: list[float | None]) -> None:
    opportunity = e.Opportunity(title=f"AI for {team.name}", team=team)
    workflow = e.Workflow(opportunity=opportunity)
    session.add_all([opportunity, workflow])
    for hours in pilot_hours:
        session.add(e.Pilot(workflow=workflow, hours_freed_per_week=hours))


@pytest.fixture
def ledger_workshop(store):
    """A workshop with audited work, pilots and learning time for two teams, and a team with only a plan."""
    with store.transaction() as s:
        warehouse, finance, sales = (e.Team(name=n) for n in ("Warehouse", "Finance", "Sales"))
        s.add_all(
            [
                e.Task(title="Pick lists", team=warehouse, hours_per_week=6.0, manual=True, redundancy=5),
                e.Task(title="Stock count", team=warehouse, hours_per_week=4.0, manual=True, redundancy=2),
                e.Task(title="Re-key orders", team=warehouse, hours_per_week=3.0, manual=False, redundancy=4),
                e.Task(title="Damage notes", team=warehouse, hours_per_week=None, manual=True),
                e.Task(title="Invoices", team=finance, hours_per_week=8.0, manual=True, redundancy=1),
                e.CapacityPlan(team=warehouse, hours_per_week=2.0),
                e.CapacityPlan(team=finance, hours_per_week=3.0),
                e.CapacityPlan(team=sales, hours_per_week=1.5),
            ]
        )
        _add_team_work(s, warehouse, pilot_hours=[2.5, 1.0, None])
        _add_team_work(s, finance, pilot_hours=[1.0])
    return store


def _ledger(store):
    with store.reading() as s:
        return {line.team: line for line in gather_findings(s).capacity}


def test_each_team_sums_its_manual_redundant_freed_and_learning_hours(ledger_workshop):
    ledger = _ledger(ledger_workshop)

    warehouse = ledger["Warehouse"]
    assert (warehouse.manual_hours, warehouse.redundant_hours) == (6.0 + 4.0, 6.0 + 3.0)
    assert (warehouse.freed_hours, warehouse.learning_hours) == (2.5 + 1.0, 2.0)
    assert warehouse.balance == pytest.approx(3.5 - 2.0)
    assert warehouse.verdict == COVERED
    finance = ledger["Finance"]
    assert (finance.manual_hours, finance.redundant_hours, finance.freed_hours) == (8.0, 0.0, 1.0)
    assert finance.balance == pytest.approx(1.0 - 3.0)
    assert finance.verdict == NOT_COVERED


def test_tasks_and_pilots_without_hours_are_counted_as_unknown_never_as_zero(ledger_workshop):
    warehouse = _ledger(ledger_workshop)["Warehouse"]

    assert warehouse.unknown_tasks == 1  # "Damage notes": manual, hours not entered
    assert warehouse.unknown_pilots == 1
    assert warehouse.manual_hours == 10.0  # the known hours only


def test_a_team_with_only_learning_time_has_no_balance_until_a_pilot_is_estimated(ledger_workshop):
    sales = _ledger(ledger_workshop)["Sales"]

    assert (sales.manual_hours, sales.redundant_hours, sales.learning_hours) == (0.0, 0.0, 1.5)
    assert sales.freed_hours is None and sales.balance is None
    assert sales.verdict == NO_PILOT_HOURS


def test_analyze_prints_the_ledger_with_its_total(ledger_workshop):
    with ledger_workshop.reading() as s:
        found = analyze(s)["capacity"]

    assert [team["team"] for team in found["teams"]] == ["Finance", "Sales", "Warehouse"]
    assert found["total"]["learning_hours"] == 2.0 + 3.0 + 1.5
    assert found["total"]["tasks_with_unknown_hours"] == 1
    assert found["redundant_from"] == REDUNDANT_FROM


def test_an_empty_workshop_has_no_ledger(store):
    with store.reading() as s:
        assert gather_findings(s).capacity == ()
        assert analyze(s)["capacity"] is None


def test_redundancy_just_below_the_threshold_is_not_redundant_work():
    (line,) = capacity_ledger(
        [_task("A", 5.0, manual=False, redundancy=REDUNDANT_FROM - 1)], [], [("A", 1.0)]
    )

    assert line.redundant_hours == 0.0


hours = st.one_of(st.none(), st.floats(0, 80, allow_nan=False))
teams = st.sampled_from(["Warehouse", "Finance", "Sales", None])
tasks = st.lists(
    st.builds(
        _task,
        teams,
        hours,
        manual=st.booleans(),
        redundancy=st.one_of(st.none(), st.integers(1, 5)),
    ),
    max_size=12,
)
team_hours = st.lists(st.tuples(teams, hours), max_size=6)


@given(tasks, team_hours, team_hours)
def test_balance_is_freed_minus_learning_for_any_values(work, freed, learning):
    for line in capacity_ledger(work, freed, learning):
        if line.freed_hours is None:
            assert line.balance is None and line.verdict == NO_PILOT_HOURS
        else:
            assert line.balance == pytest.approx(line.freed_hours - line.learning_hours)
            assert (line.verdict == NOT_COVERED) == (line.balance < 0)


@given(tasks, team_hours, team_hours)
def test_the_total_is_the_sum_of_the_teams(work, freed, learning):
    lines = capacity_ledger(work, freed, learning)
    total = ledger_total(lines)

    for field in ("manual_hours", "redundant_hours", "unknown_tasks", "learning_hours", "unknown_pilots"):
        assert getattr(total, field) == pytest.approx(sum(getattr(line, field) for line in lines))
    known = [line.freed_hours for line in lines if line.freed_hours is not None]
    assert total.freed_hours == (pytest.approx(math.fsum(known)) if known else None)
    assert total.unknown_tasks == sum(
        1 for t in work if t.hours_per_week is None and (t.manual or (t.redundancy or 0) >= REDUNDANT_FROM)
    )
