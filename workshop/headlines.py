"""What a ranking round shows, in the sentences every surface states: the summary, the report, the
Alignment page, the reveal and `analyze`. One source, so they say the same thing in the same words.

Sentences are paragraph markup: names escaped, the key words in <b>; `plain()` gives the text alone.
Every finding is stated only as far as it stands against chance (workshop/analysis/chance.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workshop.analysis.alignment import (
    CHI_SQUARE,
    ONE_APART,
    TWO_SIDES,
    Camp,
    ItemSpread,
    RankingAnalysis,
)
from workshop.analysis.chance import EXACT, LEVEL
from workshop.analysis.consensus import pairwise_preferences
from workshop.analysis.wording import concordance_in_words
from workshop.rounding import rounded
from workshop.wording import plural, tr

_TAG = re.compile(r"<[^>]+>")
# C0 and C1 control characters except tab and newline; they have no glyph and can upset PDF viewers.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Gives the text with line ends as newlines, tabs as spaces and control characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", text).replace("\t", "    ")


def escaped(text: str) -> str:
    """Gives user text as markup that shows as typed (control characters, which have no glyph, left out)."""
    return html.escape(clean(text), quote=False)


def plain(markup: str) -> str:
    """Gives the text of a markup sentence, tags removed and characters unescaped."""
    return html.unescape(_TAG.sub("", markup))


def p_text(p: float) -> str:
    """Gives a p-value as leaders read it: "p < 0.001", else two significant figures, never 1e-05."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.2g}" if p < 0.01 else f"p = {rounded(p, 2)}"


def p_method_words(method: str) -> str:
    """Gives the name of the test behind a p-value, translated."""
    if method == EXACT:
        return tr("exact test")
    if method == CHI_SQUARE:
        return tr("chi-square test")
    return tr("permutation test")


@dataclass(frozen=True)
class RankingHeadlines:
    """The sentences that state what a ranking round shows, each list complete."""

    agreement: str
    settled: bool  # the order is beyond chance: the top can be named as the room's priority
    top_methods: str  # "" or how the two counting methods disagree on the top, head to head
    partial: str  # "" or how many ballots rank only some items
    divides: tuple[str, ...]  # every item that divides the room, most divided first
    divides_items: tuple[str, ...]
    camps: tuple[str, ...]


def ranking_headlines(ranking: RankingAnalysis) -> RankingHeadlines:
    """Gives the round's findings in sentences; call only when the round has a W."""
    return RankingHeadlines(
        agreement=agreement_sentence(ranking),
        settled=bool(ranking.concordance.beyond_chance),
        top_methods=top_methods_sentence(ranking),
        partial=partial_sentence(ranking),
        divides=tuple(divides_sentence(ranking, s) for s in divided_items(ranking))
        or (no_division(ranking),),
        divides_items=tuple(s.item for s in divided_items(ranking)),
        camps=camps_sentences(ranking),
    )


def agreement_sentence(ranking: RankingAnalysis) -> str:
    """Gives how strongly the managers agree, against what chance alone gives a room of their size."""
    c = ranking.concordance
    if c.w is None:
        return escaped(tr("Agreement cannot be measured: {reason}.").format(reason=c.reason))
    words = escaped(concordance_in_words(c))
    figures = tr("Kendall's W = {w}, where chance alone gives about {chance}; {p}, {method}").format(
        w=rounded(c.w, 2),
        chance=rounded(c.chance_w or 0, 2),
        p=p_text(c.p_value or 1.0),
        method=p_method_words(c.p_method),
    )
    sentence = plural(
        ranking.ballots,
        "The %n manager's agreement on this order: <b>{agreement}</b> ({figures}).",
        "The %n managers' agreement on this order: <b>{agreement}</b> ({figures}).",
    ).format(agreement=words, figures=escaped(figures))
    if c.too_small_to_tell:
        sentence += " " + escaped(
            tr("Even identical ballots could not be told from chance in a room this small.")
        )
    elif not c.beyond_chance:
        sentence += " " + escaped(
            tr("The order below is a reading of the ballots, not a settled priority of the room.")
        )
    return sentence


def partial_sentence(ranking: RankingAnalysis) -> str:
    """Gives how many ballots rank only some items and how they are counted, or ""."""
    partial = ranking.ballots - ranking.complete_ballots
    if partial == 0:
        return ""
    sentence = plural(
        partial,
        "%n of {ballots} ballots ranks only some opportunities; the ones it left out count as tied "
        "for its last places.",
        "%n of {ballots} ballots rank only some opportunities; the ones they left out count as tied "
        "for their last places.",
    ).format(ballots=ranking.ballots)
    if 2 * partial >= ranking.ballots:
        sentence += " " + tr("With this many partial ballots, read the order below its top with care.")
    return escaped(sentence)


