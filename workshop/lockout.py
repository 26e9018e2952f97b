"""A growing wait after wrong tries at a PIN or a voter code, so nobody can try them all at the laptop."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

FREE_TRIES = 3  # a typo or two costs nothing
FIRST_WAIT = 5.0  # seconds after the third wrong try; each further wrong try doubles it


class Lockout:
    """Counts wrong tries; after the third, the next try waits 5 s, then 10, 20, 40... A right one resets.

    `clock` gives seconds (time.monotonic by default); tests hand in one they move themselves.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.wrong_tries = 0
        self._until = 0.0

    def seconds_left(self) -> int:
        """Gives the whole seconds until the next try is taken (0: a try is taken now)."""
        return max(0, math.ceil(self._until - self._clock()))

    @property
    def locked(self) -> bool:
        return self.seconds_left() > 0

    def refused(self) -> None:
        """Notes a wrong try; from the third on, the next try must wait."""
        self.wrong_tries += 1
        if self.wrong_tries >= FREE_TRIES:
            self._until = self._clock() + FIRST_WAIT * 2 ** (self.wrong_tries - FREE_TRIES)

    def passed(self) -> None:
        """Notes a right try: the count starts again."""
        self.wrong_tries, self._until = 0, 0.0
