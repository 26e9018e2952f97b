"""The reveal: a revealed round's result shown to the room one step at a time, in type a room can read.

The steps (workshop/reveal.py) are the consensus order, then how strongly the managers agree, then what
divides them, then the camps. Right, Space or Page Down go on; Left or Page Up go back; Escape leaves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from workshop.reveal import RevealStep
from workshop.ui.built import built
from workshop.ui.i18n import tr

# Sizes at the usual 9 pt system type: body at least 28 px at 1920x1080, so the back row can read it.
REVEAL_STYLE = """
#reveal {{ background: #10243e; }}
#reveal QLabel {{ color: #ffffff; font-size: {body}px; }}
#reveal QLabel#step {{ color: #f2c14e; font-size: {step}px; font-weight: bold; }}
#reveal QLabel#headline {{ font-size: {headline}px; font-weight: bold; }}
#reveal QLabel#hint {{ color: #b8c4d6; font-size: {hint}px; }}
"""
REVEAL_PIXEL_SIZES = {"body": 34, "step": 26, "headline": 64, "hint": 22}
USUAL_POINT_SIZE = 9.0
# Larger system type makes the reveal larger, up to twice, so a long headline still fits the screen.
MAX_TYPE_RATIO = 2.0


def reveal_style(system_point_size: float) -> str:
    """Gives the reveal's style sheet with type scaled to the system font size, never below the usual."""
    ratio = min(max(system_point_size / USUAL_POINT_SIZE, 1.0), MAX_TYPE_RATIO)
    return REVEAL_STYLE.format(**{part: round(px * ratio) for part, px in REVEAL_PIXEL_SIZES.items()})


class RevealView(QWidget):
    """Shows the reveal steps one by one; emits `left` on Escape."""

    left = Signal()

    def __init__(self, steps: tuple[RevealStep, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reveal")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(reveal_style(QApplication.font().pointSizeF()))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.steps = steps
        self.step = 0
        self.column = layout = QVBoxLayout(self)  # subclasses add to it
        layout.setContentsMargins(96, 64, 96, 48)
        layout.setSpacing(24)
        self.step_label = self._label("step")
        self.headline = self._label("headline")
        self.body = self._label("body")
        self.hint = self._label("hint")
        self.hint.setText(tr("Right arrow: next    Left arrow: back    Esc: leave"))
        for widget in (self.step_label, self.headline, self.body):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        self.show_step(0)

    def _label(self, name: str) -> QLabel:
        label = built(QLabel(), objectName=name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def show_step(self, index: int) -> None:
        self.step = max(0, min(index, len(self.steps) - 1))
        current = self.steps[self.step]
        step = tr("Step {number} of {count}: {title}")
        self.step_label.setText(step.format(number=self.step + 1, count=len(self.steps), title=current.title))
        self.headline.setText(current.headline)
        self.body.setText("\n".join(current.lines))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            self.show_step(self.step + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.show_step(self.step - 1)
        elif key == Qt.Key.Key_Escape:
            self.left.emit()
        else:
            super().keyPressEvent(event)
