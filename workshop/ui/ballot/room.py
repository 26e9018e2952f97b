"""Ballot mode: voters take turns at the laptop; each sees a clean ballot and then a hand-off screen.

A voter can reach nothing else from here: leaving ballot mode needs the facilitator (and the round's PIN
when one is set; without one, the facilitator's key chord or a screen that says only the facilitator should
go on). Nothing on these screens shows another voter's ballot, and the screen after casting shows nothing
of the ballot just cast. Each screen says where the keys start (`Page.first_focus`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from workshop.lockout import Lockout
from workshop.model import ballots, voter_codes
from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.ui.ballot.boards import ImpactEffortBoard, PointsBoard, RankingBoard
from workshop.ui.ballot.screens import (
    ROOM_STYLE,
    Page,
    VoterList,
    heading,
    problem_text,
    text,
    wait_after_wrong_tries,
)
from workshop.ui.built import built
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.wording import plural

T = TypeVar("T")

# The facilitator's way out when the round has no PIN: four keys at once, which no voter presses by chance.
FACILITATOR_KEYS = "Ctrl+Alt+Shift+L"

HOW_TO_VOTE = {
    e.BallotMethod.RANKING: (
        "Put the opportunities in your order of priority, most important first: press the letter beside "
        "each one in that order (Backspace takes back the last, Escape starts again), or drag them; "
        "Ctrl+Up and Ctrl+Down move the selected one. Press Enter when you are done."
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


class BallotRoom(QWidget):
    """The whole of ballot mode for one round; emits `left` when the facilitator leaves it.

    `clock` gives seconds for the waits after wrong PINs and codes (time.monotonic unless a test moves it).
    """

    left = Signal()

    def __init__(
        self,
        context: WorkshopContext,
        round_id: int,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ballotRoom")
        self.setStyleSheet(ROOM_STYLE)
        self._context = context
        self.round_id = round_id
        self.voter: ballots.Voter | None = None
        self.board: RankingBoard | PointsBoard | ImpactEffortBoard | None = None
        self._pending: int | None = None  # the voter who chose their name, until their ballot opens
        self.pin_lockout, self.code_lockout = Lockout(clock), Lockout(clock)
        self._ticking = QTimer(self, interval=250)
        self._ticking.timeout.connect(self.show_lockouts)
        self.stack = QStackedWidget(self)
        QVBoxLayout(self).addWidget(self.stack)
        self.picker = self._build_picker()
        self.replace_question = self._build_replace_question()
        self.code_entry = self._build_code_entry()
        self.confirm = self._build_confirm()
        self.handoff = self._build_handoff()
        self.facilitator = self._build_facilitator()
        self.ballot_page: Page | None = None
        chord = QShortcut(QKeySequence(FACILITATOR_KEYS), self)
        chord.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        chord.activated.connect(lambda: self.ask_for_facilitator(by_chord=True))
        self.show_picker()

    # --- reading and writing ------------------------------------------------------------------------
    def _read(self, query: Callable[..., T], **kwargs: object) -> T:
        with self._context.store.reading() as session:
            return query(session, round_id=self.round_id, **kwargs)

    def _write(self, change: Callable[..., object], **kwargs: object) -> None:
        self._context.write(change, initiator=self, round_id=self.round_id, **kwargs)

    def progress(self) -> ballots.RoundProgress:
        return self._read(ballots.round_progress)

    def _show(self, page: Page) -> None:
        self.stack.setCurrentWidget(page)
        page.take_focus()

    def focusInEvent(self, event: QFocusEvent) -> None:
        # The window hands the keys to the room as a whole when it takes over: they go on to where the
        # screen shown says they start (the name list, the ballot, the PIN), never stay on the frame.
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.take_focus()
        else:
            super().focusInEvent(event)

    def _facilitator_button(self) -> QPushButton:
        button = QPushButton(tr("Facilitator…"))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not in the voter's Tab path
        button.clicked.connect(lambda: self.ask_for_facilitator())
        return button

    def _page(self, *texts: QLabel) -> Page:
        page = Page()
        for label in texts:
            page.layout_.addWidget(label)
        self.stack.addWidget(page)
        return page

    # --- the voter picks their name -------------------------------------------------------------------
    def _build_picker(self) -> Page:
        self.picker_heading, self.picker_progress = heading(""), text()
        self.voter_list = VoterList()
        self.voter_list.chosen.connect(lambda: self.start_ballot())
        self.picker_message = problem_text()
        page = self._page(
            self.picker_heading,
            self.picker_progress,
            text(tr("Choose your name with the arrow keys or its first letters, then press Enter.")),
        )
        page.layout_.addWidget(self.voter_list, 1)
        page.layout_.addWidget(self.picker_message)
        start = QPushButton(tr("Start my ballot"))
        start.clicked.connect(lambda: self.start_ballot())
        page.add_buttons(start, left=self._facilitator_button())
        page.main_button, page.first_focus = start, self.voter_list
        return page

    def show_picker(self) -> None:
        self._drop_ballot_page()
        self._pending = None
        progress = self.progress()
        self.picker_heading.setText(tr("Ballot: {round}").format(round=progress.name))
        self.picker_progress.setText(progress.sentence)
        self.picker_message.setText("")
        self.voter_list.fill(self._read(ballots.eligible_voters), set(self._read(ballots.voted_ids)))
        self._show(self.picker)

    def start_ballot(self, participant_id: int | None = None) -> None:
        """Takes the chosen voter (the one chosen in the list when no id is given) towards a clean ballot:
        first the question whether to replace their earlier ballot, then their code, when either applies."""
        participant_id = self.voter_list.chosen_id() if participant_id is None else participant_id
        if participant_id is None:
            self.picker_message.setText(tr("Choose your name first."))
            self.voter_list.setFocus()
            return
        self._pending = participant_id
        if participant_id in self._read(ballots.voted_ids):
            name = next(v.name for v in self._read(ballots.eligible_voters) if v.id == participant_id)
            self.replace_heading.setText(tr("Replace your earlier ballot?"))
            self.replace_whom.setText(tr("{name}, you have voted in this round already.").format(name=name))
            self._show(self.replace_question)
        else:
            self.on_replace_accepted()

    # --- a voter who has voted is asked before their ballot is replaced --------------------------------
    def _build_replace_question(self) -> Page:
        self.replace_heading, self.replace_whom = heading(""), text()
        page = self._page(
            self.replace_heading,
            self.replace_whom,
            text(
                tr(
                    "A new ballot replaces your earlier one, and the facilitator sees that a ballot was "
                    "replaced (never what either one said). Not you? Go back and choose your own name."
                )
            ),
        )
        page.layout_.addStretch(1)
        yes = QPushButton(tr("Yes, replace it"))
        yes.clicked.connect(self.on_replace_accepted)
        no = QPushButton(tr("No, back to the names"))
        no.clicked.connect(self.show_picker)
        page.add_buttons(yes, no, left=self._facilitator_button())
        page.main_button = page.first_focus = no  # Enter keeps the earlier ballot
        return page

    def on_replace_accepted(self) -> None:
        if self._pending is None:
            return
        if self.progress().uses_codes:
            self.code_field.clear()
            self.code_message.setText("")
            self._show(self.code_entry)
            self.show_lockouts()
        else:
            self.open_ballot(self._pending)

    # --- with codes, the voter types the one on their card ----------------------------------------------
    def _build_code_entry(self) -> Page:
        self.code_field = built(
            QLineEdit(), echoMode=QLineEdit.EchoMode.Password, accessibleName=tr("Your code")
        )
        self.code_message = problem_text()
        page = self._page(
            heading(tr("Your code")),
            text(tr("Type the code on your card. Capitals, spaces and dashes do not matter.")),
        )
        page.layout_.addWidget(self.code_field)
        page.layout_.addWidget(self.code_message)
        page.layout_.addStretch(1)
        back = QPushButton(tr("Back to the names"))
        back.clicked.connect(self.show_picker)
        go = QPushButton(tr("Open my ballot"))
        go.clicked.connect(lambda: self.enter_code(self.code_field.text()))
        page.add_buttons(back, go, left=self._facilitator_button())
        page.main_button, page.first_focus = go, self.code_field
        return page

    def enter_code(self, code: str) -> bool:
        """Opens the chosen voter's ballot when `code` is theirs; gives whether it opened."""
        if self._pending is None or self.code_lockout.locked:
            return False
        if not self._read(voter_codes.code_matches, participant_id=self._pending, code=code):
            self.code_lockout.refused()
            self.code_field.clear()
            self.code_message.setText(tr("That code is not right. Check your card and type it again."))
            self.show_lockouts()
            return False
        self.code_lockout.passed()
        self.open_ballot(self._pending)
        return True

    # --- the ballot ----------------------------------------------------------------------------------
    def open_ballot(self, participant_id: int) -> None:
        """Shows a clean ballot for the voter, the keys in the ballot board."""
        try:
            sheet = self._read(ballots.ballot_sheet, participant_id=participant_id)
        except WorkshopError as error:
            self.show_picker()
            self.picker_message.setText(str(error))
            return
        self._drop_ballot_page()
        self.voter = sheet.voter
        self.ballot_page = self._build_ballot_page(sheet)
        self._show(self.ballot_page)

    def _build_ballot_page(self, sheet: ballots.BallotSheet) -> Page:
        page = self._page(
            heading(tr("Your ballot, {name}").format(name=sheet.voter.name)),
            text(tr(HOW_TO_VOTE[sheet.method])),
        )
        submit = QPushButton(tr("Cast my ballot…"))
        submit.clicked.connect(self.ask_to_confirm)
        if sheet.method is e.BallotMethod.RANKING:
            ranking = RankingBoard(sheet.items, allow_ties=sheet.allow_ties, top_k=sheet.top_k)
            ranking.submit_requested.connect(self.ask_to_confirm)
            board: RankingBoard | PointsBoard | ImpactEffortBoard = ranking
        elif sheet.method is e.BallotMethod.POINTS:
            board = PointsBoard(sheet.items)
            board.changed.connect(lambda: submit.setEnabled(board.is_complete()))
            submit.setEnabled(board.is_complete())
        else:
            board = ImpactEffortBoard(sheet.items)
        self.board = board
        page.layout_.addWidget(board, 1)
        page.add_buttons(submit, left=self._facilitator_button())
        page.main_button = submit
        page.first_focus = next(iter(board.boxes.values())) if isinstance(board, PointsBoard) else board
        return page

    def ask_to_confirm(self) -> None:
        """Shows the ballot once more and asks whether to cast it."""
        if self.board is None or (isinstance(self.board, PointsBoard) and not self.board.is_complete()):
            return
        self.confirm_summary.setText("\n".join(self.board.summary()))
        self.confirm_message.setText("")
        self._show(self.confirm)

    # --- confirm, then hand the laptop on --------------------------------------------------------------
    def _build_confirm(self) -> Page:
        self.confirm_summary, self.confirm_message = text(), problem_text()
        page = self._page(heading(tr("Cast this ballot?")), self.confirm_summary, self.confirm_message)
        page.layout_.addStretch(1)
        back = QPushButton(tr("Go back and change it"))
        back.clicked.connect(self.back_to_ballot)
        cast = QPushButton(tr("Cast my ballot"))
        cast.clicked.connect(self.cast)
        page.add_buttons(cast, left=back)
        page.main_button = page.first_focus = cast
        return page

    def back_to_ballot(self) -> None:
        if self.ballot_page is not None:
            self._show(self.ballot_page)

    def cast(self) -> None:
        """Stores the ballot in one transaction (an earlier one is replaced and that is recorded) and
        shows the hand-off screen."""
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

    def _build_handoff(self) -> Page:
        self.handoff_next, self.handoff_progress = heading("", "subtitle"), text()
        self.handoff_facilitator = text()
        page = Page()
        page.layout_.addStretch(1)
        for label in (
            heading(tr("Thank you — your ballot is saved.")),
            self.handoff_next,
            self.handoff_progress,
            self.handoff_facilitator,
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            page.layout_.addWidget(label)
        page.layout_.addStretch(2)
        next_voter = QPushButton(tr("Next voter"))
        next_voter.clicked.connect(self.show_picker)
        page.add_buttons(next_voter, left=self._facilitator_button())
        page.main_button = page.first_focus = next_voter
        self.stack.addWidget(page)
        return page

    def show_handoff(self) -> None:
        self._drop_ballot_page()
        progress = self.progress()
        everyone = progress.voted >= progress.eligible
        self.handoff_next.setText(
            tr("Everyone has voted. Please hand the laptop back to the facilitator.")
            if everyone
            else tr("Pass the laptop to the next person.")
        )
        self.handoff_progress.setText(progress.sentence)
        # Once the voter list is complete the next step is the facilitator's: say which, on the same screen.
        self.handoff_facilitator.setVisible(everyone)
        self.handoff_facilitator.setText(
            tr(
                "Facilitator: choose Facilitator… (bottom left) to leave ballot mode; you are then asked "
                "whether to close voting and reveal the results."
            )
        )
        self._show(self.handoff)

    def _drop_ballot_page(self) -> None:
        """Removes the last ballot's widgets entirely, so nothing of it can be shown or read again."""
        if self.ballot_page is not None:
            self.stack.removeWidget(self.ballot_page)
            self.ballot_page.setParent(None)  # out of the window at once, not at the next event loop
            self.ballot_page.deleteLater()
        self.ballot_page, self.board, self.voter = None, None, None

    # --- the facilitator leaves ballot mode --------------------------------------------------------------
    def _build_facilitator(self) -> Page:
        self.pin_prompt, self.pin_message, self.replaced_line = text(), problem_text(), text()
        self.pin_field = built(
            QLineEdit(), echoMode=QLineEdit.EchoMode.Password, accessibleName=tr("Facilitator PIN")
        )
        page = self._page(heading(tr("Facilitator")), self.pin_prompt)
        for widget in (self.pin_field, self.pin_message, self.replaced_line):
            page.layout_.addWidget(widget)
        page.layout_.addStretch(1)
        self.back_to_voting = QPushButton(tr("Back to voting"))
        self.back_to_voting.clicked.connect(self.show_picker)
        self.i_am_facilitator = QPushButton(tr("I am the facilitator"))
        self.i_am_facilitator.clicked.connect(lambda: self._show_leave_question(focus_leave=False))
        self.leave_button = QPushButton(tr("Leave ballot mode"))
        self.leave_button.clicked.connect(self.on_leave_clicked)
        page.add_buttons(self.i_am_facilitator, self.leave_button, left=self.back_to_voting)
        return page

    def ask_for_facilitator(self, *, by_chord: bool = False) -> None:
        """Shows the facilitator screen; a voter's ballot in progress is dropped, never cast.

        With a PIN it asks for the PIN. Without one, the facilitator's key chord asks "Leave ballot mode?";
        the visible button first says that only the facilitator should go on."""
        self._drop_ballot_page()
        self._pending = None
        self.pin_message.setText("")
        self.replaced_line.setText(self.replacements_sentence())
        if self.progress().pin_required:
            self._show_pin_question()
        elif by_chord:
            self._show_leave_question(focus_leave=True)
        else:
            self._show_facilitator_only()

    def _show_facilitator_state(self, prompt: str, *, pin: bool, question: bool, first: QWidget) -> None:
        self.pin_prompt.setText(prompt)
        self.pin_field.setVisible(pin)
        self.pin_field.clear()
        self.i_am_facilitator.setVisible(not pin and not question)
        self.leave_button.setVisible(pin or question)
        self.facilitator.main_button = self.leave_button if pin else self.back_to_voting
        self.facilitator.first_focus = first
        self._show(self.facilitator)
        self.show_lockouts()

    def _show_pin_question(self) -> None:
        prompt = tr("Enter the facilitator PIN to leave ballot mode.")
        self._show_facilitator_state(prompt, pin=True, question=False, first=self.pin_field)

    def _show_facilitator_only(self) -> None:
        prompt = tr("Only the facilitator should continue here. If you are voting, go back to voting.")
        self._show_facilitator_state(prompt, pin=False, question=False, first=self.back_to_voting)

    def _show_leave_question(self, *, focus_leave: bool) -> None:
        prompt = tr(
            "Leave ballot mode? Voting on this laptop stops; the round stays open until you close it."
        )
        first = self.leave_button if focus_leave else self.back_to_voting
        self._show_facilitator_state(prompt, pin=False, question=True, first=first)

    def on_leave_clicked(self) -> None:
        self.leave(self.pin_field.text())

    def leave(self, pin: str = "") -> bool:
        """Leaves ballot mode when the PIN is right (or none is set); gives whether it left.

        After three wrong PINs the field waits 5 seconds, then 10, 20, 40 … before the next try."""
        if self.pin_lockout.locked:
            return False
        if not self._read(ballots.pin_matches, pin=pin):
            self.pin_lockout.refused()
            self.pin_message.setText(tr("That PIN is not right. Ask the facilitator."))
            self.pin_field.clear()
            self.show_lockouts()
            return False
        self.pin_lockout.passed()
        self.left.emit()
        return True

    def replacements_sentence(self) -> str:
        """Gives "2 ballots were replaced: Ana at 14:05, Bo at 14:09." (empty when none was)."""
        replaced = self._read(ballots.replacements)
        if not replaced:
            return ""
        whom = ", ".join(
            tr("{voter} at {time}").format(voter=r.voter, time=f"{r.replaced_at:%H:%M}") for r in replaced
        )
        return plural(
            len(replaced), "1 ballot was replaced: {whom}.", "%n ballots were replaced: {whom}."
        ).format(whom=whom)

    # --- waits after wrong tries -------------------------------------------------------------------------
    def show_lockouts(self) -> None:
        """Shows the seconds left before the next PIN or code is taken; the field is off meanwhile."""
        waiting = False
        for field, lockout, message in (
            (self.pin_field, self.pin_lockout, self.pin_message),
            (self.code_field, self.code_lockout, self.code_message),
        ):
            seconds = lockout.seconds_left()
            was_off = not field.isEnabled()
            field.setEnabled(seconds == 0)
            if seconds:
                waiting = True
                message.setText(wait_after_wrong_tries(seconds))
            elif was_off:
                message.setText("")
                if field.isVisible():
                    field.setFocus()
        if waiting and not self._ticking.isActive():
            self._ticking.start()
        elif not waiting:
            self._ticking.stop()
