"""Start-up time: `workshop DEMO --quit-when-ready` against a bare PySide6 window, measured in the same run.

Run: python benchmarks/startup.py   (offscreen; median of 5 runs each; the ratio is the last line)
"""

from __future__ import annotations

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
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def median_seconds(command: list[str], env: dict[str, str]) -> float:
    """Gives the median wall time of running the command RUNS times."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": scratch}
        demo = Path(scratch) / "demo.workshop"
        subprocess.run(
            [sys.executable, "-m", "workshop", "demo", str(demo)], env=env, check=True, capture_output=True
        )
        bare = median_seconds([sys.executable, "-c", BARE_WINDOW], env)
        app = median_seconds([sys.executable, "-m", "workshop", str(demo), "--quit-when-ready"], env)
    print(f"bare PySide6 window: {bare:.2f} s (median of {RUNS})")
    print(f"workshop demo --quit-when-ready: {app:.2f} s (median of {RUNS})")
    print(
        f"first paint ratio: {app / bare:.2f}x (goal <= {FIRST_PAINT_GOAL}x); "
        f"demo shown in {app:.2f} s (goal < {SHOWN_GOAL_S} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
