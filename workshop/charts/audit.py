"""Charts of the audit and of resistance: the best AI candidates among the tasks, and the caution flags."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workshop.wording import plural, tr

from .style import (
    INK,
    chart,
    note,
    number_points,
    numbered_key,
    say_instead,
    tidy_ticks,
    wrap,
)
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

# Severity from mild to grave: a light-to-dark ramp from Paul Tol's YlOrBr, readable without colour too.
SEVERITIES: dict[str, tuple[str, str]] = {
    "low": ("#FEE391", ""),
    "medium": ("#FB9A29", ".."),
    "high": ("#CC4C02", "//"),
    "critical": ("#662506", "xx"),
}
TOP_CANDIDATES = 5
NO_FLAGS = "No caution flags raised yet."
NO_TASKS = "No audited tasks with hours per week and AI potential yet."


def draw_caution_flags(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws how many caution flags each category has, stacked from low to critical severity."""
    with chart(fig, tr(TITLES["caution_flags"])) as sizes:
        flags = findings.record.flags
        if not flags:
            say_instead(fig, tr(NO_FLAGS), sizes)
            return
        counts = Counter((_text(f.category), _text(f.severity)) for f in flags)
        totals = Counter(_text(f.category) for f in flags)
        categories = sorted(totals, key=lambda c: (-totals[c], c))
        severities = list(SEVERITIES) + sorted({s for _, s in counts} - set(SEVERITIES))
        ax = fig.add_subplot()
        left = np.zeros(len(categories))
        for severity in severities:
            widths = np.array([counts[(c, severity)] for c in categories], dtype=float)
            if not widths.any():
                continue
            colour, hatch = SEVERITIES.get(severity, ("#BBBBBB", ""))
            ax.barh(
                range(len(categories)),
                widths,
                left=left,
                color=colour,
                hatch=hatch,
                edgecolor="white",
                label=tr(severity),
                height=0.6,
            )
            left += widths
        for row, total in enumerate(left):
            ax.text(total + 0.05, row, f" {int(total)}", va="center", fontsize=sizes["note"], color=INK)
        ax.set_yticks(range(len(categories)), [wrap(tr(c).capitalize()) for c in categories])
        ax.set_ylim(len(categories) - 0.5, -0.5)
        ax.set_xlim(0, max(left) * 1.12 + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(tr("number of flags"))
        ax.tick_params(axis="y", length=0)
        tidy_ticks(ax, sizes, rows=len(categories))
        fig.legend(
            title=tr("severity"),
            loc="outside right upper",
            frameon=False,
            title_fontsize=sizes["note"],
        )


def draw_audit_candidates(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws each audited task by hours per week and AI potential, coloured by its candidate score."""
    with chart(fig, tr(TITLES["audit_candidates"])) as sizes:
        scores = {(c.title, c.team): c.score for c in findings.candidates}
        tasks = [
            t
            for t in findings.record.tasks
            if t.hours_per_week is not None and t.ai_potential is not None and (t.title, t.team) in scores
        ]
        if not tasks:
            say_instead(fig, tr(NO_TASKS), sizes)
            return
        tasks.sort(key=lambda t: (-scores[(t.title, t.team)], t.title))
        hours = np.array([t.hours_per_week for t in tasks], dtype=float)
        potential = _spread_ties(hours, np.array([t.ai_potential for t in tasks], dtype=float))
        score = np.array([scores[(t.title, t.team)] for t in tasks])
        ax, key = fig.subplots(1, 2, width_ratios=[3, 2])
        points = ax.scatter(
            hours,
            potential,
            c=score,
            cmap="cividis",
            vmin=0,
            vmax=100,
            s=(30 + 1.6 * score) * sizes["marker"],
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
        )
        top = min(TOP_CANDIDATES, len(tasks))
        right = max(float(hours.max()), 1.0) * 1.1
        number_points(
            ax,
            list(zip(hours[:top], potential[:top], strict=True)),
            sizes["note"],
            ((0.0, right), (0.5, 5.5)),
            list(zip(hours[top:], potential[top:], strict=True)),
        )
        ax.set_ylim(0.5, 5.5)
        ax.set_yticks([1, 2, 3, 4, 5])
        ax.set_xlim(0, right)
        ax.set_xlabel(tr("hours per week"))
        ax.set_ylabel(tr("AI potential (1-5)"))
        ax.grid(color="#EEEEEE", zorder=0)
        tidy_ticks(ax, sizes)
        bar = fig.colorbar(points, ax=ax, location="bottom", shrink=0.6, aspect=30)
        bar.set_label(tr("candidate score (0-100)"), fontsize=sizes["note"])
        bar.ax.tick_params(labelsize=sizes["note"])
        numbered_key(
            key, [(None, f"{t.title} ({t.team})" if t.team else t.title) for t in tasks[:top]], sizes
        )
        key.set_title(tr("Top {top} candidates").format(top=top), fontsize=sizes["tick"], loc="left")
        left_out = len(findings.record.tasks) - len(tasks)
        if left_out:
            note(
                fig,
                plural(
                    left_out,
                    "%n task without hours or AI potential is not shown.",
                    "%n tasks without hours or AI potential are not shown.",
                ),
                sizes,
            )


def _text(value: object) -> str:
    return str(getattr(value, "value", value))


def _spread_ties(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gives y with points at the same spot fanned out a little, so none hides another."""
    spread = y.copy()
    seen: Counter[tuple[float, float]] = Counter()
    for k, spot in enumerate(zip(x.tolist(), y.tolist(), strict=True)):
        nth = seen[spot]
        seen[spot] += 1
        spread[k] += (-1) ** nth * 0.14 * ((nth + 1) // 2)
    return spread
