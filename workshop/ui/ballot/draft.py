"""A ranking being made on the ballot screen: the order, ties, and the choices typed so far.

Plain Python so the rules can be tested without a screen; the board widget only shows a draft.

Typing works without any waiting: each item has a key (A, B, C ... in the voter's neutral order) and the
voter presses the keys of the items in their order of preference. Each key puts its item at the next
place; the last item of a full ranking (or every item after the top k) then needs no key.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

KEYS = string.ascii_uppercase


class RankingDraft:
    """An order of item ids (best first), optionally with items tied to the one above them.

    `typed` counts the places chosen by key, from the top; a top-k draft ranks only its first k items.
    """

    def __init__(self, items: Sequence[int], *, allow_ties: bool = False, top_k: int | None = None) -> None:
        self.entry_order: tuple[int, ...] = tuple(items)  # the voter's neutral order; keys follow it
        self.order: list[int] = list(items)
        self.allow_ties = allow_ties
        self.top_k = top_k if top_k is not None and 1 <= top_k < len(items) else None
        self.typed = 0
        self._tied_to_above: set[int] = set()

    # --- what the voter sees ----------------------------------------------------------------------------
    @property
    def places(self) -> int:
        """Gives how many items get a place: the top k, or every item."""
        return self.top_k or len(self.order)

    @property
    def to_choose(self) -> int:
        """Gives how many choices the voter types: the top k, or all but the last, which follows."""
        return self.top_k or max(len(self.order) - 1, 0)

    @property
    def complete(self) -> bool:
        return self.typed >= self.to_choose

    def key_of(self, item: int) -> str:
        """Gives the item's key ("" past Z: such an item is moved by dragging or Ctrl+arrows)."""
        index = self.entry_order.index(item)
        return KEYS[index] if index < len(KEYS) else ""

    def item_for_key(self, key: str) -> int | None:
        index = KEYS.find(key.upper()) if len(key) == 1 else -1
        return self.entry_order[index] if 0 <= index < len(self.entry_order) else None

    def chosen(self) -> list[int]:
        """Gives the items placed by key so far, best first (as they now stand in the order)."""
        return self.order[: self.typed]

    def position_of(self, item: int) -> int:
        """Gives the item's place in the order, counting from 1."""
        return self.order.index(item) + 1

    def is_tied_to_above(self, item: int) -> bool:
        return item in self._tied_to_above

    def ranks(self) -> dict[int, int]:
        """Gives each placed item's rank: its place, or the rank of the item above when tied to it.

        Items below a top k are left out: stored as a partial ballot, they count as tied last.
        """
        ranks: dict[int, int] = {}
        previous = 0
        for place, item in enumerate(self.order[: self.places], 1):
            previous = previous if item in self._tied_to_above else place
            ranks[item] = previous
        return ranks

    # --- typing ----------------------------------------------------------------------------------------
    def choose(self, item: int) -> bool:
        """Puts the item at the next place to choose; gives False (and changes nothing) when all places
        are chosen or the item already has one of them."""
        if self.complete or item in self.chosen():
            return False
        self.order.remove(item)
        self.order.insert(self.typed, item)
        self._untie_from(self.typed)
        self.typed += 1
        return True

    def undo_choice(self) -> int | None:
        """Takes back the last choice: its item returns among the unchosen in the neutral order's place.

        Gives the item taken back, or None when nothing was chosen.
        """
        if self.typed == 0:
            return None
        self.typed -= 1
        item = self.order.pop(self.typed)
        after = self.entry_order.index(item)
        rest = self.order[self.typed :]
        spot = next((i for i, other in enumerate(rest) if self.entry_order.index(other) > after), len(rest))
        self.order.insert(self.typed + spot, item)
        self._untie_from(self.typed)
        return item

    def clear(self) -> None:
        """Starts again: the neutral order, nothing chosen, no ties."""
        self.order = list(self.entry_order)
        self.typed = 0
        self._tied_to_above.clear()

    # --- moving by hand --------------------------------------------------------------------------------
    def place(self, item: int, position: int) -> None:
        """Puts the item at `position`; the item there takes the moved item's old place (a swap)."""
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
        """Ties the item with the one above it (or unties it); gives whether it is now tied.

        Only placed items tie: the first has nothing above, and items below a top k are unranked.
        """
        if not self.allow_ties or not 1 < self.position_of(item) <= self.places:
            return False
        self._tied_to_above ^= {item}
        return item in self._tied_to_above

    def _untie_from(self, index: int) -> None:
        """Ends the ties of the items from `index` down: their neighbours above have changed."""
        self._tied_to_above -= set(self.order[index:])
