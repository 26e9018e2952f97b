"""One chart of the catalogue on screen, drawn by the same builder as the PDF, with its numbers on request.

The chart is drawn off the UI thread: the chart drawer lays it out and renders it with matplotlib's Agg
backend (the catalogue's `drawn_figure`: a Figure and FigureCanvasAgg, never pyplot or the Qt canvas),
then hands the picture, its alt text and its numbers to the window, which shows the picture in a plain
label. Laying out a chart takes 100-300 ms; on the UI thread it froze the page each time it was shown.
A label ignores the mouse wheel, so the page scrolls over a chart as over its text.
"""

from __future__ import annotations

import math
import sys
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QFont, QImage, QPixmap, QResizeEvent
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
POINTS_PER_INCH = 72
NUMBERS_WIDTH = 420
REDRAW_AFTER_MS = 150  # a window being resized redraws its charts once it rests
SMALLEST_WIDTH = 200  # narrower than this the chart is not laid out yet; it is drawn at the usual width
USUAL_WIDTH = 900


@dataclass(frozen=True)
class ChartRequest:
    """What to draw: a chart of these findings at a size in the screen's pixels (logical, and the ratio),
    its text at the window's body size; `height` is the least, a chart of many rows asks for more."""

    number: int
    key: str
    title: str
    findings: WorkshopFindings
    width: int
    height: int
    pixel_ratio: float
    dpi: float  # logical pixels per inch, as Qt turns the window's points into pixels
    body_points: float


@dataclass(frozen=True)
class DrawnChart:
    """A drawn chart: its picture (in device pixels), its figure, alt text and numbers, for one request."""

    number: int
    image: QImage
    figure: Any
    summary: str
    numbers: TableView


def draw_chart(request: ChartRequest) -> DrawnChart:
    """Gives the chart drawn for the request (on any thread; it touches no widget)."""
    from workshop.charts.catalogue import alt_text, chart_by_key, drawn_figure
    from workshop.charts.sizing import screen_height_in

    spec = chart_by_key(request.key)
    # The figure's inches follow the widget's pixels at the screen's own resolution, so a point in the
    # chart is as big as a point in the window's text, however wide the chart is.
    needed = screen_height_in(request.key, request.findings, request.body_points) * request.dpi
    figure = drawn_figure(
        spec,
        request.findings,
        width_in=request.width / request.dpi,
        height_in=max(request.height, math.ceil(needed)) / request.dpi,
        dpi=request.dpi * request.pixel_ratio,
        body_points=request.body_points,
    )
    image = figure_image(figure)
    image.setDevicePixelRatio(request.pixel_ratio)
    summary = alt_text(spec, request.findings)
    numbers = chart_numbers(request.key, request.title, request.findings, summary)
    return DrawnChart(request.number, image, figure, summary, numbers)


def figure_image(figure: Any) -> QImage:
    """Gives a drawn Agg figure as an image that owns its pixels (safe to hand to the UI thread)."""
    width, height = figure.canvas.get_width_height(physical=True)
    pixels = bytes(figure.canvas.buffer_rgba())
    return QImage(pixels, width, height, QImage.Format.Format_RGBA8888).copy()


class Requests:
    """The number of the chart's latest request: the drawer skips a request a newer one has replaced."""

    def __init__(self) -> None:
        self.latest = 0


class DrawingTarget(Protocol):
    """What the drawer hands a drawn chart to: a widget that numbers its requests and takes the result."""

    requests: Requests

    def on_drawn(self, result: Any) -> None: ...


class ChartDrawer(QObject):
    """The one thread that draws the window's charts, and the hand-over of each result to its chart.

    Its own thread rather than the store's worker: a chart reads no file, so it need not wait behind an
    import or the PDF. One thread, because matplotlib's font and text caches are not safe to share
    between threads drawing at once; a page's charts are drawn one after another, each in 100-300 ms.
    """

    finished = Signal(object, object)  # the chart (a weak reference), DrawnChart or the error's text

    def __init__(self) -> None:
        super().__init__()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.finished.connect(self.on_finished)

    def draw(
        self, chart: DrawingTarget, request: Any, drawing: Callable[[Any], object] = draw_chart
    ) -> None:
        """Draws the request on the drawer's thread (with `drawing`, by default a page's chart) and gives the
        result to the chart (if it still exists); the request has the `number` its chart gave it."""
        requests, target = chart.requests, weakref.ref(chart)

        def work() -> None:
            if requests.latest != request.number:
                return  # a newer request came while this one waited
            try:
                result: object = drawing(request)
            except Exception as error:  # any failure is said where the chart would be
                traceback.print_exc(file=sys.stderr)
                result = f"{type(error).__name__}: {error}"
            if shiboken6.isValid(self):  # gone when the app ends while a chart is being drawn
                self.finished.emit(target, result)

        self.pool.start(work)

    def on_finished(self, target: weakref.ref[DrawingTarget], result: object) -> None:
        chart = target()
        if chart is not None and shiboken6.isValid(chart):
            chart.on_drawn(result)


