"""Charts of a ranking round: the consensus order, who agrees with whom, and how each item was placed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import ScaledTranslation

from workshop.analysis.consensus import place_rows
from workshop.analysis.wording import concordance_in_words
from workshop.rounding import rounded
from workshop.wording import plural, tr

from .style import (
    ALERT,
    INK,
    MUTED_INK,
    NEUTRAL,
    chart,
    note,
    opportunity_styles,
    row_font,
    row_label,
    say_instead,
    tidy_ticks,
    top_items,
    wrap,
)
from .titles import TITLES

if TYPE_CHECKING:
    from workshop.analysis.alignment import RankingAnalysis
    from workshop.findings import WorkshopFindings

NO_ROUND = "No ranking round has been revealed yet."
MAX_ANNOTATED_VOTERS = 12
MAX_NAMED_VOTERS = 40
MAX_ANNOTATED_PLACES = 15


def ranking_to_show(findings: WorkshopFindings) -> tuple[RankingAnalysis | None, str]:
    """Gives the ranking analysis to draw, or None and the sentence that says why there is none."""
    ranking = findings.ranking
    if ranking is None:
        if findings.ranking_round is not None:
            return None, tr(
                "The round '{round}' is not revealed yet; its results stay private "
                "until the facilitator reveals it."
            ).format(round=findings.ranking_round)
        return None, tr(NO_ROUND)
    if ranking.concordance.w is None:
        reason = ranking.concordance.reason or tr("not enough data to compare the ballots")
        return None, reason[0].upper() + reason[1:].rstrip(".") + "."
    return ranking, ""


def borda_order(ranking: RankingAnalysis) -> list[tuple[int, str]]:
    """Gives (place, item) in consensus order; tied items share a place (1, 2, 2, 4), as in every table."""
    return place_rows(ranking.consensus.borda)


def draw_consensus(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws the consensus order with each item's middle half of places and the items that divide the room."""
    with chart(fig, tr(TITLES["consensus"])) as sizes:
        ranking, reason = ranking_to_show(findings)
        if ranking is None:
            say_instead(fig, reason, sizes)
            return
        styles = opportunity_styles(findings)
        order, left_out = top_items(borda_order(ranking), fig=fig)
        column = {item: j for j, item in enumerate(ranking.items)}
        spreads = {s.item: s for s in ranking.spreads}
        q25, q75 = np.percentile(ranking.table.ranks, [25, 75], axis=0)
        ax = fig.add_subplot()
        for row, (_, item) in enumerate(order):
            j, style = column[item], styles[item]
            ax.plot(
                [q25[j], q75[j]], [row, row], color=NEUTRAL, linewidth=5, solid_capstyle="round", zorder=1
            )
            ax.scatter(
                spreads[item].mean_rank,
                row,
                s=70 * sizes["marker"],
                color=style.colour,
                marker=style.marker,
                zorder=3,
            )
            if spreads[item].dissent:
                ax.scatter(
                    spreads[item].mean_rank,
                    row,
                    s=190 * sizes["marker"],
                    facecolors="none",
                    edgecolors=ALERT,
                    linewidths=1.5,
                    zorder=2,
                )
        n = len(ranking.items)
        shown = len(order)
        ax.set_yticks(range(shown), [f"{place}. {row_label(item, shown)}" for place, item in order])
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.set_xlim(0.5, n + 0.5)
        ax.set_xticks(_integer_ticks(n))
        ax.set_xlabel(tr("place in the ranking (1 = top priority)"))
        ax.grid(axis="x", color="#E5E5E5", zorder=0)
        tidy_ticks(ax, sizes, rows=shown)
        w = ranking.concordance.w or 0.0
        ax.set_title(
            tr("{ballots}; Kendall's W = {w} ({agreement})").format(
                ballots=plural(ranking.ballots, "%n ballot", "%n ballots"),
                w=rounded(w, 2),
                agreement=concordance_in_words(ranking.concordance),
            )
            + (f"\n{left_out}" if left_out else ""),
            loc="left",
            fontsize=sizes["note"],
            color=MUTED_INK,
        )
        fig.legend(
            handles=[
                Line2D([], [], color=MUTED_INK, marker="o", linestyle="none", label=tr("average place")),
                Line2D([], [], color=NEUTRAL, linewidth=5, label=tr("middle half of the places")),
                Line2D(
                    [],
                    [],
                    marker="o",
                    markersize=11,
                    markerfacecolor="none",
                    markeredgecolor=ALERT,
                    linestyle="none",
                    label=tr("divides the room"),
                ),
            ],
            loc="outside lower center",
            ncols=3,
            frameon=False,
        )


