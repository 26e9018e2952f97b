"""Charts of the strategy: which opportunities to start where, and the pilots' plan with checkpoints."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from workshop.analysis.consensus import places
from workshop.rounding import rounded
from workshop.wording import month, plural, tr

from .style import (
    ALERT,
    INK,
    MUTED_INK,
    NEUTRAL,
    PALETTE,
    TOP_IN_QUADRANT,
    chart,
    note,
    number_points,
    numbered_key,
    opportunity_styles,
    quadrant_name,
    row_label,
    say_instead,
    styled_points,
    tidy_ticks,
    top_items,
)
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.analysis.strategy import OpportunityPlacement
    from workshop.findings import WorkshopFindings

PRIORITY_SPLIT = 0.5  # as in workshop.analysis.strategy
QUADRANTS = (  # name, x, y, horizontal alignment, vertical alignment (axes corners)
    ("quick wins", 0.98, 0.98, "right", "top"),
    ("prepare first", 0.02, 0.98, "left", "top"),
    ("reconsider", 0.02, 0.02, "left", "bottom"),
    ("long shots", 0.98, 0.02, "right", "bottom"),
)
# Checkpoint decisions: colour and marker, so they read apart without colour too.
DECISIONS: dict[str, tuple[str, str]] = {
    "pending": ("white", "o"),
    "continue": (PALETTE[3], "o"),
    "adjust and continue": ("#EE7733", "s"),
    "stop": (ALERT, "X"),
}
NO_PLACEMENTS = (
    "Placing opportunities needs a revealed ranking round and readiness results for the teams that own them."
)
NO_PILOTS = "No pilots with start and end dates planned yet."


def draw_priority_readiness(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws each opportunity by its owning team's readiness and its consensus priority, in four quadrants."""
    with chart(fig, tr(TITLES["priority_readiness"])) as sizes:
        placed = [p for p in findings.placements if p.readiness is not None]
        if not placed:
            say_instead(fig, tr(NO_PLACEMENTS), sizes)
            return
        styles = opportunity_styles(findings)
        every = placed
        # Fewer in the 2x2 than in a list: the points crowd where teams share a readiness.
        placed, left_out = top_items(sorted(every, key=lambda p: -p.priority), TOP_IN_QUADRANT, fig=fig)
        ax, key = fig.subplots(1, 2, width_ratios=[3, 2])
        if left_out:
            ax.set_title(left_out, loc="left", fontsize=sizes["note"], color=MUTED_INK)
        points = [(p.readiness or 0.0, p.priority) for p in placed]
        styled_points(ax, points, [styles[p.title] for p in placed], sizes)
        # Points carry their place in the consensus (1, 2, 2, 4), the numbering of every table and chart.
        where = places(findings.ranking.consensus.borda) if findings.ranking is not None else {}
        labels = [str(where.get(p.title, "–")) for p in placed]
        number_points(ax, points, sizes["note"], ((1.0, 5.0), (-0.05, 1.05)), labels=labels)
        _ring_flagged(ax, placed, sizes)
        cut = placed[0].readiness_cut
        if cut is not None:
            ax.axvline(cut, color=NEUTRAL, linewidth=1, zorder=1)
        ax.axhline(PRIORITY_SPLIT, color=NEUTRAL, linewidth=1, zorder=1)
        for name, x, y, ha, va in QUADRANTS:
            quadrant_name(ax, tr(name), x, y, ha, va, sizes)
        ax.set_xlim(1, 5)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel(tr("owning team's readiness (1-5)"))
        ax.set_ylabel(tr("priority (1 = top of the consensus)"))
        tidy_ticks(ax, sizes)
        numbered_key(key, [(styles[p.title], p.title) for p in placed], sizes, labels=labels)
        note(fig, _reading_key(findings, every), sizes)


def _ring_flagged(ax: Axes, placed: list[OpportunityPlacement], sizes: dict[str, float]) -> None:
    """Rings the items whose team has an open high or critical caution flag: not ready, whatever it says."""
    flagged = [p for p in placed if p.flagged]
    if flagged:
        ax.scatter(
            [p.readiness or 0.0 for p in flagged],
            [p.priority for p in flagged],
            s=260 * sizes["marker"],
            facecolors="none",
            edgecolors=ALERT,
            linewidths=1.5,
            zorder=2,
        )


