"""The latest revealed 100-point and impact-effort rounds on screen: a heading and the chart for each.

Only revealed rounds reach here (the findings leave the rest out), so a section without one is hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.widgets.chart_canvas import CHART_HEIGHT, ChartCanvas

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

# The 2x2 reads best near square: it gets more height than a bar chart.
IMPACT_EFFORT_HEIGHT = 560
HEADINGS = {
    "points": "How the managers spent 100 points – round '{round}'",
    "impact_effort": "Impact against effort – round '{round}'",
}


class RatingsSection(QWidget):
    """One revealed round's heading and chart; hidden while there is no such round."""

    def __init__(self, key: str, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"ratings:{key}")
        self.heading = page_label("", name="tableTitle", scale=1.2, bold=True)
        self.chart = ChartCanvas(key, height=height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.chart)
        self.hide()

    def show_round(self, round_name: str | None, findings: WorkshopFindings) -> None:
        """Shows the round's chart under its heading, or hides the section when no round is revealed."""
        self.setVisible(round_name is not None)
        if round_name is None:
            return
        self.heading.setText(tr(HEADINGS[self.key]).format(round=round_name))
        self.chart.show_findings(findings)


class RatingsView(QWidget):
    """The 100-point results and the impact/effort 2x2 of the latest revealed rounds of those methods."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingsView")
        self.points = RatingsSection("points", CHART_HEIGHT)
        self.impact_effort = RatingsSection("impact_effort", IMPACT_EFFORT_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.points)
        layout.addWidget(self.impact_effort)

    def show_findings(self, findings: WorkshopFindings) -> None:
        self.points.show_round(findings.points_round if findings.points is not None else None, findings)
        self.impact_effort.show_round(
            findings.impact_round if findings.impact_effort is not None else None, findings
        )
