"""The QR code of the ballot address: a matrix of modules for the projector, text for a terminal."""

from __future__ import annotations

import io

import segno

QUIET_ZONE = 4  # modules of white around the code that scanners need


def _code(text: str) -> segno.QRCode:
    # An address in capitals fits QR's alphanumeric mode: fewer, larger modules, scanned from further back
    # (the scheme and an IP address ignore case, and so does the room code). Level M survives a glare spot.
    if text.isascii() and text.lower().startswith("http://"):
        text = text.upper()
    return segno.make_qr(text, error="m", boost_error=False)


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """Gives the dark (True) and light modules of the code, row by row, without the quiet zone."""
    return tuple(tuple(bool(module) for module in row) for row in _code(text).matrix)


def qr_terminal(text: str) -> str:
    """Gives the code drawn with block characters, two rows per line, for a phone to scan off a terminal."""
    out = io.StringIO()
    _code(text).terminal(out=out, compact=True, border=QUIET_ZONE)
    return out.getvalue()
