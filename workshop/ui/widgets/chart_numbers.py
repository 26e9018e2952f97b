"""The numbers behind each chart as a small table, for people who read figures rather than pictures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workshop.model.views import TableView
from workshop.ui.i18n import tr

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

Rows = tuple[tuple[str, ...], ...]


def _number(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _readiness(findings: WorkshopFindings) -> tuple[tuple[str, ...], Rows]:
    columns = ("Team", "Dimension", "Answers", "Mean (1-5)")
    rows = tuple(
        (
            s.team,
            s.dimension,
            tr("fewer than 3") if s.withheld else str(s.n),
            tr("withheld") if s.withheld else _number(s.mean),
        )
        for s in sorted(findings.readiness, key=lambda s: (s.team, s.dimension))
    )
    return columns, rows


def _perception_gap(findings: WorkshopFindings) -> tuple[tuple[str, ...], Rows]:
    columns = ("Team", "Dimension", "Managers", "Team members", "Gap", "95% range", "Clear")
    rows = tuple(
        (
            g.team,
            g.dimension,
            str(g.managers_n),
            str(g.team_n),
            tr("withheld") if g.withheld else _number(g.gap),
            tr("{low} to {high}").format(low=_number(g.ci_low), high=_number(g.ci_high)),
            tr("yes") if g.clear else tr("no"),
        )
        for g in findings.gaps
        if g.survey_round == findings.survey_round
    )
    return columns, rows


def _consensus(findings: WorkshopFindings) -> tuple[tuple[str, ...], Rows]:
    columns = ("Opportunity", "Mean place", "Spread", "Divides the room")
    ranking = findings.ranking
    if ranking is None:
        return columns, ()
    spreads = sorted(ranking.spreads, key=lambda s: s.mean_rank)
    return columns, tuple(
        (s.item, _number(s.mean_rank), _number(s.spread, 2), tr("yes") if s.dissent else tr("no"))
        for s in spreads
    )


def _agreement(findings: WorkshopFindings) -> tuple[tuple[str, ...], Rows]:
    columns = ("Voter", "Camp", "Agreement (W) without them")
    ranking = findings.ranking
    if ranking is None:
        return columns, ()
    camp_of = {v: str(n) for n, camp in enumerate(ranking.agreement.camps, 1) for v in camp.voters}
    return columns, tuple(
        (entry.voter, camp_of.get(entry.voter, "-"), _number(entry.w_without, 2))
        for entry in ranking.leave_one_out
    )


def _priority_readiness(findings: WorkshopFindings) -> tuple[tuple[str, ...], Rows]:
    columns = ("Opportunity", "Team", "Priority (0-1)", "Readiness (1-5)", "Quadrant")
    return columns, tuple(
        (
            p.title,
            p.team or "-",
            _number(p.priority, 2),
            _number(p.readiness),
            str(p.placement) if p.placement is not None else "-",
        )
        for p in findings.placements
    )


def _points(findings: WorkshopFindings) -> tuple[tuple[str, ...], Rows]:
    # The chart module loads matplotlib: it is imported with the first table, not while the window starts.
    from workshop.charts.ratings import POINTS_COLUMNS, points_rows

    return POINTS_COLUMNS, () if findings.points is None else points_rows(findings.points)


def _impact_effort(findings: WorkshopFindings) -> tuple[tuple[str, ...], Rows]:
    from workshop.charts.ratings import IMPACT_EFFORT_COLUMNS, impact_effort_rows

    result = findings.impact_effort
    return IMPACT_EFFORT_COLUMNS, () if result is None else impact_effort_rows(result)


_NUMBERS: dict[str, Callable[[WorkshopFindings], tuple[tuple[str, ...], Rows]]] = {
    "readiness": _readiness,
    "perception_gap": _perception_gap,
    "consensus": _consensus,
    "rank_distribution": _consensus,
    "agreement": _agreement,
    "priority_readiness": _priority_readiness,
    "points": _points,
    "impact_effort": _impact_effort,
}


def chart_numbers(key: str, title: str, findings: WorkshopFindings, summary: str) -> TableView:
    """Gives the chart's numbers as a table; charts without one give their one-sentence summary."""
    if key not in _NUMBERS:
        return TableView(title, ("What the chart shows",), ((summary,),), summary)
    columns, rows = _NUMBERS[key](findings)
    return TableView(title, columns, rows, tr("No numbers yet."))
