"""How tall a chart must be on screen for its rows to keep the body text size: many rows make it taller.

On a page the text keeps the window's body size whatever the chart's width, so a chart of twenty items
cannot squeeze its rows into the usual height; it asks for the height its rows need instead. The rows
counted here are the ones the builders draw (bars, heatmap rows, entries of a numbered key).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from .audit import TOP_CANDIDATES
from .ranking import MAX_NAMED_VOTERS, ranking_to_show
from .ratings import placed_items
from .readiness import PANELS_PER_ROW
from .style import row_lines

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

POINTS_PER_INCH = 72
LINE = 1.2  # a line of text is this many font sizes tall
ROW_GAP = 0.7  # font sizes between two rows' labels, so each reads as its own
KEY_LINES = 3  # a numbered key of a few entries gives each up to three lines
KEY_SLOTS = 5  # a numbered key spaces its entries as if there were at least this many
OVERHEAD_LINES = 10  # title, subtitle, axis label and ticks, note and legend, in body lines

Rows = tuple[int, int]  # how many rows, and how many lines each label may take


def screen_height_in(key: str, findings: WorkshopFindings, body_points: float) -> float:
    """Gives the height in inches the chart needs for its rows at this body size (0 when it has none)."""
    rows, lines = ROWS.get(key, _none)(findings)
    if not rows:
        return 0.0
    points = (rows * (lines * LINE + ROW_GAP) + OVERHEAD_LINES * LINE) * body_points
    return points / POINTS_PER_INCH


def _none(findings: WorkshopFindings) -> Rows:
    return 0, 0


def _ranked_items(findings: WorkshopFindings) -> Rows:
    ranking, _ = ranking_to_show(findings)
    n = len(ranking.items) if ranking is not None else 0
    return n, row_lines(n)


def _voters(findings: WorkshopFindings) -> Rows:
    ranking, _ = ranking_to_show(findings)
    m = len(ranking.agreement.voters) if ranking is not None else 0
    return (m, 1) if m <= MAX_NAMED_VOTERS else (0, 0)


def _points_items(findings: WorkshopFindings) -> Rows:
    n = len(findings.points.items) if findings.points is not None else 0
    return n, row_lines(n)


def _teams(findings: WorkshopFindings) -> Rows:
    return len({s.team for s in findings.readiness}), 2


def _gap_dimensions(findings: WorkshopFindings) -> Rows:
    gaps = [g for g in findings.gaps if g.survey_round == findings.survey_round]
    teams = {g.team for g in gaps if not g.withheld}
    panels = math.ceil(len(teams) / PANELS_PER_ROW)
    return panels * len({g.dimension for g in gaps}), 2


def _pilots(findings: WorkshopFindings) -> Rows:
    n = sum(1 for w in findings.record.workflows for p in w.pilots if p.starts_on and p.ends_on)
    return n, row_lines(n)


def _flag_categories(findings: WorkshopFindings) -> Rows:
    return len({str(getattr(f.category, "value", f.category)) for f in findings.record.flags}), 2


def _ledger_teams(findings: WorkshopFindings) -> Rows:
    return len(findings.capacity), 2  # two bars a team: freed and learning


def _key_entries(count: int) -> Rows:
    if not count:
        return 0, 0
    lines = KEY_LINES if count <= 6 else row_lines(count)
    return max(count, KEY_SLOTS), lines


def _impact_effort_key(findings: WorkshopFindings) -> Rows:
    return _key_entries(len(placed_items(findings.impact_effort)) if findings.impact_effort else 0)


def _placements_key(findings: WorkshopFindings) -> Rows:
    return _key_entries(sum(1 for p in findings.placements if p.readiness is not None))


def _candidates_key(findings: WorkshopFindings) -> Rows:
    return _key_entries(min(TOP_CANDIDATES, len(findings.candidates)))


ROWS: dict[str, Callable[[WorkshopFindings], Rows]] = {
    "consensus": _ranked_items,
    "rank_distribution": _ranked_items,
    "agreement": _voters,
    "points": _points_items,
    "readiness": _teams,
    "perception_gap": _gap_dimensions,
    "pilot_timeline": _pilots,
    "caution_flags": _flag_categories,
    "capacity": _ledger_teams,
    "impact_effort": _impact_effort_key,
    "priority_readiness": _placements_key,
    "audit_candidates": _candidates_key,
}
