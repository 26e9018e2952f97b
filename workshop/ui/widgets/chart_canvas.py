"""One chart of the catalogue on screen, drawn by the same builder as the PDF, with its numbers on request.

matplotlib is imported only when the first chart is made, so the window opens without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workshop.charts.titles import TITLES
from workshop.model.views import TableView
from workshop.ui.i18n import tr
from workshop.ui.qtmodels import TableViewModel
from workshop.ui.widgets.chart_numbers import chart_numbers

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

CHART_HEIGHT = 440
FIGURE_DPI = 100
NUMBERS_WIDTH = 420


def _figure_canvas(height_px: int) -> Any:
    """Gives a new Qt canvas holding an empty matplotlib figure (loads matplotlib the first time)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9, height_px / FIGURE_DPI), dpi=FIGURE_DPI, facecolor="white")
    canvas = FigureCanvasQTAgg(figure)
    canvas.setMinimumHeight(height_px)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return canvas


class ChartCanvas(QWidget):
    """Shows one chart by its catalogue key; `show_findings` redraws it, the toggle shows its numbers."""

    def __init__(self, key: str, parent: QWidget | None = None, *, height: int = CHART_HEIGHT) -> None:
        super().__init__(parent)
        self.key = key
        self.title = tr(TITLES[key])
        self.chart_height = height
        self.setObjectName(f"chart:{key}")
        self.setAccessibleName(self.title)
        # The matplotlib canvas is made when the first chart is drawn; until then this keeps its place.
        self.canvas: Any = QWidget()
        self.canvas.setMinimumHeight(height)
        self.numbers_model = TableViewModel(TableView(self.title, (), (), ""), self)
        self.numbers_view = self._numbers_table()
        self.toggle = QPushButton(tr("Show the numbers"))
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self.on_toggle_toggled)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_layout()

    def _numbers_table(self) -> QTableView:
        view = QTableView()
        view.setModel(self.numbers_model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setMinimumWidth(NUMBERS_WIDTH)
        view.setAccessibleName(tr("The numbers of: {chart}").format(chart=self.title))
        view.hide()
        return view

    def _build_layout(self) -> None:
        self.chart_row = row = QHBoxLayout()
        row.addWidget(self.canvas, 1)
        row.addWidget(self.numbers_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self._summary, 1)
        buttons.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(buttons)

    def alt_text(self) -> str:
        return self.accessibleDescription()

    def numbers(self) -> TableView:
        return self.numbers_model.table

    def numbers_shown(self) -> bool:
        return self.toggle.isChecked()

    def show_findings(self, findings: WorkshopFindings) -> None:
        """Draws the chart of these findings (at the next paint), with its numbers and alt text beside it."""
        from workshop.charts.catalogue import alt_text, chart_by_key

        spec = chart_by_key(self.key)
        if not hasattr(self.canvas, "figure"):
            self._make_canvas()
        spec.draw(self.canvas.figure, findings)
        self.canvas.draw_idle()
        summary = alt_text(spec, findings)
        self.setAccessibleDescription(summary)
        self.canvas.setAccessibleDescription(summary)
        self._summary.setText(summary)
        self.numbers_model.set_table(chart_numbers(self.key, self.title, findings, summary))

    def _make_canvas(self) -> None:
        canvas = _figure_canvas(self.chart_height)
        canvas.setAccessibleName(self.title)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chart_row.replaceWidget(self.canvas, canvas)
        self.canvas.deleteLater()
        self.canvas = canvas

    def on_toggle_toggled(self, shown: bool) -> None:
        self.numbers_view.setVisible(shown)
        self.toggle.setText(tr("Hide the numbers") if shown else tr("Show the numbers"))
