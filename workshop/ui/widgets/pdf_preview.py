"""A PDF shown one page at a time, large enough to read: fit to the width, the whole page, or larger.

Each page is drawn (pypdfium2) off the UI thread at the size it is shown, so the text stays sharp at any
zoom; pypdfium2 loads only when a preview is first drawn.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from workshop.ui.built import built
from workshop.ui.i18n import tr
from workshop.ui.tasks import Report, Task, run_in_background

FIT_WIDTH = "width"
WHOLE_PAGE = "page"
# (what the zoom box says, how the page is sized: fitted to the view, or a share of its printed size)
ZOOMS: tuple[tuple[str, str | float], ...] = (
    ("Fit width", FIT_WIDTH),
    ("Whole page", WHOLE_PAGE),
    ("100%", 1.0),
    ("150%", 1.5),
    ("200%", 2.0),
)
SCREEN_PIXELS_PER_POINT = 96 / 72  # a page at 100% is as large on screen as on paper
# PDFium is not safe to call from two threads at once; pages are drawn one at a time.
_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    """One rendered PDF page as raw RGBA pixels, safe to hand from a worker thread to the screen."""

    width: int
    height: int
    pixels: bytes


@dataclass(frozen=True)
class PageSize:
    """The room a page is drawn into, in device pixels, and how it is sized (one of ZOOMS)."""

    width: int
    height: int
    zoom: str | float
    pixel_ratio: float = 1.0


def page_scale(points: tuple[float, float], room: PageSize) -> float:
    """Gives how many pixels a point of the page takes to be shown as `room` asks."""
    width, height = points
    if room.zoom == FIT_WIDTH:
        return room.width / width
    if room.zoom == WHOLE_PAGE:
        return min(room.width / width, room.height / height)
    return float(room.zoom) * SCREEN_PIXELS_PER_POINT * room.pixel_ratio


def render_page(pdf: bytes, number: int, room: PageSize) -> PageImage:
    """Gives page `number` (from 0) of the PDF drawn to the size `room` asks."""
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[number]
            image = page.render(scale=page_scale(page.get_size(), room)).to_pil().convert("RGBA")
            return PageImage(image.width, image.height, image.tobytes())
        finally:
            document.close()


class PdfPreview(QWidget):
    """A PDF's pages one at a time with Previous and Next, which page of how many, and a zoom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = b""
        self.pages = 0
        self.number = 0  # the page shown, from 0
        self.shown: tuple[int, PageSize] | None = None  # what the picture shows now
        self.task: Task | None = None
        self._asked: tuple[int, PageSize] | None = None
        self.previous = built(QPushButton(tr("◀ Previous page")), toolTip=tr("Show the page before"))
        self.next = built(QPushButton(tr("Next page ▶")), toolTip=tr("Show the page after"))
        self.where = QLabel("")
        self.zoom = built(QComboBox(), accessibleName=tr("Zoom"))
        for text, _size in ZOOMS:
            self.zoom.addItem(tr(text))
        self.picture = built(QLabel(), alignment=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area = QScrollArea()
        self.area.setWidget(self.picture)
        self.area.setWidgetResizable(True)
        self._redraw_soon = built(QTimer(self), singleShot=True, interval=150)
        self._build()

    def _build(self) -> None:
        self.previous.clicked.connect(lambda: self.go_to(self.number - 1))
        self.next.clicked.connect(lambda: self.go_to(self.number + 1))
        self.zoom.currentIndexChanged.connect(lambda _index: self.redraw())
        self._redraw_soon.timeout.connect(self.redraw)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous, self.where, self.next):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(QLabel(tr("Zoom:")))
        bar.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.area, 1)
        self.setVisible(False)  # until there is a PDF to show

    def show_pdf(self, pdf: bytes, pages: int) -> None:
        """Shows the PDF from its first page."""
        self.pdf, self.pages, self.shown = pdf, pages, None
        self.setVisible(pages > 0)
        self.go_to(0)

    def go_to(self, number: int) -> None:
        """Shows page `number` (from 0), when the PDF has it."""
        if not 0 <= number < self.pages:
            return
        self.number = number
        self.where.setText(tr("Page {number} of {pages}").format(number=number + 1, pages=self.pages))
        self.previous.setEnabled(number > 0)
        self.next.setEnabled(number < self.pages - 1)
        self.redraw()

    def room(self) -> PageSize:
        """Gives the room the page is drawn into now: the view's inside, less a scroll bar's width."""
        ratio = self.devicePixelRatioF()
        # Measured without the scroll bars, which come and go with the picture: the room must not change
        # because of the picture drawn for it.
        inside = self.area.contentsRect().size()
        bar = self.area.verticalScrollBar().sizeHint().width()
        return PageSize(
            int(max(inside.width() - bar, 200) * ratio),
            int(max(inside.height(), 200) * ratio),
            ZOOMS[self.zoom.currentIndex()][1],
            ratio,
        )

    def redraw(self) -> None:
        """Draws the page shown at the room it has now, off the UI thread, unless it shows just that."""
        wanted = (self.number, self.room())
        if not self.pdf or wanted in (self.shown, self._asked):
            return
        self._asked = wanted
        pdf = self.pdf

        def work(_report: Report) -> tuple[tuple[int, PageSize], PageImage]:
            return wanted, render_page(pdf, *wanted)

        self.task = run_in_background(self, tr("Drawing the page"), work, on_result=self._show)

    def _show(self, drawn: tuple[tuple[int, PageSize], PageImage]) -> None:
        (number, room), image = drawn
        if (number, room) != self._asked:
            return  # the facilitator moved on meanwhile; a newer drawing is on its way
        picture = QImage(image.pixels, image.width, image.height, QImage.Format.Format_RGBA8888).copy()
        pixmap = QPixmap.fromImage(picture)
        pixmap.setDevicePixelRatio(room.pixel_ratio)
        self.picture.setPixmap(pixmap)
        self.picture.setAccessibleName(tr("Page {number} of the PDF").format(number=number + 1))
        self.shown, self._asked = (number, room), None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pdf:
            self._redraw_soon.start()  # once the size settles, not at every step of a drag
