"""The menus: undo and redo by name, projector mode, light and dark, help, copies, imports and exports."""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.gui.pages_helpers import edit, table_on
from workshop import __version__
from workshop.model.importing import import_participants
from workshop.model.store import open_workshop
from workshop.model.views import AUDIT, SETUP, entity_rows
from workshop.ui import app as app_module
from workshop.ui.context import WorkshopContext


def _menu_texts(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_menu_bar_has_file_edit_view_room_and_help(window):
    assert _menu_texts(window) == ["&File", "&Edit", "&View", "&Room", "&Help"]


def test_undo_and_redo_are_named_after_the_change_and_use_the_usual_keys(window):
    tasks = table_on(window, AUDIT, "task")
    tasks.add({"title": "Answer e-mails"})
    assert edit(tasks, 0, "Hours per week", "5")
    assert window.undo_action.text() == "&Undo Change hours per week of 'Answer e-mails'"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert [key.toString() for key in window.redo_action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Change hours per week of 'Answer e-mails'"
    assert window.status_text() == f"Saved to {window.context.store.path} – every change is saved at once"


def test_projector_mode_shows_body_text_at_20_points_or_more_and_back(window):
    normal = QApplication.font().pointSizeF()
    heading = window.page(SETUP).findChild(object, "phaseHeading")
    window.projector_action.trigger()
    assert window.projector_mode()
    assert QApplication.font().pointSizeF() >= 20
    assert heading.font().pointSizeF() > QApplication.font().pointSizeF()
    window.set_projector_mode(False)
    assert QApplication.font().pointSizeF() == normal
    assert [key.toString() for key in window.projector_action.shortcuts()] == ["F11", "Ctrl+Shift+P"]


def test_dark_colours_switch_the_palette_and_are_remembered(window, settings):
    window.theme_actions["dark"].trigger()
    dark = QApplication.palette()
    assert dark.color(QPalette.ColorRole.Window).lightness() < 60
    assert dark.color(QPalette.ColorRole.Text).lightness() > 200
    assert settings.value("view/theme") == "dark"
    window.theme_actions["light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_about_names_the_version_and_the_file(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda _p, _t, text: shown.append(text)))
    window.on_about_triggered()
    assert __version__ in shown[0] and str(window.context.store.path) in shown[0]


def test_the_shortcuts_dialog_lists_undo_redo_projector_and_table_keys(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text: shown.append(text)))
    window.on_shortcuts_triggered()
    for line in ("Ctrl+Z: Undo", "Ctrl+Y: Redo", "F11, Ctrl+Shift+P: Projector Mode", "Insert: add a row"):
        assert line in shown[0]


def test_save_a_copy_writes_another_workshop_and_keeps_working_in_this_one(window, tmp_path, monkeypatch):
    table_on(window, SETUP, "team").add({"name": "Sales"})
    target = tmp_path / "backup"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    task = window.files.on_save_copy_triggered()
    assert task is not None and task.wait()
    with open_workshop(tmp_path / "backup.workshop") as copy:
        assert [r.get("name") for r in WorkshopContext(copy).read(entity_rows, "team")] == ["Sales"]
    assert window.context.store.path.name == "room.workshop"
    said = window.statusBar().currentMessage()
    assert said == "Copy saved as backup.workshop; you keep working in this file"


def test_a_bad_import_says_file_and_line_and_changes_nothing(window, tmp_path, monkeypatch):
    bad = tmp_path / "people.csv"
    bad.write_text("name,team,role\nAna,Sales,manager\nBen,Sales,astronaut\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warned.append(text)))
    assert not window.files.import_csv("Participants", import_participants).wait()
    assert "people.csv" in warned[0] and "line 3" in warned[0] and "Nothing was imported" in warned[0]
    assert window.context.read(entity_rows, "participant") == ()


def test_a_good_import_shows_the_rows(window, tmp_path, monkeypatch):
    good = tmp_path / "people.csv"
    good.write_text("name,team,role\nAna,Sales,manager\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(good), "")))
    assert window.files.import_csv("Participants", import_participants).wait()
    people = table_on(window, SETUP, "participant")
    assert people.model.rowCount() == 1


def test_export_json_writes_the_workshop(window, tmp_path, monkeypatch):
    table_on(window, SETUP, "team").add({"name": "Sales"})
    target = tmp_path / "room.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.files.on_export_json_triggered().wait()
    assert "Sales" in json.dumps(json.loads(target.read_text(encoding="utf-8")))


def test_an_unexpected_error_says_nothing_was_lost(monkeypatch, qtbot):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        app_module.show_unexpected_error(*sys.exc_info())
    text, details = shown[0]
    assert text == "Something went wrong. Nothing you entered is lost – every change was already saved."
    assert "RuntimeError: boom" in details


def test_the_shortcut_list_names_the_audit_pages_own_keys_before_the_page_is_shown(window):
    from workshop.ui.pages.audit_page import PROMOTE_KEYS

    lines = window.shortcut_lines()
    assert f"{PROMOTE_KEYS}: make an opportunity of the selected ideas (Audit & Discovery)" in lines
    assert "Tab: next cell" not in " ".join(lines)  # a table is one Tab stop; the arrow keys move in it
