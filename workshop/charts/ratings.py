"""Charts of the 100-point and impact-effort rounds: where the points went, and the impact/effort 2x2.

The numbers tables beside them (on screen and in the PDF) come from here too, so both say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workshop.analysis.ratings import IMPACT_EFFORT_SCALE, POINTS_BUDGET, Quadrant
from workshop.privacy import MIN_GROUP
from workshop.rounding import rounded
from workshop.wording import plural, tr, word

from .style import (
    MUTED_INK,
    NEUTRAL,
    TOP_IN_QUADRANT,
    chart,
    note,
    number_points,
    numbered_key,
    opportunity_styles,
    quadrant_name,
    row_font,
    row_label,
    row_lines,
    say_instead,
    styled_points,
    tidy_ticks,
    top_items,
    wrap,
)
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.analysis.ratings import ImpactEffortResult, ItemImpactEffort, PointsResult
    from workshop.findings import WorkshopFindings

NO_POINTS = "No 100-point round has been revealed yet."
NO_IMPACT_EFFORT = "No impact-effort round has been revealed yet."
TOO_FEW = "too few ratings"
TOO_FEW_BALLOTS = (
    "Fewer than 3 people voted in the round '{round}': its results are not shown, "
    "so no one's points can be read from them."
)
NOTHING_PLACED = "No opportunity has impact and effort rated by 3 or more people yet."
MAX_NAMED_UNPLACED = 4
# Quadrant, where its words sit (axes corner), and its cut in two short lines: high means the cut or more.
QUADRANTS: tuple[tuple[Quadrant, float, float, str, str, str], ...] = (
    (Quadrant.QUICK_WIN, 0.02, 0.98, "left", "top", "impact {cut} or more,\neffort under {cut}"),
    (Quadrant.MAJOR_PROJECT, 0.98, 0.98, "right", "top", "impact and effort\n{cut} or more"),
    (Quadrant.FILL_IN, 0.02, 0.02, "left", "bottom", "impact and effort\nunder {cut}"),
    (Quadrant.THANKLESS_TASK, 0.98, 0.02, "right", "bottom", "impact under {cut},\neffort {cut} or more"),
)
QUADRANT_ORDER = {quadrant: place for place, (quadrant, *_) in enumerate(QUADRANTS)}
POINTS_COLUMNS = ("Opportunity", "Mean points", "Share", "Spread (SD)")
IMPACT_EFFORT_COLUMNS = ("Opportunity", "Impact (1-5)", "Effort (1-5)", "Rated by", "Quadrant")
POINTS_PER_INCH = 72
PLOT_SHARE = 0.7  # of the figure's height, left for the bars once title, axis and note are drawn
TWO_LINES = 2.6  # font sizes of height that a two-line label needs
ONE_LINE_WIDTH = 42
AXIS_ROOM = 0.75  # beyond the 1-5 scale on each side, so the quadrant words clear the points


def draw_points(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws each opportunity's mean points per manager, most first, with its spread and share."""
    with chart(fig, tr(TITLES["points"])) as sizes:
        result = findings.points
        if result is None:
            say_instead(fig, tr(NO_POINTS), sizes)
            return
        if result.ballots < MIN_GROUP:
            say_instead(fig, tr(TOO_FEW_BALLOTS).format(round=findings.points_round), sizes)
            return
        ax = fig.add_subplot()
        _points_bars(fig, ax, result, findings, sizes)
        note(fig, points_reading_key(result), sizes)