def top_methods_sentence(ranking: RankingAnalysis) -> str:
    """Gives, when the two counting methods put different items first, who wins head to head, or ""."""
    borda, schulze = ranking.consensus.borda, ranking.consensus.schulze
    if not borda or not schulze or set(borda[0]) == set(schulze[0]):
        return ""
    by_place, head_to_head = borda[0][0], schulze[0][0]
    wins = pairwise_preferences(ranking.table.ranks)
    j, k = ranking.items.index(head_to_head), ranking.items.index(by_place)
    return tr(
        "The two counting methods disagree on the top: by average place <b>{first}</b> leads; head to "
        "head <b>{second}</b> leads, placed ahead of {first} on {ahead} ballots and behind it on {behind}."
    ).format(
        first=escaped(by_place), second=escaped(head_to_head), ahead=int(wins[j, k]), behind=int(wins[k, j])
    )


def divided_items(ranking: RankingAnalysis) -> list[ItemSpread]:
    """Gives the items that divide the room beyond chance, most divided first."""
    return sorted((s for s in ranking.spreads if s.dissent), key=lambda s: (-s.spread, s.item))


def divides_sentence(ranking: RankingAnalysis, spread: ItemSpread) -> str:
    """Gives how one item divides the room, with head-counts of ballots."""
    ranks = ranking.table.ranks[:, ranking.items.index(spread.item)]
    n = len(ranking.items)
    item = escaped(spread.item)
    if spread.kind == TWO_SIDES:
        top, bottom = int((ranks <= n / 3).sum()), int((ranks > 2 * n / 3).sum())
        return tr(
            "<b>{item}</b>: the room is split into two sides: {top} of {ballots} managers put it in "
            "their top third, {bottom} in their bottom third."
        ).format(item=item, top=top, bottom=bottom, ballots=ranking.ballots)
    if spread.kind == ONE_APART:
        return tr(
            "<b>{item}</b>: one manager places it far from the rest; the other {others} place it close "
            "together."
        ).format(item=item, others=ranking.ballots - 1)
    return tr(
        "<b>{item}</b>: placed anywhere from near the top to near the bottom, more widely than chance "
        "alone spreads an opportunity."
    ).format(item=item)


def divides_words(spread: ItemSpread) -> str:
    """Gives whether an opportunity divides the managers beyond chance, and how, in a table's words."""
    if not spread.dissent:
        return tr("no")
    if spread.kind == TWO_SIDES:
        return tr("yes: two sides")
    return tr("yes: one manager apart") if spread.kind == ONE_APART else tr("yes: widely spread")


def no_division(ranking: RankingAnalysis) -> str:
    """Gives the sentence for a room in which no item divides the managers beyond chance."""
    cut = next((s.chance_spread for s in ranking.spreads if s.chance_spread is not None), None)
    if cut is not None and cut >= 1.0:
        return escaped(tr("Too few ballots to tell whether any opportunity divides the managers."))
    return escaped(tr("No opportunity divides the managers more than chance alone would."))


def camps_sentences(ranking: RankingAnalysis) -> tuple[str, ...]:
    """Gives the camps, each with the head-count of its members who put its first choice first."""
    agreement = ranking.agreement
    if agreement.camp_p is None:
        return (escaped(tr("Too few ballots to look for camps (camps need at least 4 ballots).")),)
    if not agreement.camps and agreement.camp_p <= LEVEL:
        return (
            escaped(
                tr(
                    "The managers split more clearly than chance would, but into groups too small to show "
                    "(camps are shown from 3 managers)."
                )
            ),
        )
    if not agreement.camps:
        return (
            escaped(tr("No camps: the managers do not split into groups more clearly than chance would.")),
        )
    lines = [
        escaped(
            plural(
                len(agreement.camps),
                "The room has %n camp that stands apart from the rest, a split clearer than chance ({p}):",
                "The room falls into %n camps, a split clearer than chance ({p}):",
            ).format(p=p_text(agreement.camp_p))
        )
    ]
    lines += [camp_sentence(ranking, number, camp) for number, camp in enumerate(ranking.agreement.camps, 1)]
    return tuple(lines)


def camp_sentence(ranking: RankingAnalysis, number: int, camp: Camp) -> str:
    """Gives one camp: its size and how many of its members put its first choice first."""
    rows = ranking.table.rows(camp.voters)
    top = list(camp.consensus[0]) if camp.consensus else []
    columns = [ranking.items.index(item) for item in top]
    first = int(np.any(rows[:, columns] == rows.min(axis=1, keepdims=True), axis=1).sum()) if columns else 0
    return plural(
        len(camp.voters),
        "Camp {number}, %n manager: {first} of them put <b>{items}</b> first.",
        "Camp {number}, %n managers: {first} of them put <b>{items}</b> first.",
    ).format(number=number, first=first, items=escaped(" = ".join(top) or "–"))


def numbered(rows: Sequence[tuple[int, str]]) -> list[str]:
    """Gives "place. item" lines with the item in bold."""
    return [f"{place}. <b>{escaped(item)}</b>" for place, item in rows]
