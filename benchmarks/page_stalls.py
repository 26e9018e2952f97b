"""How long each page's first visit (and the reveal) holds up the window, against an empty page.

A timer beats every 5 ms on the UI thread; the longest gap between beats while a page is first shown, until
its background work (findings, charts) has finished and the window has rested a moment, is the worst
stall a facilitator would feel. The floor is the same measure for an empty page shown in the same run.

The run opens a demo workshop made in a temporary folder, as the app does: the window is shown first and
the heavy libraries start loading in the background (the first row), then every phase's page is visited
once, in order, then the reveal of the ranking round and of the 100-point round's chart.

Run: python benchmarks/page_stalls.py   (offscreen; the goal is at most 100 ms per page)
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from workshop.model.demo import POINTS_ROUND, RANKING_ROUND, create_demo
from workshop.model.views import PHASES
from workshop.ui import app as app_module
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.tasks import Task

BEAT_MS = 5
REST_S = 0.25  # after the work ends: painting what arrived counts too
GOAL_MS = 100
LONGEST_WAIT_S = 120


class Heartbeat:
    """Records the longest gap between beats of a 5 ms timer on the UI thread."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = 0.0
        self._timer = QTimer(interval=BEAT_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.on_beat)

    def on_beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def measure(self, action: Callable[[], None], finished: Callable[[], bool]) -> float:
        """Gives the longest gap in seconds while `action` runs and until `finished()`, then a short rest."""
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()
        action()
        deadline = time.monotonic() + LONGEST_WAIT_S
        while not finished():
            if time.monotonic() > deadline:
                raise TimeoutError("the page never finished its work")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        rest = QEventLoop()
        QTimer.singleShot(round(REST_S * 1000), rest.quit)
        rest.exec()
        self._timer.stop()
        return self.longest


def work_finished(window: MainWindow) -> bool:
    """Gives whether no background job of the window runs and every chart shows what it was given."""
    if any(task.running for task in window.findChildren(Task)):
        return False
    page = window.centralWidget()
    charts = [w for w in window.findChildren(QWidget) if hasattr(w, "show_findings") and hasattr(w, "key")]
    charts += [w for w in window.findChildren(QWidget) if callable(getattr(w, "drawn", None))]  # the reveal's
    # The code before charts were drawn off the UI thread has no `drawn`: its charts are drawn at once.
    return page is not None and all(getattr(chart, "drawn", lambda: True)() for chart in charts)


def start_up(heart: Heartbeat, window: MainWindow) -> float:
    """Gives the longest stall from showing the window until what the app then starts has finished."""
    start = getattr(app_module, "start_loading_libraries", None)  # None in the code from before it
    loading: list[Callable[[], bool]] = []

    def show() -> None:
        window.show()
        if start is not None:
            loading.append(start().finished)

    return heart.measure(show, lambda: all(finished() for finished in loading))


def show_empty_page(window: MainWindow) -> None:
    stack = window.findChild(QStackedWidget)
    assert stack is not None
    empty = QWidget()
    stack.addWidget(empty)
    stack.setCurrentWidget(empty)


def reveal(window: MainWindow, round_name: str, steps: int) -> Callable[[], None]:
    """Gives an action starting the round's reveal and, once it shows, going `steps` steps on."""

    def act() -> None:
        task = window.room_tools.start_reveal(round_name)
        task.wait()
        for _ in range(steps):
            view = window.room_tools.reveal
            assert view is not None
            view.show_step(view.step + 1)

    return act


def main() -> None:
    app = QApplication.instance() or QApplication([])
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        store = create_demo(Path(folder) / "demo.workshop")
        window = MainWindow(
            WorkshopContext(store), QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        )
        window.resize(1280, 800)
        heart = Heartbeat()
        rows.append(("start-up, libraries loading", start_up(heart, window)))
        empty = heart.measure(lambda: show_empty_page(window), lambda: work_finished(window))
        for phase in PHASES:
            stall = heart.measure(lambda p=phase: window.select_phase(p), lambda: work_finished(window))
            rows.append((f"first visit: {phase}", stall))
        for name, steps in ((RANKING_ROUND, 0), (POINTS_ROUND, 2)):
            stall = heart.measure(reveal(window, name, steps), lambda: work_finished(window))
            rows.append((f"reveal: {name}" + (" (its chart)" if steps else ""), stall))
            window.room_tools.leave_reveal()
            heart.measure(lambda: None, lambda: work_finished(window))  # the pages read the file again
        window.close()
        app.processEvents()
    print(f"empty page (floor): {empty * 1000:.0f} ms")
    for what, stall in rows:
        print(f"{what:<45} {stall * 1000:6.0f} ms  {stall / empty:5.1f}x the empty page")
    worst_what, worst = max(rows[1:], key=lambda row: row[1])
    print(f"worst stall {worst * 1000:.0f} ms ({worst_what}; goal <= {GOAL_MS} ms), {worst / empty:.1f}x")


if __name__ == "__main__":
    main()
