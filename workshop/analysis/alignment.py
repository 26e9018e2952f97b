"""How far the managers agree: Kendall's W, who agrees with whom (camps), and which items divide them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import squareform
from scipy.stats import chi2

from workshop.analysis.consensus import Consensus, Tiers, borda_tiers, consensus, mean_ranks
from workshop.analysis.ranking import RankingBallot, RankTable, rank_table, tie_sums
from workshop.wording import tr

SMALL_SAMPLE_BALLOTS = 5
SMALL_SAMPLE_ITEMS = 8
DEFAULT_DISSENT_THRESHOLD = 0.3
DEFAULT_CAMP_MARGIN = 0.25
DEFAULT_MAX_CAMPS = 4
DEFAULT_POLAR_SHARE = 0.2


@dataclass(frozen=True)
class Concordance:
    """Kendall's W with its chi-square test, or W None and a reason when it cannot be computed."""

    ballots: int
    items: int
    w: float | None
    chi_square: float | None = None
    df: int | None = None
    p_value: float | None = None
    reason: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeaveOneOut:
    """W without one ballot; a positive `change` means this ballot pulls agreement down."""

    voter: str
    w_without: float | None
    change: float | None


@dataclass(frozen=True)
class Camp:
    """A group of ballots that agree with each other clearly more than with the rest of the room."""

    voters: tuple[str, ...]
    within_agreement: float
    agreement_with_rest: float
    consensus: Tiers


@dataclass(frozen=True, eq=False)
class AgreementMap:
    """Pairwise Kendall tau-b between ballots, rows and columns in clustering order, and the camps."""

    voters: tuple[str, ...]
    tau: np.ndarray = field(repr=False)
    camps: tuple[Camp, ...]


@dataclass(frozen=True)
class ItemSpread:
    """How one item was ranked across the room and whether it divides the room."""

    item: str
    mean_rank: float
    sd: float | None
    iqr: float
    spread: float
    dissent: bool
    polarised: bool


@dataclass(frozen=True, eq=False)
class RankingAnalysis:
    """Everything a facilitator shows after a ranking round."""

    items: tuple[str, ...]
    ballots: int
    complete_ballots: int
    empty_voters: tuple[str, ...]
    concordance: Concordance
    consensus: Consensus
    agreement: AgreementMap
    spreads: tuple[ItemSpread, ...]
    leave_one_out: tuple[LeaveOneOut, ...]
    table: RankTable  # every ballot's mid-ranks, for charts of how each item was ranked


def analyse_ranking(
    items: Sequence[str],
    ballots: Sequence[RankingBallot],
    *,
    dissent_threshold: float = DEFAULT_DISSENT_THRESHOLD,
    camp_margin: float = DEFAULT_CAMP_MARGIN,
) -> RankingAnalysis:
    """Gives the full analysis of a ranking round: W, consensus orders, camps, disconnects, leave-one-out."""
    table = rank_table(items, ballots)
    return RankingAnalysis(
        items=table.items,
        ballots=table.ballot_count,
        complete_ballots=table.complete_count,
        empty_voters=table.empty_voters,
        concordance=kendalls_w(table),
        consensus=consensus(table),
        agreement=agreement_map(table, camp_margin=camp_margin),
        spreads=item_spreads(table, dissent_threshold=dissent_threshold),
        leave_one_out=leave_one_out(table),
        table=table,
    )


def kendalls_w(table: RankTable) -> Concordance:
    """Gives Kendall's W corrected for ties, chi-square = m(n-1)W with df = n-1, and its p-value.

    W = 12 S / (m^2 (n^3 - n) - m sum T), where S is the sum of squared deviations of the item rank
    sums from their mean m(n+1)/2 and T = sum(t^3 - t) over each ballot's groups of t tied items
    (Kendall & Babington Smith 1939; the tie correction as in Kendall 1948 and Siegel & Castellan 1988).
    """
    m, n = table.ballot_count, table.item_count
    if m < 2 or n < 2:
        return Concordance(m, n, None, reason=_too_little_reason(m, n))
    w = _w_from_sums(table.ranks.sum(axis=0), m, float(tie_sums(table.ranks).sum()))
    if w is None:
        return Concordance(
            m, n, None, reason=tr("every ballot ties all items, so there is no order to compare")
        )
    chi_square = m * (n - 1) * w
    return Concordance(
        ballots=m,
        items=n,
        w=w,
        chi_square=chi_square,
        df=n - 1,
        p_value=float(chi2.sf(chi_square, n - 1)),
        notes=_small_sample_notes(m, n),
    )