def _points_bars(
    fig: Figure, ax: Axes, result: PointsResult, findings: WorkshopFindings, sizes: dict[str, float]
) -> None:
    styles = opportunity_styles(findings)
    items, left_out = top_items(result.items, fig=fig)
    n = len(items)
    top = max((p.mean or 0.0) + (p.sd or 0.0) for p in items) or 1.0
    for row, p in enumerate(items):
        mean, sd = p.mean or 0.0, p.sd or 0.0
        style = styles[p.item]
        ax.barh(row, mean, height=0.6, color=style.colour, hatch=style.hatch, edgecolor="white", zorder=2)
        ax.errorbar(
            mean,
            row,
            xerr=[[min(sd, mean)], [sd]],
            fmt="none",
            ecolor=MUTED_INK,
            elinewidth=1,
            capsize=3 * sizes["marker"] ** 0.5,
            zorder=3,
        )
        ax.annotate(
            tr("{mean} ({share})").format(mean=rounded(mean), share=f"{p.share or 0.0:.0%}"),
            (mean + sd, row),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=sizes["note"],
            color=MUTED_INK,
        )
    ax.set_yticks(range(n), _row_labels(fig, sizes, [p.item for p in items]))
    if left_out:
        ax.set_title(left_out, loc="left", fontsize=sizes["note"], color=MUTED_INK)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, min(POINTS_BUDGET, top) * 1.22)
    ax.set_xlabel(tr("mean points per manager, of 100 (share of all points)"))
    ax.grid(axis="x", color="#E5E5E5", zorder=0)
    tidy_ticks(ax, sizes, rows=n)


def _row_labels(fig: Figure, sizes: dict[str, float], items: list[str]) -> list[str]:
    """Gives the bar labels on two lines when each row has the height for them, else on one wider line."""
    rows = len(items)
    row_height = float(fig.get_size_inches()[1]) * POINTS_PER_INCH * PLOT_SHARE / max(rows, 1)
    if row_lines(rows) == 2 and row_height >= TWO_LINES * row_font(sizes, rows):
        return [row_label(item, rows) for item in items]
    return [wrap(item, ONE_LINE_WIDTH, 1) for item in items]


def points_reading_key(result: PointsResult) -> str:
    """Gives the line under the points chart: the ballots, what a whisker means, ballots off budget."""
    parts = [
        plural(result.ballots, "%n ballot.", "%n ballots."),
        tr("The line through each bar spans one standard deviation either side of the mean."),
    ]
    off = len(result.off_budget_voters)
    if off:
        parts.append(plural(off, "%n ballot does not add up to 100.", "%n ballots do not add up to 100."))
    return " ".join(parts)


