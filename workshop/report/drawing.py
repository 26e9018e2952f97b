"""The report's charts, drawn side by side in worker processes while the pages are laid out where safe.

Drawing the charts is most of an export's work. On Linux, a process that runs no other threads (the
`workshop export` command, scripts) forks one worker per processor, which inherit the findings instead
of receiving a copy, and hand back each chart as a finished vector drawing (drawn, written and read
back, see `vector`). The pages are laid out meanwhile; the charts are collected when the PDF is saved
(see `late`). Everywhere else (the app, which runs threads; other systems) the charts are drawn one by
one as the PDF is saved.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import get_context
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing

from .figures import ChartSource, chart_source

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

_WORKER_CHARTS: dict[str, ChartSource] = {}  # in a worker process: what draws each chart it may be asked for


@contextmanager
def chart_drawings(
    findings: WorkshopFindings, keys: Sequence[str], width: float, *, side_by_side: bool | None = None
) -> Iterator[dict[str, ChartSource]]:
    """Gives, for each chart key, what gives its drawing: side by side when `side_by_side` (None: when safe).

    Leaving the block ends the workers.
    """
    sources = {key: chart_source(key, findings, width) for key in keys}
    workers = min(len(keys), processors())
    if side_by_side is None:
        side_by_side = forking_is_safe()
    if not side_by_side or workers < 2:
        yield sources
        return
    with ProcessPoolExecutor(
        workers, mp_context=get_context("fork"), initializer=_WORKER_CHARTS.update, initargs=(sources,)
    ) as pool:
        futures = {key: pool.submit(_draw, key) for key in keys}  # in the order the report shows them
        yield {key: functools.partial(_drawing_of, futures[key], sources[key]) for key in keys}


def processors() -> int:
    """Gives how many processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def forking_is_safe() -> bool:
    """Gives whether this process can fork workers: Linux, one thread, and no Qt (which runs its own)."""
    return sys.platform == "linux" and threading.active_count() == 1 and "PySide6.QtCore" not in sys.modules


def _draw(key: str) -> Drawing:
    return _WORKER_CHARTS[key]()


def _drawing_of(future: Future[Drawing], source: ChartSource) -> Drawing:
    try:
        return future.result()
    except BrokenProcessPool:  # a worker died (killed, out of memory): draw the chart here instead
        return source()