def leave_one_out(table: RankTable) -> tuple[LeaveOneOut, ...]:
    """Gives W recomputed without each ballot in turn, from the rank sums (no recomputation from scratch).

    Removing ballot i changes the rank sums to R - r_i and the tie total to sum T - T_i, so every
    leave-one-out W costs O(n) on top of one pass over the table.
    """
    m, n = table.ballot_count, table.item_count
    full = kendalls_w(table).w
    if m < 3 or n < 2:
        return tuple(LeaveOneOut(voter, None, None) for voter in table.voters)
    ties = tie_sums(table.ranks)
    sums_without = table.ranks.sum(axis=0)[None, :] - table.ranks
    centred = sums_without - (m - 1) * (n + 1) / 2
    spread = np.einsum("ij,ij->i", centred, centred)
    denominators = (m - 1) ** 2 * (n**3 - n) - (m - 1) * (ties.sum() - ties)
    results = []
    for voter, s, denominator in zip(table.voters, spread, denominators, strict=True):
        w = _clamp01(12 * float(s) / float(denominator)) if denominator > 0 else None
        change = None if w is None or full is None else w - full
        results.append(LeaveOneOut(voter, w, change))
    return tuple(results)


def tau_b_matrix(ranks: np.ndarray) -> np.ndarray:
    """Gives the matrix of Kendall tau-b between every two ballot rows, in one matrix product.

    For each pair of items a ballot says ahead (+1), behind (-1) or tied (0). Between two ballots,
    concordant minus discordant pairs is the dot product of those sign vectors, and the pairs not
    tied in a ballot are its count of non-zero signs: tau-b = (C - D) / sqrt(untied_a * untied_b).
    The signs and sums are small integers, exact in float32. A ballot tying every item has no
    order; its agreement with others is reported as 0 (scipy would give NaN) and with itself as 1.
    """
    m, n = ranks.shape
    first, second = np.triu_indices(n, k=1)
    signs = np.sign(ranks[:, first] - ranks[:, second]).astype(np.float32)
    concordance = (signs @ signs.T).astype(np.float64)
    untied = np.abs(signs).sum(axis=1, dtype=np.float64)
    scale = np.sqrt(np.outer(untied, untied))
    tau = np.divide(concordance, scale, out=np.zeros((m, m)), where=scale > 0)
    np.fill_diagonal(tau, 1.0)
    return np.clip(tau, -1.0, 1.0)


def agreement_map(
    table: RankTable, *, camp_margin: float = DEFAULT_CAMP_MARGIN, max_camps: int = DEFAULT_MAX_CAMPS
) -> AgreementMap:
    """Gives the tau-b matrix ordered by average-linkage clustering on 1 - tau, and the camps found.

    Camp rule: the tree is cut into k = 2..max_camps groups. A group is a camp when it has at least
    two ballots and its mean within-group tau-b exceeds its mean tau-b with everyone else by at
    least `camp_margin` (0.25 on tau's -1..1 scale: clearly more than chance wobble for typical
    rounds). The cut that puts the most ballots into camps wins; on a draw the cut with more camps
    wins, since each of its camps already stands clearly apart from the rest of the room. When no
    cut gives a camp, the room is one camp and no camps are reported.
    """
    tau = tau_b_matrix(table.ranks)
    if table.ballot_count < 3:
        return AgreementMap(table.voters, tau, ())
    tree = linkage(squareform(1.0 - tau, checks=False), method="average")
    order = leaves_list(tree)
    camps = _best_camps(table, tau, tree, camp_margin, max_camps)
    ordered = tau[np.ix_(order, order)]
    ordered.setflags(write=False)
    return AgreementMap(tuple(table.voters[k] for k in order), ordered, camps)


