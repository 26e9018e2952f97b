"""Ranking ballots turned into a table of mid-ranks, the common input of every ranking statistic."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import rankdata


@dataclass(frozen=True)
class RankingBallot:
    """One participant's ranking: item -> rank number (1 = most important).

    Equal rank numbers are ties. Items left out (or given NaN) were not ranked by this participant;
    they count as tied for the remaining last places.
    """

    voter: str
    ranks: Mapping[str, float]


@dataclass(frozen=True, eq=False)
class RankTable:
    """Mid-ranks of every counted ballot (rows) for every item (columns), ready for the statistics.

    `ranks[i, j]` is the mid-rank ballot i gives item j; each row is a permutation of 1..n with ties
    replaced by their mean place, so each row sums to n(n+1)/2.
    """

    items: tuple[str, ...]
    voters: tuple[str, ...]
    ranks: np.ndarray = field(repr=False)
    complete: tuple[bool, ...]
    empty_voters: tuple[str, ...]
    # ranked[i, j]: ballot i gave item j a place; the items it left out share its last places.
    ranked: np.ndarray = field(repr=False)

    @property
    def ballot_count(self) -> int:
        """Gives the number of counted ballots (empty ballots are not counted)."""
        return len(self.voters)

    @property
    def item_count(self) -> int:
        """Gives the number of items being ranked."""
        return len(self.items)

    @property
    def complete_count(self) -> int:
        """Gives how many counted ballots ranked every item."""
        return sum(self.complete)

    def rows(self, voters: Sequence[str]) -> np.ndarray:
        """Gives the mid-rank rows of the given voters, in that order."""
        where = {voter: row for row, voter in enumerate(self.voters)}
        return self.ranks[[where[voter] for voter in voters]]


def mid_ranks(rank_numbers: Sequence[float | None], item_count: int | None = None) -> list[float]:
    """Gives the mid-ranks 1..n of rank numbers read as an order; None/NaN are tied for the last places.

    Example: 1, 5, 5, 9 -> 1, 2.5, 2.5, 4. `item_count` is only a check that the lengths agree.
    """
    if item_count is not None and item_count != len(rank_numbers):
        raise ValueError(f"expected {item_count} rank numbers, got {len(rank_numbers)}")
    row = np.array([_as_number(value) for value in rank_numbers], dtype=float)
    return [float(value) for value in _rows_to_mid_ranks(row[None, :])[0]]


def rank_table(items: Sequence[str], ballots: Sequence[RankingBallot]) -> RankTable:
    """Gives the table of mid-ranks for the ballots over the round's items.

    Ballots that rank no item at all are left out (listed in `empty_voters`) because they carry no
    preference; counting them would pull agreement down for no reason.
    Raises ValueError naming the voter and item when a ballot ranks an item outside the round, when
    a voter has two ballots, or when a rank number is not a positive number.
    """
    _check_items(items)
    column = {item: j for j, item in enumerate(items)}
    numbers = _read_numbers(ballots, column)
    ranked = ~np.isnan(numbers)
    counted = ranked.any(axis=1) if items else np.zeros(len(ballots), dtype=bool)
    ranks = _rows_to_mid_ranks(numbers[counted])
    ranks.setflags(write=False)
    ranked_counted = ranked[counted]
    ranked_counted.setflags(write=False)
    return RankTable(
        items=tuple(items),
        voters=tuple(b.voter for b, keep in zip(ballots, counted, strict=True) if keep),
        ranks=ranks,
        complete=tuple(bool(row.all()) for row in ranked[counted]),
        empty_voters=tuple(b.voter for b, keep in zip(ballots, counted, strict=True) if not keep),
        ranked=ranked_counted,
    )


def tie_sums(ranks: np.ndarray) -> np.ndarray:
    """Gives, per ballot row of mid-ranks, the tie term sum(t^3 - t) over its groups of tied items.

    Why this closed form: ties shrink the spread of a row of mid-ranks by exactly sum(t^3-t)/12, so
    sum((r - (n+1)/2)^2) = (n^3 - n - sum(t^3 - t)) / 12. Mid-ranks are multiples of 1/2, so the
    arithmetic is exact in floating point; rounding removes any doubt.
    """
    n = ranks.shape[1]
    centred = ranks - (n + 1) / 2
    return np.rint((n**3 - n) - 12 * np.einsum("ij,ij->i", centred, centred))


def _rows_to_mid_ranks(numbers: np.ndarray) -> np.ndarray:
    # Unranked items become +inf so that they tie with each other behind every ranked item.
    filled = np.where(np.isnan(numbers), np.inf, numbers)
    if filled.size == 0:
        return np.zeros(filled.shape, dtype=float)
    return np.asarray(rankdata(filled, method="average", axis=1), dtype=float)


def _read_numbers(ballots: Sequence[RankingBallot], column: Mapping[str, int]) -> np.ndarray:
    # One flat pass over all entries, then one vectorised check: rooms of 300 stay fast.
    rows: list[int] = []
    columns: list[int] = []
    values: list[float | None] = []
    seen: set[str] = set()
    for i, ballot in enumerate(ballots):
        if ballot.voter in seen:
            raise ValueError(f"{ballot.voter!r} has more than one ballot in this round")
        seen.add(ballot.voter)
        unknown = [item for item in ballot.ranks if item not in column]
        if unknown:
            raise ValueError(
                f"the ballot of {ballot.voter!r} ranks {unknown[0]!r}, which is not in this round"
            )
        rows.extend([i] * len(ballot.ranks))
        columns.extend(column[item] for item in ballot.ranks)
        values.extend(ballot.ranks.values())
    # numpy reads None as NaN in a float array: an unranked item.
    flat = np.array(values, dtype=float)
    bad = ~np.isnan(flat) & ((flat < 1) | np.isinf(flat))
    if bad.any():
        _refuse_rank(ballots[rows[int(np.argmax(bad))]], columns[int(np.argmax(bad))], column)
    numbers = np.full((len(ballots), len(column)), np.nan)
    numbers[rows, columns] = flat
    return numbers


def _refuse_rank(ballot: RankingBallot, j: int, column: Mapping[str, int]) -> None:
    item = next(name for name, k in column.items() if k == j)
    raise ValueError(
        f"the ballot of {ballot.voter!r} gives {item!r} the rank {ballot.ranks[item]!r}; ranks start at 1"
    )


def _as_number(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _check_items(items: Sequence[str]) -> None:
    if len(set(items)) != len(items):
        doubles = sorted({item for item in items if list(items).count(item) > 1})
        raise ValueError(f"items listed twice in this round: {', '.join(doubles)}")
