"""How far the managers agree: Kendall's W, who agrees with whom (camps), and which items divide them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform
from scipy.stats import chi2

from workshop.analysis import chance
from workshop.analysis.chance import EXACT, LEVEL, PERMUTATION, RandomRooms
from workshop.analysis.consensus import Consensus, Tiers, borda_tiers, consensus, mean_ranks
from workshop.analysis.ranking import RankingBallot, RankTable, rank_table, tie_sums
from workshop.privacy import MIN_GROUP
from workshop.wording import plural, tr

CHI_SQUARE = "chi-square"
CHI_SQUARE_FROM_BALLOTS = 10  # large rooms of complete ballots: the chi-square approximation is good there
DEFAULT_CAMP_MARGIN = 0.25
DEFAULT_MAX_CAMPS = 4
DEFAULT_POLAR_SHARE = 0.2
# What kind of disagreement an item that divides the room shows.
TWO_SIDES = "two sides"  # a real share of the room near the top and another near the bottom
ONE_APART = "one apart"  # one manager far from a room that otherwise agrees
WIDE = "wide"  # placed all over: more spread than chance, without two clear sides


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
    p_method: str = ""  # "exact", "permutation" or "chi-square"
    chance_w: float | None = None  # the W random ballots of this room's shape give on average (about 1/m)
    smallest_p: float | None = None  # the smallest p-value a room of this shape can reach (exact test)
    partial_ballots: int = 0

    @property
    def beyond_chance(self) -> bool | None:
        """Gives whether the agreement is beyond what chance alone gives (None when it cannot be told)."""
        if self.p_value is None or self.too_small_to_tell:
            return None
        return self.p_value <= LEVEL

    @property
    def too_small_to_tell(self) -> bool:
        """Gives whether even a room in perfect agreement of this shape could not be told from chance."""
        return self.smallest_p is not None and self.smallest_p > LEVEL


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
    camp_p: float | None = None  # how often random rooms split as clearly (None: too few ballots to test)


@dataclass(frozen=True)
class ItemSpread:
    """How one item was ranked across the room and whether it divides the room."""

    item: str
    mean_rank: float
    sd: float | None
    iqr: float
    spread: float
    dissent: bool  # the spread is beyond what chance gives the most spread item of a random room
    polarised: bool
    kind: str = ""  # for an item that divides the room: TWO_SIDES, ONE_APART or WIDE
    chance_spread: float | None = None  # the spread chance alone exceeds in 5% of random rooms


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
    dissent_threshold: float | None = None,
    camp_margin: float = DEFAULT_CAMP_MARGIN,
) -> RankingAnalysis:
    """Gives the full analysis of a ranking round: W, consensus orders, camps, disconnects, leave-one-out.

    Agreement, the items that divide the room and the camps are each judged against random rooms of
    the same shape (workshop/analysis/chance.py), drawn once and shared by the three judgements.
    `dissent_threshold`, when given, is a further floor on the spread of an item to flag.
    """
    table = rank_table(items, ballots)
    rooms = random_rooms_for(table)
    return RankingAnalysis(
        items=table.items,
        ballots=table.ballot_count,
        complete_ballots=table.complete_count,
        empty_voters=table.empty_voters,
        concordance=kendalls_w(table, rooms),
        consensus=consensus(table),
        agreement=agreement_map(table, camp_margin=camp_margin),
        spreads=item_spreads(table, rooms, dissent_threshold=dissent_threshold),
        leave_one_out=leave_one_out(table),
        table=table,
    )


def random_rooms_for(table: RankTable) -> RandomRooms | None:
    """Gives the statistics of random rooms shaped like this one, or None when there is nothing to compare."""
    m, n = table.ballot_count, table.item_count
    if m < 2 or n < 2 or chance.w_denominator(table.ranks) <= 0:
        return None  # too few ballots or items, or every ballot ties everything: no order to judge
    rng = chance.room_generator(table.ranks, table.ranked)
    return chance.simulate(table.ranks, table.ranked, chance.draws_for(m, n), rng)


def kendalls_w(table: RankTable, rooms: RandomRooms | None = None) -> Concordance:
    """Gives Kendall's W corrected for ties and its p-value against chance, with the method named.

    W = 12 S / (m^2 (n^3 - n) - m sum T), where S is the sum of squared deviations of the item rank
    sums from their mean m(n+1)/2 and T = sum(t^3 - t) over each ballot's groups of t tied items
    (Kendall & Babington Smith 1939; the tie correction as in Kendall 1948 and Siegel & Castellan 1988).
    The p-value: exact (every ordering enumerated) for the smallest rooms of complete ballots; the
    chi-square approximation m(n-1)W, df = n-1, for large rooms of complete ballots; otherwise a
    permutation test over random rooms that keep each ballot's ties and which items it ranked
    (Legendre 2005), which also respects partial ballots.
    """
    m, n = table.ballot_count, table.item_count
    if m < 2 or n < 2:
        return Concordance(m, n, None, reason=_too_little_reason(m, n))
    w = _w_from_sums(table.ranks.sum(axis=0), m, float(tie_sums(table.ranks).sum()))
    if w is None:
        return Concordance(
            m, n, None, reason=tr("every ballot ties all items, so there is no order to compare")
        )
    rooms = rooms or random_rooms_for(table)
    assert rooms is not None  # m >= 2 and n >= 2
    chi_square = m * (n - 1) * w
    p_method, p_value, smallest = _agreement_p(table, w, chi_square, rooms)
    partial = table.ballot_count - table.complete_count
    return Concordance(
        ballots=m,
        items=n,
        w=w,
        chi_square=chi_square,
        df=n - 1,
        p_value=p_value,
        notes=_partial_notes(partial, m),
        p_method=p_method,
        chance_w=float(rooms.w.mean()),
        smallest_p=smallest,
        partial_ballots=partial,
    )


def _agreement_p(
    table: RankTable, w: float, chi_square: float, rooms: RandomRooms
) -> tuple[str, float, float | None]:
    """Gives the method, the p-value and, for the exact test, the smallest p-value the room can reach."""
    m, n = table.ballot_count, table.item_count
    if chance.exact_orderings(table.ranks, table.ranked) is not None:
        null = chance.exact_w_null(table.ranks)
        return EXACT, chance.share_at_least(w, null), chance.share_at_least(float(null.max()), null)
    if table.complete_count == m and m >= CHI_SQUARE_FROM_BALLOTS and rooms.draws < chance.AGREEMENT_DRAWS:
        return CHI_SQUARE, float(chi2.sf(chi_square, n - 1)), None
    return PERMUTATION, chance.monte_carlo_p(w, rooms.w), None


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

    Clustering always finds clusters, so camps are reported only when the room splits more clearly
    than random rooms of its shape do. The split's strength at a cut of the tree into k groups is the
    mean tau-b between ballots in one group minus the mean tau-b between ballots in different groups;
    the room's strength is the best over k = 2..max_camps. Random rooms are clustered the same way,
    and the room has camps only when at most 5% of them split as clearly (a permutation test). The
    camps are then the groups of the best cut that hold at least two ballots and whose agreement
    inside beats their agreement with the rest by `camp_margin` or more.
    """
    tau = tau_b_matrix(table.ranks)
    if table.ballot_count < 4:
        return AgreementMap(table.voters, tau, ())
    tree = linkage(squareform(1.0 - tau, checks=False), method="average")
    order = leaves_list(tree)
    ordered = tau[np.ix_(order, order)]
    ordered.setflags(write=False)
    strength, labels = _best_split(tau, tree, max_camps)
    p_value = chance.monte_carlo_p(strength, _random_split_strengths(table, max_camps))
    camps: tuple[Camp, ...] = ()
    if p_value <= LEVEL:
        found = (_camp_or_none(table, tau, labels == label, camp_margin) for label in np.unique(labels))
        camps = tuple(sorted((c for c in found if c is not None), key=lambda c: -len(c.voters)))
    return AgreementMap(tuple(table.voters[k] for k in order), ordered, camps, p_value)


