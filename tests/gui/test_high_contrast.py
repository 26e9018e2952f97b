"""High contrast: white on black, yellow selection and thick yellow focus frames, kept across windows."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from workshop.model.store import open_workshop
from workshop.ui.appearance import LIGHT, apply_theme
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def back_to_light():
    yield
    apply_theme(LIGHT)


def _shows_high_contrast() -> bool:
    palette = QApplication.palette()
    return (
        palette.color(QPalette.ColorRole.Window) == QColor("#000000")
        and palette.color(QPalette.ColorRole.Text) == QColor("#ffffff")
        and palette.color(QPalette.ColorRole.Highlight) == QColor("#ffff00")
        and "3px solid #ffff00" in QApplication.instance().styleSheet()
    )


def test_high_contrast_is_offered_beside_light_and_dark(window):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    texts = [action.text() for action in view.actions()]
    assert texts[-3:] == ["&Light", "&Dark", "&High Contrast"]


def test_high_contrast_changes_the_colours_and_survives_reopening_the_window(window, settings, qtbot):
    path = window.context.store.path
    window.theme_actions["high-contrast"].trigger()
    assert _shows_high_contrast()
    window.close()
    apply_theme(LIGHT)
    assert not _shows_high_contrast()

    reopened = MainWindow(WorkshopContext(open_workshop(path)), settings)
    qtbot.addWidget(reopened)
    try:
        assert _shows_high_contrast()
        assert reopened.theme_actions["high-contrast"].isChecked()
        reopened.theme_actions["light"].trigger()
        assert not _shows_high_contrast()
        assert QApplication.instance().styleSheet() == ""
    finally:
        reopened.close()
