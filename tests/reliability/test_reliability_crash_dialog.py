"""An unexpected error inside the app is caught by the global hook: a dialog says nothing was lost and
gives the details, the document keeps every saved entry, and the app keeps working."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from reliability_support import integrity
from sqlalchemy import select

from workshop.model import entities as e
from workshop.ui import app
from workshop.ui.context import WorkshopContext


def _add_feedback(session, *, text: str) -> None:
    session.add(e.FeedbackItem(what_works=text))


def _feedback(session) -> list[str]:
    return list(session.scalars(select(e.FeedbackItem.what_works).order_by(e.FeedbackItem.id)))


# pytest-qt would take the error itself; here the app's own hook must.
@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_and_keeps_the_document(store, workshop_path, qtbot, monkeypatch):
    shown: list[tuple[str, str, str]] = []

    class RecordingBox(QMessageBox):
        def exec(self) -> int:
            shown.append((self.text(), self.informativeText(), self.detailedText()))
            return 0

    monkeypatch.setattr(app, "QMessageBox", RecordingBox)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.install_excepthook()
    context = WorkshopContext(store)

    def on_save_then_fail() -> None:
        context.write(_add_feedback, text="Entered before the error")
        with context.store.transaction() as session:
            session.add(e.FeedbackItem(what_works="Half of an action"))
            session.flush()
            raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, on_save_then_fail)
    qtbot.waitUntil(lambda: bool(shown))

    message, informative, details = shown[0]
    assert message == app.CRASH_MESSAGE
    assert "RuntimeError: a bug in a slot" in informative
    assert "the workshop file is intact" in informative
    assert "on_save_then_fail" in details and "Traceback" in details
    assert context.read(_feedback) == ["Entered before the error"]
    assert integrity(workshop_path) == ["ok"]
    context.write(_add_feedback, text="Entered after the error")  # the app keeps working
    assert context.read(_feedback) == ["Entered before the error", "Entered after the error"]
