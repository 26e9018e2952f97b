"""Ballot mode: voters take turns at the laptop; each sees a clean ballot and then a hand-off screen.

A voter can reach nothing else from here: leaving ballot mode needs the facilitator (and the round's PIN
when one is set). Nothing on these screens shows another voter's ballot, and the screen after casting
shows nothing of the ballot just cast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.ballot.boards import ImpactEffortBoard, PointsBoard, RankingBoard
from workshop.ui.built import built
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr

T = TypeVar("T")

HOW_TO_VOTE = {
    e.BallotMethod.RANKING: (
        "Put the opportunities in your order of priority, most important first. Drag them, or select one "
        "and type its place (1, 2, 3 ...); Ctrl+Up and Ctrl+Down move it. Press Enter when you are done."
    ),
    e.BallotMethod.POINTS: (
        "Spread 100 points over the opportunities: more points for what matters more. "
        "Tab moves to the next one."
    ),
    e.BallotMethod.IMPACT_EFFORT: (
        "For each opportunity, rate how much it would help (impact) and how hard it would be (effort), "
        "from 1 to 5. Tab moves on; the arrow keys change a rating."
    ),
}


def _heading(text: str, level: str = "title") -> QLabel:
    label = built(QLabel(text), objectName=level)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _text(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and titles are data, never markup
    return label


def _problem_text() -> QLabel:
    label = _text()
    label.setObjectName("problem")
    show_as_attention(label, PROBLEM)
    return label


# Voters read this from a chair's distance: large type, roomy rows, a column of comfortable width.
ROOM_STYLE = """
#ballotRoom QWidget { font-size: 17pt; }
#ballotRoom QLabel#title { font-size: 28pt; font-weight: bold; }
#ballotRoom QLabel#subtitle { font-size: 22pt; font-weight: bold; }
#ballotRoom QListWidget::item { padding: 6px 4px; }
#ballotRoom QPushButton { padding: 8px 20px; }
"""
COLUMN_WIDTH = 1100


class _Page(QWidget):
    """A ballot-room screen, centred in a column, whose Enter key presses its main button."""

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.main_button is not None:
            if self.main_button.isEnabled():
                self.main_button.click()
            return
        super().keyPressEvent(event)


class BallotRoom(QWidget):
    """The whole of ballot mode for one round; emits `left` when the facilitator leaves it."""

    left = Signal()

    def __init__(self, context: WorkshopContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ballotRoom")
        self.setStyleSheet(ROOM_STYLE)
        self._context = context
        self.round_id = round_id
        self.voter: ballots.Voter | None = None
        self.board: RankingBoard | PointsBoard | ImpactEffortBoard | None = None
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)
        self.picker = self._build_picker()
        self.confirm = self._build_confirm()
        self.handoff = self._build_handoff()
        self.facilitator = self._build_facilitator()
        self.ballot_page: _Page | None = None
        self.show_picker()

    # --- reading and writing ------------------------------------------------------------------------
    def _read(self, query: Callable[..., T], **kwargs: object) -> T:
        with self._context.store.reading() as session:
            return query(session, round_id=self.round_id, **kwargs)

    def _write(self, change: Callable[..., object], **kwargs: object) -> None:
        self._context.write(change, initiator=self, round_id=self.round_id, **kwargs)

    def progress(self) -> ballots.RoundProgress:
        return self._read(ballots.round_progress)

    # --- the voter picks their name -------------------------------------------------------------------
    def _build_picker(self) -> _Page:
        page = _Page()
        self.picker_heading = _heading("")
        self.picker_progress = _text()
        self.voter_list = built(QListWidget(), accessibleName=tr("Who is voting?"))
        self.voter_list.itemActivated.connect(lambda _item: self.start_ballot())
        start = QPushButton(tr("Start my ballot"), default=True)
        start.clicked.connect(self.start_ballot)
        page.main_button = start
        page.layout_.addWidget(self.picker_heading)
        page.layout_.addWidget(self.picker_progress)
        page.layout_.addWidget(_text(tr("Choose your name, then start your ballot. Nobody else sees it.")))
        page.layout_.addWidget(self.voter_list, 1)
        page.layout_.addLayout(self._buttons(start))
        self.stack.addWidget(page)
        return page

    def show_picker(self) -> None:
        self._drop_ballot_page()
        progress = self.progress()
        self.picker_heading.setText(tr("Ballot: {round}").format(round=progress.name))
        self.picker_progress.setText(progress.sentence)
        voted = set(self._read(ballots.voted_ids))
        self.voter_list.clear()
        for voter in self._read(ballots.eligible_voters):
            team = f" ({voter.team})" if voter.team else ""
            mark = tr("   - has voted; voting again replaces the ballot") if voter.id in voted else ""
            row = QListWidgetItem(f"{voter.name}{team}{mark}")
            row.setData(Qt.ItemDataRole.UserRole, voter.id)
            self.voter_list.addItem(row)
        self.voter_list.setCurrentRow(0)
        self.stack.setCurrentWidget(self.picker)
        self.voter_list.setFocus()

    def start_ballot(self, participant_id: int | None = None) -> None:
        """Shows a clean ballot for the chosen voter (the selected one when no id is given)."""
        if participant_id is None:
            row = self.voter_list.currentItem()
            if row is None:
                return
            participant_id = int(row.data(Qt.ItemDataRole.UserRole))
        try:
            sheet = self._read(ballots.ballot_sheet, participant_id=participant_id)
        except WorkshopError as error:
            self.picker_progress.setText(str(error))
            return
        self.voter = sheet.voter
        self.ballot_page = self._build_ballot_page(sheet)
        self.stack.addWidget(self.ballot_page)
        self.stack.setCurrentWidget(self.ballot_page)
        assert self.board is not None
        self.board.setFocus()
        if isinstance(self.board, PointsBoard):
            next(iter(self.board.boxes.values())).setFocus()

    # --- the ballot ----------------------------------------------------------------------------------
    def _build_ballot_page(self, sheet: ballots.BallotSheet) -> _Page:
        page = _Page()
        page.layout_.addWidget(_heading(tr("Your ballot, {name}").format(name=sheet.voter.name)))
        page.layout_.addWidget(_text(tr(HOW_TO_VOTE[sheet.method])))
        submit = QPushButton(tr("Cast my ballot..."))
        submit.clicked.connect(self.ask_to_confirm)
        if sheet.method is e.BallotMethod.RANKING:
            ranking = RankingBoard(sheet.items, allow_ties=sheet.allow_ties)
            ranking.submit_requested.connect(self.ask_to_confirm)
            board: RankingBoard | PointsBoard | ImpactEffortBoard = ranking
        elif sheet.method is e.BallotMethod.POINTS:
            board = PointsBoard(sheet.items)
            board.changed.connect(lambda: submit.setEnabled(board.is_complete()))
            submit.setEnabled(board.is_complete())
        else:
            board = ImpactEffortBoard(sheet.items)
        self.board = board
        page.main_button = submit
        page.layout_.addWidget(board, 1)
        page.layout_.addLayout(self._buttons(submit))
        return page

    def ask_to_confirm(self) -> None:
        """Shows the ballot once more and asks whether to cast it."""
        if self.board is None or (isinstance(self.board, PointsBoard) and not self.board.is_complete()):
            return
        self.confirm_summary.setText("\n".join(self.board.summary()))
        self.confirm_message.setText("")
        self.stack.setCurrentWidget(self.confirm)
        self.confirm.setFocus()

    # --- confirm, then hand the laptop on --------------------------------------------------------------
    def _build_confirm(self) -> _Page:
        page = _Page()
        page.layout_.addWidget(_heading(tr("Cast this ballot?")))
        self.confirm_summary = _text()
        self.confirm_message = _problem_text()
        cast = QPushButton(tr("Cast my ballot"))
        cast.clicked.connect(self.cast)
        back = QPushButton(tr("Go back and change it"))
        back.clicked.connect(self.back_to_ballot)
        page.main_button = cast
        page.layout_.addWidget(self.confirm_summary)
        page.layout_.addWidget(self.confirm_message)
        return self._with_buttons(page, back, cast)

    def back_to_ballot(self) -> None:
        if self.ballot_page is not None:
            self.stack.setCurrentWidget(self.ballot_page)

    def cast(self) -> None:
        """Stores the ballot in one transaction and shows the hand-off screen."""
        assert self.voter is not None and self.board is not None
        board, voter = self.board, self.voter.id
        try:
            if isinstance(board, RankingBoard):
                self._write(ballots.cast_ranking, participant_id=voter, ranks=board.ranks())
            elif isinstance(board, PointsBoard):
                self._write(ballots.cast_points, participant_id=voter, points=board.points())
            else:
                self._write(ballots.cast_impact_effort, participant_id=voter, ratings=board.ratings())
        except WorkshopError as error:
            self.confirm_message.setText(tr("The ballot was not cast: {reason}").format(reason=error))
            return
        self.show_handoff()

    def _build_handoff(self) -> _Page:
        page = _Page()
        page.layout_.addStretch(1)
        self.handoff_progress = _text()
        for label in (
            _heading(tr("Thank you - your ballot is saved.")),
            _heading(tr("Pass the laptop to the next person."), "subtitle"),
            self.handoff_progress,
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            page.layout_.addWidget(label)
        page.layout_.addStretch(2)
        next_voter = QPushButton(tr("Next voter"))
        next_voter.clicked.connect(self.show_picker)
        page.main_button = next_voter
        page.layout_.addLayout(self._buttons(next_voter))
        self.stack.addWidget(page)
        return page

    def show_handoff(self) -> None:
        self._drop_ballot_page()
        self.handoff_progress.setText(self.progress().sentence)
        self.stack.setCurrentWidget(self.handoff)
        self.handoff.setFocus()

    def _drop_ballot_page(self) -> None:
        """Removes the last ballot's widgets entirely, so nothing of it can be shown or read again."""
        if self.ballot_page is not None:
            self.stack.removeWidget(self.ballot_page)
            self.ballot_page.setParent(None)  # out of the window at once, not at the next event loop
            self.ballot_page.deleteLater()
        self.ballot_page, self.board, self.voter = None, None, None

    # --- the facilitator leaves ballot mode --------------------------------------------------------------
    def _build_facilitator(self) -> _Page:
        page = _Page()
        page.layout_.addWidget(_heading(tr("Facilitator")))
        self.pin_prompt = _text()
        self.pin_field = built(
            QLineEdit(), echoMode=QLineEdit.EchoMode.Password, accessibleName=tr("Facilitator PIN")
        )
        self.pin_message = _problem_text()
        leave = QPushButton(tr("Leave ballot mode"))
        leave.clicked.connect(lambda: self.leave(self.pin_field.text()))
        back = QPushButton(tr("Back to voting"))
        back.clicked.connect(self.show_picker)
        page.main_button = leave
        for widget in (self.pin_prompt, self.pin_field, self.pin_message):
            page.layout_.addWidget(widget)
        return self._with_buttons(page, back, leave)

    def _with_buttons(self, page: _Page, back: QPushButton, main: QPushButton) -> _Page:
        """Gives the page, in the room, with Back at the bottom left and its main button at the right."""
        page.layout_.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(main)
        page.layout_.addLayout(row)
        self.stack.addWidget(page)
        return page

    def ask_for_facilitator(self) -> None:
        """Shows the facilitator screen; a voter's ballot in progress is dropped, never cast."""
        self._drop_ballot_page()
        needs_pin = self.progress().pin_required
        self.pin_prompt.setText(
            tr("Enter the facilitator PIN to leave ballot mode.") if needs_pin else tr("Leave ballot mode?")
        )
        self.pin_field.setVisible(needs_pin)
        self.pin_field.clear()
        self.pin_message.setText("")
        self.stack.setCurrentWidget(self.facilitator)
        (self.pin_field if needs_pin else self.facilitator).setFocus()

    def leave(self, pin: str = "") -> bool:
        """Leaves ballot mode when the PIN is right (or none is set); gives whether it left."""
        if not self._read(ballots.pin_matches, pin=pin):
            self.pin_message.setText(tr("That PIN is not right. Ask the facilitator."))
            self.pin_field.clear()
            return False
        self.left.emit()
        return True

    def _buttons(self, main: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        facilitator = QPushButton(tr("Facilitator..."))
        facilitator.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not in the voter's Tab path
        facilitator.clicked.connect(self.ask_for_facilitator)
        row.addWidget(facilitator)
        row.addStretch(1)
        row.addWidget(main)
        return row
