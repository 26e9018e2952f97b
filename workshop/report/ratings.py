"""The report's 100-point and impact-effort results: each round's chart and a short table of its numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from workshop.charts.ratings import (
    IMPACT_EFFORT_COLUMNS,
    POINTS_COLUMNS,
    impact_effort_rows,
    points_rows,
)
from workshop.wording import plural, tr

from .headings import ChartMaker, subheading
from .text import Column, data_table, para

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

POINTS_SHARES = (0.52, 0.16, 0.14, 0.18)
IMPACT_EFFORT_SHARES = (0.34, 0.16, 0.16, 0.16, 0.18)


def ratings_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the 100-point results and the impact/effort 2x2, each with its table once its round is revealed.

    Both charts are always placed: without a revealed round the chart itself says so.
    """
    points, impact = findings.points, findings.impact_effort
    return [
        *subheading(tr("The 100-point round")),
        *_revealed(findings.points_round, points.ballots if points else None),
        chart("points"),
        *(_table(tr("100 points"), POINTS_COLUMNS, POINTS_SHARES, points_rows(points)) if points else []),
        *subheading(tr("The impact-effort round")),
        *_revealed(findings.impact_round, impact.ballots if impact else None),
        chart("impact_effort"),
        *(
            _table(
                tr("Impact and effort"),
                IMPACT_EFFORT_COLUMNS,
                IMPACT_EFFORT_SHARES,
                impact_effort_rows(impact),
            )
            if impact
            else []
        ),
    ]


def _revealed(round_name: str | None, ballots: int | None) -> list[Flowable]:
    """Gives the line that names the revealed round and its head-count (nothing when none is revealed)."""
    if round_name is None or ballots is None:
        return []
    return [
        para(
            tr("From the round '{round}', revealed to the room: {ballots}.").format(
                round=round_name, ballots=plural(ballots, "%n ballot", "%n ballots")
            )
        )
    ]


def _table(
    title: str, headings: tuple[str, ...], shares: tuple[float, ...], rows: tuple[tuple[str, ...], ...]
) -> list[Flowable]:
    return data_table(
        title, [Column(tr(heading), share) for heading, share in zip(headings, shares, strict=True)], rows
    )
