"""Fixtures for window tests: settings kept in a temporary folder, and a main window on a fresh workshop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from workshop.model.demo import create_demo
from workshop.model.store import WorkshopStore
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, private_user_folders) -> Iterator[None]:
    """Keeps every QSettings() of a test in its own folder, then gives the run's private folder back."""
    _settings_in(tmp_path / "settings")
    yield
    _settings_in(private_user_folders.private.config)


def _settings_in(folder: Path) -> None:
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_window(tmp_path: Path, settings: QSettings, qtbot) -> Iterator[MainWindow]:
    """A shown window, 1280x800, on a fresh demo workshop of the test's own."""
    shown = MainWindow(WorkshopContext(create_demo(tmp_path / "demo.workshop")), settings)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    yield shown
    shown.close()


@pytest.fixture
def window(store: WorkshopStore, settings: QSettings, qtbot) -> Iterator[MainWindow]:
    shown = MainWindow(WorkshopContext(store), settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
