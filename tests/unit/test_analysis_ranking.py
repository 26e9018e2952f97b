"""Ranking rounds: mid-ranks, Kendall's W, Borda and Schulze orders, agreement, camps, disconnects."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2, kendalltau

from workshop.analysis.alignment import (
    agreement_map,
    analyse_ranking,
    item_spreads,
    kendalls_w,
    leave_one_out,
    tau_b_matrix,
)
from workshop.analysis.consensus import consensus, method_disagreements, places
from workshop.analysis.ranking import RankingBallot, RankTable, mid_ranks, rank_table


def ballots_from_rows(items: list[str], rows: list[list[float]]) -> list[RankingBallot]:
    return [RankingBallot(f"voter {i + 1}", dict(zip(items, row, strict=True))) for i, row in enumerate(rows)]


def ballots_from_orders(groups: list[tuple[int, str]]) -> list[RankingBallot]:
    ballots = []
    for count, order in groups:
        for k in range(count):
            ballots.append(
                RankingBallot(f"{order} {k}", {item: place + 1 for place, item in enumerate(order)})
            )
    return ballots


# --- mid-ranks and partial ballots -------------------------------------------------------------


def test_equal_rank_numbers_are_ties_read_as_an_order():
    assert mid_ranks([1, 5, 5, 9]) == [1.0, 2.5, 2.5, 4.0]


def test_unranked_items_share_the_remaining_last_places():
    table = rank_table(["a", "b", "c", "d"], [RankingBallot("ann", {"b": 1})])
    assert table.ranks.tolist() == [[3.0, 1.0, 3.0, 3.0]]
    assert table.complete_count == 0


def test_complete_and_empty_ballots_are_reported():
    ballots = [
        RankingBallot("ann", {"a": 1, "b": 2}),
        RankingBallot("bob", {"a": 1}),
        RankingBallot("cy", {}),
    ]
    table = rank_table(["a", "b"], ballots)
    assert table.voters == ("ann", "bob")
    assert table.complete_count == 1
    assert table.empty_voters == ("cy",)


@pytest.mark.parametrize(
    ("ballot", "message"),
    [
        (RankingBallot("ann", {"zzz": 1}), "not in this round"),
        (RankingBallot("ann", {"a": 0}), "ranks start at 1"),
    ],
)
def test_bad_ballots_are_refused_with_the_voter_named(ballot, message):
    with pytest.raises(ValueError, match=message) as error:
        rank_table(["a", "b"], [ballot])
    assert "ann" in str(error.value)


@given(st.lists(st.one_of(st.none(), st.integers(1, 6)), min_size=1, max_size=12))
def test_mid_ranks_sum_to_n_n_plus_1_over_2_with_ties(numbers):
    n = len(numbers)
    assert sum(mid_ranks(numbers)) == pytest.approx(n * (n + 1) / 2)


# --- Kendall's W: published worked examples ------------------------------------------------------


def test_w_without_ties_matches_proofwiki_example():
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1":
    # https://www.proofwiki.org/wiki/Kendall%27s_Coefficient_of_Concordance/Examples/Arbitrary_Example_1
    # 4 judges rank X, Y, Z; rank sums 7, 9, 8; S = 2; W = 1/16.
    items = ["X", "Y", "Z"]
    rows = [[1, 3, 2], [1, 2, 3], [2, 3, 1], [3, 1, 2]]
    result = kendalls_w(rank_table(items, ballots_from_rows(items, rows)))
    assert result.w == pytest.approx(1 / 16)
    assert result.df == 2
    assert result.chi_square == pytest.approx(4 * 2 / 16)


def test_w_with_ties_matches_nag_g08daf_example():
    # NAG Library routine G08DAF (concordance_kendall), example program results:
    # https://support.nag.com/numeric/fl/nagdoc_fl26.2/examples/baseresults/g08dafe.r.html
    # 3 comparisons of 10 objects with tied ranks: "Kendall's coefficient = 0.828, Significance = 0.008".
    items = [f"object {j}" for j in range(1, 11)]
    rows = [
        [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
        [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
        [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
    ]
    result = kendalls_w(rank_table(items, ballots_from_rows(items, rows)))
    assert round(result.w, 3) == 0.828
    # NAG's significance is the chi-square approximation; three ballots get a permutation test instead.
    assert round(float(chi2.sf(result.chi_square, result.df)), 3) == 0.008
    assert result.p_method == "permutation" and result.p_value < 0.008
    assert result.df == 9


@pytest.mark.parametrize(
    ("items", "rows", "reason"),
    [
        (["a", "b", "c"], [[1, 2, 3]], "1 ballot"),
        (["a", "b", "c"], [], "0 ballot"),
        (["a"], [[1], [1], [1]], "1 item"),
    ],
)
def test_too_little_data_gives_no_w_and_a_reason(items, rows, reason):
    result = kendalls_w(rank_table(items, ballots_from_rows(items, rows)))
    assert result.w is None and result.p_value is None
    assert "not enough data" in result.reason and reason in result.reason


def test_ballots_tying_everything_give_no_w_instead_of_nan():
    items = ["a", "b", "c"]
    result = kendalls_w(rank_table(items, ballots_from_rows(items, [[1, 1, 1], [2, 2, 2]])))
    assert result.w is None and "ties all items" in result.reason


def test_the_p_value_method_follows_the_room_exact_permutation_or_chi_square():
    def method(m: int, n: int) -> str:
        items = [str(j) for j in range(n)]
        rows = [list(np.roll(np.arange(1, n + 1), i)) for i in range(m)]
        return kendalls_w(rank_table(items, ballots_from_rows(items, rows))).p_method

    assert (method(2, 5), method(3, 5), method(3, 10), method(8, 10), method(12, 60)) == (
        "exact",
        "exact",
        "permutation",
        "permutation",
        "chi-square",
    )


def test_partial_ballots_get_a_note_and_complete_rooms_none():
    items = [str(j) for j in range(10)]
    rows = [list(range(1, 11))] * 3
    partial = [*ballots_from_rows(items, rows), RankingBallot("short", {"0": 1, "1": 2})]
    assert kendalls_w(rank_table(items, ballots_from_rows(items, rows))).notes == ()
    (note,) = kendalls_w(rank_table(items, partial)).notes
    assert note.startswith("1 of 4 ballots ranks only some items")


ranking_rows = st.integers(2, 7).flatmap(
    lambda n: st.lists(st.lists(st.integers(1, n), min_size=n, max_size=n), min_size=2, max_size=8)
)


@given(ranking_rows)
def test_w_lies_between_0_and_1(rows):
    items = [f"i{j}" for j in range(len(rows[0]))]
    result = kendalls_w(rank_table(items, ballots_from_rows(items, rows)))
    assert result.w is None or 0.0 <= result.w <= 1.0


@given(st.permutations(list(range(1, 7))), st.integers(2, 9))
def test_identical_ballots_give_w_of_1(order, copies):
    items = [f"i{j}" for j in range(6)]
    result = kendalls_w(rank_table(items, ballots_from_rows(items, [list(order)] * copies)))
    assert result.w == pytest.approx(1.0)


@given(ranking_rows, st.randoms(use_true_random=False))
def test_w_ignores_the_order_of_participants_and_items(rows, random):
    items = [f"i{j}" for j in range(len(rows[0]))]
    ballots = ballots_from_rows(items, rows)
    shuffled_items = random.sample(items, len(items))
    shuffled_ballots = random.sample(ballots, len(ballots))
    before = kendalls_w(rank_table(items, ballots)).w
    after = kendalls_w(rank_table(shuffled_items, shuffled_ballots)).w
    assert (before is None and after is None) or before == pytest.approx(after)


# --- leave-one-out ------------------------------------------------------------------------------


@settings(max_examples=30)
@given(ranking_rows.filter(lambda rows: len(rows) >= 3))
def test_leave_one_out_equals_recomputing_without_the_ballot(rows):
    items = [f"i{j}" for j in range(len(rows[0]))]
    ballots = ballots_from_rows(items, rows)
    for k, dropped in enumerate(leave_one_out(rank_table(items, ballots))):
        expected = kendalls_w(rank_table(items, ballots[:k] + ballots[k + 1 :])).w
        assert (
            dropped.w_without == pytest.approx(expected)
            if expected is not None
            else dropped.w_without is None
        )


def test_the_odd_one_out_is_the_ballot_that_pulls_agreement_down():
    items = ["a", "b", "c", "d"]
    rows = [[1, 2, 3, 4]] * 4 + [[4, 3, 2, 1]]
    results = leave_one_out(rank_table(items, ballots_from_rows(items, rows)))
    worst = max(results, key=lambda r: r.change or 0.0)
    assert worst.voter == "voter 5" and worst.w_without == pytest.approx(1.0)


# --- consensus orders ---------------------------------------------------------------------------


def test_schulze_matches_the_wikipedia_45_voter_example():
    # Wikipedia, "Schulze method", section Example (45 voters, 5 candidates):
    # https://en.wikipedia.org/wiki/Schulze_method#Example - result E > A > C > B > D.
    ballots = ballots_from_orders(
        [
            (5, "ACBED"),
            (5, "ADECB"),
            (8, "BEDAC"),
            (3, "CABED"),
            (7, "CAEBD"),
            (2, "CBADE"),
            (7, "DCEBA"),
            (8, "EBADC"),
        ]
    )
    result = consensus(rank_table(list("ABCDE"), ballots))
    assert result.schulze == (("E",), ("A",), ("C",), ("B",), ("D",))


def test_borda_orders_by_mean_rank_and_ties_share_a_tier():
    items = ["a", "b", "c"]
    result = consensus(rank_table(items, ballots_from_rows(items, [[1, 2, 3], [2, 1, 3]])))
    assert result.borda == (("a", "b"), ("c",))
    assert result.mean_ranks == (1.5, 1.5, 3.0)


def test_disagreements_list_items_the_two_methods_place_differently():
    borda = (("a",), ("b",), ("c",))
    schulze = (("a",), ("c",), ("b",))
    assert [(d.item, d.borda_place, d.schulze_place) for d in method_disagreements(borda, schulze)] == [
        ("b", 2, 3),
        ("c", 3, 2),
    ]
    assert places((("a", "b"), ("c",))) == {"a": 1, "b": 1, "c": 3}


@given(
    st.integers(3, 6).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.permutations(list(range(1, n + 1))), min_size=1, max_size=9)
        )
    )
)
def test_a_condorcet_winner_always_tops_schulze(data):
    n, orders = data
    items = [f"i{j}" for j in range(n)]
    table = rank_table(items, ballots_from_rows(items, [list(o) for o in orders]))
    ahead = (table.ranks[:, :, None] < table.ranks[:, None, :]).sum(axis=0)
    winners = [x for x in range(n) if all(ahead[x, y] > ahead[y, x] for y in range(n) if y != x)]
    if winners:
        assert consensus(table).schulze[0] == (items[winners[0]],)


# --- who agrees with whom -----------------------------------------------------------------------


@settings(max_examples=40)
@given(st.integers(0, 2**32 - 1))
def test_tau_b_matrix_equals_scipy_kendalltau_on_data_with_ties(seed):
    rng = np.random.default_rng(seed)
    raw = rng.integers(1, 5, size=(6, 8)).astype(float)
    items = [f"i{j}" for j in range(8)]
    ranks = rank_table(items, ballots_from_rows(items, raw.tolist())).ranks
    tau = tau_b_matrix(ranks)
    for a in range(6):
        for b in range(6):
            expected = kendalltau(ranks[a], ranks[b]).statistic
            if np.isnan(expected):  # a ballot tying every item: no order, agreeing only with itself
                expected = 1.0 if a == b else 0.0
            assert tau[a, b] == pytest.approx(expected)


def two_camps() -> tuple[list[str], list[RankingBallot]]:
    items = [f"i{j}" for j in range(8)]
    forward, backward = list(range(1, 9)), list(range(8, 0, -1))
    rows = [forward] * 3 + [[*forward[:6], 8, 7]] + [backward] * 3 + [[7, 8, *backward[2:]]]
    return items, ballots_from_rows(items, rows)


def test_two_opposed_groups_are_found_as_two_camps_with_their_own_order():
    items, ballots = two_camps()
    result = agreement_map(rank_table(items, ballots))
    camps = sorted(result.camps, key=lambda c: c.voters)
    assert [c.voters for c in camps] == [
        ("voter 1", "voter 2", "voter 3", "voter 4"),
        ("voter 5", "voter 6", "voter 7", "voter 8"),
    ]
    assert camps[0].consensus[0] == ("i0",) and camps[1].consensus[0] == ("i7",)
    assert all(c.within_agreement - c.agreement_with_rest >= 0.25 for c in camps)


def test_a_room_in_agreement_has_no_camps():
    items = [f"i{j}" for j in range(8)]
    rows = [list(range(1, 9))] * 5 + [[2, 1, *range(3, 9)], [1, 2, 3, 4, 5, 6, 8, 7]]
    assert agreement_map(rank_table(items, ballots_from_rows(items, rows))).camps == ()


def test_agreement_rows_follow_the_clustering_order():
    items, ballots = two_camps()
    result = agreement_map(rank_table(items, ballots))
    first_camp = {f"voter {k}" for k in range(1, 5)}
    sides = [voter in first_camp for voter in result.voters]
    assert sides in ([True] * 4 + [False] * 4, [False] * 4 + [True] * 4)
    assert np.allclose(result.tau, result.tau.T) and np.allclose(np.diag(result.tau), 1.0)


# --- disconnects ---------------------------------------------------------------------------------


def test_spread_is_0_for_agreement_and_1_for_a_split_room_but_two_ballots_prove_nothing():
    items = ["a", "b", "c"]
    rows = [[1, 2, 3], [3, 2, 1]]
    spreads = {s.item: s for s in item_spreads(rank_table(items, ballots_from_rows(items, rows)))}
    assert spreads["a"].spread == pytest.approx(1.0) and spreads["b"].spread == 0.0
    # Two random ballots put some item first and last this often: no finding.
    assert not spreads["a"].dissent and spreads["a"].chance_spread == 1.0
    assert spreads["a"].mean_rank == 2.0 and spreads["a"].iqr == pytest.approx(1.0)
    assert spreads["a"].sd == pytest.approx(np.std([1, 3], ddof=1))


def split_item_room(m: int = 10, n: int = 8) -> RankTable:
    """Gives a room where half put item "a" first and half last; the other items in a shared order."""
    items = ["a", *(f"i{j}" for j in range(1, n))]
    rows = [[1, *range(2, n + 1)] if i % 2 else [n, *range(1, n)] for i in range(m)]
    return rank_table(items, ballots_from_rows(items, rows))


def test_an_item_half_the_room_puts_first_and_half_last_divides_it_into_two_sides():
    spreads = {s.item: s for s in item_spreads(split_item_room())}
    assert spreads["a"].dissent and spreads["a"].kind == "two sides"
    assert [s.item for s in spreads.values() if s.dissent] == ["a"]


def test_dissent_threshold_is_a_further_floor():
    table = split_item_room()
    assert not any(s.dissent for s in item_spreads(table, dissent_threshold=1.0))
    assert [s.item for s in item_spreads(table, dissent_threshold=0.5) if s.dissent] == ["a"]


def test_one_manager_far_from_a_room_in_agreement_is_told_apart_from_two_sides():
    items = [f"i{j}" for j in range(10)]
    rows = [list(range(1, 11))] * 7 + [list(range(10, 0, -1))]
    spreads = item_spreads(rank_table(items, ballots_from_rows(items, rows)))
    assert {s.kind for s in spreads if s.dissent} <= {"one apart"}
    assert not any(s.kind == "two sides" for s in spreads)


def test_full_analysis_reports_counts_and_all_parts():
    items, ballots = two_camps()
    result = analyse_ranking(items, [*ballots, RankingBallot("late", {})])
    assert (result.ballots, result.complete_ballots, result.empty_voters) == (8, 8, ("late",))
    assert result.concordance.w is not None and len(result.spreads) == 8 and len(result.leave_one_out) == 8
