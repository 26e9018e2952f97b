"""Numbers as people read them: rounded half up (5.25 -> 5.3, 4.75 -> 4.8) the same way everywhere.

Python's own formatting rounds the binary float (5.25 -> 5.2 but 4.75 -> 4.8), so two figures that look
alike on screen round differently in print. Here the float's shortest decimal text is rounded instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DASH = "–"  # what an unknown number reads as


def rounded(value: float | None, digits: int = 1, *, signed: bool = False) -> str:
    """Gives `value` with `digits` decimals, halves rounded away from zero; "–" when it is unknown.

    `signed` puts "+" before a positive number (a gap, a change); a result of zero never reads "-0.0".
    """
    if value is None or value != value:  # None or NaN
        return DASH
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "-∞"
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if exact == 0:
        exact = abs(exact)
    text = f"{exact:f}"
    return f"+{text}" if signed and exact > 0 else text
