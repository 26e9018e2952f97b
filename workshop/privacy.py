"""The privacy floor shared by every layer: no label, figure or number may single out a smaller group."""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TypeVar

Group = TypeVar("Group", bound=Hashable)

# Survey practice: a group of fewer than 3 people is never shown on its own, because a team mean (or a
# team name beside a ballot) could then be traced back to one person.
MIN_GROUP = 3


def secret_order(salt: str, *parts: object) -> str:
    """Gives a sort key for the parts that only a holder of the workshop's secret salt can work out.

    An unsalted hash of a round and a participant id can be computed by anyone holding an export, which
    maps "Manager B" back to a participant; a keyed hash (HMAC-SHA-256) cannot be without the salt.
    """
    message = ":".join(str(part) for part in parts).encode()
    return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()


def groups_safe_to_name(groups: Iterable[Group | None]) -> set[Group]:
    """Gives the groups (one entry per person) that may be named beside that person's data.

    A group is named only with at least MIN_GROUP people, and only when the people left unnamed are none
    or at least MIN_GROUP too: a reader who knows the teams would otherwise know that the one voter
    without a team is the lone Sales manager. When the rest is too small, nothing is named.
    """
    counts = Counter(groups)
    named = {group for group, count in counts.items() if group is not None and count >= MIN_GROUP}
    rest = sum(count for group, count in counts.items() if group not in named)
    return named if not 0 < rest < MIN_GROUP else set()
