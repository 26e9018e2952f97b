"""The capacity ledger on the Space & Time page: each team's hours and verdict, kept up to date when the
audit, the pilots or the plans change."""

from __future__ import annotations

from sqlalchemy import select

from tests.gui.pages_helpers import shown_with_findings
from workshop.analysis.capacity import COVERED, NO_PILOT_HOURS, NOT_COVERED
from workshop.model import entities as e
from workshop.model.views import AUDIT, SPACE_AND_TIME

TEAM = "Warehouse"


def _team_with_work_and_plan(s) -> None:
    team = e.Team(name=TEAM)
    opportunity = e.Opportunity(title="Read delivery notes", team=team)
    s.add_all(
        [
            e.Task(title="Pick lists", team=team, hours_per_week=6.0, manual=True, redundancy=5),
            e.Task(title="Damage notes", team=team, hours_per_week=None, manual=True),
            e.CapacityPlan(team=team, hours_per_week=2.0),
            e.Pilot(workflow=e.Workflow(opportunity=opportunity)),
        ]
    )


def _set_freed_hours(hours: float):
    def action(s) -> None:
        s.scalars(select(e.Pilot)).one().hours_freed_per_week = hours

    return action


def _row(window, team: str) -> list[str]:
    ledger = shown_with_findings(window, SPACE_AND_TIME).ledger
    return next(row for row in ledger.rows() if row[0] == team)


def test_an_empty_workshop_says_what_the_ledger_needs(window):
    ledger = shown_with_findings(window, SPACE_AND_TIME).ledger

    assert ledger.rows() == []
    assert "add audited tasks, pilots" in ledger.model.table.empty_text
    assert ledger.view.isVisibleTo(window)


def test_each_team_shows_its_hours_and_a_plain_verdict(window):
    window.context.write(_team_with_work_and_plan)

    _team, manual, redundant, freed, learning, balance, verdict = _row(window, TEAM)

    assert (manual, redundant, freed, learning, balance) == ("6.0", "6.0", "–", "2.0", "–")
    assert verdict == f"{NO_PILOT_HOURS} (1 task without hours, 1 pilot not estimated)"


def test_the_ledger_follows_the_hours_a_pilot_expects_to_free(window):
    window.context.write(_team_with_work_and_plan)
    assert _row(window, TEAM)[6].startswith(NO_PILOT_HOURS)
    window.select_phase(AUDIT)  # the facilitator sets the pilot's hours elsewhere, then comes back

    window.context.write(_set_freed_hours(1.5))
    assert _row(window, TEAM)[3:6] == ["1.5", "2.0", "-0.5"]
    assert _row(window, TEAM)[6].startswith(NOT_COVERED)

    window.context.write(_set_freed_hours(3.0))  # while the page is shown
    assert _row(window, TEAM)[5:] == ["+1.0", f"{COVERED} (1 task without hours)"]
