"""The capacity ledger: per team, the hours a week the audit found in manual and redundant work, the hours
the pilots expect to free, the hours given to learning, and the balance between freed and learning time.

The method asks for space and time to learn: AI must not become one more burden. The ledger shows whether
the pilots, once they deliver, pay for the learning time the plans give. Numbers only; the words of each
verdict are English source text that the screen and the PDF translate as they show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .audit import AuditTask

# A task counts as redundant work from this redundancy score (1-5) up: 4 "mostly" or 5 "entirely" repeats
# work done elsewhere. Below that the repetition is partial and its hours cannot be called redundant.
REDUNDANT_FROM = 4

NOT_COVERED = "learning time not yet covered by freed hours"
COVERED = "pilots free more than the learning takes"
EVEN = "pilots free as many hours as the learning takes"
NO_PILOT_HOURS = "no pilot hours estimated yet"

# (team or None, hours a week or None when not estimated): a pilot's freed time or a plan's learning time.
TeamHours = tuple[str | None, float | None]


@dataclass(frozen=True)
class CapacityLine:
    """One team's hours a week: found in the audit, freed by pilots, given to learning, and the balance.

    `team` is None for work, pilots and plans that name no team. `freed_hours` and `balance` are None when
    no pilot of the team has an estimate: unknown is not zero. `unknown_tasks` counts the manual or
    redundant tasks whose hours nobody entered, `unknown_pilots` the pilots without an estimate; their
    hours are missing from the sums, not counted as zero.
    """

    team: str | None
    manual_hours: float
    redundant_hours: float
    unknown_tasks: int
    freed_hours: float | None
    unknown_pilots: int
    learning_hours: float
    balance: float | None
    verdict: str


def capacity_ledger(
    tasks: Iterable[AuditTask], freed: Iterable[TeamHours], learning: Iterable[TeamHours]
) -> tuple[CapacityLine, ...]:
    """Gives a line for each team with any audited work, pilot or learning time, teams by name, and the
    work naming no team last."""
    by_team: dict[str | None, _Tally] = {}
    for task in tasks:
        by_team.setdefault(task.team, _Tally()).add_task(task)
    for team, hours in freed:
        by_team.setdefault(team, _Tally()).add_pilot(hours)
    for team, hours in learning:
        by_team.setdefault(team, _Tally()).add_plan(hours)
    order = sorted(by_team, key=lambda team: (team is None, (team or "").casefold()))
    return tuple(by_team[team].line(team) for team in order if by_team[team].counts_anything())


def ledger_total(lines: Iterable[CapacityLine]) -> CapacityLine:
    """Gives the sum over the teams, with the verdict for the whole organisation (`team` None)."""
    lines = tuple(lines)
    known_freed = [line.freed_hours for line in lines if line.freed_hours is not None]
    freed = sum(known_freed) if known_freed else None
    learning = sum(line.learning_hours for line in lines)
    return CapacityLine(
        team=None,
        manual_hours=sum(line.manual_hours for line in lines),
        redundant_hours=sum(line.redundant_hours for line in lines),
        unknown_tasks=sum(line.unknown_tasks for line in lines),
        freed_hours=freed,
        unknown_pilots=sum(line.unknown_pilots for line in lines),
        learning_hours=learning,
        balance=None if freed is None else freed - learning,
        verdict=verdict(freed, learning),
    )


def verdict(freed: float | None, learning: float) -> str:
    """Gives the plain verdict on a balance: covered, not yet covered, or no pilot estimate to judge by."""
    if freed is None:
        return NO_PILOT_HOURS
    if freed < learning:
        return NOT_COVERED
    return EVEN if freed == learning else COVERED


def capacity_numbers(lines: tuple[CapacityLine, ...]) -> dict[str, Any] | None:
    """Gives the ledger as `analyze --json` prints it: each team's hours and the total; None when empty."""
    if not lines:
        return None
    return {
        "redundant_from": REDUNDANT_FROM,
        "teams": [_numbers(line) for line in lines],
        "total": _numbers(ledger_total(lines)),
    }


def _numbers(line: CapacityLine) -> dict[str, Any]:
    return {
        "team": line.team,
        "manual_hours": line.manual_hours,
        "redundant_hours": line.redundant_hours,
        "tasks_with_unknown_hours": line.unknown_tasks,
        "freed_hours": line.freed_hours,
        "pilots_with_unknown_hours": line.unknown_pilots,
        "learning_hours": line.learning_hours,
        "balance": line.balance,
        "verdict": line.verdict,
    }


class _Tally:
    """One team's running sums while the ledger is read."""

    def __init__(self) -> None:
        self.manual = 0.0
        self.redundant = 0.0
        self.unknown_tasks = 0
        self.freed: float | None = None
        self.pilots = 0
        self.unknown_pilots = 0
        self.plans = 0
        self.learning = 0.0

    def add_task(self, task: AuditTask) -> None:
        manual = task.manual
        redundant = task.redundancy is not None and task.redundancy >= REDUNDANT_FROM
        if not (manual or redundant):
            return
        if task.hours_per_week is None:
            self.unknown_tasks += 1
            return
        self.manual += task.hours_per_week if manual else 0.0
        self.redundant += task.hours_per_week if redundant else 0.0

    def add_pilot(self, hours: float | None) -> None:
        self.pilots += 1
        if hours is None:
            self.unknown_pilots += 1
        else:
            self.freed = (self.freed or 0.0) + hours

    def add_plan(self, hours: float | None) -> None:
        self.plans += 1
        self.learning += hours or 0.0

    def counts_anything(self) -> bool:
        """Gives whether the team has any of the four numbers (or work whose hours are unknown)."""
        return bool(self.manual or self.redundant or self.unknown_tasks or self.pilots or self.plans)

    def line(self, team: str | None) -> CapacityLine:
        balance = None if self.freed is None else self.freed - self.learning
        return CapacityLine(
            team=team,
            manual_hours=self.manual,
            redundant_hours=self.redundant,
            unknown_tasks=self.unknown_tasks,
            freed_hours=self.freed,
            unknown_pilots=self.unknown_pilots,
            learning_hours=self.learning,
            balance=balance,
            verdict=verdict(self.freed, self.learning),
        )
