"""Consensus orders of a ranking round: Borda (mean mid-rank) and Schulze (widest paths)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workshop.analysis.ranking import RankTable

Tiers = tuple[tuple[str, ...], ...]

# Mean ranks closer than this are the same number written twice (float sums of halves).
_SAME_MEAN = 1e-9


@dataclass(frozen=True)
class MethodDisagreement:
    """An item that Borda and Schulze place differently (place = 1 + items in better tiers)."""

    item: str
    borda_place: int
    schulze_place: int


@dataclass(frozen=True)
class Consensus:
    """Both consensus orders as tiers (best first; items in one tier are tied) and where they differ."""

    borda: Tiers
    schulze: Tiers
    mean_ranks: tuple[float, ...]
    disagreements: tuple[MethodDisagreement, ...]


def consensus(table: RankTable) -> Consensus:
    """Gives the Borda and Schulze orders of the counted ballots and the items they place differently."""
    means = mean_ranks(table.ranks)
    borda = borda_tiers(table.items, means)
    schulze = schulze_tiers(table.items, pairwise_preferences(table.ranks))
    return Consensus(
        borda=borda,
        schulze=schulze,
        mean_ranks=tuple(float(m) for m in means),
        disagreements=method_disagreements(borda, schulze),
    )


def mean_ranks(ranks: np.ndarray) -> np.ndarray:
    """Gives each item's mean mid-rank over the ballots (NaN-free; empty input gives all zeros)."""
    if ranks.shape[0] == 0:
        return np.zeros(ranks.shape[1])
    return np.asarray(ranks.mean(axis=0), dtype=float)


def borda_tiers(items: Sequence[str], means: np.ndarray) -> Tiers:
    """Gives the items ordered by mean mid-rank (lower is better); equal means share a tier."""
    order = sorted(range(len(items)), key=lambda j: (means[j], j))
    tiers: list[list[str]] = []
    previous: float | None = None
    for j in order:
        if previous is None or means[j] - previous > _SAME_MEAN:
            tiers.append([])
        tiers[-1].append(items[j])
        previous = float(means[j])
    return tuple(tuple(tier) for tier in tiers)


def pairwise_preferences(ranks: np.ndarray) -> np.ndarray:
    """Gives d[x, y]: how many ballots rank item x strictly ahead of item y."""
    ahead = ranks[:, :, None] < ranks[:, None, :]
    return np.asarray(ahead.sum(axis=0), dtype=np.int64)


def widest_paths(preferences: np.ndarray) -> np.ndarray:
    """Gives p[x, y], the strength of the strongest path from x to y (Schulze's Floyd-Warshall variant).

    A link x->y exists only where more ballots prefer x to y than y to x; its strength is d[x, y].
    """
    d = preferences
    strength = np.where(d > d.T, d, 0).astype(np.int64)
    for k in range(strength.shape[0]):
        # Paths through k; touching row/column k or the diagonal cannot raise any off-diagonal value.
        strength = np.maximum(strength, np.minimum(strength[:, k : k + 1], strength[k : k + 1, :]))
    np.fill_diagonal(strength, 0)
    return strength


def schulze_tiers(items: Sequence[str], preferences: np.ndarray) -> Tiers:
    """Gives the Schulze order as tiers: x is ahead of y when p[x, y] > p[y, x]; unbeaten items share a tier.

    Schulze (2011) proves the relation transitive, so peeling off the unbeaten items tier by tier
    always makes progress and yields his ranking.
    """
    paths = widest_paths(preferences)
    beats = paths > paths.T
    remaining = list(range(len(items)))
    tiers: list[tuple[str, ...]] = []
    while remaining:
        sub = beats[np.ix_(remaining, remaining)]
        unbeaten = [remaining[k] for k in range(len(remaining)) if not sub[:, k].any()]
        tiers.append(tuple(items[j] for j in unbeaten))
        remaining = [j for j in remaining if j not in unbeaten]
    return tuple(tiers)


def places(tiers: Tiers) -> dict[str, int]:
    """Gives each item's place: 1 + the number of items in better tiers (so ties share a place)."""
    result: dict[str, int] = {}
    ahead = 0
    for tier in tiers:
        for item in tier:
            result[item] = ahead + 1
        ahead += len(tier)
    return result


def place_rows(tiers: Tiers) -> list[tuple[int, str]]:
    """Gives (place, item) in order with standard competition places: a tie for 2nd reads 1, 2, 2, 4."""
    where = places(tiers)
    return [(where[item], item) for tier in tiers for item in tier]


def method_disagreements(borda: Tiers, schulze: Tiers) -> tuple[MethodDisagreement, ...]:
    """Gives the items whose Borda place differs from their Schulze place, in Borda order."""
    borda_places, schulze_places = places(borda), places(schulze)
    return tuple(
        MethodDisagreement(item, borda_places[item], schulze_places[item])
        for tier in borda
        for item in tier
        if borda_places[item] != schulze_places[item]
    )
