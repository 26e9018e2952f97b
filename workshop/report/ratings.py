"""The report's 100-point and impact-effort results: each round's chart and a short table of its numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from workshop.charts.ratings import (
    IMPACT_EFFORT_COLUMNS,
    POINTS_COLUMNS,
    impact_effort_rows,
    placed_items,
    points_rows,
)
from workshop.charts.style import TOP_ITEMS
from workshop.privacy import MIN_GROUP
from workshop.wording import plural, tr

from .headings import ChartMaker, shortened, subheading
from .text import Column, data_table, para

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

POINTS_SHARES = (0.52, 0.16, 0.14, 0.18)
IMPACT_EFFORT_SHARES = (0.34, 0.16, 0.16, 0.16, 0.18)


def ratings_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the 100-point results and the impact/effort 2x2, each only once its round is revealed.

    A round not revealed is left out here (the ballot rounds table gives its status), and a chart with
    nothing to place gives way to a sentence, so no empty chart takes up half a page.
    """
    points, impact = findings.points, findings.impact_effort
    story: list[Flowable] = []
    if points is not None:
        story += [
            *subheading(tr("The 100-point round")),
            *_revealed(findings.points_round, points.ballots),
            *([chart("points")] if points.ballots >= MIN_GROUP else []),
            *_table(tr("100 points"), POINTS_COLUMNS, POINTS_SHARES, points_rows(points), TOP_ITEMS),
        ]
    if impact is not None:
        story += [
            *subheading(tr("The impact-effort round")),
            *_revealed(findings.impact_round, impact.ballots),
            *([chart("impact_effort")] if placed_items(impact) else []),
            *_table(
                tr("Impact and effort"),
                IMPACT_EFFORT_COLUMNS,
                IMPACT_EFFORT_SHARES,
                impact_effort_rows(impact),
                TOP_ITEMS,
            ),
        ]
    return story


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


def appendix_points(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the whole 100-point and impact-effort tables where the section shows only their top."""
    points, impact = findings.points, findings.impact_effort
    story: list[Flowable] = []
    if points and len(points.items) > TOP_ITEMS:
        story += [
            *subheading(tr("The 100-point round, every opportunity")),
            *_table(tr("100 points"), POINTS_COLUMNS, POINTS_SHARES, points_rows(points)),
        ]
    if impact and len(impact.items) > TOP_ITEMS:
        rows = impact_effort_rows(impact)
        story += [
            *subheading(tr("The impact-effort round, every opportunity")),
            *_table(tr("Impact and effort"), IMPACT_EFFORT_COLUMNS, IMPACT_EFFORT_SHARES, rows),
        ]
    return story


def _table(
    title: str,
    headings: tuple[str, ...],
    shares: tuple[float, ...],
    rows: tuple[tuple[str, ...], ...],
    limit: int | None = None,
) -> list[Flowable]:
    shown, rest = shortened(rows, limit)
    columns = [Column(tr(heading), share) for heading, share in zip(headings, shares, strict=True)]
    return data_table(title, columns, shown) + rest