def draw_impact_effort(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws each opportunity by its mean effort and mean impact, in the four quadrants of the 2x2."""
    with chart(fig, tr(TITLES["impact_effort"])) as sizes:
        result = findings.impact_effort
        if result is None:
            say_instead(fig, tr(NO_IMPACT_EFFORT), sizes)
            return
        placed = placed_items(result)
        if not placed:
            say_instead(fig, tr(NOTHING_PLACED), sizes)
            return
        styles = opportunity_styles(findings)
        placed, left_out = top_items(placed, TOP_IN_QUADRANT, fig=fig)  # quick wins first: the ones to see
        ax, key = fig.subplots(1, 2, width_ratios=[3, 2])
        if left_out:
            ax.set_title(left_out, loc="left", fontsize=sizes["note"], color=MUTED_INK)
        points = [(r.effort_mean or 0.0, r.impact_mean or 0.0) for r in placed]
        styled_points(ax, points, [styles[r.item] for r in placed], sizes)
        low, high = IMPACT_EFFORT_SCALE[0] - AXIS_ROOM, IMPACT_EFFORT_SCALE[1] + AXIS_ROOM
        number_points(ax, points, sizes["note"], ((low, high), (low, high)))
        _quadrants(ax, result.cut, sizes)
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_xticks(range(1, 6))
        ax.set_yticks(range(1, 6))
        ax.set_xlabel(tr("mean effort (1 = little, 5 = a lot)"))
        ax.set_ylabel(tr("mean impact (1 = little, 5 = a lot)"))
        tidy_ticks(ax, sizes)
        numbered_key(key, [(styles[r.item], r.item) for r in placed], sizes)
        note(fig, impact_effort_reading_key(result), sizes)


def _quadrants(ax: Axes, cut: float, sizes: dict[str, float]) -> None:
    ax.axvline(cut, color=NEUTRAL, linewidth=1, zorder=1)
    ax.axhline(cut, color=NEUTRAL, linewidth=1, zorder=1)
    for quadrant, x, y, ha, va, rule in QUADRANTS:
        words = word(quadrant.value)
        quadrant_name(ax, words, x, y, ha, va, sizes)
        # The cut sits on the inner side of the quadrant's name, in smaller type.
        ax.annotate(
            tr(rule).format(cut=rounded(cut)),
            (x, y),
            xycoords="axes fraction",
            xytext=(0, -1.5 * sizes["label"] if va == "top" else 1.5 * sizes["label"]),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=sizes["note"] * 0.9,
            color=MUTED_INK,
            zorder=0,
        )


def placed_items(result: ImpactEffortResult) -> list[ItemImpactEffort]:
    """Gives the items with both means shown, quick wins first, then by mean impact, highest first."""
    placed = [r for r in result.items if r.quadrant is not None]
    return sorted(
        placed,
        key=lambda r: (QUADRANT_ORDER[r.quadrant] if r.quadrant else 0, -(r.impact_mean or 0.0), r.item),
    )


def unplaced_items(result: ImpactEffortResult) -> list[str]:
    """Gives the items not placed because too few people rated their impact or effort."""
    return [r.item for r in result.items if r.quadrant is None]


def impact_effort_reading_key(result: ImpactEffortResult) -> str:
    """Gives the line under the 2x2: the ballots, where the cut lies, and what is left out unplaced."""
    parts = [
        plural(result.ballots, "%n ballot.", "%n ballots."),
        tr(
            "Each axis is cut at {cut}, the middle of the 1-5 scale; a mean on the cut counts as high."
        ).format(cut=rounded(result.cut)),
    ]
    unplaced = unplaced_items(result)
    if unplaced:
        shown = ", ".join(unplaced[:MAX_NAMED_UNPLACED])
        more = len(unplaced) - MAX_NAMED_UNPLACED
        if more > 0:
            shown = tr("{items} and {more} more").format(items=shown, more=more)
        parts.append(tr("Not placed, too few ratings (under 3 people): {items}.").format(items=shown))
    return " ".join(parts)


def points_rows(result: PointsResult) -> tuple[tuple[str, ...], ...]:
    """Gives one row per item for the points table: name, mean points, share and spread."""
    if result.ballots < MIN_GROUP:
        return tuple((p.item, tr(TOO_FEW), "-", "-") for p in result.items)
    return tuple((p.item, _number(p.mean), f"{p.share or 0.0:.0%}", _number(p.sd)) for p in result.items)


def impact_effort_rows(result: ImpactEffortResult) -> tuple[tuple[str, ...], ...]:
    """Gives one row per item for the 2x2's table, in the chart's key order, unplaced items last."""
    placed = placed_items(result)
    rows = placed + [r for r in result.items if r.quadrant is None]
    return tuple(
        (
            r.item,
            _mean_and_sd(r.impact_mean, r.impact_sd),
            _mean_and_sd(r.effort_mean, r.effort_sd),
            _people(r.impact_n, r.effort_n),
            word(r.quadrant.value) if r.quadrant is not None else tr(TOO_FEW),
        )
        for r in rows
    )


def _number(value: float | None) -> str:
    return "-" if value is None else rounded(value)


def _mean_and_sd(mean: float | None, sd: float | None) -> str:
    if mean is None:
        return tr(TOO_FEW)
    if sd is None:
        return rounded(mean)
    return tr("{mean} (SD {sd})").format(mean=rounded(mean), sd=rounded(sd))


def _people(impact_n: int, effort_n: int) -> str:
    """Gives how many people rated the item: one count, or impact's and effort's when they differ."""
    if impact_n == effort_n:
        return plural(impact_n, "%n person", "%n people")
    return tr("{impact} (impact), {effort} (effort)").format(impact=impact_n, effort=effort_n)
