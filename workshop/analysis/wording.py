"""Numbers put into the words a facilitator says to a room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.wording import tr

if TYPE_CHECKING:
    from workshop.analysis.alignment import Concordance

# Schmidt (1997), "Managing Delphi surveys using nonparametric statistical techniques",
# Decision Sciences 28(3), Table 1: the usual reading of Kendall's W.
W_WORDS: tuple[tuple[float, str], ...] = (
    (0.7, "strong agreement"),
    (0.5, "moderate agreement"),
    (0.3, "weak agreement"),
    (0.1, "very weak agreement"),
    (0.0, "no real agreement"),
)


def agreement_in_words(w: float | None) -> str:
    """Gives Kendall's W in words ("strong agreement", ...), or "not enough data" for None, translated."""
    if w is None:
        return tr("not enough data")
    if w >= 0.9:
        return tr("unusually strong agreement")
    return tr(next(words for floor, words in W_WORDS if w >= floor))


def concordance_in_words(concordance: Concordance) -> str:
    """Gives the managers' agreement in words, judged against chance first, translated.

    Agreement that chance alone could give is "no better than chance" whatever W is (two managers
    agree 0.5 on average by chance alone); only agreement beyond chance gets Schmidt's words.
    """
    if concordance.w is None:
        return tr("not enough data")
    if concordance.too_small_to_tell:
        return tr("too few ballots to tell from chance")
    if not concordance.beyond_chance:
        return tr("no better than chance")
    return agreement_in_words(concordance.w)
