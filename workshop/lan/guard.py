"""What keeps a ballot server safe on a shared network: the room code, the page's CSRF tokens, one-time
ballot forms, and limits on how fast one address may ask and how often it may guess.

Plain Python with an injectable clock, so each rule is tested without a server or a wait.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workshop.lockout import Lockout

# The letters and digits of the voter cards: nobody misreads them on a projector either.
ROOM_CODE_CHARACTERS = "ACDEFGHJKMNPQRTUVWXY34679"
ROOM_CODE_LENGTH = 8  # 25^8, about 1.5e11: out of reach of guessing at the rate limit below
REQUESTS_PER_WINDOW = (
    120  # a phone asks a handful of times per ballot; a room shares one address at most via NAT
)
WINDOW_SECONDS = 60.0
WRONG_ROOM_TRIES = 10  # wrong room codes per address per window before it must wait
FORMS_KEPT = 2_000  # one-time forms outstanding at once; the oldest are forgotten first


def new_room_code() -> str:
    return "".join(secrets.choice(ROOM_CODE_CHARACTERS) for _ in range(ROOM_CODE_LENGTH))


def typed_room_code(text: str) -> str:
    """Gives a room code as stored, whatever was typed around it: capitals, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def shown_room_code(code: str) -> str:
    """Gives "K7QM-X4TR": two groups of four, as shown on the screen and read aloud."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def same_secret(typed: str, secret: str) -> bool:
    return secrets.compare_digest(typed.encode("utf-8"), secret.encode("utf-8"))


@dataclass(frozen=True)
class Form:
    """A ballot handed to one voter: whose it is; used once."""

    voter_id: int
    issued_at: float


class Guard:
    """The server's memory of who asked what, safe to use from its threads. `clock` gives seconds."""

    def __init__(self, room_code: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.room_code = room_code
        self._clock = clock
        self._lock = threading.Lock()
        self._csrf: OrderedDict[str, float] = OrderedDict()
        self._forms: OrderedDict[str, Form] = OrderedDict()
        self._requests: dict[str, deque[float]] = {}
        self._wrong_rooms: dict[str, deque[float]] = {}
        self._code_lockouts: dict[tuple[str, int], Lockout] = {}

    # --- the room code ---
    def room_matches(self, typed: str) -> bool:
        return same_secret(typed_room_code(typed), self.room_code)

    def wrong_room(self, address: str) -> None:
        with self._lock:
            self._recent(self._wrong_rooms, address).append(self._clock())

    def guessing_rooms(self, address: str) -> bool:
        """Gives whether the address has tried too many wrong room codes lately."""
        with self._lock:
            return len(self._recent(self._wrong_rooms, address)) >= WRONG_ROOM_TRIES

    # --- how fast one address asks ---
    def admit(self, address: str) -> bool:
        """Counts a request; gives False when the address has asked too often in the last minute."""
        with self._lock:
            recent = self._recent(self._requests, address)
            if len(recent) >= REQUESTS_PER_WINDOW:
                return False
            recent.append(self._clock())
            return True

    def _recent(self, table: dict[str, deque[float]], address: str) -> deque[float]:
        times = table.setdefault(address, deque())
        while times and times[0] <= self._clock() - WINDOW_SECONDS:
            times.popleft()
        return times

    # --- CSRF: the token the page received, sent back with each POST ---
    def new_csrf(self) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._csrf[token] = self._clock()
            _forget_oldest(self._csrf)
        return token

    def csrf_known(self, token: str) -> bool:
        with self._lock:
            return bool(token) and token in self._csrf

    # --- one-time ballot forms ---
    def new_form(self, voter_id: int) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._forms[token] = Form(voter_id, self._clock())
            _forget_oldest(self._forms)
        return token

    def form(self, token: str) -> Form | None:
        """Gives the form, still unused, or None (never issued, forgotten, or already used)."""
        with self._lock:
            return self._forms.get(token)

    def use_form(self, token: str) -> bool:
        """Marks the form used; gives False when another request used it first."""
        with self._lock:
            return self._forms.pop(token, None) is not None

    # --- voter codes: a growing wait per address and voter after wrong tries ---
    def code_lockout(self, address: str, voter_id: int) -> Lockout:
        with self._lock:
            return self._code_lockouts.setdefault((address, voter_id), Lockout(self._clock))


def _forget_oldest(table: OrderedDict[str, Any]) -> None:
    while len(table) > FORMS_KEPT:
        table.popitem(last=False)
