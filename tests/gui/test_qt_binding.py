"""The Qt binding the app runs on must not leak or free references: PySide6 6.12.0 dropped one reference to
None on every call of a method that returns nothing, and a long workshop then aborts with
"Fatal Python error: none_dealloc"."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

CALLS = 2000


def test_calls_that_return_nothing_keep_none_alive(qapp):
    timer, label = QTimer(), QLabel()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        timer.stop()
        label.update()
        qapp.processEvents()
    # Other threads may take or drop a few references meanwhile; a broken binding loses thousands.
    assert sys.getrefcount(None) - before > -CALLS // 2
