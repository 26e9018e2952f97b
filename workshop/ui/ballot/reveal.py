"""The reveal: a revealed round's result shown to the room one step at a time, in type a room can read.

The steps (workshop/reveal.py) are the consensus order, then how strongly the managers agree, then what
divides them, then the camps. Right, Space, Enter or Page Down go on; Left or Page Up go back; Escape
leaves. The reveal takes the keyboard as soon as it is shown, so the first key press already counts.

The type is sized to the screen (workshop/ui/ballot/reveal_fit.py); a list too long for the screen goes
on over further pages, each titled with the lines it shows, so no item is ever cut or left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from workshop.reveal import RevealStep
from workshop.ui.ballot import reveal_fit as fit
from workshop.ui.built import built
from workshop.ui.i18n import tr

REVEAL_STYLE = """
#reveal {{ background: #10243e; }}
#reveal QLabel {{ color: #ffffff; font-size: {body}px; }}
#reveal QLabel#step {{ color: #f2c14e; font-size: {step}px; font-weight: bold; }}
#reveal QLabel#headline {{ font-size: {headline}px; font-weight: bold; }}
#reveal QLabel#hint {{ color: #b8c4d6; font-size: {hint}px; }}
"""
NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_PageDown)
BACK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)


@dataclass(frozen=True)
class Page:
    """One screen of the reveal: a step (its index), the slice of its lines shown, and its type scale."""

    step: int
    lines: tuple[int, int]
    scale: float
    of: int  # how many pages the step takes


class RevealView(QWidget):
    """Shows the reveal steps one page at a time; emits `left` on Escape."""

    left = Signal()

    def __init__(self, steps: tuple[RevealStep, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reveal")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.steps = steps
        self.step = 0  # the page shown, counted over every step's pages
        self.pages: tuple[Page, ...] = ()
        self._style_scale = 0.0
        self.column = layout = QVBoxLayout(self)  # subclasses add to it
        self.step_label = self._label("step")
        self.headline = self._label("headline")
        self.body = self._label("body")
        self.hint = self._label("hint")
        self.hint.setText(tr("Right arrow or Enter: next    Left arrow: back    Esc: leave"))
        for widget in (self.step_label, self.headline, self.body):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        self._lay_out_pages()
        self.show_step(0)

    def _label(self, name: str) -> QLabel:
        label = built(QLabel(), objectName=name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def current(self) -> RevealStep:
        """Gives the step whose page is shown."""
        return self.steps[self.pages[self.step].step]

    def show_step(self, index: int) -> None:
        """Shows the page at that place (clamped to the first and the last)."""
        self.step = max(0, min(index, len(self.pages) - 1))
        page = self.pages[self.step]
        current = self.steps[page.step]
        self._use_scale(page.scale)
        title = current.title
        if page.of > 1:
            title = fit.range_title(title, page.lines, len(current.lines))
        self.step_label.setText(fit.step_title(self.step + 1, len(self.pages), title))
        self.headline.setText(current.headline)
        self.body.setText(fit.body_text(current, page.lines))

    def _lay_out_pages(self) -> None:
        """Splits the steps into pages that fit the view at its present size."""
        start = fit.start_scale(self.height(), QApplication.font().pointSizeF())
        pages: list[Page] = []
        for index, step in enumerate(self.steps):
            fitted = fit.fit_step(step, self.size(), start, self.hint.text())
            pages += [Page(index, lines, fitted.scale, len(fitted.pages)) for lines in fitted.pages]
        self.pages = tuple(pages)

    def _use_scale(self, scale: float) -> None:
        if scale == self._style_scale:
            return
        self._style_scale = scale
        self.setStyleSheet(REVEAL_STYLE.format(**fit.pixel_sizes(scale)))
        self.column.setContentsMargins(*fit.margins(scale))
        self.column.setSpacing(fit.spacing(scale))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        shown = self.pages[self.step] if self.pages else None
        self._lay_out_pages()
        # The same step stays in view, on the page that now holds the first line shown before.
        self.show_step(self._page_holding(shown) if shown is not None else 0)

    def _page_holding(self, shown: Page) -> int:
        """Gives the number of the page of that step which now holds the first line shown before."""
        return next(
            number
            for number, page in enumerate(self.pages)
            if page.step == shown.step and (page.lines[1] > shown.lines[0] or page.lines == (0, 0))
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in NEXT_KEYS:
            self.show_step(self.step + 1)
        elif key in BACK_KEYS:
            self.show_step(self.step - 1)
        elif key == Qt.Key.Key_Escape:
            self.left.emit()
        else:
            super().keyPressEvent(event)
