"""A ranking being made on the ballot screen: the order, ties, and where the keyboard cursor goes next.

Plain Python so the rules can be tested without a screen; the board widget only shows a draft.
"""

from __future__ import annotations

from collections.abc import Sequence


class RankingDraft:
    """An order of item ids (best first), optionally with items tied to the one above them."""

    def __init__(self, items: Sequence[int], *, allow_ties: bool = False) -> None:
        self.entry_order: tuple[int, ...] = tuple(items)  # the voter's neutral order; typing follows it
        self.order: list[int] = list(items)
        self.allow_ties = allow_ties
        self._tied_to_above: set[int] = set()

    def position_of(self, item: int) -> int:
        """Gives the item's place in the order, counting from 1."""
        return self.order.index(item) + 1

    def place(self, item: int, position: int) -> None:
        """Puts the item at `position`; the item there takes the moved item's old place (a swap).

        Swapping, not inserting, means typing each item's wanted place in turn always ends in exactly
        the ranking typed, whatever order the places are typed in.
        """
        if not 1 <= position <= len(self.order):
            raise ValueError(f"choose a place from 1 to {len(self.order)}")
        here, there = self.order.index(item), position - 1
        self.order[here], self.order[there] = self.order[there], self.order[here]
        # A tie is with the neighbour above: it ends for the swapped items and for those below them.
        below = {self.order[i + 1] for i in (here, there) if i + 1 < len(self.order)}
        self._tied_to_above -= {item, self.order[here], *below}

    def move(self, item: int, step: int) -> None:
        """Moves the item one place up (step -1) or down (step +1), if there is room."""
        target = self.position_of(item) + step
        if 1 <= target <= len(self.order):
            self.place(item, target)

    def reorder(self, order: Sequence[int]) -> None:
        """Takes a new order from dragging; ties are dropped since the neighbours changed."""
        if sorted(order) != sorted(self.order):
            raise ValueError("the new order must hold the same items")
        self.order = list(order)
        self._tied_to_above.clear()

    def toggle_tie(self, item: int) -> bool:
        """Ties the item with the one above it (or unties it); gives whether it is now tied."""
        if not self.allow_ties or self.position_of(item) == 1:
            return False
        self._tied_to_above ^= {item}
        return item in self._tied_to_above

    def is_tied_to_above(self, item: int) -> bool:
        return item in self._tied_to_above

    def next_to_type(self, item: int) -> int:
        """Gives the item after `item` in the voter's neutral order (wrapping), where typing goes next."""
        index = self.entry_order.index(item)
        return self.entry_order[(index + 1) % len(self.entry_order)]

    def ranks(self) -> dict[int, int]:
        """Gives each item's rank: its place, or the rank of the item above when tied to it."""
        ranks: dict[int, int] = {}
        previous = 0
        for place, item in enumerate(self.order, 1):
            previous = previous if item in self._tied_to_above else place
            ranks[item] = previous
        return ranks
