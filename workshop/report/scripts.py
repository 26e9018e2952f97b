"""Every script the room writes in, laid out for reportlab: right-to-left words in reading order, and
each run of characters in a font that has them.

reportlab shapes each word with HarfBuzz (joined Arabic, Devanagari clusters; a right-to-left word comes
out right to left) but, without ReportLab's own bidi package, keeps the words of a line in typed order.
So a line holding right-to-left text is put in display order word by word here, with python-bidi's
reference algorithm, and each word keeps its typed order for HarfBuzz to shape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from bidi import algorithm

RIGHT_TO_LEFT = {"R", "AL", "AN"}
# The reference algorithm predates the isolates (Unicode 6.3) and stops at them; as invisible controls they
# stand in as a boundary neutral, which it drops like the embedding controls.
ISOLATES = {"LRI", "RLI", "FSI", "PDI"}


def has_right_to_left(text: str) -> bool:
    """Tells whether the text holds any right-to-left letter (Arabic, Hebrew, ...)."""
    return any(unicodedata.bidirectional(ch) in RIGHT_TO_LEFT for ch in text)


def display_order(line: str) -> str:
    """Gives one line with its words in the order they are seen, left to right; each word as typed."""
    if not has_right_to_left(line):
        return line
    shown: list[str] = []
    word: list[str] = []  # a right-to-left word, seen reversed, turned back to typed order at its end
    for ch, level in _seen(line):
        if level % 2 and not ch.isspace():
            word.append(ch)
            continue
        shown += reversed(word)
        word = []
        shown.append(ch)
    shown += reversed(word)
    return "".join(shown)


def reads_right_to_left(text: str) -> bool:
    """Tells whether a paragraph is right to left: its first letter with a direction is (rule P2)."""
    return bool(algorithm.get_base_level(text))


def _seen(line: str) -> Iterator[tuple[str, int]]:
    """Gives the characters of a line in the order they are seen, each with its embedding level."""
    # The reference algorithm stops at a code point with no bidi class (unassigned); Unicode reads those as
    # left to right, so they stand in as "a" while the levels are worked out.
    stand_in = "".join(_stand_in(ch) for ch in line)
    storage: dict[str, Any] = algorithm.get_empty_storage()
    storage["base_level"] = algorithm.get_base_level(stand_in)
    storage["base_dir"] = ("L", "R")[storage["base_level"]]
    algorithm.get_embedding_levels(stand_in, storage)
    for position, char in enumerate(storage["chars"]):
        char["ch"] = line[position]
    for step in (
        algorithm.explicit_embed_and_overrides,
        algorithm.resolve_weak_types,
        algorithm.resolve_neutral_types,
        algorithm.resolve_implicit_levels,
        algorithm.reorder_resolved_levels,
    ):
        step(storage, False)
    return ((char["ch"], char["level"]) for char in storage["chars"])


def _stand_in(ch: str) -> str:
    kind = unicodedata.bidirectional(ch)
    return "\u200b" if kind in ISOLATES else ch if kind else "a"


def font_runs(text: str, font_for: Callable[[str], str | None]) -> list[tuple[str | None, str]]:
    """Gives the text cut into runs, each with the font to show it in (None: the paragraph's own).

    Spaces, marks (accents, Devanagari vowel signs) and joiners stay in the run before them, so a
    syllable is shaped in one font.
    """
    runs: list[tuple[str | None, str]] = []
    for ch in text:
        font = font_for(ch)
        joins = ch.isspace() or unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf")
        if runs and (joins or runs[-1][0] == font):
            runs[-1] = (runs[-1][0], runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def direction_runs(word: str) -> list[int]:
    """Gives where a word switches between right-to-left letters and the rest (digits, Latin): cut points.

    HarfBuzz draws a whole run in one direction, so "ב-2026" is shaped as "ב-" and "2026" apart; signs
    and spaces stay with the run before them.
    """
    cuts: list[int] = []
    side: bool | None = None
    for position, ch in enumerate(word):
        kind = unicodedata.bidirectional(ch)
        if kind in {"R", "AL"}:
            now = True
        elif kind in {"L", "EN", "AN"}:
            now = False
        else:
            continue
        if side is not None and now != side:
            cuts.append(position)
        side = now
    return cuts
