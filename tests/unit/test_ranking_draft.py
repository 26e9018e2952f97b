"""Typing places on the ballot always gives the ranking the voter typed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.ui.ballot.draft import RankingDraft


@given(st.permutations(range(1, 13)), st.permutations(range(1, 13)))
def test_typing_every_wanted_place_in_the_neutral_order_gives_that_ranking(neutral, wanted_places):
    draft = RankingDraft(neutral)
    wanted = dict(zip(neutral, wanted_places, strict=True))
    item = neutral[0]
    for _ in neutral:
        draft.place(item, wanted[item])
        item = draft.next_to_type(item)
    assert draft.ranks() == wanted


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
