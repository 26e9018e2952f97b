"""Typing places on the ballot always gives the ranking the voter typed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.ui.ballot.draft import RankingDraft


@given(st.permutations(range(1, 13)), st.permutations(range(1, 13)))
def test_pressing_the_keys_in_the_wanted_order_gives_that_ranking(neutral, wanted):
    draft = RankingDraft(neutral)
    for item in wanted[:-1]:  # the last one takes the last place by itself
        assert draft.choose(draft.item_for_key(draft.key_of(item)))
    assert draft.complete
    assert draft.ranks() == {item: place for place, item in enumerate(wanted, 1)}


@given(st.permutations(range(1, 9)), st.lists(st.integers(1, 8), max_size=7, unique=True), st.data())
def test_taking_back_choices_restores_the_order_before_them(neutral, choices, data):
    draft = RankingDraft(neutral)
    before = []
    for item in choices:
        before.append(list(draft.order))
        draft.choose(item)
    for earlier in reversed(before[data.draw(st.integers(0, len(before))) :]):
        draft.undo_choice()
        assert draft.order == earlier


def test_a_top_k_draft_ranks_k_items_and_refuses_more():
    draft = RankingDraft([1, 2, 3, 4, 5], allow_ties=True, top_k=2)
    assert draft.ranks() == {1: 1, 2: 2}
    assert draft.choose(4) and draft.choose(5) and not draft.choose(1)
    assert draft.toggle_tie(5) and draft.ranks() == {4: 1, 5: 1}
    assert not draft.toggle_tie(1)  # below the top k nothing ties
    assert not draft.choose(4)  # a chosen item keeps its place


def test_ties_only_when_allowed_and_they_share_a_rank():
    strict, lenient = RankingDraft([1, 2, 3]), RankingDraft([1, 2, 3], allow_ties=True)
    assert strict.toggle_tie(2) is False
    assert lenient.toggle_tie(2) is True
    assert lenient.ranks() == {1: 1, 2: 1, 3: 3}
    lenient.place(3, 1)
    assert lenient.ranks() == {3: 1, 2: 2, 1: 3}  # moving breaks the tie of the items involved


def test_dragging_sets_the_order_and_clears_ties():
    draft = RankingDraft([1, 2, 3], allow_ties=True)
    draft.toggle_tie(3)
    draft.reorder([3, 1, 2])
    assert draft.ranks() == {3: 1, 1: 2, 2: 3}
