"""Phone voting from the window: the facilitator picks a round and a network, the projector shows the way in.

The ballot server (`workshop.lan`) runs on threads of its own; what it reports (a ballot stored, the server
stopping by itself) reaches the window through queued Qt signals. One server runs at a time, and it never
outlives its round's voting, its workshop or the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop.lan.networks import Network, networks
from workshop.lan.qr import qr_matrix
from workshop.lan.serving import CLOSED_GRACE_SECONDS, PhoneVoting
from workshop.lockout import Lockout
from workshop.model import ballots
from workshop.model.errors import WorkshopError
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.ballot.screens import wait_after_wrong_tries
from workshop.ui.built import built
from workshop.ui.context import WhatChanged, WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.qr_view import QrView

BALLOT_TABLES = frozenset({"ballot", "ballot_entry", "ballot_replacement"})  # what one stored ballot writes
# Pixel sizes of the projector's type at 1080 pixels of height: the address and code are read from the back.
PIXEL_SIZES = {"heading": 72, "way": 38, "typed": 84, "round": 40, "cards": 36, "progress": 56}
PAGES_CATCH_UP_MS = 1000
PAGES_LONGEST_WAIT_S = 5.0
DESIGN_HEIGHT = 1080
SMALLEST_SCALE = 0.5


def what_travels() -> str:
    """Gives the sentence the facilitator reads before starting: what goes over the room's network."""
    return tr(
        "Phones open the ballot from this laptop over plain HTTP on the room's Wi-Fi: names and ballots are "
        "not encrypted on the way, and nothing leaves the room's network. For a closed room, switch on the "
        "laptop's own hotspot and let the phones join it."
    )


class ShownVoting(Protocol):
    """What the projector shows of a running server (PhoneVoting): the way in and how many voted."""

    @property
    def url(self) -> str: ...
    @property
    def address_line(self) -> str: ...
    @property
    def room_code(self) -> str: ...
    def progress(self) -> ballots.RoundProgress: ...


class ServerSignals(QObject):
    """Carries what the server's threads report to the window's thread, queued: handlers may touch widgets.

    Each report names its server (a number counted up at each start), so a late one from a server already
    stopped never touches the next."""

    ballot_stored = Signal(int)
    stopped_itself = Signal(int, str)


