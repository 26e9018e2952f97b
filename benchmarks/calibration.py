"""Checks that the ranking findings stay quiet on random ballots and find structure that is there.

Random rooms: every ballot an independent random order (some with ties, some partial), over shapes
from 2 to 30 ballots and 3 to 60 items. Printed: the share of rooms whose agreement is called beyond
chance, the share of items flagged as dividing the room, the share of rooms with any flagged item and
the share of rooms with camps; each should be at most the 5% level (up to the noise of the sample, shown
as its 95% upper bound). Planted structure: two opposed halves, one item half the room puts first and
half last, and a shared order with light noise; printed: how often each is found.

    .venv/bin/python benchmarks/calibration.py            # about 250 rooms a kind
    .venv/bin/python benchmarks/calibration.py --quick    # a smaller sample
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.analysis.alignment import TWO_SIDES, RankingAnalysis, analyse_ranking
from workshop.analysis.ranking import RankingBallot

BALLOTS = (2, 3, 4, 5, 8, 12, 20, 30)
ITEMS = (3, 4, 6, 10, 20, 40, 60)
PLANTED_BALLOTS = (6, 10, 20, 30)
PLANTED_ITEMS = (5, 10, 30, 60)
LEVEL = 0.05

Room = tuple[list[str], list[RankingBallot]]
Maker = Callable[[int, int, np.random.Generator], Room]


def ballots_from(rows: np.ndarray, ranked: np.ndarray | None = None) -> Room:
    """Gives item names and ballots from a (ballots x items) array of rank numbers, NaN-free."""
    m, n = rows.shape
    items = [f"item {j + 1}" for j in range(n)]
    ballots = []
    for i in range(m):
        keep = range(n) if ranked is None else np.flatnonzero(ranked[i])
        ballots.append(RankingBallot(f"manager {i + 1}", {items[j]: float(rows[i, j]) for j in keep}))
    return items, ballots


def random_room(m: int, n: int, rng: np.random.Generator, style: str) -> Room:
    """Gives a room of random ballots: plain orders, orders with ties, or partial orders."""
    rows = np.array([rng.permutation(n) + 1 for _ in range(m)], dtype=float)
    if style == "ties":
        rows = np.ceil(rows / 2)
    if style == "partial":
        ranked = np.ones((m, n), dtype=bool)
        for i in range(0, m, 2):  # every other ballot ranks only its top half
            ranked[i] = rows[i] <= max(1, n // 2)
        return ballots_from(rows, ranked)
    return ballots_from(rows)


def two_halves(m: int, n: int, rng: np.random.Generator) -> Room:
    """Gives half the room following one order and half its reverse, each with light noise."""
    base = np.arange(n, dtype=float)
    rows = np.array(
        [(base if i % 2 else base[::-1]) + rng.normal(0, n / 10, n) for i in range(m)], dtype=float
    )
    return ballots_from(np.argsort(np.argsort(rows, axis=1), axis=1) + 1.0)


def one_split_item(m: int, n: int, rng: np.random.Generator) -> Room:
    """Gives random ballots, except that half the room puts item 1 first and half puts it last."""
    rows = np.array([rng.permutation(np.arange(2, n + 1)) for _ in range(m)], dtype=float)
    first = np.where(np.arange(m) % 2 == 0, 0.5, n + 0.5)
    rows = np.column_stack([first, rows])
    return ballots_from(np.argsort(np.argsort(rows, axis=1), axis=1) + 1.0)


def shared_order(m: int, n: int, rng: np.random.Generator) -> Room:
    """Gives a room that shares one order, each ballot with light noise."""
    rows = np.arange(n, dtype=float)[None, :] + rng.normal(0, n / 8, (m, n))
    return ballots_from(np.argsort(np.argsort(rows, axis=1), axis=1) + 1.0)


def shapes(
    ballots: tuple[int, ...], items: tuple[int, ...], per_shape: int
) -> Iterator[tuple[int, int, int]]:
    for m in ballots:
        for n in items:
            for k in range(per_shape):
                yield m, n, k


def upper_bound(hits: int, trials: int) -> float:
    """Gives the 95% upper bound (Wilson) of a rate seen as hits out of trials."""
    if trials == 0:
        return 0.0
    z, rate = 1.96, hits / trials
    centre = rate + z * z / (2 * trials)
    margin = z * math.sqrt(rate * (1 - rate) / trials + z * z / (4 * trials * trials))
    return (centre + margin) / (1 + z * z / trials)


def rate_line(name: str, hits: int, trials: int) -> str:
    bound = upper_bound(hits, trials)
    return f"{name:<46} {hits:5d} / {trials:<6d} = {hits / trials:6.1%}  (95% upper bound {bound:.1%})"


def random_rates(per_shape: int) -> list[str]:
    rooms = beyond = divided_rooms = camp_rooms = items_flagged = items_seen = 0
    for m, n, k in shapes(BALLOTS, ITEMS, per_shape):
        style = ("plain", "ties", "partial")[k % 3]
        rng = np.random.default_rng([m, n, k, 1])
        result = analyse_ranking(*random_room(m, n, rng, style))
        rooms += 1
        beyond += bool(result.concordance.beyond_chance)
        flagged = sum(s.dissent for s in result.spreads)
        items_flagged += flagged
        items_seen += n
        divided_rooms += flagged > 0
        camp_rooms += bool(result.agreement.camps)
    return [
        f"random rooms: {rooms} ({len(BALLOTS)} room sizes x {len(ITEMS)} item counts x {per_shape})",
        rate_line("agreement called beyond chance", beyond, rooms),
        rate_line("items flagged as dividing the room", items_flagged, items_seen),
        rate_line("rooms with any item flagged", divided_rooms, rooms),
        rate_line("rooms with camps", camp_rooms, rooms),
    ]


def planted_rates(per_shape: int) -> list[str]:
    checks: list[tuple[str, Maker, Callable[[RankingAnalysis], bool]]] = [
        ("two opposed halves: camps found", two_halves, lambda r: len(r.agreement.camps) == 2),
        (
            "one item split first/last: flagged as two sides",
            one_split_item,
            lambda r: r.spreads[0].dissent and r.spreads[0].kind == TWO_SIDES,
        ),
        ("shared order: agreement beyond chance", shared_order, lambda r: bool(r.concordance.beyond_chance)),
        ("shared order: no camps", shared_order, lambda r: not r.agreement.camps),
    ]
    lines = []
    for name, make, found in checks:
        hits = trials = 0
        for m, n, k in shapes(PLANTED_BALLOTS, PLANTED_ITEMS, per_shape):
            trials += 1
            hits += found(analyse_ranking(*make(m, n, np.random.default_rng([m, n, k, 2]))))
        lines.append(rate_line(name, hits, trials))
    return lines


def main() -> None:
    quick = "--quick" in sys.argv
    for line in random_rates(3 if quick else 6):
        print(line, flush=True)
    for line in planted_rates(2 if quick else 5):
        print(line, flush=True)
    print(f"goal: at most {LEVEL:.0%} on random rooms; planted structure found")


if __name__ == "__main__":
    main()
