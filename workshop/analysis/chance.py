"""What chance alone gives a room of this shape: the yardstick every ranking finding is judged against.

The null model ("no structure"): each ballot is an independent random order of the items it ranked. A
random room keeps each ballot's own places, so its ties stay ties, and a partial ballot keeps which items
it ranked: the items it left out stay tied for the last places. Random rooms are drawn in one vectorised
step and every statistic is computed on all of them at once. The generator is seeded from the ballots,
so the same room always gets the same answer.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from dataclasses import dataclass, field

import numpy as np

LEVEL = 0.05  # a finding is stated when chance alone gives it in at most 5% of random rooms
AGREEMENT_DRAWS = 9999  # the Monte Carlo p-value's own error near 0.05 is then about 0.002
FEWEST_DRAWS = 199
CAMP_DRAWS = 499
EXACT_LIMIT = 50_000  # rooms with at most this many distinct orderings are enumerated exactly
CELL_BUDGET = 6_000_000  # ballot x item cells drawn per analysis: large rooms get fewer random rooms
CAMP_BUDGET = 400_000_000  # multiply-adds of tau-b matrices per analysis (ballots^2 x item pairs x draws)
CHUNK_CELLS = 1_500_000  # random rooms are drawn in chunks of about this many cells, to bound memory

EXACT = "exact"
PERMUTATION = "permutation"


@dataclass(frozen=True, eq=False)
class RandomRooms:
    """Statistics of rooms of random ballots with this room's shape, ties and partial patterns."""

    draws: int
    w: np.ndarray = field(repr=False)  # Kendall's W of each random room
    top_spread: np.ndarray = field(repr=False)  # each random room's largest item spread
    item_spread: np.ndarray = field(repr=False)  # (draws, items): every item's spread in each room


def room_generator(ranks: np.ndarray, ranked: np.ndarray) -> np.random.Generator:
    """Gives a random generator seeded from the ballots: one room, one answer, however often it is asked.

    The seed comes from what the random rooms are dealt from (each ballot's places and the items it
    ranked) in a fixed order, so the order the ballots are read in (voters are listed in a secret,
    per-workshop order) never changes the answer."""
    order = canonical_order(ranks, ranked)
    places = np.sort(ranks, axis=1)[order]
    digest = hashlib.sha256(np.ascontiguousarray(places).tobytes() + np.packbits(ranked[order]).tobytes())
    return np.random.default_rng(int.from_bytes(digest.digest()[:8], "little"))


