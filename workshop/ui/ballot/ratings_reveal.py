"""The reveal of a 100-point or impact-effort round: its result in large type step by step, then its chart.

The steps (workshop/reveal.py) look like a ranking round's; the last one shows the round's chart, drawn by
the same builder as the Alignment page and the PDF, to fill the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from workshop.reveal import ChartStep, RevealStep, impact_effort_steps, points_steps, reveal_steps
from workshop.ui.ballot.reveal import RevealView
from workshop.ui.i18n import tr

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

CHART_DPI = 100
SMALLEST_CHART = 120  # pixels on either side; below this the chart waits for the window to grow
REDRAW_AFTER_MS = 150
# No wider than this times its height: a chart stretched flat squeezes its rows of labels together.
WIDEST_CHART = 1.9  # a window being resized redraws its chart once it rests


def reveal_view(round_name: str, findings: WorkshopFindings) -> RevealView | None:
    """Gives the reveal of the named round, whatever its method; None when its results are not there."""
    if findings.ranking_round == round_name and findings.ranking is not None:
        return RevealView(reveal_steps(round_name, findings.ranking))
    if findings.points_round == round_name and findings.points is not None:
        return ChartRevealView(points_steps(round_name, findings.points), findings)
    if findings.impact_round == round_name and findings.impact_effort is not None:
        return ChartRevealView(impact_effort_steps(round_name, findings.impact_effort), findings)
    return None


class ChartRevealView(RevealView):
    """The reveal's steps, where a chart step shows its chart as large as the window allows."""

    def __init__(
        self, steps: tuple[RevealStep, ...], findings: WorkshopFindings, parent: QWidget | None = None
    ) -> None:
        super().__init__(steps, parent)
        self.findings = findings
        self.picture = QLabel()
        self.picture.setObjectName("chart")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The pixmap must not set the label's size: the chart is drawn to fit the room the layout gives.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.column.insertWidget(3, self.picture, 20)  # the chart takes nearly all the room left
        self._drawn: tuple[str, int, int] | None = None
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_AFTER_MS)
        self._redraw.timeout.connect(self.draw_chart)
        self.show_step(self.step)

    def chart_key(self) -> str:
        step = self.current()
        return step.chart if isinstance(step, ChartStep) else ""

    def show_step(self, index: int) -> None:
        super().show_step(index)
        if not hasattr(self, "picture"):
            return  # the base class shows the first step before the chart's place exists
        shows_chart = bool(self.chart_key())
        self.body.setVisible(not shows_chart)
        self.picture.setVisible(shows_chart)
        self.draw_chart()

    def draw_chart(self) -> None:
        """Draws the current step's chart to fill its place (once per size), or nothing on a text step."""
        key = self.chart_key()
        if not key or not self.isVisible():
            return
        self.column.activate()
        height = self.picture.height()
        width = min(self.picture.width(), round(height * WIDEST_CHART))
        if min(width, height) < SMALLEST_CHART or self._drawn == (key, width, height):
            return
        from workshop.charts.catalogue import alt_text, chart_by_key, render_png

        spec = chart_by_key(key)
        png = render_png(
            spec, self.findings, width_in=width / CHART_DPI, height_in=height / CHART_DPI, dpi=CHART_DPI
        )
        self.picture.setAccessibleName(tr(spec.title))
        self.picture.setAccessibleDescription(alt_text(spec, self.findings))
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.picture.setPixmap(pixmap)
        self._drawn = (key, width, height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.draw_chart()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._redraw.start()
