"""Start-up time: `workshop DEMO --quit-when-ready` against a bare PySide6 window, measured in the same run.

First paint is the moment the first window paints, from the process's start: the bare window and the app
both write a line to stderr at their first paint (the app when WORKSHOP_REPORT_FIRST_PAINT=1), which this
script times as it arrives. "Shown" is the moment the app's main window with the workshop first paints.

The app's modules are compiled to bytecode first, as an installed app's are (pip writes the bytecode at
install; a source checkout writes it at its first start unless PYTHONDONTWRITEBYTECODE is set).

Run: python benchmarks/startup.py   (offscreen; median of 5 runs each; the ratio is the last line)
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
FIRST_PAINT_GOAL = 1.5
SHOWN_GOAL_S = 0.8

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first paint", file=sys.stderr, flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


def moments(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Gives the seconds from start to each moment the process reports on stderr, and to its end ("exit")."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    seen: dict[str, float] = {}
    for line in process.stderr:
        for moment in ("first paint", "shown"):
            if line.startswith(moment):
                seen.setdefault(moment, time.perf_counter() - started)
    if process.wait() != 0:
        raise SystemExit(f"{command} failed with exit code {process.returncode}")
    seen["exit"] = time.perf_counter() - started
    return seen


def medians(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Gives the median over RUNS runs of the seconds to each moment the command reports."""
    runs = [moments(command, env) for _ in range(RUNS)]
    return {moment: statistics.median(run[moment] for run in runs) for moment in runs[0]}


def main() -> int:
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "workshop", quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": scratch,
            "WORKSHOP_REPORT_FIRST_PAINT": "1",
        }
        demo = Path(scratch) / "demo.workshop"
        subprocess.run(
            [sys.executable, "-m", "workshop", "demo", str(demo)], env=env, check=True, capture_output=True
        )
        bare = medians([sys.executable, "-c", BARE_WINDOW], env)
        app = medians([sys.executable, "-m", "workshop", str(demo), "--quit-when-ready"], env)
    print(
        f"bare PySide6 window: first paint {bare['first paint']:.2f} s, "
        f"exit {bare['exit']:.2f} s (median of {RUNS})"
    )
    print(
        f"workshop demo --quit-when-ready: first paint {app['first paint']:.2f} s, "
        f"shown {app['shown']:.2f} s, exit {app['exit']:.2f} s (median of {RUNS})"
    )
    print(
        f"first paint ratio: {app['first paint'] / bare['first paint']:.2f}x (goal <= {FIRST_PAINT_GOAL}x); "
        f"demo shown in {app['shown']:.2f} s (goal < {SHOWN_GOAL_S} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
