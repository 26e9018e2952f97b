"""The ADKAR chart: per team the mean of each element, with the team's barrier marked where it is clear."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from workshop.analysis.adkar import BARRIER_AT_MOST, ELEMENTS, AdkarTeam
from workshop.rounding import rounded
from workshop.wording import plural, tr, word

from .style import ALERT, INK, MUTED_INK, PALETTE, chart, say_instead, tidy_ticks, wrap
from .titles import TITLES

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from workshop.findings import WorkshopFindings

NO_ADKAR = "No ADKAR answers yet: add a survey round of the ADKAR template and enter its answers."
ALL_WITHHELD = "Every team is withheld: each has fewer than 3 people who answered the ADKAR round."
ELEMENT_COLOUR = PALETTE[2]  # teal, as a team's own view on the readiness charts
PANELS_PER_ROW = 3


def draw_adkar(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws per team (withheld teams named below) the mean of each ADKAR element, its barrier in red."""
    with chart(fig, tr(TITLES["adkar"])) as sizes:
        if findings.adkar_round is None:
            say_instead(fig, tr(NO_ADKAR), sizes)
            return
        shown = [t for t in findings.adkar if not t.withheld]
        if not shown:
            say_instead(fig, tr(ALL_WITHHELD), sizes)
            return
        columns = min(len(shown), PANELS_PER_ROW)
        axes = fig.subplots(math.ceil(len(shown) / columns), columns, sharex=True, sharey=True, squeeze=False)
        for ax in axes.flat[len(shown) :]:
            ax.set_axis_off()
        for ax, team in zip(axes.flat, shown, strict=False):
            _team_panel(ax, team, sizes)
        axes[0, 0].set_yticks(range(len(ELEMENTS)), [word(element) for element in ELEMENTS])
        axes[0, 0].set_ylim(len(ELEMENTS) - 0.5, -0.5)
        fig.legend(
            handles=[
                Patch(facecolor=ELEMENT_COLOUR, label=tr("mean score of the element")),
                Patch(facecolor=ALERT, label=tr("the team's barrier")),
            ],
            loc="outside lower center",
            ncols=2,
            frameon=False,
            title=_reading_key(findings),
            title_fontsize=sizes["note"],
        )


def _team_panel(ax: Axes, team: AdkarTeam, sizes: dict[str, float]) -> None:
    """Draws one team's element means as bars from 1, the barrier's bar red and its count in the title."""
    said = (
        tr("barrier: {element}, {count} of {people}").format(
            element=word(team.barrier), count=team.at(team.barrier), people=team.people
        )
        if team.barrier is not None
        else tr("no clear barrier")
    )
    title = "\n".join((wrap(team.team, 26), plural(team.people, "%n person", "%n people"), said))
    ax.set_title(title, fontsize=sizes["tick"])
    for row, (element, mean) in enumerate(team.means):
        if mean is None:
            ax.text(1.1, row, tr("too few answers"), va="center", fontsize=sizes["note"], color=MUTED_INK)
            continue
        barrier = element == team.barrier
        ax.barh(row, mean - 1, left=1, height=0.62, color=ALERT if barrier else ELEMENT_COLOUR, zorder=2)
        inside = mean > 3.6
        ax.text(
            mean - 0.08 if inside else mean + 0.08,
            row,
            rounded(mean),
            ha="right" if inside else "left",
            va="center",
            fontsize=sizes["note"],
            color="white" if inside else INK,
            fontweight="bold" if barrier else "normal",
            zorder=3,
        )
    ax.axvline(BARRIER_AT_MOST, color=MUTED_INK, linestyle="--", linewidth=1, zorder=1)
    ax.set_xlim(1, 5.2)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.tick_params(axis="x", labelbottom=True)
    ax.grid(axis="x", color="#E5E5E5", zorder=0)
    tidy_ticks(ax, sizes)
    ax.tick_params(axis="y", length=0)


def _reading_key(findings: WorkshopFindings) -> str:
    """Gives the key under the panels: the round, the rule, and which teams are withheld and why."""
    key = tr(
        "ADKAR round '{round}', scale 1-5. A person's barrier point is the first element scored 3 or below "
        "(dashed line); a team's barrier is marked only where more people stop there than chance gives."
    ).format(round=findings.adkar_round)
    hidden = [t.team for t in findings.adkar if t.withheld]
    if not hidden:
        return wrap(key, 110, 3)
    withheld = plural(
        len(hidden),
        "Withheld, fewer than 3 people answered: %n team, {teams}.",
        "Withheld, fewer than 3 people answered: %n teams, {teams}.",
    ).format(teams=", ".join(hidden))
    return wrap(key, 110, 3) + "\n" + wrap(withheld, 110, 3)


def alt_adkar(findings: WorkshopFindings) -> str:
    """Gives the chart's alt text in one sentence: which teams have a clear barrier, and where."""
    if findings.adkar_round is None:
        return tr(NO_ADKAR)
    clear = [t for t in findings.adkar if t.barrier is not None]
    if not clear:
        return tr("ADKAR round '{round}': no team has a clear barrier.").format(round=findings.adkar_round)
    return plural(
        len(clear),
        "ADKAR round '{round}': a clear barrier in %n team of {teams} – {where}.",
        "ADKAR round '{round}': a clear barrier in %n teams of {teams} – {where}.",
    ).format(
        round=findings.adkar_round,
        teams=len(findings.adkar),
        where=", ".join(
            tr("{team} at {element}").format(team=t.team, element=word(t.barrier or "")) for t in clear
        ),
    )


def adkar_columns() -> tuple[str, ...]:
    """Gives the ADKAR table's column headings, in English: each place translates them as it shows them."""
    return ("Team", "People", *ELEMENTS, "Barrier")


def team_cells(team: AdkarTeam) -> tuple[str, ...]:
    """Gives the team's row: its people, each element's mean and its barrier (all withheld under 3)."""
    if team.withheld:
        return (team.team, tr("fewer than 3"), *[""] * len(ELEMENTS), tr("withheld"))
    means = [rounded(mean) if mean is not None else tr("too few") for _, mean in team.means]
    if team.barrier is not None:
        barrier = tr("{element}: {count} of {people}").format(
            element=word(team.barrier), count=team.at(team.barrier), people=team.people
        )
    else:
        barrier = tr("none found") if team.stopped == 0 else tr("no clear barrier")
    return (team.team, str(team.people), *means, barrier)