def draw_agreement(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws Kendall's tau-b between every two managers, similar ballots side by side, camps outlined."""
    with chart(fig, tr(TITLES["agreement"])) as sizes:
        ranking, reason = ranking_to_show(findings)
        if ranking is None:
            say_instead(fig, reason, sizes)
            return
        agreement = ranking.agreement
        m = len(agreement.voters)
        ax = fig.add_subplot()
        image = ax.imshow(agreement.tau, cmap="PuOr", vmin=-1, vmax=1, aspect="auto")
        if m <= MAX_ANNOTATED_VOTERS:
            _annotate_cells(ax, agreement.tau, sizes["note"] * min(1.0, 8 / m) ** 0.5)
        _voter_ticks(ax, agreement.voters, sizes)
        _outline_camps(ax, agreement.voters, agreement.camps, sizes)
        bar = fig.colorbar(image, ax=ax, location="right", shrink=0.8, pad=0.12 if agreement.camps else 0.03)
        bar.set_label(tr("agreement (Kendall's tau-b)"), fontsize=sizes["note"])
        bar.set_ticks([-1, 0, 1], labels=[tr("opposite\n-1"), tr("none\n0"), tr("same order\n1")])
        bar.ax.tick_params(labelsize=sizes["note"])
        for side in ("top", "right"):
            ax.spines[side].set_visible(True)
        note(fig, _camps_in_words(len(agreement.camps)), sizes)


def draw_rank_distribution(fig: Figure, findings: WorkshopFindings) -> None:
    """Draws, per item in consensus order, how many managers put it in each place."""
    with chart(fig, tr(TITLES["rank_distribution"])) as sizes:
        ranking, reason = ranking_to_show(findings)
        if ranking is None:
            say_instead(fig, reason, sizes)
            return
        styles = opportunity_styles(findings)
        order, left_out = top_items(borda_order(ranking), fig=fig)
        column = {item: j for j, item in enumerate(ranking.items)}
        counts = place_counts(ranking.table.ranks)[[column[item] for _, item in order]]
        n, shown = len(ranking.items), len(order)
        ax = fig.add_subplot()
        ax.imshow(counts, cmap="Blues", vmin=0, vmax=max(float(counts.max()), 1.0), aspect="auto")
        if n <= MAX_ANNOTATED_PLACES:
            _annotate_counts(ax, counts, sizes["note"] * min(1.0, 10 / n) ** 0.5)
        ax.set_yticks(range(shown), [row_label(item, shown) for _, item in order])
        pad = 18 * sizes["marker"] ** 0.5
        ax.tick_params(axis="y", length=0, pad=pad)
        # Each item's marker sits in the middle of the gap between its label and the cells, at any width.
        in_gap = ax.get_yaxis_transform() + ScaledTranslation(-pad / 2 / 72, 0, fig.dpi_scale_trans)
        for row, (_, item) in enumerate(order):
            ax.plot(
                0,
                row,
                marker=styles[item].marker,
                color=styles[item].colour,
                markersize=7 * sizes["marker"] ** 0.5,
                transform=in_gap,
                clip_on=False,
            )
        ax.set_xticks(_integer_ticks(n) - 1, [str(p) for p in _integer_ticks(n)])
        ax.set_xlabel(tr("place given (1 = top priority)"))
        ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
        ax.xaxis.set_label_position("top")
        tidy_ticks(ax, sizes, rows=shown)
        for spine in ax.spines.values():
            spine.set_visible(False)
        note(
            fig,
            tr(
                "Each cell counts the managers ({ballots} ballots) who gave the item that place; "
                "a tie shares its count between the tied places. Darker = more managers."
            ).format(ballots=ranking.ballots)
            + (f" {left_out[0].upper()}{left_out[1:]}." if left_out else ""),
            sizes,
        )


def _camps_in_words(camps: int) -> str:
    """Gives the note under the agreement chart: how many camps were found, or that there are none."""
    if not camps:
        return tr("No camps: the managers do not split into groups more clearly than chance would.")
    return plural(
        camps,
        "%n camp found: a group that agrees with itself clearly more than with the rest, beyond chance.",
        "%n camps found: groups that agree with each other clearly more than with the rest, beyond chance.",
    )


def place_counts(ranks: np.ndarray) -> np.ndarray:
    """Gives counts[item, place-1]: how many ballots put the item in that place, ties shared out evenly.

    A mid-rank r from a tie of t items stands for places r-(t-1)/2 .. r+(t-1)/2; the tie size is not
    stored, so a half-integer mid-rank is split between its two neighbouring places (a tie of two), which
    is exact for pairs and keeps the total per item equal to the number of ballots.
    """
    m, n = ranks.shape
    counts = np.zeros((n, n))
    low = np.clip(np.floor(ranks).astype(int), 1, n)
    high = np.clip(np.ceil(ranks).astype(int), 1, n)
    share = np.where(low == high, 1.0, 0.5)
    for i in range(m):
        np.add.at(counts, (np.arange(n), low[i] - 1), share[i])
        np.add.at(counts, (np.arange(n), high[i] - 1), np.where(low[i] == high[i], 0.0, 0.5))
    return counts


def _integer_ticks(n: int) -> np.ndarray:
    step = max(1, int(np.ceil(n / 15)))
    ticks = np.arange(1, n + 1, step)
    if ticks[-1] == n:
        return ticks
    return np.append(ticks[:-1] if n - ticks[-1] < step else ticks, n)


def _annotate_cells(ax: Axes, tau: np.ndarray, size: float) -> None:
    for (row, col), value in np.ndenumerate(tau):
        colour = "white" if abs(value) > 0.6 else INK
        ax.text(
            col,
            row,
            rounded(float(value)),
            ha="center",
            va="center",
            fontsize=size,
            color=colour,
        )


def _annotate_counts(ax: Axes, counts: np.ndarray, size: float) -> None:
    top = max(float(counts.max()), 1.0)
    for (row, col), value in np.ndenumerate(counts):
        if value > 0:
            text = f"{value:g}" if value == int(value) else rounded(float(value))
            colour = "white" if value > 0.6 * top else INK
            ax.text(col, row, text, ha="center", va="center", fontsize=size, color=colour)


def _voter_ticks(ax: Axes, voters: tuple[str, ...], sizes: dict[str, float]) -> None:
    m = len(voters)
    if m > MAX_NAMED_VOTERS:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel(
            plural(
                m,
                "%n manager, similar ballots next to each other",
                "%n managers, similar ballots next to each other",
            )
        )
        return
    font = row_font(sizes, m)
    ax.set_yticks(range(m), [f"{k}  {wrap(v, 34, 1)}" for k, v in enumerate(voters, 1)], fontsize=font)
    ax.set_xticks(range(m), [str(k) for k in range(1, m + 1)], fontsize=font)
    ax.tick_params(length=0)
    ax.set_xlabel(tr("same managers, by number"))


def _outline_camps(ax: Axes, voters: tuple[str, ...], camps: tuple, sizes: dict[str, float]) -> None:
    where = {voter: k for k, voter in enumerate(voters)}
    for number, camp in enumerate(camps, 1):
        rows = sorted(where[v] for v in camp.voters)
        first, last = rows[0], rows[-1]
        ax.add_patch(
            Rectangle(
                (first - 0.5, first - 0.5),
                last - first + 1,
                last - first + 1,
                fill=False,
                edgecolor=INK,
                linewidth=2.5,
                zorder=4,
            )
        )
        ax.text(
            len(voters) - 0.5 + 0.15,
            (first + last) / 2,
            tr("camp {number}").format(number=number),
            ha="left",
            va="center",
            fontsize=sizes["note"],
            fontweight="bold",
            clip_on=False,
        )
