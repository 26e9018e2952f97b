"""File > Import shows every problem of a refused file in one dialog whose list can be read and copied."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from workshop.model.importing import import_tasks
from workshop.model.views import entity_rows


def test_a_file_with_several_bad_cells_lists_them_all_in_a_dialog_and_imports_nothing(
    window, tmp_path, monkeypatch
):
    bad = tmp_path / "audit.csv"
    bad.write_text("title,redundancy,manual\nInvoices,Huge,maybe\nReports,7,yes\nArchive,high,partly\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    assert not window.files.import_csv("Tasks", import_tasks).wait()
    dialog = window.files.problems_dialog
    assert dialog is not None and dialog.isVisible()
    listed = dialog.text().splitlines()
    assert [line.split(": ")[0] for line in listed if ", line " in line] == [
        "audit.csv, line 2, column redundancy",
        "audit.csv, line 2, column manual",
        "audit.csv, line 3, column redundancy",
    ]
    assert "audit.csv was not imported" in dialog.heading.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.text()
    assert window.context.read(entity_rows, "task") == ()