def canonical_order(ranks: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Gives the ballots in one fixed order: by their places (sorted), then by the items they ranked."""
    return np.lexsort(np.hstack([np.sort(ranks, axis=1), ranked.astype(float)]).T[::-1])


def random_rooms(ranks: np.ndarray, ranked: np.ndarray, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Gives `draws` random rooms (draws x ballots x items): each ballot's places dealt out at random.

    A ballot's places are dealt to the items it ranked in a random order; the items it left out get
    the places behind them, which are tied, so they stay tied last as they were.
    """
    m, n = ranks.shape
    # Dealt in a fixed order of ballots and handed back in the caller's: the same room gives the same
    # random rooms whatever order its ballots were read in.
    order = canonical_order(ranks, ranked)
    places, ranked = np.sort(ranks, axis=1)[order], ranked[order]
    keys = rng.random((draws, m, n))
    keys[:, ~ranked] = 2.0  # above every ranked item's key: left-out items take the last places
    slots = np.argsort(keys, axis=2)
    rooms = np.empty((draws, m, n))
    np.put_along_axis(rooms, slots, np.broadcast_to(places, (draws, m, n)), axis=2)
    return rooms[:, np.argsort(order)]


def draws_for(m: int, n: int, most: int = AGREEMENT_DRAWS) -> int:
    """Gives how many random rooms to draw: `most`, fewer for large rooms, never below 199."""
    return int(max(FEWEST_DRAWS, min(most, CELL_BUDGET // max(1, m * n))))


def camp_draws_for(m: int, n: int) -> int:
    """Gives how many random rooms to cluster for the camp test: tau-b matrices cost ballots^2 x pairs."""
    cost = max(1, m * m * n * (n - 1) // 2)
    return int(max(99, min(CAMP_DRAWS, CAMP_BUDGET // cost)))


def simulate(ranks: np.ndarray, ranked: np.ndarray, draws: int, rng: np.random.Generator) -> RandomRooms:
    """Gives W and the item spreads of `draws` random rooms, drawn in chunks to bound memory."""
    m, n = ranks.shape
    chunk = max(1, CHUNK_CELLS // max(1, m * n))
    denominator = w_denominator(ranks)
    ws, spreads = [], []
    for start in range(0, draws, chunk):
        rooms = random_rooms(ranks, ranked, min(chunk, draws - start), rng)
        ws.append(w_of_rooms(rooms, denominator))
        spreads.append(item_spread(rooms))
    item = np.concatenate(spreads)
    return RandomRooms(draws, np.concatenate(ws), item.max(axis=1), item)


def w_denominator(ranks: np.ndarray) -> float:
    """Gives W's denominator m^2 (n^3 - n) - m sum T: dealing places at random keeps every tie total."""
    m, n = ranks.shape
    centred = ranks - (n + 1) / 2
    ties = np.rint((n**3 - n) - 12 * np.einsum("ij,ij->i", centred, centred))
    return float(m**2 * (n**3 - n) - m * ties.sum())


def w_of_rooms(rooms: np.ndarray, denominator: float) -> np.ndarray:
    """Gives Kendall's W of each room in a stack (rooms x ballots x items)."""
    _, m, n = rooms.shape
    centred = rooms.sum(axis=1) - m * (n + 1) / 2
    return np.asarray(12 * np.einsum("ij,ij->i", centred, centred) / denominator)


def item_spread(rooms: np.ndarray) -> np.ndarray:
    """Gives each item's spread in each room: its places' SD over the largest possible, (n-1)/2."""
    n = rooms.shape[-1]
    return np.asarray(rooms.std(axis=-2) / ((n - 1) / 2)) if n > 1 else np.zeros(rooms.shape[::2])


def monte_carlo_p(observed: float, null: np.ndarray) -> float:
    """Gives (1 + random rooms at least as extreme) / (1 + random rooms): never 0, exact in level."""
    return float((1 + np.count_nonzero(null >= observed - 1e-12)) / (1 + null.size))


def share_at_least(observed: float, null: np.ndarray) -> float:
    """Gives the share of an enumerated null distribution at least as extreme as `observed`: an exact p."""
    return float(np.count_nonzero(null >= observed - 1e-12) / null.size)


def exact_orderings(ranks: np.ndarray, ranked: np.ndarray) -> int | None:
    """Gives how many orderings an exact test enumerates, or None when it would be more than the limit.

    Only rooms of complete ballots are enumerated: the first ballot is held fixed (W does not change
    when the same relabelling is applied to every ballot) and every order of every other ballot is taken.
    """
    m, n = ranks.shape
    if m < 2 or not ranked.all():
        return None
    count = math.factorial(n) ** (m - 1)
    return count if count <= EXACT_LIMIT else None


def exact_w_null(ranks: np.ndarray) -> np.ndarray:
    """Gives W for every ordering of ballots 2..m against ballot 1: the exact distribution under chance."""
    m, n = ranks.shape
    sums = ranks[0][None, :]
    for row in ranks[1:]:
        orders = np.array(list(itertools.permutations(row)), dtype=float)
        sums = (sums[:, None, :] + orders[None, :, :]).reshape(-1, n)
    centred = sums - m * (n + 1) / 2
    return np.asarray(12 * np.einsum("ij,ij->i", centred, centred) / w_denominator(ranks))
