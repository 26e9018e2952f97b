"""The window shown while the app opens a workshop, before the database and page libraries have loaded.

It needs nothing beyond Qt, so it appears as fast as any window can; the main window replaces it once
the workshop is read. With WORKSHOP_REPORT_FIRST_PAINT=1 the app writes a line to stderr when a window
first paints ("first paint" for this one, "shown" for the main window), which benchmarks/startup.py times.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QEventLoop, QObject, QSettings
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from workshop.ui.i18n import tr

APP_TITLE = "AI Strategy Workshop"
GEOMETRY_KEY = "window/geometry"
DEFAULT_SIZE = (1280, 800)
REPORT_PAINT_VARIABLE = "WORKSHOP_REPORT_FIRST_PAINT"
LONGEST_WAIT_FOR_PAINT_S = 0.5


class PaintWatcher(QObject):
    """Calls `then` once, after the watched widget's first paint."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            watched.removeEventFilter(self)
            self._then()
        return False


def when_painted(widget: QWidget, moment: str, then: Callable[[], None] | None = None) -> PaintWatcher:
    """Gives a watcher that at the widget's first paint reports `moment` (when asked to) and calls `then`."""

    def painted() -> None:
        if os.environ.get(REPORT_PAINT_VARIABLE) == "1":
            print(f"{moment} {time.perf_counter():.3f}", file=sys.stderr, flush=True)
        if then is not None:
            then()

    return PaintWatcher(widget, painted)


class OpeningWindow(QWidget):
    """A window with the app's title saying which workshop is being opened, where the main window will be."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setWindowTitle(tr(APP_TITLE))
        self._message = tr("Opening {file}...").format(file=name)
        self.setAccessibleName(self._message)
        saved = QSettings().value(GEOMETRY_KEY)
        if not isinstance(saved, QByteArray) or not self.restoreGeometry(saved):
            self.resize(*DEFAULT_SIZE)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Drawn rather than laid out in a label: Qt's alignment and text-format enums alone take longer
        # to load than this whole window, and a file name is shown as plain text this way.
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        metrics = painter.fontMetrics()
        x = (self.width() - metrics.horizontalAdvance(self._message)) // 2
        y = (self.height() + metrics.ascent() - metrics.descent()) // 2
        painter.drawText(x, y, self._message)

    def show_until_painted(self) -> None:
        """Shows the window and lets Qt paint it (waiting at most half a second for the screen)."""
        watcher = when_painted(self, "first paint")
        self.show()
        deadline = time.monotonic() + LONGEST_WAIT_FOR_PAINT_S
        # Timers wait for the app's own event loop: what was queued for after start-up runs after it.
        flags = (
            QEventLoop.ProcessEventsFlag.X11ExcludeTimers
            | QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
        )
        while not watcher.painted and time.monotonic() < deadline:
            QApplication.processEvents(flags, 20)
