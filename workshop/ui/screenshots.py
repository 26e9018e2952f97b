"""Pictures of the main window on every phase, to look at how the pages read at common screen sizes.

Run: QT_QPA_PLATFORM=offscreen python -m workshop.ui.screenshots [WORKSHOP_FILE] [FOLDER]
(without a file it renders a fresh demo workshop; the folder defaults to /tmp/shots).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from workshop.model.views import ALIGNMENT, PHASES
from workshop.ui.app import application, open_or_create_demo
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.tasks import Task

SCREEN_SIZES: tuple[tuple[int, int], ...] = ((1280, 800), (1920, 1080))
PROJECTOR_SIZE = (1920, 1080)
APP_SCREENSHOT_SIZE = (1280, 800)
LAYOUT_DEPTH = 8  # nested layouts from a chart up to the window


def file_stem(phase: str) -> str:
    """Gives a phase name fit for a file name: 'Space & Time' -> 'space-time'."""
    return "-".join("".join(c if c.isalnum() else " " for c in phase.lower()).split())


def save_phase_screenshots(
    window: MainWindow, folder: Path, sizes: tuple[tuple[int, int], ...] = SCREEN_SIZES
) -> list[Path]:
    """Gives the PNG files written: the window on each phase at each size, then in projector mode."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [path for size in sizes for path in _shoot_phases(window, folder, size, "")]
    projector_in_a_window(window)
    try:
        written += _shoot_phases(window, folder, PROJECTOR_SIZE, "-projector")
    finally:
        window.set_projector_mode(False)
    return written


def save_app_screenshots(window: MainWindow, folder: Path) -> list[Path]:
    """Gives the PNG files of each page at 1280x800, then of the Alignment page in projector mode."""
    folder.mkdir(parents=True, exist_ok=True)
    written = _shoot_phases(window, folder, APP_SCREENSHOT_SIZE, "")
    projector_in_a_window(window)
    try:
        written += _shoot_phases(window, folder, APP_SCREENSHOT_SIZE, "-projector", (ALIGNMENT,))
    finally:
        window.set_projector_mode(False)
    return written


def projector_in_a_window(window: MainWindow) -> None:
    """Turns projector mode on but keeps a window that pictures can size: full screen would take the
    whole (virtual) screen, whatever size the picture asks for."""
    window.set_projector_mode(True)
    window.showNormal()


def _shoot_phases(
    window: MainWindow, folder: Path, size: tuple[int, int], mode: str, phases: tuple[str, ...] = PHASES
) -> list[Path]:
    """Gives the PNG files of the phases at one window size."""
    width, height = size
    window.resize(width, height)
    written = []
    for phase in phases:
        number = PHASES.index(phase) + 1
        window.select_phase(phase)
        QApplication.processEvents()
        finish_drawing(window)
        target = folder / f"{width}x{height}{mode}-{number}-{file_stem(phase)}.png"
        if not window.grab().save(str(target)):
            raise OSError(f"could not write {target}")
        written.append(target)
    return written


def finish_drawing(window: MainWindow) -> None:
    """Paints charts now and waits for background work, so a picture never shows a half-drawn page."""
    from workshop.ui.widgets.chart_canvas import wait_until_drawn

    for timer in window.findChildren(QTimer):
        if timer.isSingleShot() and timer.isActive() and timer.parent() is not window.room_tools:
            timer.stop()
            timer.timeout.emit()
    for task in window.findChildren(Task):
        task.wait()
    wait_until_drawn(window)
    # A chart that came back taller asks its layout for room, and each layout then asks its parent's:
    # settle them all, level by level, before the picture.
    for _level in range(LAYOUT_DEPTH):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def main(argv: list[str]) -> int:
    """Gives the exit code after writing the screenshots named in the module docstring."""
    application()
    folder = Path(argv[1]) if len(argv) > 1 else Path("/tmp/shots")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(argv[0]) if argv else Path(scratch) / "demo.workshop"
        store = open_or_create_demo(path)
        window = MainWindow(
            WorkshopContext(store), QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        )
        window.show()
        try:
            for written in save_phase_screenshots(window, folder):
                print(written)
        finally:
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
