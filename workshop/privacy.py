"""The privacy floor shared by every layer: no label, figure or number may single out a smaller group."""

from __future__ import annotations

# Survey practice: a group of fewer than 3 people is never shown on its own, because a team mean (or a
# team name beside a ballot) could then be traced back to one person.
MIN_GROUP = 3
