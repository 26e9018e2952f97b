"""Slow work (PDF export, imports, analysis of big workshops) run off the UI thread, with a progress dialog.

The work runs on Qt's thread pool; its progress, result or error come back through signals, which Qt
delivers on the UI thread, so the handlers may touch widgets. The window keeps painting meanwhile.
Quiet work (a page's charts catching up while the facilitator types) shows no dialog, which would take
the keyboard: a line in the window's status bar says it is under way.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QStatusBar, QWidget
from shiboken6 import isValid

from workshop.memory import existing_objects_set_aside
from workshop.model.errors import WorkshopError
from workshop.ui.i18n import tr

Report = Callable[[str, float], None]  # what is being done, share done 0..1
Work = Callable[[Report], Any]
SHOW_DIALOG_AFTER_MS = 400  # quick work finishes before a dialog would flash up
STEPS = 1000
# Work may report hundreds of times a second; the window hears of it at most this often. Each report costs
# the busy UI thread several hand-overs of Python's lock, and a backlog of them would freeze the window.
REPORT_EVERY_S = 0.05


class Cancelled(Exception):
    """Raised inside the work when the facilitator pressed Cancel; nothing of it was saved."""


def expected(error: BaseException) -> bool:
    """Gives whether the error is the user's problem (a bad file, a full disk), not a fault of the app."""
    return isinstance(error, WorkshopError | OSError)


def explain(error: BaseException) -> str:
    """Gives a sentence for an error from background work: the user's problem, or what broke."""
    if expected(error):
        return str(error)
    return tr("An unexpected error stopped it ({kind}: {error}).").format(
        kind=type(error).__name__, error=error
    )


class _Signals(QObject):
    progress = Signal(str, float)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Job(QRunnable):
    """Runs the work once on a pool thread and reports through its signals."""

    def __init__(self, work: Work, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Task keeps it until its signals are handled
        self.work = work
        self.signals = signals
        self.cancel_requested = False
        self._last_told = -REPORT_EVERY_S

    def report(self, what: str, share: float) -> None:
        if self.cancel_requested:
            raise Cancelled
        moment = time.monotonic()
        if moment - self._last_told >= REPORT_EVERY_S:
            self._last_told = moment
            self._tell("progress", what, share)

    def run(self) -> None:
        try:
            # Collections walking the whole app would hold Python's lock here: the window would stall.
            with existing_objects_set_aside():
                result = self.work(self.report)
        except Cancelled:
            self._tell("cancelled")
        except Exception as error:  # every failure must reach the facilitator as a message
            self._tell("failed", error, traceback.format_exc())
        else:
            self._tell("finished", result)

    def _tell(self, signal: str, *args: object) -> None:
        """Emits one of the signals, unless the page that asked was closed while the work ran: then Qt has
        deleted the signals with it and nobody is left to tell."""
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:
            if isValid(self.signals):
                raise


class Task(QObject):
    """One piece of background work with its (delayed) progress dialog, or with a line in the status bar
    when it is quiet; `done` tells when it ended."""

    done = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Work,
        *,
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        cancellable: bool = False,
        quiet: bool = False,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.details = ""  # the traceback of an unexpected error, for the error dialog
        self.title = title
        self.window = parent
        self.on_result = on_result
        self.on_error = on_error or self.show_error
        self.running = True
        self.succeeded = False
        # Owned by the job, not by this task: the work may outlive a window closed meanwhile, and it must
        # still have something to report to (with nobody listening any more).
        self.signals = _Signals()
        self.job = _Job(work, self.signals)
        self.dialog = None if quiet else self._progress_dialog(cancellable)
        self.status_line = ""  # what the status bar says of quiet work, while it says it
        if quiet:
            QTimer.singleShot(SHOW_DIALOG_AFTER_MS, self, self._say_in_status_bar)
        self.signals.progress.connect(self.on_progress)
        self.signals.finished.connect(self.on_finished)
        self.signals.failed.connect(self.on_failed)
        self.signals.cancelled.connect(self.on_cancelled)

    def _progress_dialog(self, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(tr("{task}...").format(task=self.title), tr("Cancel"), 0, STEPS, self.window)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_DIALOG_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setValue(0)
        return dialog

    def start(self) -> Task:
        self.pool.start(self.job)
        return self

    def wait(self) -> bool:
        """Gives whether the work succeeded, after running the event loop until it ended."""
        # Not a nested QEventLoop: once the application has been asked to quit (e.g. its last window
        # closed), every new event loop returns at once, while handling events here still works.
        while self.running:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        return self.succeeded

    def cancel(self) -> None:
        """Asks the work to stop at its next progress report."""
        self.job.cancel_requested = True

    def _status_bar(self) -> QStatusBar | None:
        main = self.window.window()
        return main.statusBar() if isinstance(main, QMainWindow) else None

    def _say_in_status_bar(self) -> None:
        """Says that quiet work still runs, unless it ended or the status bar already says something (what
        holds the file, say), which matters more."""
        bar = self._status_bar()
        if self.running and bar is not None and not bar.currentMessage():
            self.status_line = tr("{task}…").format(task=self.title)
            bar.showMessage(self.status_line)

    def _clear_status_bar(self) -> None:
        bar = self._status_bar()
        if self.status_line and bar is not None and bar.currentMessage() == self.status_line:
            bar.clearMessage()
        self.status_line = ""

    def on_progress(self, what: str, share: float) -> None:
        if self.dialog is None:
            return
        self.dialog.setLabelText(tr(what))
        self.dialog.setValue(round(max(0.0, min(share, 1.0)) * (STEPS - 1)))

    def on_finished(self, result: Any) -> None:
        self.succeeded = True
        self._end()
        self.on_result(result)

    def on_failed(self, error: BaseException, details: str) -> None:
        self._end()
        if not expected(error):
            # A fault of the app: its traceback goes where a maintainer looks, and into the dialog.
            self.details = details
            sys.stderr.write(details)
        self.on_error(explain(error))

    def on_cancelled(self) -> None:
        self._end()

    def _end(self) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
        self._clear_status_bar()
        self.done.emit()

    def show_error(self, sentence: str) -> None:
        title = tr("{task} failed").format(task=self.title)
        text = tr("{reason}\n\nNothing you entered is lost; the workshop file is as it was.").format(
            reason=sentence
        )
        if not self.details:
            QMessageBox.warning(self.window, title, text)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setDetailedText(self.details)  # "Show Details..." holds the traceback for a bug report
        box.exec()


def run_in_background(
    parent: QWidget,
    title: str,
    work: Work,
    *,
    on_result: Callable[[Any], None],
    on_error: Callable[[str], None] | None = None,
    cancellable: bool = False,
    quiet: bool = False,
    pool: QThreadPool | None = None,
) -> Task:
    """Gives the started task running `work(report)` off the UI thread; results come back on the UI thread.

    A `quiet` task shows no progress dialog, only a line in the status bar. `pool` is where it runs: the
    open workshop's worker (WorkshopContext.in_background) for work on the store, Qt's shared pool
    otherwise."""
    task = Task(
        parent,
        title,
        work,
        on_result=on_result,
        on_error=on_error,
        cancellable=cancellable,
        quiet=quiet,
        pool=pool,
    )
    return task.start()
