"""Background work: its result comes back on the UI thread, and a window closed meanwhile breaks nothing."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from workshop.ui.tasks import run_in_background


def test_the_result_of_background_work_reaches_the_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    results: list[object] = []
    task = run_in_background(window, "Counting", lambda report: sum(range(10)), on_result=results.append)
    assert task.wait()
    assert results == [45]


def test_a_window_closed_while_its_work_runs_gets_no_error_from_the_work(qtbot, capfd):
    window = QWidget()
    may_finish, reported = threading.Event(), threading.Event()

    def work(report):
        may_finish.wait(5)
        report("Almost done", 0.9)
        reported.set()
        return "done"

    results: list[object] = []
    run_in_background(window, "Slow work", work, on_result=results.append)
    window.deleteLater()  # the facilitator closed the window; its task goes with it
    qtbot.waitUntil(lambda: not _alive(window))
    may_finish.set()
    assert reported.wait(5)
    qtbot.wait(50)  # let the finished signal arrive, if it still could
    assert results == []
    assert "Traceback" not in capfd.readouterr().err
    qtbot.waitUntil(lambda: gc.get_freeze_count() == 0)  # the app's objects are collected again


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True
