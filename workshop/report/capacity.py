"""The capacity ledger in the Space & Time section: per team the hours found, freed and given to learning,
the balance, and which teams' learning time the pilots do not yet pay for."""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.analysis.capacity import (
    COVERED,
    EVEN,
    NO_PILOT_HOURS,
    NOT_COVERED,
    REDUNDANT_FROM,
    ledger_total,
)
from workshop.charts.capacity import ledger_row, team_name
from workshop.findings import WorkshopFindings
from workshop.wording import tr

from .headings import ChartMaker, subheading
from .text import Column, data_table, para

COLUMNS = (
    ("Team", 0.15),
    ("Manual hours", 0.1),
    ("Redundant hours", 0.145),
    ("Freed by pilots", 0.115),
    ("Learning hours", 0.12),
    ("Balance", 0.1),
    ("Verdict", 0.27),
)
# The verdicts stated under the table, the one that needs action first.
VERDICT_ORDER = (NOT_COVERED, NO_PILOT_HOURS, EVEN, COVERED)


def ledger_story(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the ledger's chart, its table with the total, and a sentence per verdict naming its teams;
    nothing when no team has audited work, pilots or learning time."""
    lines = findings.capacity
    if not lines:
        return []
    rows = [ledger_row(line) for line in lines]
    if len(lines) > 1:
        rows.append([tr("All teams"), *ledger_row(ledger_total(lines))[1:]])
    return [
        *subheading(tr("Capacity ledger")),
        para(
            tr(
                "Hours a week per team: manual work and redundant work (tasks of redundancy {redundant} or "
                "more) found in the audit, the hours the pilots expect to free, and the hours the plans give "
                "to learning. Balance = freed – learning: what the team gains, or still gives, once the "
                "pilots deliver. Hours nobody entered are counted as unknown, not as zero."
            ).format(redundant=REDUNDANT_FROM)
        ),
        chart("capacity"),
        *data_table(tr("Capacity ledger"), [Column(tr(name), share) for name, share in COLUMNS], rows),
        *_verdicts(findings),
    ]


def _verdicts(findings: WorkshopFindings) -> list[Flowable]:
    """Gives one sentence per verdict that some team has: the verdict, then the teams it holds for."""
    said = []
    for verdict in VERDICT_ORDER:
        teams = [team_name(line) for line in findings.capacity if line.verdict == verdict]
        if teams:
            said.append(
                para(
                    tr("{verdict}: {teams}.").format(verdict=tr(verdict).capitalize(), teams=", ".join(teams))
                )
            )
    return said