class StartDialog(QDialog):
    """Asks on which network to serve the round's ballot; Start gives a running server (`voting`)."""

    def __init__(
        self,
        round_name: str,
        offered: tuple[Network, ...],
        start: Callable[[Network, bool], PhoneVoting],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Phone Voting"))
        self.offered = offered
        self._start = start
        self.voting: PhoneVoting | None = None
        self.network_choice = QComboBox()
        self.network_choice.addItems([network.label for network in offered])
        self.problem = built(QLabel(), wordWrap=True, visible=False, textFormat=Qt.TextFormat.PlainText)
        show_as_attention(self.problem, PROBLEM)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(tr("&Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.on_start_clicked)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(round_name)

    def _lay_out(self, round_name: str) -> None:
        form = QFormLayout()
        form.addRow(tr("Round:"), built(QLabel(round_name), textFormat=Qt.TextFormat.PlainText))
        form.addRow(built(QLabel(tr("&Network:")), buddy=self.network_choice), self.network_choice)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(built(QLabel(what_travels()), wordWrap=True))
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def chosen(self) -> Network | None:
        index = self.network_choice.currentIndex()
        return self.offered[index] if 0 <= index < len(self.offered) else None

    def on_start_clicked(self) -> None:
        network = self.chosen()
        if network is None:
            self._say(tr("This laptop has no network to serve on."))
            return
        if network.public and not self._public_confirmed(network):
            return
        try:
            self.voting = self._start(network, network.public)
        except WorkshopError as error:
            self._say(tr("Phone voting did not start: {reason}").format(reason=error))
            return
        self.accept()

    def _public_confirmed(self, network: Network) -> bool:
        answer = QMessageBox.question(
            self,
            tr("Serve on a public address?"),
            tr(
                "{address} can be reached from the internet, not only from the room. Anyone who finds it "
                "and the room code could see the voters' names and cast ballots. Serve phone voting on it "
                "anyway?"
            ).format(address=network.address),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _say(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()


class ProjectorScreen(QWidget):
    """The room's way in, for the projector: the QR code, the address and room code, and how many voted.

    It never shows anything of a ballot. F11 fills the screen; "Stop phone voting" asks first."""

    stop_asked = Signal()

    def __init__(
        self,
        voting: ShownVoting,
        round_name: str,
        uses_codes: bool,
        pin_matches: Callable[[str], bool] | None = None,
    ) -> None:
        """`pin_matches` checks the round's facilitator PIN before stopping (None: the round has none). The
        window may sit on the laptop's own screen while voters use ballot mode there."""
        super().__init__(None, Qt.WindowType.Window)
        self._pin_matches = pin_matches
        self.pin_lockout = Lockout()
        self.setObjectName("phoneVoting")
        self.setWindowTitle(tr("Vote from your phone — {round}").format(round=round_name))
        self.qr = built(
            QrView(qr_matrix(voting.url)),
            accessibleName=tr("QR code of the ballot page"),
            accessibleDescription=voting.url,
        )
        lines = (
            ("heading", tr("Vote from your phone"), "heading"),
            ("way", tr("Or open"), "way"),
            ("address", voting.address_line, "typed"),
            ("code_intro", tr("and type the room code"), "way"),
            ("code", voting.room_code, "typed"),
            ("round", round_name, "round"),
            ("cards", tr("Have your voter card ready"), "cards"),
            ("progress", voting.progress().sentence, "progress"),
        )
        self.labels = {key: _label(text, kind) for key, text, kind in lines}
        self.labels["cards"].setVisible(uses_codes)
        self.stop_button = QPushButton(tr("&Stop phone voting"))
        self.stop_button.clicked.connect(self.on_stop_clicked)
        self._lay_out()

    def _lay_out(self) -> None:
        words = QVBoxLayout()
        words.setSpacing(8)  # else it takes the columns' spacing, set below
        words.addStretch(1)
        for key in ("way", "address", "code_intro", "code"):
            words.addWidget(self.labels[key])
        words.addSpacing(32)
        for key in ("round", "cards", "progress"):
            words.addWidget(self.labels[key])
        words.addStretch(1)
        words.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignLeft)
        ways_in = QHBoxLayout()
        ways_in.addWidget(self.qr, 5)
        ways_in.addLayout(words, 4)
        ways_in.setSpacing(48)
        layout = QVBoxLayout(self)
        layout.addWidget(self.labels["heading"])
        layout.addLayout(ways_in, 1)
        layout.setContentsMargins(32, 24, 32, 24)

    def show_progress(self, sentence: str) -> None:
        self.labels["progress"].setText(sentence)

    def text(self) -> str:
        """Gives every line the room reads, top to bottom (what tests and screen readers check)."""
        return "\n".join(label.text() for label in self.labels.values() if not label.isHidden())

    def on_stop_clicked(self) -> None:
        if self._pin_matches is not None:
            self._stop_with_pin()
            return
        answer = QMessageBox.question(
            self,
            tr("Stop phone voting"),
            tr("Stop phone voting? Phones can no longer send ballots; those already sent are kept."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.stop_asked.emit()

    def _stop_with_pin(self) -> None:
        """Stops once the round's PIN is typed; wrong PINs wait longer each time, as in ballot mode."""
        assert self._pin_matches is not None
        if self.pin_lockout.locked:
            QMessageBox.information(self, tr("Stop phone voting"), self._wait_sentence())
            return
        pin, ok = QInputDialog.getText(
            self,
            tr("Stop phone voting"),
            tr("Enter the facilitator PIN to stop phone voting. Ballots already sent are kept."),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if self._pin_matches(pin):
            self.pin_lockout.passed()
            self.stop_asked.emit()
            return
        self.pin_lockout.refused()
        wait = self._wait_sentence() if self.pin_lockout.locked else ""
        QMessageBox.warning(self, tr("Stop phone voting"), f"{tr('That PIN is not right.')} {wait}".strip())

    def _wait_sentence(self) -> str:
        return wait_after_wrong_tries(self.pin_lockout.seconds_left())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the projector's window would leave phones voting with nothing on screen: it stops, if asked.
        event.ignore()
        self.on_stop_clicked()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_type()

    def _size_type(self) -> None:
        """Sizes the type to the screen's height, and the address and code to the column's width."""
        scale = max(self.height() / DESIGN_HEIGHT, SMALLEST_SCALE)
        column = max(self.width() * 4 // 9 - 48, 1)
        for label in self.labels.values():
            px = round(PIXEL_SIZES[label.objectName()] * scale)
            font = label.font()
            font.setPixelSize(px)
            font.setBold(label.objectName() in ("heading", "typed", "progress"))
            label.setFont(font)
            if not label.wordWrap():
                _shrink_to(label, self.width() - 64 if label is self.labels["heading"] else column)


def _label(text: str, kind: str) -> QLabel:
    """Gives a projector line; `kind` names its type size (a key of PIXEL_SIZES)."""
    wraps = kind in ("round", "cards")  # a long round name wraps; the rest is short, and shrinks to fit
    label = built(QLabel(text), textFormat=Qt.TextFormat.PlainText, objectName=kind, wordWrap=wraps)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _shrink_to(label: QLabel, width: int) -> None:
    """Makes the label's type smaller until its one line fits the width (an address is never broken)."""
    font = label.font()
    while font.pixelSize() > 12 and label.fontMetrics().horizontalAdvance(label.text()) > width:
        font.setPixelSize(font.pixelSize() - 2)
        label.setFont(font)


class PhoneVotingTool(QObject):
    """Starts phone voting in a round the facilitator picks, shows the projector's screen, and stops the
    server when voting ends: the facilitator stops it, the round closes, another workshop or the window
    closes."""

    def __init__(self, window: QMainWindow, context: WorkshopContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.voting: PhoneVoting | None = None
        self.screen: ProjectorScreen | None = None
        self.round_id: int | None = None
        self.started = 0  # servers started so far; the number of the one running
        self.signals = ServerSignals(self)
        self.signals.ballot_stored.connect(self.on_ballot_stored)
        self.signals.stopped_itself.connect(self.on_server_stopped_itself)
        # The pages read the file again once ballots pause for a second (every few seconds during a long
        # stream): sixty ballots in a second would otherwise make them read it sixty times on the window's
        # thread, each read waiting for the server's write to end.
        self._pages_behind = QTimer(self, singleShot=True, interval=PAGES_CATCH_UP_MS)
        self._pages_behind.timeout.connect(self._tell_pages)
        self._untold_since: float | None = None
        context.changed.connect(self.on_workshop_changed)
        context.closing.connect(self.stop)  # before its file is released, never after
        application = QCoreApplication.instance()
        if application is not None:  # the last chance when the application ends without closing the window
            application.aboutToQuit.connect(self.stop)

    @property
    def running(self) -> bool:
        return self.voting is not None

    def open_for(self, round_id: int) -> ProjectorScreen | None:
        """Gives the projector's screen once the facilitator has started phone voting in the round; None
        when they cancelled. A server already running is stopped first: one round at a time."""
        progress = self._progress(round_id)
        dialog = StartDialog(
            progress.name, networks(), lambda n, public: self._start(round_id, n, public), self.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.voting is None:
            return None
        self.round_id = round_id
        self.voting = dialog.voting
        # A window of its own, not the main window's child: the main window's keys (F11 is its projector
        # mode) and its projector type scaling stay out of it, and it can go to the projector's screen.
        pin = partial(self._pin_matches, round_id) if progress.pin_required else None
        self.screen = ProjectorScreen(dialog.voting, progress.name, progress.uses_codes, pin)
        self.screen.stop_asked.connect(self.stop)
        self.screen.resize(1280, 800)
        self.screen.show()
        return self.screen

    def bring_forward(self) -> bool:
        """Gives whether phone voting runs; if so, its window comes to the front (one server at a time)."""
        if self.screen is None:
            return False
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        return True

    def _start(self, round_id: int, network: Network, allow_public: bool) -> PhoneVoting:
        self.stop()
        self.started += 1
        voting = PhoneVoting(
            self.context.store,
            round_id,
            address=network.address,
            allow_public=allow_public,
            on_ballot=partial(self.signals.ballot_stored.emit, self.started),
            on_stop=partial(self.signals.stopped_itself.emit, self.started),
        )
        voting.start()
        return voting

    def stop(self, *, grace: float = 0.0) -> None:
        """Stops the server and closes the projector's screen; nothing happens when none runs. With a
        `grace` (the round closed) phones still on the page hear that voting closed for that many seconds."""
        voting, screen = self.voting, self.screen
        self.voting = self.screen = self.round_id = None
        if voting is not None:
            voting.stop(grace=grace)
        if self._pages_behind.isActive():  # the last ballots reach the pages now
            self._tell_pages()
        if screen is not None:
            screen.hide()
            screen.deleteLater()

    def on_ballot_stored(self, server: int) -> None:
        if self.voting is None or self.screen is None or server != self.started:
            return  # a ballot reported just before its server stopped
        self.screen.show_progress(self.voting.progress().sentence)
        now = time.monotonic()
        self._untold_since = self._untold_since or now
        if now - self._untold_since < PAGES_LONGEST_WAIT_S:
            self._pages_behind.start()  # (again): a second after the last ballot of a burst
        elif not self._pages_behind.isActive():
            self._pages_behind.start()

    def _tell_pages(self) -> None:
        self._pages_behind.stop()
        self._untold_since = None
        self.context.tell(set(BALLOT_TABLES), self)  # the pages showing progress read it again

    def on_server_stopped_itself(self, server: int, sentence: str) -> None:
        if self.voting is None or server != self.started:
            return  # stopped from the window already: the facilitator knows
        self.stop(grace=CLOSED_GRACE_SECONDS)  # the server is winding down already; this leaves it to it
        QMessageBox.information(self.window, tr("Phone voting stopped"), sentence)

    def on_workshop_changed(self, what: WhatChanged) -> None:
        if self.round_id is None or what.initiator is self:
            return
        if what.tables is None and what.initiator is None:  # another workshop: its rounds are others
            self.stop()
            return
        if not what.touches(BALLOT_TABLES | {"ballot_round"}):
            return
        try:
            progress = self._progress(self.round_id)
        except WorkshopError:  # the round is gone (an older copy of the workshop was restored)
            progress = None
        if progress is None:
            self.stop()
        elif progress.status != "open":
            self.stop(grace=CLOSED_GRACE_SECONDS)
        elif self.screen is not None:  # ballots from the laptop count too, at once
            self.screen.show_progress(progress.sentence)

    def _pin_matches(self, round_id: int, pin: str) -> bool:
        return self.context.read(lambda session: ballots.pin_matches(session, round_id=round_id, pin=pin))

    def _progress(self, round_id: int) -> ballots.RoundProgress:
        return self.context.read(lambda session: ballots.round_progress(session, round_id=round_id))
