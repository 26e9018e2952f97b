"""Times exporting the demo workshop's strategy PDF against rendering its charts alone (the floor).

The floor draws the same charts at the same sizes the report uses, to the same vector drawings (see
workshop/report/vector.py), the way the export draws them (side by side in worker processes where that
is safe, see workshop/report/drawing.py). Both run in this process, alternating, and the median of a
few repeats is compared.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.findings import gather_findings
from workshop.model.demo import create_demo
from workshop.model.store import open_workshop
from workshop.report.drawing import chart_drawings, forking_is_safe, processors
from workshop.report.pdf import CHART_KEYS, write_report
from workshop.report.styles import FRAME_WIDTH

REPEATS = 5
RATIO_GOAL, SECONDS_GOAL = 1.3, 2.0


def seconds(job: Callable[[], object]) -> float:
    """Gives how long one run of `job` took, in seconds."""
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.workshop"
        create_demo(path).close()

        def export() -> None:
            with open_workshop(path) as store, store.reading() as session:
                findings = gather_findings(session)
            write_report(findings, Path(folder) / "report.pdf")

        with open_workshop(path) as store, store.reading() as session:
            findings = gather_findings(session)

        def charts_alone() -> None:
            with chart_drawings(findings, CHART_KEYS, FRAME_WIDTH) as sources:
                for source in sources.values():
                    source()

        export(), charts_alone()  # warm up: imports, fonts, caches
        exports, floors = [], []
        for _ in range(REPEATS):
            exports.append(seconds(export))
            floors.append(seconds(charts_alone))
    export_s, floor_s = statistics.median(exports), statistics.median(floors)
    workers = processors() if forking_is_safe() else 1
    print(f"charts drawn by {workers} process(es) in both")
    print(f"charts alone (floor): median {floor_s:.2f} s over {REPEATS} runs")
    print(f"export (read + charts + PDF): median {export_s:.2f} s over {REPEATS} runs")
    print(
        f"export/charts ratio: {export_s / floor_s:.2f}x (goal <= {RATIO_GOAL}x); "
        f"export {export_s:.2f} s (goal < {SECONDS_GOAL:.0f} s)"
    )


if __name__ == "__main__":
    main()
