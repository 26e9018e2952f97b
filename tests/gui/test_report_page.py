"""Report: sections with counts, warnings, the PDF exported in the background with a preview; the runner."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.pages_helpers import shown_with_findings
from tests.gui.rounds_helpers import voted_round
from workshop.model import ballots
from workshop.model.demo import RANKING_ROUND, create_demo
from workshop.model.views import REPORT
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.tasks import run_in_background


def _report(window: MainWindow):
    return shown_with_findings(window, REPORT)


def test_the_sections_of_the_pdf_are_listed_with_counts(demo_window, qtmodeltester):
    page = _report(demo_window)
    sections = dict(page.sections.table.rows)
    assert page.sections.table.rows[0][0] == "Executive summary"
    assert "Readiness" in sections and "Feedback & resistance" in sections
    assert "ballots" in sections["Priorities & alignment"]
    qtmodeltester.check(page.sections, force_py=True)


def test_an_empty_workshop_warns_what_is_missing(window):
    page = _report(window)
    assert "No readiness answers yet." in page.warnings.text()
    assert "no revealed ranking round" in dict(page.sections.table.rows)["Priorities & alignment"]


def test_the_pdf_is_exported_in_the_background_and_previewed(demo_window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "strategy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page = _report(demo_window)
    demo_window.files.on_export_pdf_triggered()
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=60_000)
    written = tmp_path / "strategy.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert page.last_export.pages > 3
    assert str(written) in page.outcome.text()
    assert f"It describes the ranking round '{RANKING_ROUND}'." in page.outcome.text()
    assert page.export_button.isEnabled()


def _page_drawn(qtbot, preview, number: int) -> None:
    """Waits until the preview shows that page drawn for the room it has now (layouts settle first)."""
    qtbot.waitUntil(lambda: preview.shown == (number, preview.room()), timeout=60_000)


def test_the_preview_shows_one_page_at_a_time_as_wide_as_the_view_and_larger_on_request(demo_window, qtbot):
    demo_window.resize(1280, 800)
    page = _report(demo_window)
    page.on_preview_clicked()
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=60_000)
    preview = page.preview
    assert preview.isVisibleTo(page)
    assert preview.where.text() == f"Page 1 of {page.last_export.pages}"
    assert not preview.previous.isEnabled() and preview.next.isEnabled()
    _page_drawn(qtbot, preview, 0)
    view = preview.area.viewport().width()
    fitted = preview.picture.pixmap().deviceIndependentSize().width()
    assert 0.8 * view <= fitted <= view  # fit width: the summary page fills the view, readable
    preview.next.click()
    assert preview.where.text() == f"Page 2 of {page.last_export.pages}"
    _page_drawn(qtbot, preview, 1)
    preview.zoom.setCurrentText("200%")
    _page_drawn(qtbot, preview, 1)
    assert preview.picture.pixmap().deviceIndependentSize().width() > view  # larger: scrolls inside
    # The scroll area makes room for the larger picture at its next layout pass.
    qtbot.waitUntil(lambda: preview.area.horizontalScrollBar().maximum() > 0)


def test_the_pdf_describes_the_round_being_discussed_or_the_one_chosen(demo_window, qtbot):
    store = demo_window.context.store
    round_id = voted_round(store, "Second look", people=False)
    with store.transaction() as s:
        ballots.reveal_round(s, round_id=round_id)
    demo_window.context.discuss(RANKING_ROUND)  # the room went back to the first round
    page = _report(demo_window)
    assert page.rounds.offered() == ["Second look", RANKING_ROUND]
    assert page.chosen_round() == RANKING_ROUND
    assert f"round '{RANKING_ROUND}'" in dict(page.sections.table.rows)["Priorities & alignment"]
    page.rounds.setCurrentText("Second look")
    page = _report(demo_window)
    assert "round 'Second look'" in dict(page.sections.table.rows)["Priorities & alignment"]
    page.on_preview_clicked()
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=60_000)
    assert page.last_export.ranking_round == "Second look"
    assert "It describes the ranking round 'Second look'." in page.outcome.text()


def test_a_failed_export_says_why_and_nothing_changed(demo_window, qtbot, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warned.append(text)))
    page = _report(demo_window)
    page.export_pdf(tmp_path / "no such folder" / "strategy.pdf")
    qtbot.waitUntil(lambda: bool(warned), timeout=60_000)
    assert "Nothing you entered is lost" in warned[0]
    assert "not written" in page.outcome.text()


class _Seen(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.events = 0

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            self.events += 1
            return True
        return super().event(event)


def test_the_window_keeps_handling_events_while_slow_work_runs(demo_window, qtbot):
    release = threading.Event()
    results = []
    seen = _Seen()

    def slow(report):
        report("Waiting", 0.5)
        release.wait(30)
        return threading.current_thread().name

    task = run_in_background(demo_window, "Slow work", slow, on_result=results.append)
    QCoreApplication.postEvent(seen, QEvent(QEvent.Type.User))
    qtbot.waitUntil(lambda: seen.events == 1)
    assert task.running and not results
    release.set()
    qtbot.waitUntil(lambda: bool(results))
    assert results[0] != threading.main_thread().name


def test_an_error_in_background_work_reaches_the_ui_thread_as_a_sentence(demo_window, qtbot):
    said = []

    def broken(_report):
        raise ValueError("the numbers do not add up")

    run_in_background(demo_window, "Broken work", broken, on_result=print, on_error=said.append)
    qtbot.waitUntil(lambda: bool(said))
    assert "ValueError: the numbers do not add up" in said[0]


def test_cancel_stops_work_at_its_next_progress_report(demo_window, qtbot):
    started, release = threading.Event(), threading.Event()
    results = []

    def long(report):
        started.set()
        release.wait(30)
        report("Still going", 0.9)
        return "finished"

    task = run_in_background(demo_window, "Long work", long, on_result=results.append, cancellable=True)
    started.wait(10)
    task.cancel()
    release.set()
    assert not task.wait()
    assert results == []


def test_the_sections_count_people_and_things_in_words_that_fit_the_count(tmp_path):
    from sqlalchemy import delete, func, select

    from workshop.findings import gather_findings
    from workshop.model import entities as e
    from workshop.ui.pages.report_page import section_rows

    with create_demo(tmp_path / "demo.workshop") as store:
        with store.transaction() as session:
            first = session.scalar(select(func.min(e.CapacityPlan.id)))
            session.execute(delete(e.CapacityPlan).where(e.CapacityPlan.id != first))
        with store.reading() as session:
            rows = dict(section_rows(gather_findings(session)))
    assert rows["Space & time"] == "1 capacity plan"
    assert rows["Feedback & resistance"] == "8 feedback notes, 7 caution flags, 8 actions"
    assert rows["Priorities & alignment"] == (
        "10 opportunities; round 'Opportunity ranking', 8 ballots, 10 opportunities"
    )


def test_characters_no_font_can_show_are_named_before_saving(tmp_path: Path, settings, qtbot):
    from sqlalchemy import select

    from workshop.model import entities as e

    store = create_demo(tmp_path / "scripts.workshop")
    with store.transaction() as session:
        task = session.scalars(select(e.Task)).first()
        # Every script shows; the private-use character cannot.
        task.notes = "数据分析 تحليل البيانات डेटा 🚀 and \ue000"
        name = task.title
    shown = MainWindow(WorkshopContext(store), settings)
    qtbot.addWidget(shown)
    shown.show()
    page = _report(shown)
    warnings = page.warnings.text()
    assert "\ue000" in warnings and name in warnings
    for shown_script in ("数", "ت", "ड", "🚀"):
        assert shown_script not in warnings
    shown.close()
