"""Keeping the objects a process already holds out of Python's garbage collections during long work.

A full collection walks every object of the process: with the app, its libraries and a workshop loaded
that takes 50-100 ms or more, and it comes round again and again while long work makes new objects. Only
the new objects can become garbage during such work, so the ones already there are set aside meanwhile.
A process forked while they are set aside (see report.drawing) keeps them aside too, so it neither walks
them nor copies the memory they sit in.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0


@contextmanager
def existing_objects_set_aside() -> Iterator[None]:
    """Keeps the objects that exist now out of garbage collections inside the block (blocks may overlap)."""
    global _holders
    with _lock:
        _holders += 1
        gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                gc.unfreeze()  # back to the oldest generation: garbage among them is collected again
