"""The ballot room's building blocks: a screen in a reading column, its texts, and the list of names."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop.model import ballots
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.built import built
from workshop.ui.i18n import tr
from workshop.wording import plural

# Voters read this from a chair's distance: large type, roomy rows, a column of comfortable width.
ROOM_STYLE = """
#ballotRoom QWidget { font-size: 17pt; }
#ballotRoom QLabel#title { font-size: 28pt; font-weight: bold; }
#ballotRoom QLabel#subtitle { font-size: 22pt; font-weight: bold; }
#ballotRoom QListWidget::item { padding: 3px 4px; }
#ballotRoom QPushButton { padding: 8px 20px; }
"""
COLUMN_WIDTH = 1100
VOTER_ID = Qt.ItemDataRole.UserRole


def heading(text: str, level: str = "title") -> QLabel:
    label = built(QLabel(text), objectName=level)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def text(words: str = "") -> QLabel:
    label = QLabel(words)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and titles are data, never markup
    return label


def problem_text() -> QLabel:
    label = text()
    label.setObjectName("problem")
    show_as_attention(label, PROBLEM)
    return label


class Page(QWidget):
    """A ballot-room screen, centred in a column. Enter presses the focused button, or else the main one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QWidget()
        column.setMaximumWidth(COLUMN_WIDTH)
        self.layout_ = QVBoxLayout(column)
        self.layout_.setContentsMargins(48, 32, 48, 32)
        self.layout_.setSpacing(16)
        centre = QHBoxLayout(self)
        centre.addWidget(column)
        self.main_button: QPushButton | None = None
        self.first_focus: QWidget | None = None  # where the keys go when the screen is shown

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
            return
        focused = self.focusWidget()
        # A voter who tabbed to "Go back" and pressed Enter means "Go back", not the main button.
        pressed = focused if isinstance(focused, QPushButton) else self.main_button
        if pressed is not None and pressed.isEnabled() and pressed.isVisible():
            pressed.click()

    def take_focus(self) -> None:
        (self.first_focus or self.main_button or self).setFocus(Qt.FocusReason.OtherFocusReason)

    def add_buttons(self, *buttons: QPushButton, left: QPushButton | None = None) -> QHBoxLayout:
        """Gives the bottom row: `left` (the facilitator's, or Back) at the left, `buttons` at the right."""
        row = QHBoxLayout()
        if left is not None:
            row.addWidget(left)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        self.layout_.addLayout(row)
        return row


class VoterList(QListWidget):
    """The names, none chosen until the voter chooses: Down chooses the first, letters jump to a name.

    Enter asks for a ballot through `chosen` even with no name chosen, so the room can say what is missing.
    """

    chosen = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(tr("Who is voting?"))
        self.setWordWrap(True)
        self.itemActivated.connect(lambda _row: self.chosen.emit())  # a double click

    def fill(self, voters: tuple[ballots.Voter, ...], voted: set[int]) -> None:
        self.clear()
        for voter in voters:
            row = QListWidgetItem(voter_line(voter, voted=voter.id in voted))
            row.setData(VOTER_ID, voter.id)
            self.addItem(row)
        self.keyboardSearch("")  # the letters the last voter typed do not start this voter's search
        self.setCurrentRow(-1)  # nobody is pre-chosen: the last voter's Enter must not pick a name
        self.clearSelection()

    def chosen_id(self) -> int | None:
        rows = self.selectedItems()
        return int(rows[0].data(VOTER_ID)) if rows else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and not self.selectedItems() and self.count():
            # Qt gives the list a current row, unselected, when it takes the focus: the first arrow key
            # chooses the first name rather than skipping it.
            self.setCurrentRow(0)
        else:
            super().keyPressEvent(event)


def wait_after_wrong_tries(seconds: int) -> str:
    """Gives "Too many wrong tries. Try again in 5 seconds." for a PIN or a code."""
    return plural(
        seconds,
        "Too many wrong tries. Try again in 1 second.",
        "Too many wrong tries. Try again in %n seconds.",
    )


def voter_line(voter: ballots.Voter, *, voted: bool) -> str:
    """Gives a name as listed: with the team, and on a second line a check mark when they have voted."""
    name = f"{voter.name} ({voter.team})" if voter.team else voter.name
    return f"{name}\n{tr('✓ has voted')}" if voted else name
