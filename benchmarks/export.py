"""Times exporting the demo workshop's strategy PDF against rendering its charts alone (the floor).

The floor draws the same charts at the same sizes and resolution the report uses, straight to PNG.
Both run in this process, alternating, and the median of a few repeats is compared.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.charts import catalogue
from workshop.findings import gather_findings
from workshop.model.demo import create_demo
from workshop.model.store import open_workshop
from workshop.report.figures import CHART_DPI, chart_size
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
            for key in CHART_KEYS:
                width_in, height_in = chart_size(key, FRAME_WIDTH)
                spec = catalogue.chart_by_key(key)
                catalogue.render_png(spec, findings, width_in=width_in, height_in=height_in, dpi=CHART_DPI)

        export(), charts_alone()  # warm up: imports, fonts, caches
        exports, floors = [], []
        for _ in range(REPEATS):
            exports.append(seconds(export))
            floors.append(seconds(charts_alone))
    export_s, floor_s = statistics.median(exports), statistics.median(floors)
    print(f"charts alone (floor): median {floor_s:.2f} s over {REPEATS} runs")
    print(f"export (read + charts + PDF): median {export_s:.2f} s over {REPEATS} runs")
    print(
        f"export/charts ratio: {export_s / floor_s:.2f}x (goal <= {RATIO_GOAL}x); "
        f"export {export_s:.2f} s (goal < {SECONDS_GOAL:.0f} s)"
    )


if __name__ == "__main__":
    main()
