"""File > Export offers the strategy PDF, a slide deck and a workbook; each is written off the UI thread."""

from __future__ import annotations

from openpyxl import load_workbook
from pptx import Presentation
from PySide6.QtWidgets import QFileDialog

from tests.gui.pages_helpers import table_on
from workshop.model.views import SETUP


def _export_entries(window) -> list[str]:
    [exports] = [action.menu() for action in window.files.menu.actions() if action.text() == "&Export"]
    return [action.text() for action in exports.actions()]


def test_file_export_offers_the_pdf_a_deck_and_a_workbook(window):
    entries = _export_entries(window)
    assert {"&Strategy PDF...", "Slide &deck...", "Tables as a &workbook..."} <= set(entries)


def test_a_deck_chosen_without_its_ending_is_written_as_pptx_showing_the_workshop(
    window, tmp_path, monkeypatch
):
    chosen = tmp_path / "for the board"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    assert window.files.on_export_deck_triggered().wait()
    deck = Presentation(tmp_path / "for the board.pptx")
    cover = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert "Test workshop" in cover and "Acme" in cover


def test_the_workbook_holds_the_team_typed_in(window, tmp_path, monkeypatch):
    table_on(window, SETUP, "team").add({"name": "Sales"})
    target = tmp_path / "data.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.files.on_export_workbook_triggered().wait()
    names = [row[1] for row in load_workbook(target)["team"].iter_rows(min_row=2, values_only=True)]
    assert "Sales" in names
