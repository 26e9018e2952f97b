"""Reading what a phone sent: strict checks of shape, sizes and numbers before anything reaches the model.

Each reader gives plain values or raises `Refused` with the HTTP status and one sentence for the voter.
The model checks the ballot's rules again (items on the ballot, ties, the top k, 100 points) inside the
transaction that stores it; these checks keep malformed or oversized input from getting that far.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workshop.model import entities as e
from workshop.model.ballots import POINTS_BUDGET, RATING_RANGE
from workshop.wording import tr

MAX_BODY_BYTES = 16_384  # a ballot of 200 opportunities is under 6 kB
MAX_ITEMS = 500
MAX_CODE_CHARACTERS = 40
MAX_ID = 2**53  # the largest integer every phone's JavaScript holds exactly


class Refused(Exception):
    """A request refused before anything changed: `status` for the reply, `sentence` for the voter."""

    def __init__(self, status: int, sentence: str) -> None:
        super().__init__(sentence)
        self.status = status
        self.sentence = sentence


@dataclass(frozen=True)
class SheetRequest:
    voter_id: int
    code: str


@dataclass(frozen=True)
class BallotRequest:
    form: str
    method: e.BallotMethod
    entries: Mapping[int, Any]  # rank, points, or (impact, effort) by opportunity id


def json_object(body: bytes) -> dict[str, Any]:
    """Gives the body as a JSON object; refuses one too large, not UTF-8, not JSON, or not an object."""
    if len(body) > MAX_BODY_BYTES:
        raise Refused(413, tr("The ballot is too large to be taken."))
    try:
        value = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(400, tr("The request could not be read. Reload the page and try again.")) from None
    if not isinstance(value, dict):
        raise Refused(400, tr("The request could not be read. Reload the page and try again."))
    return value


def _no_constant(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are not JSON numbers; Python's reader would take them


def sheet_request(body: Mapping[str, Any]) -> SheetRequest:
    _only_keys(body, {"voter", "code"}, required={"voter"})
    code = body.get("code", "")
    if not isinstance(code, str) or len(code) > MAX_CODE_CHARACTERS:
        raise Refused(400, tr("The code could not be read. Type the code on your card."))
    return SheetRequest(_identifier(body["voter"]), code)


def ballot_request(body: Mapping[str, Any]) -> BallotRequest:
    """Gives the form token and the entries of whichever kind of ballot the body holds."""
    kinds = {
        "ranks": e.BallotMethod.RANKING,
        "points": e.BallotMethod.POINTS,
        "ratings": e.BallotMethod.IMPACT_EFFORT,
    }
    present = [key for key in kinds if key in body]
    if len(present) != 1:
        raise Refused(400, tr("The ballot could not be read. Reload the page and vote again."))
    _only_keys(body, {"form", present[0]}, required={"form", present[0]})
    form = body["form"]
    if not isinstance(form, str) or not 0 < len(form) <= 64:
        raise Refused(400, tr("The ballot could not be read. Reload the page and vote again."))
    method = kinds[present[0]]
    raw = body[present[0]]
    if not isinstance(raw, dict) or len(raw) > MAX_ITEMS:
        raise Refused(400, tr("The ballot could not be read. Reload the page and vote again."))
    read = _rating if method is e.BallotMethod.IMPACT_EFFORT else _whole_number
    return BallotRequest(form, method, {_identifier(key): read(value) for key, value in raw.items()})


def _only_keys(body: Mapping[str, Any], allowed: set[str], *, required: set[str]) -> None:
    if not set(body) <= allowed or not required <= set(body):
        raise Refused(400, tr("The request could not be read. Reload the page and try again."))


def _identifier(value: object) -> int:
    """Gives an opportunity's or voter's id from a JSON number or a key holding one ("12")."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 16:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < MAX_ID:
        raise Refused(
            400, tr("The ballot names something that is not on it. Reload the page and vote again.")
        )
    return value


def _whole_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= POINTS_BUDGET * 10:
        raise Refused(400, tr("The ballot holds a number it cannot take. Reload the page and vote again."))
    return value


def _rating(value: object) -> tuple[float, float]:
    low, high = RATING_RANGE
    if not isinstance(value, list) or len(value) != 2:
        raise Refused(400, tr("Each opportunity needs an impact and an effort, from 1 to 5."))
    pair = tuple(float(v) for v in value if _is_number(v) and low <= v <= high and float(v).is_integer())
    if len(pair) != 2:
        raise Refused(400, tr("Each opportunity needs an impact and an effort, from 1 to 5."))
    return pair[0], pair[1]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def refuse_incomplete(request: BallotRequest, items: frozenset[int], top_k: int | None) -> None:
    """Refuses a ballot that names items off the voter's sheet, or leaves out some it must cover: a
    ranking places every item (or exactly its top k, from 1 to k), impact and effort rate every item."""
    named = set(request.entries)
    if not named <= items:
        raise Refused(
            400, tr("The ballot names something that is not on it. Reload the page and vote again.")
        )
    if request.method is e.BallotMethod.RANKING:
        places = top_k or len(items)
        if len(named) != places or any(not 1 <= rank <= places for rank in request.entries.values()):
            raise Refused(400, tr("Place every opportunity on your ballot, then cast it again."))
    elif request.method is e.BallotMethod.IMPACT_EFFORT and named != items:
        raise Refused(400, tr("Each opportunity needs an impact and an effort, from 1 to 5."))
