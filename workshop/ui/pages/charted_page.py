"""A page the facilitator edits that also shows the charts of its data, as the PDF draws them.

The findings behind the charts are gathered on the store's worker. After an edit they are gathered again
once typing pauses, so entering rows never waits for a chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from workshop.ui.context import WorkshopContext
from workshop.ui.pages.findings_page import FindingsPage
from workshop.ui.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

CHARTS_AFTER_MS = 800  # the pause in typing after which the charts catch up


class ChartedPage(FindingsPage):
    """Editable tables with charts among them; `add_chart` places one by its catalogue key.

    The findings are gathered quietly: the charts keep what they show until the new ones are ready, and a
    window-modal progress dialog would take the keyboard from the row being typed."""

    quiet_findings = True

    def __init__(self, phase: str, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(phase, context, parent)
        self.charts: dict[str, ChartCanvas] = {}
        self.charts_timer = QTimer(self)
        self.charts_timer.setSingleShot(True)
        self.charts_timer.setInterval(CHARTS_AFTER_MS)
        self.charts_timer.timeout.connect(self.on_charts_timer_timeout)

    def add_chart(self, key: str) -> ChartCanvas:
        """Gives the chart of that catalogue key, placed at the end of the page."""
        chart = ChartCanvas(key)
        self.charts[key] = chart
        self.body.addWidget(chart)
        return chart

    def refresh(self) -> None:
        """Shows the tables as the file holds them now; the charts follow at once on the first visit, and
        after a pause in typing later."""
        super().refresh()
        if self.findings is None:
            self.load_findings()
        else:
            self.charts_timer.start()

    def findings_ready(self) -> bool:
        return super().findings_ready() and not self.charts_timer.isActive()

    def show_findings(self, findings: WorkshopFindings) -> None:
        for chart in self.charts.values():
            chart.show_findings(findings)

    def on_charts_timer_timeout(self) -> None:
        self.load_findings()
