"""Finds text a person cannot read in full: visible labels whose text needs more room than they have.

Any window test may use it: lay the window out (show it, resize it, process events), then
`assert clipped_labels(window) == []`. The answer names each clipped label by its text, so a failure says
what was cut.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

ROOM = 1_000_000  # "as much as the text wants" on the side the label does not fix
SLACK = 1  # pixels: rounding between font metrics and layout


def text_size_needed(label: QLabel) -> QRect:
    """Gives the box the label's text takes, wrapped at the label's width when it wraps."""
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    flags = int(label.alignment())
    width = room.width() if label.wordWrap() else ROOM
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap)
    return label.fontMetrics().boundingRect(QRect(0, 0, width, ROOM), flags, label.text())


def is_clipped(label: QLabel) -> bool:
    """Gives whether the label's text needs a wider or taller box than the label shows it in."""
    if not label.text() or label.textFormat() == Qt.TextFormat.RichText:
        return False  # rich text lays itself out in a document; these checks cover plain text
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    needed = text_size_needed(label)
    return needed.width() > room.width() + SLACK or needed.height() > room.height() + SLACK


def outside_window(label: QLabel) -> bool:
    """Gives whether part of the label lies outside its window, where no one can see it."""
    window = label.window()
    corner = label.mapTo(window, label.rect().topLeft())
    return not window.rect().contains(QRect(corner, label.size()))


def clipped_labels(root: QWidget) -> list[str]:
    """Gives the text of every visible label under `root` that is cut, by its own size or by its window."""
    QApplication.processEvents()
    found = []
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.text() and (is_clipped(label) or outside_window(label)):
            found.append(label.text())
    return found
