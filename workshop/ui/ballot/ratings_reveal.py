"""The reveal of a 100-point or impact-effort round: its result in large type step by step, then its chart.

The steps (workshop/reveal.py) look like a ranking round's; the last one shows the round's chart, drawn by
the same builder as the Alignment page and the PDF, to fill the screen. Like a page's charts it is drawn
by the window's chart drawer off the UI thread (laying it out takes 100-400 ms); a line says it is being
drawn until the picture arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from workshop.reveal import ChartStep, RevealStep, impact_effort_steps, points_steps, reveal_steps
from workshop.ui.ballot.reveal import RevealView
from workshop.ui.i18n import tr
from workshop.ui.widgets.chart_canvas import Requests, chart_drawer, figure_image

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

CHART_DPI = 100
SMALLEST_CHART = 120  # pixels on either side; below this the chart waits for the window to grow
REDRAW_AFTER_MS = 150
# No wider than this times its height: a chart stretched flat squeezes its rows of labels together.
WIDEST_CHART = 1.9  # a window being resized redraws its chart once it rests


@dataclass(frozen=True)
class RevealChartRequest:
    """The reveal's chart of these findings at a size in pixels (drawn at CHART_DPI, as on paper)."""

    number: int
    key: str
    findings: WorkshopFindings
    width: int
    height: int


@dataclass(frozen=True)
class RevealChart:
    """The drawn chart of a request: its picture, title and alt text."""

    request: RevealChartRequest
    image: QImage
    title: str
    summary: str


def draw_reveal_chart(request: RevealChartRequest) -> RevealChart:
    """Gives the request's chart drawn (on any thread; it touches no widget)."""
    from workshop.charts.catalogue import alt_text, chart_by_key, drawn_figure

    spec = chart_by_key(request.key)
    figure = drawn_figure(
        spec,
        request.findings,
        width_in=request.width / CHART_DPI,
        height_in=request.height / CHART_DPI,
        dpi=CHART_DPI,
        projected=True,
    )
    return RevealChart(request, figure_image(figure), spec.title, alt_text(spec, request.findings))


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
        self._drawn: tuple[str, int, int] | None = None  # what was last asked of the drawer
        self.requests = Requests()
        self._shown_request = 0
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
        """Asks for the current step's chart to fill its place (once per size), or nothing on a text step."""
        key = self.chart_key()
        if not key or not self.isVisible():
            return
        self.column.activate()
        height = self.picture.height()
        width = min(self.picture.width(), round(height * WIDEST_CHART))
        if min(width, height) < SMALLEST_CHART or self._drawn == (key, width, height):
            return
        if self._drawn is None or self._drawn[0] != key:
            self.picture.setText(tr("Drawing the chart…"))  # no picture yet, or another chart's
        self._drawn = (key, width, height)
        self.requests.latest += 1
        request = RevealChartRequest(self.requests.latest, key, self.findings, width, height)
        chart_drawer().draw(self, request, draw_reveal_chart)

    def on_drawn(self, result: RevealChart | str) -> None:
        """Shows the drawn chart (or why it could not be drawn), unless a newer one is on its way."""
        if isinstance(result, str):
            self._shown_request = self.requests.latest
            self.picture.setText(tr("The chart could not be drawn ({reason}).").format(reason=result))
            return
        if result.request.number != self.requests.latest:
            return
        self._shown_request = result.request.number
        self.picture.setAccessibleName(tr(result.title))
        self.picture.setAccessibleDescription(result.summary)
        self.picture.setPixmap(QPixmap.fromImage(result.image))

    def drawn(self) -> bool:
        """Gives whether the chart asked for last is shown (True on a text step, or before any was asked)."""
        return self._shown_request == self.requests.latest and not self._redraw.isActive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.draw_chart()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._redraw.start()
