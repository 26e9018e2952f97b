"""A QR code drawn for a projector: black on white whatever the theme, whole pixels per module.

Phones at the back of a room scan the code from a projected picture, which blurs every edge a little;
modules of whole pixels keep each edge where the phone expects it, and the quiet zone of 4 modules lets
the phone find the code against whatever surrounds it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_MODULES = 4  # the quiet zone the QR standard asks for on every side
SMALLEST_MODULE_PX = 4  # below this a phone across a room no longer reads the code

Matrix = tuple[tuple[bool, ...], ...]


class QrView(QWidget):
    """Shows a QR matrix (dark modules, no quiet zone) as large as the widget allows, centred."""

    def __init__(self, matrix: Matrix, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = matrix
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(self.sizeHint())

    def modules(self) -> int:
        """Gives the modules across the drawn code, its quiet zone included."""
        return len(self.matrix) + 2 * QUIET_MODULES

    def sizeHint(self) -> QSize:
        side = self.modules() * SMALLEST_MODULE_PX
        return QSize(side, side)

    def module_px(self) -> int:
        """Gives the whole pixels per module that fit the widget's shorter side (at least one)."""
        return max(1, min(self.width(), self.height()) // self.modules())

    def code_rect(self) -> QRect:
        """Gives where the code and its quiet zone are drawn: a square of whole modules, centred."""
        side = self.module_px() * self.modules()
        return QRect(QPoint((self.width() - side) // 2, (self.height() - side) // 2), QSize(side, side))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.code_rect()
        painter.fillRect(area, QColor("white"))
        module = self.module_px()
        left = area.left() + QUIET_MODULES * module
        top = area.top() + QUIET_MODULES * module
        black = QColor("black")
        for row, line in enumerate(self.matrix):
            for column, dark in enumerate(line):
                if dark:
                    painter.fillRect(left + column * module, top + row * module, module, module, black)
        painter.end()
