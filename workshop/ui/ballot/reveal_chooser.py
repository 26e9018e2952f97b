"""The facilitator's choices around a reveal: which round to show the room, and whether to reveal one now.

The chooser lists every ballot round with where it stands, never what its ballots say: a round still open
is greyed with the reason, so the facilitator sees why it cannot be shown yet.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop.model.gather import RoundToShow
from workshop.ui.built import built
from workshop.ui.i18n import tr
from workshop.wording import word

WHERE_IT_STANDS = {
    "revealed": "revealed; choose it to show it again",
    "closed": "closed, not revealed yet; choosing it reveals it to the room",
    "open": "still open: close it first",
    "not open yet": "not open yet: open it and let people vote first",
}


def round_line(choice: RoundToShow) -> str:
    """Gives the chooser's line for a round: its name, its method (unless the name says it already) and
    where it stands, in words."""
    method = word(choice.method.value)
    status = tr(WHERE_IT_STANDS[choice.status])
    # Where it stands goes on a line of its own, so a long name and the status both show whole.
    if method.casefold() in choice.name.casefold():
        return tr("{round}\n{status}").format(round=choice.name, status=status)
    return tr("{round} ({method})\n{status}").format(round=choice.name, method=method, status=status)


class RevealChooser(QDialog):
    """Lists the rounds; the facilitator picks a closed one to reveal, or a revealed one to show again."""

    def __init__(self, rounds: tuple[RoundToShow, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Reveal a round"))
        self.rounds = rounds
        self.list = built(QListWidget(), accessibleName=tr("Ballot rounds"), spacing=4)
        # Long names wrap rather than run off a projector's screen.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        for choice in rounds:
            item = QListWidgetItem(round_line(choice))
            if not choice.may_be_shown:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.show_button = built(QPushButton(tr("Reveal")), default=True)
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda _row: self._name_the_button())
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(built(QLabel(tr("Which round do you show the room?")), wordWrap=True))
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        first = next((row for row, choice in enumerate(rounds) if choice.may_be_shown), None)
        if first is not None:
            self.list.setCurrentRow(first)
        self._name_the_button()
        self.list.setFocus()
        self.resize(self._width_for_lines(), 420)

    def _width_for_lines(self) -> int:
        """Gives a width that shows every line whole (in projector type too), within the screen."""
        metrics = self.list.fontMetrics()
        lines = (line for row in range(self.list.count()) for line in self.list.item(row).text().splitlines())
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        screen = self.screen().availableGeometry().width() if self.screen() else 1280
        return max(640, min(widest + 80, int(screen * 0.9)))

    def chosen(self) -> RoundToShow | None:
        """Gives the round picked, when it may be shown."""
        row = self.list.currentRow()
        if row < 0 or not self.rounds[row].may_be_shown:
            return None
        return self.rounds[row]

    def _name_the_button(self) -> None:
        choice = self.chosen()
        self.show_button.setEnabled(choice is not None)
        revealed = choice is not None and choice.status == "revealed"
        self.show_button.setText(tr("Show again") if revealed else tr("Reveal"))


def reveal_now_wanted(parent: QWidget, round_name: str) -> bool:
    """Gives whether the facilitator, having just closed the round, wants to reveal it to the room now."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Reveal the results?"))
    box.setText(
        tr("Voting in '{round}' is closed. Reveal its results to the room now?").format(round=round_name)
    )
    box.setInformativeText(
        tr(
            "Reveal now shows the results on this screen, step by step. Later keeps them private; reveal "
            "them from Room > Reveal a Round when the room is ready."
        )
    )
    now = box.addButton(tr("Reveal now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(now)
    box.exec()
    return box.clickedButton() is now


class AfterVoting(Enum):
    """What the facilitator chose once everyone in the room had voted."""

    REVEAL_NOW = "reveal now"
    CLOSE_ONLY = "close only"
    KEEP_OPEN = "keep open"


def after_everyone_voted(parent: QWidget, round_name: str) -> AfterVoting:
    """Gives what the facilitator wants, back from ballot mode with every ballot in: close voting and
    reveal at once (the default), close and reveal later, or keep the round open for late votes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Everyone has voted"))
    question = tr("Everyone has voted in '{round}'. Close voting and reveal the results now?")
    box.setText(question.format(round=round_name))
    box.setInformativeText(
        tr("Closing keeps every ballot as cast. You can also reveal later, from Room > Reveal a Round.")
    )
    now = box.addButton(tr("Close and reveal now"), QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(tr("Close, reveal later"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("Keep voting open"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(now)
    box.exec()
    clicked = box.clickedButton()
    if clicked is now:
        return AfterVoting.REVEAL_NOW
    return AfterVoting.CLOSE_ONLY if clicked is later else AfterVoting.KEEP_OPEN
