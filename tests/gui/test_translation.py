"""Everything the facilitator sees most follows an installed translation; no text call skips tr()."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workshop.model.views import AUDIT, HINTS, PHASES
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow

UI_FOLDER = Path(__file__).resolve().parents[2] / "workshop" / "ui"
# Calls whose text arguments a person reads; for QMessageBox only the title and the text count.
TEXT_CALLS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QToolButton", "QGroupBox", "QAction",
    "setText", "setWindowTitle", "addMenu", "setToolTip", "setPlaceholderText", "setAccessibleName",
    "addRow", "showMessage", "page_label",
}  # fmt: skip
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}
# Literal text that is no sentence: HTML around a translated text, symbols and a digit's stand-in.
ALLOWED = {"<b>{}</b>", "-", "+00:00"}


def _shouting(source: str) -> str:
    return re.sub(r"(\{[^}]*\})|([^{]+)", lambda m: m.group(1) or m.group(2).upper(), source)


class Shouting(QTranslator):
    """Capitals for the words, while {placeholders} stay as a real translation keeps them."""

    def translate(self, context, source, disambiguation=None, n=-1):
        # Qt's own texts stay as they are ("" would count as a translation to nothing).
        return _shouting(source) if context == "workshop" else source


@pytest.fixture
def shouting_window(store, settings, qtbot, monkeypatch):
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(WorkshopContext(store), settings)
        qtbot.addWidget(window)
        window.show()
        yield window
        window.close()
    finally:
        QCoreApplication.removeTranslator(translator)


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _untranslated(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value) and node.value not in ALLOWED
    if isinstance(node, ast.JoinedStr):
        pattern = "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)
        return pattern not in ALLOWED
    if isinstance(node, ast.BinOp):
        return _untranslated(node.left) or _untranslated(node.right)
    return False


def untranslated_texts(source: str) -> list[str]:
    """Gives 'line: call' for each literal text handed straight to a text-setting call."""
    found = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        name = _called_name(call)
        arguments: list[ast.expr] = [*call.args, *(k.value for k in call.keywords if k.arg == "text")]
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        if name in MESSAGE_BOXES and isinstance(receiver, ast.Name) and receiver.id == "QMessageBox":
            arguments = call.args[1:3]
        elif name not in TEXT_CALLS:
            continue
        found += [f"{call.lineno}: {ast.unparse(a)}" for a in arguments if _untranslated(a)]
    return found


def test_the_scan_finds_literal_text_and_accepts_translated_text():
    source = (
        'QLabel("Hello")\nbutton.setText(f"Add {noun}")\nQMessageBox.warning(self, "Oops", tr("Fine"))\n'
        'QLabel(tr("Fine"))\nx.setText(tr("{n} rows").format(n=3))\nx.setText("")\n'
        'QLabel(f"<b>{tr(h)}</b>")\n'
    )
    assert untranslated_texts(source) == ["1: 'Hello'", "2: f'Add {noun}'", "3: 'Oops'"]


def test_no_window_text_is_set_without_the_translation_helper():
    found = {
        str(path.relative_to(UI_FOLDER)): texts
        for path in sorted(UI_FOLDER.rglob("*.py"))
        if (texts := untranslated_texts(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_headings_hints_columns_status_and_titles_follow_the_translation(shouting_window, monkeypatch):
    window = shouting_window
    for phase in PHASES:
        window.select_phase(phase)
        page = window.page(phase)
        assert (page.heading, page.hint) == (_shouting(phase), _shouting(HINTS[phase]))
    assert [window.navigation.item(row).text() for row in range(len(PHASES))] == [
        _shouting(p) for p in PHASES
    ]
    tasks = window.page(AUDIT).tables["task"]
    headings = [
        tasks.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tasks.model.columnCount())
    ]
    assert "HOURS PER WEEK" in headings and all(h == h.upper() for h in headings)
    assert tasks.title.text() == "CURRENT TASKS"
    assert window.status_text() == f"SAVED TO {window.context.store.path} - EVERY CHANGE IS SAVED AT ONCE"
    assert window.windowTitle().endswith(" - AI STRATEGY WORKSHOP")
    titles = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, title, _t: titles.append(title)))
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda _p, title, *_: (titles.append(title), ("", ""))[1]),
    )
    window.on_shortcuts_triggered()
    window.on_new_triggered()
    assert titles == ["KEYBOARD SHORTCUTS", "NEW WORKSHOP"]
