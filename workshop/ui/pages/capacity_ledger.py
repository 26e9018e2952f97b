"""The capacity ledger on the Space & Time page: per team the hours of manual and redundant work the audit
found, the hours pilots expect to free, the hours given to learning, the balance and a plain verdict,
with the chart the PDF prints beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop.model.views import TableView
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import fit_rows, numbers_table
from workshop.ui.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

TITLE = "Capacity ledger"
COLUMNS = (
    "Team",
    "Manual hours",
    "Redundant hours",
    "Freed by pilots",
    "Learning hours",
    "Balance",
    "Verdict",
)
EXPLAINED = (
    "Hours a week per team: manual work and redundant work (tasks of redundancy 4 or 5) from the audit, "
    "the hours the pilots expect to free, and the hours the plans below give to learning. Balance = freed "
    "– learning: what the team gains, or still gives, once the pilots deliver."
)
EMPTY = "Nothing to balance yet: add audited tasks, pilots with the hours they free, or a capacity plan."


class CapacityLedger(QWidget):
    """The ledger's heading, what it counts, its table and its chart; filled when the findings arrive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capacityLedger")
        self.heading = page_label(tr(TITLE), name="tableTitle", scale=1.2, bold=True)
        self.explained = page_label(tr(EXPLAINED), name="ledgerExplained")
        self.view, self.model = numbers_table(TITLE, COLUMNS, rows=1)
        self.model.set_table(TableView(TITLE, COLUMNS, (), tr(EMPTY)))
        self.chart = ChartCanvas("capacity")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        for widget in (self.heading, self.explained, self.view, self.chart):
            layout.addWidget(widget)

    def show_findings(self, findings: WorkshopFindings) -> None:
        """Shows each team's line and the total under them; the chart follows on its own thread."""
        from workshop.analysis.capacity import ledger_total
        from workshop.charts.capacity import ledger_row

        lines = findings.capacity
        rows = [tuple(ledger_row(line)) for line in lines]
        if len(lines) > 1:
            total = ledger_row(ledger_total(lines))
            rows.append((tr("All teams"), *total[1:]))
        self.model.set_table(TableView(TITLE, COLUMNS, tuple(rows), tr(EMPTY)))
        fit_rows(self.view, len(rows))
        self.chart.show_findings(findings)

    def rows(self) -> list[list[str]]:
        """Gives the ledger's rows as they read on screen."""
        table = self.model.table
        return [list(row) for row in table.rows]
