"""One worker for the store: while background work writes, an edit is refused with a sentence at once."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from tests.gui.pages_helpers import cells, table_on
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import WorkshopError
from workshop.model.views import AUDIT


def test_an_edit_while_an_import_holds_the_file_is_refused_with_a_sentence(window, qtbot, monkeypatch):
    context = window.context
    tasks = table_on(window, AUDIT, "task")
    tasks.add({"title": "Answer e-mails"})
    holding, may_finish = threading.Event(), threading.Event()
    store = context.store

    def work(report):
        with store.transaction() as session:  # the worker's own connection holds the write lock
            session.add(e.Task(title="Imported task"))
            session.flush()
            holding.set()
            may_finish.wait(10)

    task = context.in_background(
        window, "Importing tasks", work, holding="an import is running.", on_result=lambda _: None
    )
    assert holding.wait(10)
    # The edit must not even try the file: waiting on its lock would freeze the window for seconds.
    monkeypatch.setattr(store, "transaction", lambda: pytest.fail("an edit waited on the held file"))
    assert tasks.add({"title": "Plan routes"}) is None
    assert window.message_bar.text() == "Not saved – an import is running."
    assert "Busy: an import is running." in window.statusBar().currentMessage()
    with pytest.raises(WorkshopError, match="an import is running"):
        context.write(lambda s: ops.team_named(s, "Sales"))
    monkeypatch.undo()
    may_finish.set()
    assert task.wait()
    assert context.busy == "" and window.statusBar().currentMessage() == ""
    assert sorted(row[0] for row in cells(tasks)) == ["Answer e-mails", "Imported task"]
    tasks.add({"title": "Plan routes"})  # free again
    assert "Plan routes" in [row[0] for row in cells(tasks)]


def test_a_write_blocked_by_another_program_ends_in_a_sentence(store):
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(WorkshopError, match="busy with other work"), store.transaction() as session:
            session.execute(text("PRAGMA busy_timeout = 50"))  # the usual 5 s, shortened for the test
            ops.team_named(session, "Sales")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with store.reading() as session:
        assert session.query(e.Team).count() == 0


def test_a_chart_is_drawn_while_the_store_worker_is_busy(window, qtbot):
    from workshop.ui.pages.findings_page import gather
    from workshop.ui.widgets.chart_canvas import ChartCanvas

    context = window.context
    findings = gather(context.store, None, None)
    started, may_finish = threading.Event(), threading.Event()

    def long_job(report):
        started.set()
        may_finish.wait(60)

    task = context.in_background(window, "Exporting", long_job, on_result=lambda _: None)
    assert started.wait(10)
    chart = ChartCanvas("readiness")
    qtbot.addWidget(chart)
    chart.show()
    chart.show_findings(findings)
    try:
        # Drawing reads no file, so it never waits behind the store's jobs.
        qtbot.waitUntil(chart.drawn, timeout=30_000)
        assert not chart.canvas.pixmap().isNull() and task.running
    finally:
        may_finish.set()
    assert task.wait()
