"""The capacity ledger as a chart and as table rows: per team the hours pilots free against the hours given
to learning, with the manual work the audit found beside them. The Space & Time page and the PDF read the
same rows and the same chart, so they say the same thing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workshop.analysis.capacity import CapacityLine
from workshop.rounding import rounded
from workshop.wording import plural, tr

from .style import INK, MUTED_INK, PALETTE, chart, note, say_instead, tidy_ticks, wrap
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

NO_LEDGER = "No audited work, pilot or learning time recorded yet."
NO_TEAM = "no team named"
FREED_COLOUR = PALETTE[2]  # teal: time the pilots give back
LEARNING_COLOUR = PALETTE[0]  # indigo: time given to learning
BAR = 0.38


def team_name(line: CapacityLine) -> str:
    """Gives the team as the ledger names it; work, pilots and plans naming no team share one line."""
    return line.team if line.team is not None else tr(NO_TEAM)


def ledger_row(line: CapacityLine) -> list[str]:
    """Gives one ledger row as the table shows it: rounded hours, "–" where no pilot is estimated."""
    return [
        team_name(line),
        rounded(line.manual_hours),
        rounded(line.redundant_hours),
        rounded(line.freed_hours),
        rounded(line.learning_hours),
        rounded(line.balance, signed=True),
        verdict_words(line),
    ]


def verdict_words(line: CapacityLine) -> str:
    """Gives the verdict and, when some hours are unknown, how many tasks and pilots lack them."""
    said = []
    if line.unknown_tasks:
        said.append(plural(line.unknown_tasks, "%n task without hours", "%n tasks without hours"))
    if line.unknown_pilots:
        said.append(plural(line.unknown_pilots, "%n pilot not estimated", "%n pilots not estimated"))
    verdict = tr(line.verdict)
    return tr("{verdict} ({unknown})").format(verdict=verdict, unknown=", ".join(said)) if said else verdict


def draw_capacity(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws per team the hours a week pilots free beside the hours given to learning, the team's manual
    work written on the right as context."""
    with chart(fig, tr(TITLES["capacity"])) as sizes:
        lines = findings.capacity
        if not lines:
            say_instead(fig, tr(NO_LEDGER), sizes)
            return
        ax = fig.add_subplot()
        rows = np.arange(len(lines))
        freed = np.array([line.freed_hours or 0.0 for line in lines])
        learning = np.array([line.learning_hours for line in lines])
        ax.barh(rows - BAR / 2, freed, height=BAR, color=FREED_COLOUR, label=tr("freed by pilots"))
        ax.barh(rows + BAR / 2, learning, height=BAR, color=LEARNING_COLOUR, label=tr("given to learning"))
        right = max(float(freed.max()), float(learning.max()), 1.0) * 1.25
        for row, line in enumerate(lines):
            _label_bars(ax, row, line, sizes["note"])
        ax.set_yticks(rows, [wrap(team_name(line), 22) for line in lines])
        ax.set_ylim(len(lines) - 0.5, -0.5)
        ax.set_xlim(0, right)
        ax.set_xlabel(tr("hours a week"))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#EEEEEE", zorder=0)
        ax.set_axisbelow(True)
        tidy_ticks(ax, sizes, rows=len(lines))
        manual = ax.secondary_yaxis("right")
        manual.set_yticks(
            rows, [tr("{hours} h manual").format(hours=rounded(line.manual_hours)) for line in lines]
        )
        manual.tick_params(length=0, labelsize=sizes["note"], colors=MUTED_INK)
        manual.spines["right"].set_visible(False)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncols=2, frameon=False, fontsize=sizes["note"])
        note(
            fig,
            tr(
                "Bars: hours a week the team's pilots expect to free, and hours a week its plans give to "
                "learning. On the right: the manual work the audit found in the team, for scale."
            ),
            sizes,
        )


def _label_bars(ax: Axes, row: int, line: CapacityLine, size: float) -> None:
    """Writes each bar's hours beside it, "none estimated" for a team without a pilot estimate."""
    freed = f" {rounded(line.freed_hours)}" if line.freed_hours is not None else " " + tr("none estimated")
    ax.text(line.freed_hours or 0.0, row - BAR / 2, freed, va="center", fontsize=size, color=INK)
    ax.text(
        line.learning_hours, row + BAR / 2, f" {rounded(line.learning_hours)}", va="center", fontsize=size
    )


def alt_capacity(findings: WorkshopFindings) -> str:
    """Gives in a sentence how many teams' learning time the pilots cover, for screen readers and the PDF."""
    lines = findings.capacity
    if not lines:
        return tr(NO_LEDGER)
    covered = sum(1 for line in lines if line.balance is not None and line.balance >= 0)
    unestimated = sum(1 for line in lines if line.freed_hours is None)
    return tr(
        "Of {teams}, the pilots' freed hours cover the learning time of {covered}; {unestimated}."
    ).format(
        teams=plural(len(lines), "%n team", "%n teams"),
        covered=covered,
        unestimated=plural(unestimated, "%n has no pilot estimate yet", "%n have no pilot estimate yet"),
    )
