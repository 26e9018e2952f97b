"""Times the full ranking analysis of 300 ballots x 60 items against a scipy kendalltau double loop.

The full analysis includes judging agreement, spread and camps against random rooms of the same shape
(workshop/analysis/chance.py); the line before the last says what that judgement costs on its own.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.stats import kendalltau

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.analysis.alignment import agreement_map, analyse_ranking, random_rooms_for, tau_b_matrix
from workshop.analysis.ranking import RankingBallot, rank_table

BALLOTS, ITEMS, SEED = 300, 60, 20240601
ANALYSIS_REPEATS, LOOP_REPEATS = 7, 3


def two_camp_ballots(rng: np.random.Generator) -> tuple[list[str], list[RankingBallot]]:
    """Gives seeded ballots from two camps with opposite views, noise, some ties and some partial ballots."""
    items = [f"opportunity {j + 1}" for j in range(ITEMS)]
    camp_views = [np.arange(ITEMS, dtype=float), np.arange(ITEMS, dtype=float)[::-1].copy()]
    ballots = []
    for i in range(BALLOTS):
        noisy = camp_views[i % 2] + rng.normal(0, 12, ITEMS)
        numbers = np.round(noisy / 2)  # rounding makes ties
        ranked = ITEMS if i % 5 else ITEMS - 20  # every fifth ballot ranks only 40 items
        keep = np.argsort(numbers, kind="stable")[:ranked]
        ballots.append(RankingBallot(f"manager {i + 1}", {items[j]: float(numbers[j] + 100) for j in keep}))
    return items, ballots


def scipy_loop(ranks: np.ndarray) -> np.ndarray:
    """Gives the same tau-b matrix computed pair by pair with scipy.stats.kendalltau."""
    m = ranks.shape[0]
    tau = np.eye(m)
    for a in range(m):
        for b in range(a + 1, m):
            tau[a, b] = tau[b, a] = kendalltau(ranks[a], ranks[b]).statistic
    return tau


def median_ms(job: Callable[[], object], repeats: int) -> float:
    """Gives the median wall time of `job` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    items, ballots = two_camp_ballots(np.random.default_rng(SEED))
    ranks = rank_table(items, ballots).ranks
    result = analyse_ranking(items, ballots)
    full_ms = median_ms(lambda: analyse_ranking(items, ballots), ANALYSIS_REPEATS)
    table = rank_table(items, ballots)
    chance_ms = median_ms(lambda: (random_rooms_for(table), agreement_map(table)), ANALYSIS_REPEATS)
    matrix_ms = median_ms(lambda: tau_b_matrix(ranks), ANALYSIS_REPEATS)
    loop_results: list[np.ndarray] = []
    loop_ms = median_ms(lambda: loop_results.append(scipy_loop(ranks)), LOOP_REPEATS)
    if not np.allclose(tau_b_matrix(ranks), loop_results[0]):
        raise SystemExit("the vectorised tau-b matrix differs from scipy.stats.kendalltau")
    print(
        f"{BALLOTS} ballots x {ITEMS} items; W = {result.concordance.w:.4f}; camps: "
        f"{[len(c.voters) for c in result.agreement.camps]}"
    )
    print(f"tau-b matrix, vectorised:        {matrix_ms:9.1f} ms (median of {ANALYSIS_REPEATS})")
    print(f"tau-b matrix, scipy double loop: {loop_ms:9.1f} ms (median of {LOOP_REPEATS})")
    print(
        "full analysis (W, Borda, Schulze, tau-b, clustering, camps, dissent, leave-one-out):",
        f"{full_ms:.1f} ms",
    )
    print(f"judging against random rooms (W, spread, clustered camps): {chance_ms:.1f} ms of it")
    print(f"tau-b matrix speed-up: {loop_ms / matrix_ms:.0f}x the scipy loop")
    print(f"ratio: scipy loop / full analysis = {loop_ms / full_ms:.1f}x (full analysis {full_ms:.0f} ms)")


if __name__ == "__main__":
    main()
