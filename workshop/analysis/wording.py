"""Numbers put into the words a facilitator says to a room."""

from __future__ import annotations

from workshop.wording import tr

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