def item_spreads(
    table: RankTable,
    rooms: RandomRooms | None = None,
    *,
    dissent_threshold: float | None = None,
    polar_share: float = DEFAULT_POLAR_SHARE,
) -> tuple[ItemSpread, ...]:
    """Gives per item the mean rank, SD, IQR, normalised spread, and whether it divides the room.

    - sd: sample standard deviation of the item's mid-ranks (None with fewer than 2 ballots).
    - spread: population SD divided by its largest possible value (n-1)/2, which is reached when
      half the room puts the item first and half puts it last; so 0 = everyone agrees, 1 = split.
    - dissent: the spread is beyond chance: above what the most spread of all items reaches in 95%
      of random rooms of this shape (a max-statistic test, so testing every item at once raises no
      false alarms), and above `dissent_threshold` when one is given.
    - polarised: at least `polar_share` (default 20%) of ballots, and at least two, put the item in the
      top third (mid-rank <= n/3) and as many put it in the bottom third (mid-rank > 2n/3). Needs n >= 3.
    - kind, for an item that divides the room: TWO_SIDES when polarised; ONE_APART when, without the
      ballot farthest from the item's median place, its spread is no more than chance typically gives;
      WIDE otherwise.
    """
    ranks, n, m = table.ranks, table.item_count, table.ballot_count
    if m == 0:
        return ()
    rooms = rooms or random_rooms_for(table)
    means = mean_ranks(ranks)
    spread = np.minimum(chance.item_spread(ranks), 1.0) if n > 1 else np.zeros(n)
    polarised = _polarised(ranks, polar_share)
    cut = float(np.quantile(rooms.top_spread, 1 - LEVEL, method="higher")) if rooms else None
    typical = np.median(rooms.item_spread, axis=0) if rooms else None
    q75, q25 = np.percentile(ranks, [75, 25], axis=0)
    spreads = []
    for j, item in enumerate(table.items):
        dissent = cut is not None and spread[j] > cut and spread[j] > (dissent_threshold or 0.0)
        kind = ""
        if dissent:
            apart = typical is not None and _spread_without_farthest(ranks[:, j], n) <= typical[j]
            kind = TWO_SIDES if polarised[j] else ONE_APART if apart else WIDE
        spreads.append(
            ItemSpread(
                item=item,
                mean_rank=float(means[j]),
                sd=float(ranks[:, j].std(ddof=1)) if m >= 2 else None,
                iqr=float(q75[j] - q25[j]),
                spread=float(spread[j]),
                dissent=bool(dissent),
                polarised=bool(polarised[j]),
                kind=kind,
                chance_spread=cut,
            )
        )
    return tuple(spreads)


