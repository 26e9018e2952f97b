"""Chart of readiness over time: per team, one line per dimension across the survey rounds, each round's
mean with its 95% interval, so a move is read against the noise of a team that size."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from workshop.analysis.readiness import GroupScore
from workshop.analysis.readiness_change import ReadinessChange, ReadinessTrend, mean_interval
from workshop.rounding import rounded
from workshop.wording import plural, tr

from .readiness import NO_ANSWERS
from .style import INK, PALETTE, chart, say_instead, tidy_ticks, wrap
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

ONE_ROUND = "One survey round so far: a second survey round shows how readiness changes."
PANELS_PER_ROW = 3
SPREAD = 0.06  # how far apart the dimensions' points stand at one round, so their bars do not hide each other


def draw_readiness_trend(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws per team each dimension's mean across the rounds with its 95% interval; small groups left out."""
    with chart(fig, tr(TITLES["readiness_trend"])) as sizes:
        trend = findings.trend
        if trend is None or not trend.scores:
            say_instead(fig, tr(NO_ANSWERS), sizes)
            return
        rounds = _answered_rounds(trend)
        if len(rounds) < 2:
            say_instead(fig, tr(ONE_ROUND), sizes)
            return
        shown = [s for s in trend.scores if s.mean is not None]
        teams = sorted({s.team for s in shown})
        hidden = sorted({s.team for s in trend.scores} - set(teams))
        dimensions = sorted({s.dimension for s in trend.scores})
        columns = min(len(teams), PANELS_PER_ROW) or 1
        axes = fig.subplots(
            max(math.ceil(len(teams) / columns), 1), columns, sharex=True, sharey=True, squeeze=False
        )
        for k, ax in enumerate(axes.flat):
            if k >= len(teams):
                ax.set_axis_off()
            elif k + columns >= len(teams):  # nothing below it: it carries the rounds' names itself
                ax.xaxis.set_tick_params(labelbottom=True)
        clear = {(c.team, c.dimension, c.later_round) for c in findings.changes if c.clear}
        for ax, team in zip(axes.flat, teams, strict=False):
            panel = Panel(team, [s for s in shown if s.team == team], rounds, dimensions, clear)
            _team_panel(ax, panel, sizes)
        fig.legend(
            handles=_legend_lines(dimensions),
            loc="outside lower center",
            ncols=min(len(dimensions) + 2, 4),
            frameon=False,
            title=wrap(_reading_key(hidden), 110, 3),
            title_fontsize=sizes["note"],
        )


@dataclass(frozen=True)
class Panel:
    """One team's panel: its shown scores, the rounds and dimensions of the chart, and the clear changes
    (team, dimension, later round) of the whole room."""

    team: str
    scores: list[GroupScore]
    rounds: list[str]
    dimensions: list[str]
    clear: set[tuple[str, str, str]]


def alt_readiness_trend(findings: WorkshopFindings) -> str:
    """Gives the chart in a sentence: how many teams over how many rounds, and how many changes are clear."""
    trend = findings.trend
    if trend is None or not trend.scores:
        return tr(NO_ANSWERS)
    rounds = _answered_rounds(trend)
    if len(rounds) < 2:
        return tr(ONE_ROUND)
    judged = [c for c in findings.changes if not c.withheld]
    clear = sum(c.clear for c in judged)
    teams = len({s.team for s in trend.scores if s.mean is not None})
    shown = plural(teams, "%n team shown", "%n teams shown")
    over = tr("Each team's mean per dimension in {rounds} survey rounds ({shown}); ").format(
        rounds=len(rounds), shown=shown
    )
    return over + plural(
        clear,
        "%n of {judged} changes stands out from the noise.",
        "%n of {judged} changes stand out from the noise.",
    ).format(judged=len(judged))


