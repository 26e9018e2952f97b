"""A test run leaves the person's own settings and data alone: what the app remembers (recent workshops,
the window's size, the theme) lands in the run's private folders, in this process and in those it starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from workshop.model.store import create_workshop, open_workshop
from workshop.ui.app import ORGANISATION
from workshop.ui.appearance import DARK
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.opening import APP_TITLE, GEOMETRY_KEY
from workshop.ui.recent import recent_files

# Where the app (or a QSettings made before the app is named) keeps its things in a user's folders.
APP_FOLDER_NAMES = (ORGANISATION, "Unknown Organization", APP_TITLE)


def _app_traces(folders) -> dict[Path, tuple[int, int]]:
    """Gives every file the app could have left in these folders, with its time stamp and size."""
    roots = [
        base / name for base in (folders.config, folders.data, folders.cache) for name in APP_FOLDER_NAMES
    ]
    found = {}
    for root in roots:
        for path in [root, *root.rglob("*")] if root.exists() else []:
            found[path] = (path.stat().st_mtime_ns, path.stat().st_size)
    return found


def test_the_run_uses_private_folders_named_by_the_environment(private_user_folders):
    private = private_user_folders.private
    assert Path.home() == private.home != private_user_folders.real.home
    assert os.environ["XDG_CONFIG_HOME"] == str(private.config)
    assert os.environ["XDG_DATA_HOME"] == str(private.data)
    assert os.environ["XDG_CACHE_HOME"] == str(private.cache)


def test_a_window_remembers_workshops_geometry_and_theme_only_in_the_private_folders(
    private_user_folders, qtbot, tmp_path
):
    before = _app_traces(private_user_folders.real)
    first, second = tmp_path / "first.workshop", tmp_path / "second.workshop"
    for path in (first, second):
        create_workshop(path, title=path.stem).close()
    app = QCoreApplication.instance()
    named = (app.organizationName(), app.applicationName())
    app.setOrganizationName(ORGANISATION)  # as the app names itself, so QSettings() is the app's own
    app.setApplicationName(APP_TITLE)
    try:
        window = MainWindow(WorkshopContext(open_workshop(first)))  # the app's default QSettings()
        qtbot.addWidget(window)
        window.show()
        assert window.files.open_workshop_file(second)
        window.set_theme(DARK)
        window.close()
        remembered = QSettings()
        assert recent_files(remembered)[:2] == [second.resolve(), first.resolve()]
        assert remembered.value(GEOMETRY_KEY) is not None
        assert Path(remembered.fileName()).is_relative_to(private_user_folders.private.config)
    finally:
        app.setOrganizationName(named[0])
        app.setApplicationName(named[1])
    assert _app_traces(private_user_folders.real) == before


def test_an_app_a_test_starts_inherits_the_private_folders(private_user_folders, tmp_path):
    before = _app_traces(private_user_folders.real)
    path = tmp_path / "room.workshop"
    create_workshop(path, title="Room").close()
    shown = subprocess.run(
        [sys.executable, "-m", "workshop", str(path), "--quit-when-ready"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    written = private_user_folders.private.config / ORGANISATION / f"{APP_TITLE}.conf"
    assert str(path.resolve()) in written.read_text(encoding="utf-8")  # its recent workshops
    assert _app_traces(private_user_folders.real) == before
