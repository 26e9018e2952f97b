"""Background work: its result comes back on the UI thread, and a window closed meanwhile breaks nothing."""

from __future__ import annotations

import gc
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from workshop.ui.tasks import _Job, _Signals, run_in_background


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


def test_an_unexpected_error_in_background_work_keeps_its_traceback(qtbot, capfd, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    window = QWidget()
    qtbot.addWidget(window)

    def work(report):
        return {}["a key the work expected"]

    task = run_in_background(window, "Counting", work, on_result=lambda _: None)
    assert not task.wait()
    ((text, details),) = shown
    assert text.startswith("An unexpected error stopped it (KeyError:")
    assert "Traceback" in details and "a key the work expected" in details and "in work" in details
    assert "in work" in capfd.readouterr().err


def test_a_users_problem_in_background_work_is_one_sentence_without_a_traceback(qtbot, capfd, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from workshop.model.errors import WorkshopError

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warned.append(text)))
    window = QWidget()
    qtbot.addWidget(window)

    def work(report):
        raise WorkshopError("the file is not a CSV file.")

    assert not run_in_background(window, "Importing", work, on_result=lambda _: None).wait()
    assert warned == [
        "the file is not a CSV file.\n\nNothing you entered is lost; the workshop file is as it was."
    ]
    assert "Traceback" not in capfd.readouterr().err


def test_quiet_work_leaves_the_keyboard_where_it_is_and_says_so_in_the_status_bar_only(qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QProgressDialog

    window = QMainWindow()
    typing = QLineEdit()
    window.setCentralWidget(typing)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    typing.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is typing)
    may_finish = threading.Event()

    def work(report):
        report("Drawing", 0.5)
        may_finish.wait(10)
        return "drawn"

    results: list[object] = []
    task = run_in_background(window, "Drawing the charts", work, on_result=results.append, quiet=True)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Drawing the charts…")
    qtbot.keyClicks(typing, "still typing")
    assert window.findChildren(QProgressDialog) == []
    assert QApplication.focusWidget() is typing and typing.text() == "still typing"
    may_finish.set()
    assert task.wait() and results == ["drawn"]
    assert window.statusBar().currentMessage() == ""


def test_quiet_work_does_not_hide_what_the_status_bar_already_says(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from workshop.ui.tasks import SHOW_DIALOG_AFTER_MS

    window = QMainWindow()
    qtbot.addWidget(window)
    window.statusBar().showMessage("Busy: importing ballots")
    may_finish = threading.Event()
    task = run_in_background(
        window, "Drawing", lambda report: may_finish.wait(10), on_result=print, quiet=True
    )
    qtbot.wait(SHOW_DIALOG_AFTER_MS + 100)  # past the moment a quiet line would be shown
    assert window.statusBar().currentMessage() == "Busy: importing ballots"
    may_finish.set()
    assert task.wait()
    assert window.statusBar().currentMessage() == "Busy: importing ballots"


@pytest.mark.parametrize("fails", [False, True], ids=["work ends", "work fails"])
def test_work_whose_asker_was_deleted_ends_quietly(fails):
    """The page that asked may be closed (and Qt deletes the signals with it) while the work runs."""

    def work(report):
        if fails:
            raise ValueError("the workshop was closed")
        return "done"

    signals = _Signals()
    job = _Job(work, signals)
    shiboken6.delete(signals)
    job.run()  # must neither raise nor print a traceback from the pool thread