_drawer: ChartDrawer | None = None


def chart_drawer() -> ChartDrawer:
    """Gives the window's one chart drawer, made on the UI thread the first time a chart is drawn."""
    global _drawer
    if _drawer is None:
        _drawer = ChartDrawer()
    return _drawer


class ChartPicture(QLabel):
    """The chart's picture, a fixed height and as wide as its place; says it is drawing until it is."""

    resized = Signal()

    def __init__(self, height: int) -> None:
        super().__init__(tr("Drawing the chart…"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The picture must not set the width: it is drawn to fit the width the page gives it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(height)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()


class ChartCanvas(QWidget):
    """Shows one chart by its catalogue key; `show_findings` redraws it, the toggle shows its numbers.

    The picture, the alt text and the numbers arrive once the chart is drawn off the UI thread; `drawn()`
    says whether it shows the findings it was last given, and `chart_drawn` is emitted when it does."""

    chart_drawn = Signal()

    def __init__(self, key: str, parent: QWidget | None = None, *, height: int = CHART_HEIGHT) -> None:
        super().__init__(parent)
        self.key = key
        self.title = tr(TITLES[key])
        self.chart_height = height
        self.setObjectName(f"chart:{key}")
        self.setAccessibleName(self.title)
        self.canvas = ChartPicture(height)
        self.canvas.setAccessibleName(self.title)
        self.figure: Any = None  # the matplotlib figure of the picture shown
        self.requests = Requests()
        self._shown_request = 0
        self._drawn_width = 0
        self._findings: WorkshopFindings | None = None
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_AFTER_MS)
        self._redraw.timeout.connect(self.on_redraw_timeout)
        self.canvas.resized.connect(self.on_canvas_resized)
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
        view = QTableView()  # it shows the numbers' model only while shown (see on_toggle_toggled)
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

    def drawn(self) -> bool:
        """Gives whether the chart shows the findings it was last given at its present width (True before
        it was given any)."""
        return self._shown_request == self.requests.latest and not self._redraw.isActive()

    def show_findings(self, findings: WorkshopFindings) -> None:
        """Draws the chart of these findings off the UI thread; until then it keeps what it showed."""
        self._findings = findings
        self._request_drawing()

    def _request_drawing(self) -> None:
        if self._findings is None:
            return
        self._redraw.stop()
        self.requests.latest += 1
        width = self.canvas.width() if self.canvas.width() >= SMALLEST_WIDTH else USUAL_WIDTH
        self._drawn_width = width
        request = ChartRequest(
            self.requests.latest,
            self.key,
            self.title,
            self._findings,
            width,
            self.chart_height,
            self.canvas.devicePixelRatioF(),
            self.canvas.logicalDpiY(),
            body_points(self.font(), self.canvas.logicalDpiY()),
        )
        chart_drawer().draw(self, request)

    def on_drawn(self, result: DrawnChart | str) -> None:
        """Shows a drawn chart (or why it could not be drawn), unless a newer one is on its way."""
        if isinstance(result, str):
            self._shown_request = self.requests.latest  # nothing newer is coming for these findings
            self.canvas.setText(tr("The chart could not be drawn ({reason}).").format(reason=result))
            self.chart_drawn.emit()
            return
        if result.number != self.requests.latest:
            return
        self._shown_request = result.number
        self.figure = result.figure
        # A chart of many rows comes back taller than asked: the picture takes its height, the page scrolls.
        self.canvas.setFixedHeight(round(result.image.height() / result.image.devicePixelRatio()))
        self.canvas.setPixmap(QPixmap.fromImage(result.image))
        self.setAccessibleDescription(result.summary)
        self.canvas.setAccessibleDescription(result.summary)
        self._summary.setText(result.summary)
        self.numbers_model.set_table(result.numbers)
        self.chart_drawn.emit()

    def on_canvas_resized(self) -> None:
        if self._findings is not None and self.canvas.width() >= SMALLEST_WIDTH:
            self._redraw.start()

    def on_redraw_timeout(self) -> None:
        if self.canvas.width() != self._drawn_width:
            self._request_drawing()

    def on_toggle_toggled(self, shown: bool) -> None:
        # A hidden table kept on its model would measure every new chart's numbers on the UI thread, each
        # cell waiting its turn behind the drawer drawing the next chart: it stalled the page for nothing.
        self.numbers_view.setModel(self.numbers_model if shown else None)
        self.numbers_view.setVisible(shown)
        self.toggle.setText(tr("Hide the numbers") if shown else tr("Show the numbers"))


def body_points(font: QFont, dpi: float) -> float:
    """Gives the font's size in points (a style sheet may have set it in pixels)."""
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    return font.pixelSize() * POINTS_PER_INCH / dpi


def wait_until_drawn(widget: QWidget) -> None:
    """Returns once every chart in the widget shows the findings it was last given (for pictures, tests)."""
    while not all(chart.drawn() for chart in widget.findChildren(ChartCanvas)):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
