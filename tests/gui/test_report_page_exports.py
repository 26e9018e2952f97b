"""Report: beside the PDF, the deck of the chosen round and the workbook, written off the UI thread."""

from __future__ import annotations

from openpyxl import load_workbook
from pptx import Presentation
from PySide6.QtWidgets import QFileDialog

from tests.gui.pages_helpers import shown_with_findings, table_on
from workshop.model.views import REPORT, SETUP


def _choose(monkeypatch, target) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))


def test_the_report_page_offers_the_pdf_the_deck_and_the_workbook(window):
    page = shown_with_findings(window, REPORT)
    buttons = [page.export_button, page.deck_button, page.workbook_button]
    assert [button.text() for button in buttons] == [
        "Export strategy PDF...",
        "Export slide deck...",
        "Export workbook...",
    ]
    assert all(button.isVisible() and button.isEnabled() for button in buttons)


def test_the_deck_is_written_and_the_page_says_where_and_how_many_slides(
    window, qtbot, tmp_path, monkeypatch
):
    page = shown_with_findings(window, REPORT)
    _choose(monkeypatch, tmp_path / "board")
    page.deck_button.click()
    qtbot.waitUntil(lambda: "Saved" in page.outcome.text(), timeout=60_000)
    deck = Presentation(tmp_path / "board.pptx")
    assert str(tmp_path / "board.pptx") in page.outcome.text()
    assert f"{len(deck.slides)} slides" in page.outcome.text()


def test_the_workbook_is_written_with_the_rows_typed_in(window, qtbot, tmp_path, monkeypatch):
    table_on(window, SETUP, "team").add({"name": "Sales"})
    page = shown_with_findings(window, REPORT)
    _choose(monkeypatch, tmp_path / "data.xlsx")
    page.workbook_button.click()
    qtbot.waitUntil(lambda: "Saved" in page.outcome.text(), timeout=60_000)
    book = load_workbook(tmp_path / "data.xlsx")
    assert "Sales" in [row[1] for row in book["team"].iter_rows(min_row=2, values_only=True)]
    assert f"{len(book.sheetnames)} sheets" in page.outcome.text()
