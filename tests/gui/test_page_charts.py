"""Every chart of the PDF is also on the page where its data lives, drawn by the same builder."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.pages_helpers import column_of, edit, shown_with_findings, table_on
from workshop.charts.catalogue import alt_text, chart_by_key
from workshop.charts.titles import TITLES
from workshop.model.views import ALIGNMENT, AUDIT, FEEDBACK, WORKFLOWS

PAGE_CHARTS = [
    (AUDIT, "audit_candidates"),
    (WORKFLOWS, "pilot_timeline"),
    (FEEDBACK, "caution_flags"),
    (ALIGNMENT, "consensus"),
    (ALIGNMENT, "rank_distribution"),
]


@pytest.mark.parametrize(("phase", "key"), PAGE_CHARTS)
def test_the_page_shows_the_chart_with_the_catalogues_title_and_alt_text(demo_window, phase, key):
    page = shown_with_findings(demo_window, phase)
    chart = page.charts[key]
    assert chart.isVisibleTo(page)
    assert chart.title == TITLES[key]
    assert chart.alt_text() == alt_text(chart_by_key(key), page.findings)
    assert chart.alt_text()
    assert chart.numbers().rows  # the numbers behind the chart are there on request


def test_the_audit_chart_follows_an_edit_once_typing_pauses_and_the_table_keeps_the_keyboard(
    demo_window, qtbot
):
    page = shown_with_findings(demo_window, AUDIT)
    tasks = table_on(demo_window, AUDIT, "task")
    demo_window.activateWindow()
    tasks.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tasks.view)
    assert edit(tasks, 0, "Task", "Answer every e-mail about shipments")
    assert not page.findings_ready()  # the chart waits for a pause, the table shows the edit at once
    assert tasks.view.model().index(0, column_of(tasks, "Task")).data() == (
        "Answer every e-mail about shipments"
    )
    shown_with_findings(demo_window, AUDIT)
    charted = [candidate.title for candidate in page.findings.candidates]
    assert "Answer every e-mail about shipments" in charted
    assert QApplication.focusWidget() is tasks.view
