"""Charts of the readiness survey: each team's own view, and how managers' estimates differ from it."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from workshop.rounding import rounded
from workshop.wording import plural, tr

from .style import ALERT, INK, MUTED_INK, NEUTRAL, PALETTE, chart, note, say_instead, tidy_ticks, wrap
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

NO_ANSWERS = "No readiness answers yet."
WITHHELD = "withheld (fewer than 3 answers)"
ALL_GAPS_WITHHELD = (
    "Every team's gap is withheld: each has fewer than 3 managers' estimates or own answers, and a gap "
    "beside the team's mean would give away a person's answer."
)
OWN_COLOUR = PALETTE[2]  # teal: the team's own view
ESTIMATE_COLOUR = PALETTE[7]  # wine: the managers' estimate
PANELS_PER_ROW = 5


def draw_readiness(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws each team's mean answer per dimension in the latest survey round; small groups hatched."""
    with chart(fig, tr(TITLES["readiness"])) as sizes:
        scores = findings.readiness
        if findings.survey_round is None or not scores:
            say_instead(fig, tr(NO_ANSWERS), sizes)
            return
        teams = sorted({s.team for s in scores})
        dimensions = sorted({s.dimension for s in scores})
        grid = np.full((len(teams), len(dimensions)), np.nan)
        ax = fig.add_subplot()
        for score in scores:
            row, col = teams.index(score.team), dimensions.index(score.dimension)
            if score.withheld or score.mean is None:
                ax.add_patch(
                    Rectangle(
                        (col - 0.5, row - 0.5),
                        1,
                        1,
                        facecolor="white",
                        edgecolor=NEUTRAL,
                        hatch="///",
                        linewidth=0,
                    )
                )
                continue
            grid[row, col] = score.mean
            ax.text(
                col,
                row,
                rounded(score.mean),
                ha="center",
                va="center",
                fontsize=sizes["label"],
                color="white" if score.mean < 3.2 else INK,
                fontweight="bold",
            )
        image = ax.imshow(np.ma.masked_invalid(grid), cmap="cividis", vmin=1, vmax=5, aspect="auto")
        ax.set_yticks(range(len(teams)), [wrap(t, 22) for t in teams])
        ax.set_xticks(range(len(dimensions)), [wrap(d.capitalize(), 14) for d in dimensions])
        ax.tick_params(length=0)
        ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
        tidy_ticks(ax, sizes, rows=len(teams))
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(image, ax=ax, location="right", shrink=0.85)
        bar.set_ticks([1, 3, 5], labels=[tr("1 not ready"), "3", tr("5 fully ready")])
        bar.ax.tick_params(labelsize=sizes["note"])
        if any(s.withheld for s in scores):
            ax.legend(
                handles=[Patch(facecolor="white", edgecolor=NEUTRAL, hatch="///", label=tr(WITHHELD))],
                loc="upper center",
                bbox_to_anchor=(0.5, -0.02),
                frameon=False,
                fontsize=sizes["note"],
            )
        about_itself = tr("Mean answer of each team about itself, 1-5, survey round '{round}'.")
        note(fig, about_itself.format(round=findings.survey_round), sizes)


def draw_perception_gap(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws per team and dimension the team's own mean and the managers' estimate, joined by a line."""
    with chart(fig, tr(TITLES["perception_gap"])) as sizes:
        own = {(s.team, s.dimension): s.mean for s in findings.readiness if s.mean is not None}
        gaps = [g for g in findings.gaps if g.survey_round == findings.survey_round]
        if findings.survey_round is None or not gaps:
            say_instead(
                fig,
                tr(NO_ANSWERS)
                if findings.survey_round is None
                else tr("No managers' estimates of their teams in the latest survey round."),
                sizes,
            )
            return
        teams = sorted({g.team for g in gaps if not g.withheld})
        hidden = sorted({g.team for g in gaps} - set(teams))
        if not teams:
            say_instead(fig, tr(ALL_GAPS_WITHHELD), sizes)
            return
        dimensions = sorted({g.dimension for g in gaps})
        columns = min(len(teams), PANELS_PER_ROW)
        axes = fig.subplots(math.ceil(len(teams) / columns), columns, sharex=True, sharey=True, squeeze=False)
        for ax in axes.flat[len(teams) :]:
            ax.set_axis_off()
        for ax, team in zip(axes.flat, teams, strict=False):
            ax.set_title(wrap(team, 16), fontsize=sizes["tick"])
            for gap in (g for g in gaps if g.team == team):
                row = dimensions.index(gap.dimension)
                mean = own.get((team, gap.dimension))
                if gap.withheld or gap.gap is None or mean is None:
                    ax.text(
                        3,
                        row,
                        tr("withheld"),
                        ha="center",
                        va="center",
                        fontsize=sizes["note"],
                        color=MUTED_INK,
                        style="italic",
                    )
                    continue
                estimate = mean + gap.gap
                line = ALERT if gap.clear else NEUTRAL
                ax.plot([mean, estimate], [row, row], color=line, linewidth=3 if gap.clear else 2, zorder=1)
                ax.scatter(mean, row, s=45 * sizes["marker"], color=OWN_COLOUR, marker="o", zorder=2)
                ax.scatter(
                    estimate,
                    row,
                    s=50 * sizes["marker"],
                    facecolors="none",
                    edgecolors=ESTIMATE_COLOUR,
                    linewidths=2,
                    marker="D",
                    zorder=3,
                )
            ax.set_xlim(0.7, 5.3)
            ax.set_xticks([1, 3, 5])
            ax.grid(axis="x", color="#E5E5E5", zorder=0)
            tidy_ticks(ax, sizes)
            ax.tick_params(axis="y", length=0)
        axes[0, 0].set_yticks(range(len(dimensions)), [wrap(d.capitalize(), 14) for d in dimensions])
        axes[0, 0].set_ylim(len(dimensions) - 0.5, -0.5)
        fig.legend(
            handles=[
                Line2D([], [], color=OWN_COLOUR, marker="o", linestyle="none", label=tr("team's own view")),
                Line2D(
                    [],
                    [],
                    color=ESTIMATE_COLOUR,
                    marker="D",
                    markerfacecolor="none",
                    markeredgewidth=2,
                    linestyle="none",
                    label=tr("managers' estimate"),
                ),
                Line2D([], [], color=ALERT, linewidth=3, label=tr("clear gap")),
            ],
            loc="outside lower center",
            ncols=3,
            frameon=False,
            title=_legend_title(hidden),
            title_fontsize=sizes["note"],
        )


def _legend_title(hidden: list[str]) -> str:
    """Gives the reading key under the panels and, when some teams are left out, which and why."""
    key = tr("Scale 1-5. A clear gap is at least 1 point and holds in the 95% interval.")
    return key if not hidden else key + "\n" + wrap(_withheld_teams(hidden), 110, 3)


def _withheld_teams(teams: list[str]) -> str:
    """Gives the line naming the teams left out: too few answers on a side to show a gap without a person."""
    return plural(
        len(teams),
        "Not shown, fewer than 3 answers on a side (managers or team): %n team, {teams}.",
        "Not shown, fewer than 3 answers on a side (managers or team): %n teams, {teams}.",
    ).format(teams=", ".join(teams))