def item_spreads(
    table: RankTable,
    *,
    dissent_threshold: float = DEFAULT_DISSENT_THRESHOLD,
    polar_share: float = DEFAULT_POLAR_SHARE,
) -> tuple[ItemSpread, ...]:
    """Gives per item the mean rank, SD, IQR, normalised spread and the dissent and polarised flags.

    - sd: sample standard deviation of the item's mid-ranks (None with fewer than 2 ballots).
    - spread: population SD divided by its largest possible value (n-1)/2, which is reached when
      half the room puts the item first and half puts it last; so 0 = everyone agrees, 1 = split.
    - dissent: spread above `dissent_threshold` (default 0.3).
    - polarised: at least `polar_share` (default 20%) of ballots put the item in the top third
      (mid-rank <= n/3) and at least as many put it in the bottom third (mid-rank > 2n/3). Needs n >= 3.
    """
    ranks, n, m = table.ranks, table.item_count, table.ballot_count
    if m == 0:
        return ()
    means = mean_ranks(ranks)
    population_sd = ranks.std(axis=0)
    max_sd = (n - 1) / 2
    q75, q25 = np.percentile(ranks, [75, 25], axis=0)
    top = (ranks <= n / 3).mean(axis=0)
    bottom = (ranks > 2 * n / 3).mean(axis=0)
    polarised = (top >= polar_share) & (bottom >= polar_share) & (n >= 3)
    spreads = []
    for j, item in enumerate(table.items):
        spread = float(population_sd[j] / max_sd) if max_sd > 0 else 0.0
        spreads.append(
            ItemSpread(
                item=item,
                mean_rank=float(means[j]),
                sd=float(ranks[:, j].std(ddof=1)) if m >= 2 else None,
                iqr=float(q75[j] - q25[j]),
                spread=min(spread, 1.0),
                dissent=spread > dissent_threshold,
                polarised=bool(polarised[j]),
            )
        )
    return tuple(spreads)


def _best_camps(
    table: RankTable, tau: np.ndarray, tree: np.ndarray, margin: float, max_camps: int
) -> tuple[Camp, ...]:
    best: tuple[Camp, ...] = ()
    for k in range(2, min(max_camps, table.ballot_count - 1) + 1):
        labels = fcluster(tree, t=k, criterion="maxclust")
        camps = [_camp_or_none(table, tau, labels == label, margin) for label in np.unique(labels)]
        found = tuple(sorted((c for c in camps if c is not None), key=lambda c: -len(c.voters)))
        if _camp_coverage(found) > _camp_coverage(best):
            best = found
    return best


def _camp_coverage(camps: tuple[Camp, ...]) -> tuple[int, int]:
    """Gives how many ballots the camps hold, then how many camps there are: the finer cut wins a draw."""
    return sum(len(c.voters) for c in camps), len(camps)


def _camp_or_none(table: RankTable, tau: np.ndarray, members: np.ndarray, margin: float) -> Camp | None:
    size = int(members.sum())
    if size < 2 or size == len(members):
        return None
    inside = tau[np.ix_(members, members)]
    within = float((inside.sum() - size) / (size * (size - 1)))
    with_rest = float(tau[np.ix_(members, ~members)].mean())
    if within - with_rest < margin:
        return None
    voters = tuple(v for v, keep in zip(table.voters, members, strict=True) if keep)
    return Camp(voters, within, with_rest, borda_tiers(table.items, mean_ranks(table.ranks[members])))


def _w_from_sums(rank_sums: np.ndarray, m: int, tie_total: float) -> float | None:
    n = rank_sums.shape[0]
    centred = rank_sums - m * (n + 1) / 2
    denominator = m**2 * (n**3 - n) - m * tie_total
    if denominator <= 0:
        return None
    return _clamp01(12 * float(centred @ centred) / denominator)


def _clamp01(value: float) -> float:
    # Only float rounding can push W a hair outside [0, 1]; the formula itself cannot.
    return min(1.0, max(0.0, value))


def _too_little_reason(m: int, n: int) -> str:
    if m < 2:
        return tr("not enough data: {count} ballot(s) counted; agreement needs at least 2").format(count=m)
    return tr("not enough data: {count} item(s); agreement needs at least 2 items to rank").format(count=n)


def _small_sample_notes(m: int, n: int) -> tuple[str, ...]:
    notes = []
    if m < SMALL_SAMPLE_BALLOTS:
        notes.append(
            tr(
                "only {count} ballots: read the p-value as a rough guide, the chi-square test needs more"
            ).format(count=m)
        )
    if n < SMALL_SAMPLE_ITEMS:
        notes.append(
            tr(
                "only {count} items: the chi-square approximation is rough below 8 items (exact tables exist)"
            ).format(count=n)
        )
    return tuple(notes)
