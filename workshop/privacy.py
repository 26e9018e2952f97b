"""The privacy floor shared by every layer: no label, figure or number may single out a smaller group."""

from __future__ import annotations

import hashlib
import hmac

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