def _polarised(ranks: np.ndarray, polar_share: float) -> np.ndarray:
    """Gives per item whether a real share of the room puts it near the top and another near the bottom."""
    m, n = ranks.shape
    top = (ranks <= n / 3).sum(axis=0)
    bottom = (ranks > 2 * n / 3).sum(axis=0)
    floor = max(2.0, polar_share * m)
    return np.asarray((top >= floor) & (bottom >= floor) & (n >= 3))


def _spread_without_farthest(places: np.ndarray, n: int) -> float:
    """Gives an item's spread once the ballot farthest from its median place is set aside."""
    if places.size < 3:
        return 0.0
    farthest = int(np.argmax(np.abs(places - np.median(places))))
    return float(np.delete(places, farthest).std() / ((n - 1) / 2))


def _best_split(tau: np.ndarray, tree: np.ndarray, max_camps: int) -> tuple[float, np.ndarray]:
    """Gives the strength of the clearest cut of the tree (k = 2..max_camps) and its group labels."""
    best, best_labels = -np.inf, np.zeros(tau.shape[0], dtype=int)
    for labels in tree_cuts(tree, tau.shape[0], range(2, min(max_camps, tau.shape[0] - 1) + 1)):
        strength = split_strength(tau, labels)
        if strength > best:
            best, best_labels = strength, labels
    return float(best), best_labels


def tree_cuts(tree: np.ndarray, m: int, group_counts: range) -> list[np.ndarray]:
    """Gives the group labels of the tree cut into each number of groups (as fcluster's maxclust does).

    Cutting into k groups undoes the last k - 1 merges; replaying the merges once gives every cut,
    which for hundreds of random rooms is far cheaper than asking scipy for each cut.
    """
    wanted = set(group_counts)
    members: dict[int, list[int]] = {leaf: [leaf] for leaf in range(m)}
    labels = np.arange(m)
    cuts: dict[int, np.ndarray] = {}
    for step, (left, right) in enumerate(tree[:, :2].astype(int)):
        if m - step in wanted:
            cuts[m - step] = labels.copy()
        joined = members.pop(left) + members.pop(right)
        members[m + step] = joined
        labels[joined] = m + step
    return [cuts[k] for k in sorted(cuts)]


def split_strength(tau: np.ndarray, labels: np.ndarray) -> float:
    """Gives mean tau-b within groups minus mean tau-b between groups (-inf when no group has two)."""
    same = labels[:, None] == labels[None, :]
    upper = np.triu(np.ones(same.shape, dtype=bool), k=1)
    within, between = tau[same & upper], tau[~same & upper]
    if within.size == 0 or between.size == 0:
        return -np.inf
    return float(within.mean() - between.mean())


def _random_split_strengths(table: RankTable, max_camps: int) -> np.ndarray:
    """Gives the clearest split of each of a few hundred random rooms, clustered as the room is."""
    m, n = table.ballot_count, table.item_count
    rng = chance.room_generator(table.ranks, table.ranked)
    rooms = chance.random_rooms(table.ranks, table.ranked, chance.camp_draws_for(m, n), rng)
    strengths = np.empty(rooms.shape[0])
    for k, room in enumerate(rooms):
        tau = tau_b_matrix(room)
        tree = linkage(squareform(1.0 - tau, checks=False), method="average")
        strengths[k] = _best_split(tau, tree, max_camps)[0]
    return strengths


def _camp_or_none(table: RankTable, tau: np.ndarray, members: np.ndarray, margin: float) -> Camp | None:
    size = int(members.sum())
    if size < MIN_GROUP or size == len(members):
        return None  # a camp of two would show what two people, and only they, ranked first
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
        return plural(
            m,
            "not enough data: %n ballot counted; agreement needs at least 2",
            "not enough data: %n ballots counted; agreement needs at least 2",
        )
    return plural(
        n,
        "not enough data: %n item; agreement needs at least 2 items to rank",
        "not enough data: %n items; agreement needs at least 2 items to rank",
    )


def _partial_notes(partial: int, m: int) -> tuple[str, ...]:
    """Gives the note that some ballots rank only some items, and how that is counted."""
    if partial == 0:
        return ()
    return (
        plural(
            partial,
            "%n of {ballots} ballots ranks only some items: the items it left out count as tied for "
            "its last places, and chance is judged with the same items left out",
            "%n of {ballots} ballots rank only some items: the items they left out count as tied for "
            "their last places, and chance is judged with the same items left out",
        ).format(ballots=m),
    )
