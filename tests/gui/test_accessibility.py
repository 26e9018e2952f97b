"""Every control a screen reader meets has a name; Tab starts at the phases; charts carry their numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QSlider,
    QWidget,
)

from workshop.model import ballots
from workshop.model.demo import create_demo
from workshop.model.views import PHASES
from workshop.ui.ballot.room import BallotRoom
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.widgets.chart_canvas import ChartCanvas

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QSlider)


@pytest.fixture
def demo_window(tmp_path, qtbot) -> Iterator[MainWindow]:
    store = create_demo(tmp_path / "demo.workshop")
    shown = MainWindow(WorkshopContext(store), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


def _is_part_of_another_control(widget: QWidget) -> bool:
    # A combo box's line edit, a spin box's editor, a table's corner button: the outer control is named.
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, CONTROLS):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip() or id(widget) in buddies:
        return True
    return isinstance(widget, QAbstractButton) and bool(widget.text().replace("&", "").strip())


def unnamed_controls(root: QWidget) -> list[str]:
    """Gives a line for every interactive control under `root` with no accessible name, buddy or text."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    found = []
    for widget in root.findChildren(QWidget):
        control = isinstance(widget, CONTROLS) and not _is_part_of_another_control(widget)
        if control and not _named(widget, buddies):
            owner = widget.parentWidget()
            where = owner.accessibleName() or type(owner).__name__ if owner else "-"
            found.append(f"{type(widget).__name__} ({widget.toolTip() or widget.objectName()}) in {where}")
    return found


def test_every_control_on_every_page_has_a_name(demo_window):
    for phase in PHASES:
        demo_window.select_phase(phase)
        QApplication.processEvents()
    assert unnamed_controls(demo_window) == []


def test_every_control_of_the_ballot_room_has_a_name(demo_window, qtbot):
    store = demo_window.context.store
    with store.transaction() as session:
        round_id = ballots.start_round(session, name="Access check")
    room = BallotRoom(demo_window.context, round_id)
    qtbot.addWidget(room)
    room.show()
    missing = unnamed_controls(room)
    room.start_ballot()
    assert missing + unnamed_controls(room) == []


def test_tab_goes_from_the_phases_into_the_page(demo_window, qtbot):
    demo_window.navigation.setFocus()
    qtbot.keyClick(demo_window.navigation, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and demo_window.page(demo_window.current_phase()).isAncestorOf(focused)


def test_charts_carry_alt_text_and_a_table_of_their_numbers(demo_window):
    for phase in PHASES:
        demo_window.select_phase(phase)
        QApplication.processEvents()
    charts = demo_window.findChildren(ChartCanvas)
    assert charts
    for chart in charts:
        assert chart.toggle.text() in ("Show the numbers", "Hide the numbers")
        if chart.isVisible() and chart.alt_text():
            assert len(chart.alt_text()) > 20


class _Pretend(QTranslator):
    """A translator that turns every menu title into capitals, to see translation reach the screen.

    Like a real translation it keeps the {placeholders} the code fills in, and leaves Qt's own texts alone."""

    def translate(self, context, source, disambiguation=None, n=-1):
        if context != "workshop":
            return source
        return re.sub(r"(\{[^}]*\}|%n)|([^{%]+|%)", lambda m: m.group(1) or m.group(2).upper(), source)


def test_an_installed_translation_changes_the_menu_titles(store, qtbot, tmp_path):
    translator = _Pretend()
    QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(
            WorkshopContext(store), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        titles = [action.text() for action in window.menuBar().actions()]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert titles[:2] == ["&FILE", "&EDIT"] and "&ROOM" in titles and titles[-1] == "&HELP"
