"""The sentences every surface states about a ranking round: true to the ballots, complete, one numbering."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workshop.analysis.alignment import analyse_ranking
from workshop.analysis.consensus import place_rows
from workshop.analysis.ranking import RankingBallot
from workshop.headlines import p_text, plain, ranking_headlines


def ballots(rows: list[list[float]], names: list[str] | None = None) -> tuple[list[str], list[RankingBallot]]:
    n = len(rows[0])
    items = names or [f"item {j + 1}" for j in range(n)]
    return items, [
        RankingBallot(f"manager {i + 1}", dict(zip(items, row, strict=True))) for i, row in enumerate(rows)
    ]


@given(st.floats(0, 1, allow_nan=False))
def test_a_p_value_is_never_written_in_scientific_notation(p):
    text = p_text(p)
    assert "e" not in text
    assert text == "p < 0.001" if p < 0.001 else text.startswith("p = ")


def test_places_are_standard_competition_ranking():
    assert place_rows((("a",), ("b", "c"), ("d",))) == [(1, "a"), (2, "b"), (2, "c"), (4, "d")]


def test_camp_head_counts_are_counts_of_ballots_that_put_the_item_first():
    # Two opposed camps of four; in the first, only three put item 1 first (one puts item 2 first).
    forward = [1, 2, 3, 4, 5, 6, 7, 8]
    backward = forward[::-1]
    rows = [forward, forward, forward, [2, 1, 3, 4, 5, 6, 7, 8], backward, backward, backward, backward]
    result = analyse_ranking(*ballots(rows))
    said = ranking_headlines(result)
    lines = [plain(line) for line in said.camps]
    assert lines[0].startswith("The room falls into 2 camps, a split clearer than chance")
    # Camps of equal size are numbered in either order; what each says must match its ballots.
    assert sorted(line.split(", ", 1)[1] for line in lines[1:]) == [
        "4 managers: 3 of them put item 1 first.",
        "4 managers: 4 of them put item 8 first.",
    ]


def test_when_the_methods_disagree_on_the_top_the_head_to_head_count_is_given():
    # A Condorcet winner ("b": ahead of "a" on 3 of 5 ballots) that loses on average place.
    rows = [
        [2, 1, 3, 4],
        [2, 1, 3, 4],
        [2, 1, 3, 4],
        [1, 4, 2, 3],
        [1, 4, 2, 3],
    ]
    result = analyse_ranking(*ballots(rows, ["a", "b", "c", "d"]))
    assert result.consensus.borda[0] != result.consensus.schulze[0]
    sentence = plain(ranking_headlines(result).top_methods)
    borda_top, schulze_top = result.consensus.borda[0][0], result.consensus.schulze[0][0]
    assert f"by average place {borda_top} leads; head to head {schulze_top} leads" in sentence
    assert "on 3 ballots and behind it on 2" in sentence


def test_partial_ballots_are_counted_and_named_in_the_headlines():
    items = [f"item {j + 1}" for j in range(6)]
    full = [RankingBallot(f"manager {i}", {item: k + 1 for k, item in enumerate(items)}) for i in range(3)]
    short = [RankingBallot(f"short {i}", {"item 1": 1, "item 2": 2}) for i in range(3)]
    said = ranking_headlines(analyse_ranking(items, full + short))
    assert plain(said.partial).startswith("3 of 6 ballots rank only some opportunities")
    assert "read the order below its top with care" in said.partial


def test_random_ballots_are_not_called_agreed_and_the_order_not_settled():
    rng = np.random.default_rng(5)
    rows = [list(rng.permutation(8) + 1.0) for _ in range(6)]
    said = ranking_headlines(analyse_ranking(*ballots(rows)))
    assert not said.settled
    assert "<b>no better than chance</b>" in said.agreement
    assert "not a settled priority" in said.agreement
    assert said.divides == ("No opportunity divides the managers more than chance alone would.",)


def test_every_item_that_divides_the_room_is_listed_most_divided_first():
    # Half the room puts items 1-3 in its first places, the other half in its last places (1 vs 12,
    # 2 vs 11, 3 vs 10); the rest follow one order. Items 1 and 2 spread beyond chance, item 3 does not.
    n, m = 12, 20
    rows = []
    for i in range(m):
        split = [1, 2, 3] if i % 2 else [n, n - 1, n - 2]
        rows.append([*split, *(p for p in range(1, n + 1) if p not in split)])
    said = ranking_headlines(analyse_ranking(*ballots(rows)))
    assert said.divides_items == ("item 1", "item 2")
    assert [plain(line) for line in said.divides] == [
        "item 1: the room is split into two sides: 10 of 20 managers put it in their top third, "
        "10 in their bottom third.",
        "item 2: the room is split into two sides: 10 of 20 managers put it in their top third, "
        "10 in their bottom third.",
    ]


def test_names_are_escaped_in_the_sentences():
    rows = [[1, 2, 3, 4]] * 3 + [[4, 3, 2, 1]] * 3
    result = analyse_ranking(*ballots(rows, ["<b>a</b>", "b & c", "d", "e"]))
    said = ranking_headlines(result)
    text = " ".join([said.agreement, *said.divides, *said.camps])
    assert "<b>a</b>" not in text.replace("&lt;b&gt;a&lt;/b&gt;", "")


def test_a_split_into_pairs_is_said_without_showing_a_camp_of_two():
    # Two opposed pairs: a split clearer than chance, but a camp of two would show what two people chose.
    forward = list(range(1, 9))
    result = analyse_ranking(*ballots([forward, forward, forward[::-1], forward[::-1]]))
    assert result.agreement.camp_p is not None and result.agreement.camp_p <= 0.05
    assert result.agreement.camps == ()
    assert ranking_headlines(result).camps == (
        "The managers split more clearly than chance would, but into groups too small to show "
        "(camps are shown from 3 managers).",
    )