def _team_panel(ax: Axes, panel: Panel, sizes: dict[str, float]) -> None:
    """Draws one team's dimensions: a point per round with its interval bar; a clear change as a solid
    line, a change within the noise as a dotted one."""
    ax.set_title(wrap(panel.team, 30), fontsize=sizes["tick"])
    middle = (len(panel.dimensions) - 1) / 2
    for k, dimension in enumerate(panel.dimensions):
        points = [
            s for r in panel.rounds for s in panel.scores if s.survey_round == r and s.dimension == dimension
        ]
        xs = [panel.rounds.index(s.survey_round) + (k - middle) * SPREAD for s in points]
        means = [s.mean or 0.0 for s in points]
        intervals = [mean_interval(s) or (s.mean or 0.0, s.mean or 0.0) for s in points]
        colour = _colour(dimension, panel.dimensions)
        ax.errorbar(
            xs,
            means,
            yerr=[
                [m - low for m, (low, _) in zip(means, intervals, strict=True)],
                [high - m for m, (_, high) in zip(means, intervals, strict=True)],
            ],
            color=colour,
            linestyle="none",
            marker="o",
            markersize=4 * sizes["marker"],
            capsize=2,
            elinewidth=1,
        )
        for (x0, x1), (m0, m1), later in zip(
            itertools.pairwise(xs), itertools.pairwise(means), points[1:], strict=True
        ):
            clear = (panel.team, dimension, later.survey_round) in panel.clear
            ax.plot(
                [x0, x1],
                [m0, m1],
                color=colour,
                linewidth=2.6 if clear else 1.2,
                linestyle="-" if clear else ":",
            )
    ax.set_xticks(range(len(panel.rounds)), [wrap(r, 14) for r in panel.rounds])
    ax.set_xlim(-0.4, len(panel.rounds) - 0.6)
    ax.set_ylim(0.8, 5.2)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.grid(axis="y", color="#E5E5E5", zorder=0)
    tidy_ticks(ax, sizes)


def _legend_lines(dimensions: list[str]) -> list[Line2D]:
    """Gives the key: a colour per dimension, then what a solid and a dotted line mean."""
    return [
        *(Line2D([], [], color=_colour(d, dimensions), marker="o", label=d.capitalize()) for d in dimensions),
        Line2D([], [], color=INK, linewidth=2.6, label=tr("clear change")),
        Line2D([], [], color=INK, linewidth=1.2, linestyle=":", label=tr("no change (within noise)")),
    ]


def _answered_rounds(trend: ReadinessTrend) -> list[str]:
    """Gives the rounds, in the order held, that hold any answer."""
    return [r for r in trend.rounds if any(s.survey_round == r for s in trend.scores)]


def _colour(dimension: str, dimensions: list[str]) -> str:
    return PALETTE[dimensions.index(dimension) % len(PALETTE)]


def _reading_key(hidden: list[str]) -> str:
    """Gives the reading key under the panels and, when some teams are left out, which and why."""
    key = tr("Mean answer 1-5 with its 95% interval; a team's round with fewer than 3 answers is left out.")
    if not hidden:
        return key
    return (
        key
        + " "
        + plural(
            len(hidden),
            "Not shown, fewer than 3 answers in every round: %n team, {teams}.",
            "Not shown, fewer than 3 answers in every round: %n teams, {teams}.",
        ).format(teams=", ".join(hidden))
    )


CHANGE_COLUMNS = ("Team", "Dimension", "From", "To", "Change", "95% interval", "Verdict")
WITHHELD_CHANGE = "withheld (fewer than 3 answers)"


def change_cells(change: ReadinessChange) -> list[str]:
    """Gives one change as the screen's and the PDF's table read it, verdict in the user's language."""
    if change.withheld:
        shown = [tr(WITHHELD_CHANGE), "–", "–"]
    else:
        low, high = rounded(change.ci_low, signed=True), rounded(change.ci_high, signed=True)
        shown = [rounded(change.change, signed=True), tr("{low} to {high}").format(low=low, high=high)]
        shown.append(tr(change.verdict))
    return [change.team, change.dimension, change.earlier_round, change.later_round, *shown]


def changes_to_show(findings: WorkshopFindings) -> list[ReadinessChange]:
    """Gives the changes, the clear ones first, otherwise in the order of team, dimension and round."""
    return sorted(findings.changes, key=lambda c: not c.clear)


def changes_in_words(findings: WorkshopFindings) -> str:
    """Gives the sentence over the table: how many changes stand out, and how they were judged."""
    judged = [c for c in findings.changes if not c.withheld]
    clear = sum(c.clear for c in judged)
    if not judged:
        return tr("Every change is withheld: each team had fewer than 3 answers in one of the rounds.")
    if not clear:
        said = plural(
            len(judged),
            "No change: the %n change between survey rounds is within the noise of a team that size.",
            "No change: all %n changes between survey rounds are within the noise of teams that size.",
        )
    else:
        said = plural(
            clear,
            "%n of {judged} changes stands out from the noise; the others are no change.",
            "%n of {judged} changes stand out from the noise; the others are no change.",
        ).format(judged=len(judged))
    return (
        said
        + " "
        + tr(
            "All changes are judged together, so that chance alone would rarely call one clear; the "
            "intervals are widened to match, and a change is clear exactly when its interval leaves out 0."
        )
    )