def _reading_key(findings: WorkshopFindings, placed: list[OpportunityPlacement]) -> str:
    """Gives the line under the quadrant: where the readiness cut lies, what a ring means, who is missing."""
    parts = []
    cut = placed[0].readiness_cut
    if cut is not None:
        parts.append(tr("Readiness cut: {cut}, the median team.").format(cut=rounded(cut)))
    if any(p.flagged for p in placed):
        parts.append(
            tr("Ringed: the team has an open high or critical caution flag, so it counts as not ready.")
        )
    unplaced = len(findings.placements) - len(placed)
    if unplaced:
        parts.append(
            plural(
                unplaced,
                "%n more without readiness results for its team (no team, or withheld).",
                "%n more without readiness results for their team (no team, or withheld).",
            )
        )
    return " ".join(parts)


def draw_pilot_timeline(fig: Figure, findings: WorkshopFindings, *, today: dt.date | None = None) -> None:
    """Draws each pilot from start to end with its checkpoints coloured by decision; `today` as a line."""
    with chart(fig, tr(TITLES["pilot_timeline"])) as sizes:
        pilots = [p for w in findings.record.workflows for p in w.pilots if p.starts_on and p.ends_on]
        if not pilots:
            say_instead(fig, tr(NO_PILOTS), sizes)
            return
        pilots.sort(key=lambda p: (p.starts_on, p.opportunity))
        styles = opportunity_styles(findings)
        ax = fig.add_subplot()
        for row, pilot in enumerate(pilots):
            style = styles[pilot.opportunity]
            start, end = mdates.date2num(pilot.starts_on), mdates.date2num(pilot.ends_on)
            ax.barh(
                row,
                max(end - start, 1),
                left=start,
                height=0.5,
                color=style.colour,
                alpha=0.45,
                hatch=style.hatch,
                edgecolor=style.colour,
                zorder=1,
            )
            ax.annotate(
                tr(pilot.status),
                (end, row),
                xytext=(10, 0),
                textcoords="offset points",
                va="center",
                fontsize=sizes["note"],
                color=MUTED_INK,
            )
            for checkpoint in pilot.checkpoints:
                if checkpoint.due_on is None:
                    continue
                colour, marker = DECISIONS.get(checkpoint.decision, ("white", "o"))
                ax.scatter(
                    mdates.date2num(checkpoint.due_on),
                    row,
                    s=70 * sizes["marker"],
                    color=colour,
                    marker=marker,
                    edgecolors=INK,
                    linewidths=1,
                    zorder=3,
                )
        if today is not None:
            ax.axvline(mdates.date2num(today), color=ALERT, linestyle="--", linewidth=1.5, zorder=2)
            ax.text(
                mdates.date2num(today),
                1.0,
                " " + tr("today"),
                transform=ax.get_xaxis_transform(),
                color=ALERT,
                fontsize=sizes["note"],
                va="bottom",
            )
        ax.set_yticks(range(len(pilots)), [row_label(p.opportunity, len(pilots)) for p in pilots])
        ax.set_ylim(len(pilots) - 0.5, -0.7)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=7))
        ax.xaxis.set_major_formatter(FuncFormatter(_axis_day))
        ax.margins(x=0.08)
        ax.grid(axis="x", color="#E5E5E5", zorder=0)
        ax.tick_params(axis="y", length=0)
        tidy_ticks(ax, sizes, rows=len(pilots))
        fig.legend(
            handles=[
                Line2D(
                    [],
                    [],
                    marker=m,
                    color=c,
                    markeredgecolor=INK,
                    linestyle="none",
                    markersize=8 * sizes["marker"] ** 0.5,
                    label=tr(d),
                )
                for d, (c, m) in DECISIONS.items()
            ],
            title=tr("checkpoint decision"),
            title_fontsize=sizes["note"],
            loc="outside lower center",
            ncols=4,
            frameon=False,
        )


def _axis_day(value: float, position: int | None = None) -> str:
    """Gives a date tick's label: day and short month, the year below, the month in the user's language."""
    day = mdates.num2date(value)
    return f"{day.day:02d} {month(day.month, short=True)}\n{day.year}"
