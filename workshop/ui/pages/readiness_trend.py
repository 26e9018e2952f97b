"""Readiness over time on the Readiness page: per team and dimension across the survey rounds, a chart with
each round's interval and a table of the changes, each called higher, lower or no change (within noise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop.charts.readiness_trend import (
    CHANGE_COLUMNS,
    ONE_ROUND,
    change_cells,
    changes_in_words,
    changes_to_show,
)
from workshop.model.views import TableView
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import fit_rows, numbers_table
from workshop.ui.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

TITLE = "Readiness over time"
TABLE = "Changes between survey rounds"


class ReadinessTrendPanel(QWidget):
    """The heading, a sentence on what changed, the chart and the table of changes; with fewer than two
    survey rounds only a sentence saying that a second round shows change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readinessTrend")
        self.heading = page_label(tr(TITLE), name="tableTitle", scale=1.2, bold=True)
        self.said = page_label(tr(ONE_ROUND), name="trendSaid")
        self.view, self.model = numbers_table(TABLE, CHANGE_COLUMNS, rows=1)
        self.chart = ChartCanvas("readiness_trend")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        for widget in (self.heading, self.said, self.chart, self.view):
            layout.addWidget(widget)
        self._show_changes(False)

    def show_findings(self, findings: WorkshopFindings) -> None:
        """Shows the changes when two or more rounds hold answers, else the sentence alone."""
        changes = changes_to_show(findings)
        self._show_changes(bool(changes))
        if not changes:
            self.said.setText(tr(ONE_ROUND))
            return
        self.said.setText(changes_in_words(findings))
        rows = tuple(tuple(change_cells(c)) for c in changes)
        self.model.set_table(TableView(TABLE, CHANGE_COLUMNS, rows, ""))
        fit_rows(self.view, len(rows))
        self.chart.show_findings(findings)

    def rows(self) -> list[list[str]]:
        """Gives the table's rows as they read on screen."""
        return [list(row) for row in self.model.table.rows]

    def _show_changes(self, shown: bool) -> None:
        self.chart.setVisible(shown)
        self.view.setVisible(shown)
