"""The facilitator's room tools in the main window: ballot mode, the reveal, and the time-box timer.

Ballot mode takes over the whole window: menus, navigation and shortcuts are out of a voter's reach until
the facilitator leaves it (with the round's PIN when one is set); closing the window asks for the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox, QWidget
from shiboken6 import isValid

from workshop.model import ballots
from workshop.model.agenda import read_agenda
from workshop.model.errors import WorkshopError
from workshop.model.gather import round_to_show, rounds_to_show
from workshop.ui.ballot.reveal_chooser import (
    AfterVoting,
    RevealChooser,
    after_everyone_voted,
    reveal_now_wanted,
)
from workshop.ui.ballot.voter_cards_tool import print_voter_cards
from workshop.ui.built import menu_action
from workshop.ui.context import WhatChanged, WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.tasks import Report, Task
from workshop.ui.widgets.timer import Activity, TimerWidget

if TYPE_CHECKING:  # the ballot room loads when the room first votes, not while the window starts
    from workshop.ui.ballot.room import BallotRoom
    from workshop.ui.phone_voting import PhoneVotingTool  # and the web server when phones first vote


class RoomTools(QObject):
    """Adds the Room menu and the timer to a main window, and runs ballot mode and the reveal in it."""

    def __init__(self, window: QMainWindow, context: WorkshopContext, *, before: QAction) -> None:
        """Adds the Room menu before the menu whose action is `before` (the Help menu's, usually)."""
        super().__init__(window)
        self.window = window
        self.context = context
        self.room: BallotRoom | None = None
        self.reveal: QWidget | None = None
        self._set_aside: QWidget | None = None
        self._focus_before: QWidget | None = None  # where the facilitator's keys went before taking over
        self._disabled: list[QAction] = []
        self.phones: PhoneVotingTool | None = None
        self.timer = TimerWidget()
        window.statusBar().addPermanentWidget(self.timer)
        self.menu = self._build_menu(QMenu(tr("&Room"), window))
        window.menuBar().insertMenu(before, self.menu)
        window.installEventFilter(self)
        context.reveal_asked.connect(self.reveal_now)
        context.changed.connect(self.on_workshop_changed)
        self.follow_agenda()

    def _build_menu(self, menu: QMenu) -> QMenu:
        for text, keys, slot in (
            (tr("&New Ballot Round..."), "Ctrl+Shift+B", self.on_new_round_triggered),
            (tr("Start &Ballot Mode..."), "Ctrl+B", self.on_ballot_mode_triggered),
            (tr("Open &Phone Voting…"), None, self.on_phone_voting_triggered),
            (tr("&Close Voting in a Round..."), None, self.on_close_round_triggered),
            (tr("&Reveal a Round..."), "Ctrl+R", self.on_reveal_triggered),
            (tr("Print &Voter Cards…"), None, lambda: print_voter_cards(self.window, self.context)),
        ):
            menu_action(menu, self.window, text, QKeySequence(keys) if keys else None, slot)
        timer = QAction(tr("Show the &Timer"), self.window, checkable=True, checked=True)
        timer.toggled.connect(self.timer.setVisible)
        menu.addAction(timer)
        return menu

    @property
    def in_ballot_mode(self) -> bool:
        return self.room is not None

    # --- the timer ---------------------------------------------------------------------------------
    def on_workshop_changed(self, what: WhatChanged) -> None:
        if what.tables is None and what.initiator is None:  # another workshop: its agenda is a new one
            self.timer.forget_timed()
        if what.touches(frozenset({"agenda_item"})):
            self.follow_agenda()

    def follow_agenda(self) -> None:
        """Offers the workshop's agenda on the timer, each activity with its minutes and phase."""
        found = self.context.read(read_agenda)
        self.timer.set_agenda([Activity(i.title, i.minutes, i.phase, i.item_id) for i in found.lines])

    # --- ballot mode -------------------------------------------------------------------------------
    def on_new_round_triggered(self) -> None:
        """Opens a new round and, once it is open, hands the laptop to the voters."""
        from workshop.ui.ballot.new_round import NewRoundDialog

        dialog = NewRoundDialog(self.context, self.window)
        if dialog.exec() == NewRoundDialog.DialogCode.Accepted and dialog.round_id is not None:
            self.start_ballot_mode(dialog.round_id)

    def on_ballot_mode_triggered(self) -> None:
        round_id = self._chosen_open_round(
            tr("Ballot mode"), tr("No round is open for voting. Open one on the Priorities page first.")
        )
        if round_id is not None:
            self.start_ballot_mode(round_id)

    def _chosen_open_round(self, title: str, none_open: str) -> int | None:
        """Gives the open round the facilitator picks for people to vote in (the only one, without asking);
        None when no round is open (the facilitator is told `none_open`) or they cancelled."""
        with self.context.store.reading() as session:
            rounds = ballots.open_rounds(session)
        if not rounds:
            QMessageBox.information(self.window, title, none_open)
            return None
        if len(rounds) == 1:
            return rounds[0].round_id
        labels = [f"{r.name} ({r.method.value}; {r.sentence})" for r in rounds]
        chosen, ok = QInputDialog.getItem(
            self.window, title, tr("Which round do people vote in?"), labels, 0, False
        )
        return rounds[labels.index(chosen)].round_id if ok else None

    # --- phone voting ------------------------------------------------------------------------------
    def on_phone_voting_triggered(self) -> None:
        """Serves the chosen open round's ballot to phones in the room, with its way in on a screen of its own
        (so the laptop's own ballot mode can run at the same time)."""
        if self.phones is not None and self.phones.bring_forward():
            return  # already running: its window shows the round and the way to stop it
        round_id = self._chosen_open_round(
            tr("Phone voting"),
            tr("No round is open for voting. Open one first with Room > New Ballot Round (Ctrl+Shift+B)."),
        )
        if round_id is None:
            return
        if self.phones is None:
            from workshop.ui.phone_voting import PhoneVotingTool

            self.phones = PhoneVotingTool(self.window, self.context)
        self.phones.open_for(round_id)

    def start_ballot_mode(self, round_id: int) -> BallotRoom:
        """Hands the window over to voters for the round; gives the ballot room shown."""
        from workshop.ui.ballot.room import BallotRoom

        self.room = BallotRoom(self.context, round_id)
        self.room.left.connect(self.leave_ballot_mode)
        self._take_over(self.room)
        return self.room

    def leave_ballot_mode(self) -> None:
        """Gives the window back; when every voter has voted, offers to close voting and reveal at once."""
        round_id = self.room.round_id if self.room is not None else None
        self.room = None
        self._give_back()
        if round_id is not None:
            self._offer_to_end_voting(round_id)

    def _offer_to_end_voting(self, round_id: int) -> None:
        progress = self.context.read(lambda session: ballots.round_progress(session, round_id=round_id))
        if progress.status != "open" or progress.eligible == 0 or progress.voted < progress.eligible:
            return
        choice = after_everyone_voted(self.window, progress.name)
        if choice is AfterVoting.KEEP_OPEN or not self._saved(
            ballots.close_round, round_id, tr("Voting was not closed")
        ):
            return
        if choice is AfterVoting.REVEAL_NOW:
            self.reveal_now(round_id)

    def on_close_round_triggered(self) -> None:
        """Closes voting in the open round the facilitator picks, then offers to reveal it at once."""
        with self.context.store.reading() as session:
            rounds = ballots.open_rounds(session)
        if not rounds:
            QMessageBox.information(self.window, tr("Close voting"), tr("No round is open for voting."))
            return
        labels = [f"{r.name} ({r.sentence})" for r in rounds]
        chosen, ok = QInputDialog.getItem(
            self.window, tr("Close voting"), tr("In which round does voting end?"), labels, 0, False
        )
        if ok:
            self.close_round(rounds[labels.index(chosen)].round_id)

    def close_round(self, round_id: int) -> None:
        """Closes voting in the round (one transaction), then asks whether to reveal it now."""
        if not self._saved(ballots.close_round, round_id, tr("Voting was not closed")):
            return
        closed = self.context.read(round_to_show, round_id)
        if closed is not None and reveal_now_wanted(self.window, closed.name):
            self.reveal_now(round_id)

    # --- the reveal --------------------------------------------------------------------------------
    def on_reveal_triggered(self) -> None:
        rounds = self.context.read(rounds_to_show)
        if not rounds:
            QMessageBox.information(self.window, tr("Reveal"), tr("There is no ballot round yet."))
            return
        chooser = RevealChooser(rounds, self.window)
        if chooser.exec() == RevealChooser.DialogCode.Accepted and (chosen := chooser.chosen()) is not None:
            self.reveal_now(chosen.round_id)

    def reveal_now(self, round_id: int) -> Task | None:
        """Gives the started reveal of the round: marked revealed (one transaction, if it was not yet), made
        the round the room discusses, and shown to the room. None when voting in it has not ended."""
        chosen = self.context.read(round_to_show, round_id)
        if chosen is None or not chosen.may_be_shown:
            return None
        if chosen.status == "closed" and not self._saved(
            ballots.reveal_round, round_id, tr("The round was not revealed")
        ):
            return None
        self.context.discuss(chosen.name)
        return self.start_reveal(chosen.name)

    def _saved(self, action: Callable[..., None], round_id: int, failure: str) -> bool:
        """Gives whether the action on the round was saved; when refused, the facilitator is told why."""
        try:
            self.context.write(action, initiator=self, round_id=round_id)
        except WorkshopError as error:
            QMessageBox.warning(
                self.window, tr("Not saved"), tr("{failure}: {reason}").format(failure=failure, reason=error)
            )
            return False
        return True

    def start_reveal(self, round_name: str) -> Task:
        """Gives the started analysis of the round, on the store's worker; the reveal then takes the whole
        window, step by step (`self.reveal`; it stays None for a round without results)."""
        # The analysis (scipy) loads here, when first needed, not while the window starts.
        from workshop.findings import findings_of_round

        store = self.context.store

        def work(_report: Report) -> object:
            with store.reading() as session:
                return findings_of_round(session, round_name)

        return self.context.in_background(
            self.window,
            tr("Preparing the reveal"),
            work,
            on_result=lambda found: self._show_reveal(round_name, found),
        )

    def _show_reveal(self, round_name: str, found: Any) -> None:
        from workshop.ui.ballot.ratings_reveal import reveal_view

        self.reveal = reveal_view(round_name, found)
        if self.reveal is None:
            QMessageBox.information(
                self.window,
                tr("Reveal"),
                tr("'{round}' has no results to show: no ballots were cast in it.").format(round=round_name),
            )
            return
        self.reveal.left.connect(self.leave_reveal)
        self._take_over(self.reveal)
        self.reveal.setFocus()

    def leave_reveal(self) -> None:
        self.reveal = None
        self._give_back()

    # --- taking the window over and giving it back -----------------------------------------------------
    def _take_over(self, widget: QWidget) -> None:
        self._focus_before = self.window.focusWidget()  # remembered even while a progress dialog is up
        self._set_aside = self.window.takeCentralWidget()
        self.window.setCentralWidget(widget)
        widget.show()  # shown now, not at the next pass of the event loop, so it can take the focus at once
        # The screen's own choice (the name list, the reveal), never the timer or a hidden page.
        (widget.focusWidget() or widget).setFocus()
        self.window.activateWindow()  # after "Preparing the reveal" closes, the keys come back to this window
        self.timer.set_locked(True)  # voters and the room see the clock but cannot change it
        self.window.menuBar().hide()
        # Hidden menus still answer their shortcuts, so every action is switched off while taken over.
        self._disabled = [a for a in _all_actions(self.window.menuBar()) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)

    def _give_back(self) -> None:
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.window.menuBar().show()
        self.timer.set_locked(False)
        given_back = self._set_aside
        if given_back is not None:
            self.window.setCentralWidget(given_back)
            given_back.show()
            self._set_aside = None
        self.context.tell(None, self)  # the pages read the file again: ballots came in meanwhile
        if given_back is not None:
            _focus_back(given_back, self._focus_before)
            self.window.activateWindow()
        self._focus_before = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.room is not None:
            event.ignore()  # a voter cannot close the window; the facilitator leaves ballot mode first
            self.room.ask_for_facilitator()
            return True
        if watched is self.window and event.type() == QEvent.Type.Close and self.phones is not None:
            self.phones.stop()  # no server runs on without its window and workshop
        return super().eventFilter(watched, event)


def _focus_back(content: QWidget, before: QWidget | None) -> None:
    """Gives the keys back to where they went before, or to the content's first stop for Tab."""
    if before is not None and isValid(before) and content.isAncestorOf(before) and before.isVisible():
        before.setFocus()
        return
    candidate = content.nextInFocusChain()
    while candidate is not None and candidate is not content:
        if _takes_tab(candidate) and content.isAncestorOf(candidate):
            candidate.setFocus()
            return
        candidate = candidate.nextInFocusChain()
    content.setFocus()


def _takes_tab(widget: QWidget) -> bool:
    policy = widget.focusPolicy()
    return bool(policy & Qt.FocusPolicy.TabFocus) and widget.isVisible() and widget.isEnabled()


def _all_actions(menu_owner: QWidget) -> list[QAction]:
    found: list[QAction] = []
    for action in menu_owner.actions():
        found.append(action)
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.extend(_all_actions(submenu))
    return found
