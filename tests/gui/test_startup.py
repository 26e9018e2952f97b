"""Start-up: the window shows before the heavy libraries load; --screenshots writes a picture per page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workshop.model.demo import create_demo
from workshop.model.views import PHASES

HEAVY = ("scipy", "matplotlib", "reportlab", "pypdfium2")

SHOW_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication
from workshop.ui.app import application
from workshop.model.store import open_workshop
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
application()
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(WorkshopContext(open_workshop(Path(sys.argv[1]))), settings)
window.show()
QApplication.processEvents()
print(",".join(m for m in {heavy!r} if m in sys.modules))
window.select_phase("Alignment")
while not window.page("Alignment").findings_ready():  # worked out off the UI thread
    # Wait for the workers' results rather than spin: a spinning UI thread would keep them from running.
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
print(",".join(m for m in {heavy!r} if m in sys.modules))
window.close()
"""


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, check=False)


def _loaded_before_and_after_alignment(tmp_path: Path) -> tuple[set[str], set[str]]:
    create_demo(tmp_path / "demo.workshop").close()
    code = SHOW_WINDOW.format(heavy=HEAVY)
    args = [sys.executable, "-c", code, str(tmp_path / "demo.workshop"), str(tmp_path / "s.ini")]
    done = _run(args, tmp_path)
    assert done.returncode == 0, done.stderr
    before, after = (set(filter(None, line.split(","))) for line in done.stdout.splitlines()[-2:])
    return before, after


def test_the_window_shows_before_matplotlib_reportlab_and_pdfium_load(tmp_path):
    before, after = _loaded_before_and_after_alignment(tmp_path)
    assert not before & {"matplotlib", "reportlab", "pypdfium2"}, (
        f"loaded before a page needed them: {before}"
    )
    assert "matplotlib" in after, "the Alignment page draws its charts with matplotlib"


def test_the_window_shows_before_scipy_loads(tmp_path):
    before, after = _loaded_before_and_after_alignment(tmp_path)
    assert "scipy" not in before
    assert "scipy" in after


def test_screenshots_writes_a_png_of_every_page_and_exits(tmp_path):
    create_demo(tmp_path / "demo.workshop").close()
    shots = tmp_path / "shots"
    done = _run(
        [sys.executable, "-m", "workshop", str(tmp_path / "demo.workshop"), "--screenshots", str(shots)],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    pictures = sorted(path.name for path in shots.glob("*.png"))
    assert len(pictures) == len(PHASES) + 1
    assert "1280x800-projector-5-alignment.png" in pictures
    assert all((shots / name).read_bytes().startswith(b"\x89PNG") for name in pictures)
