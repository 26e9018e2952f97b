"""The facilitator's time-box: one activity at a time, start, pause, add a minute, a gentle end signal.

Its activities are the workshop's agenda (the method's usual ones while the agenda is empty), and opening a
page proposes that phase's next activity – unless a clock is already counting: a running or paused clock is
never taken away.

The timer sits in the status bar of every screen, so it must never catch keys meant for the page, a
ballot or the reveal: it takes the keyboard only when clicked, and it can be locked to show the clock alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from workshop.ui.appearance import TIME_UP, attention_colour
from workshop.ui.built import built
from workshop.ui.i18n import tr

# Typical time-boxes of the method's activities (minutes); the facilitator can type any other.
ACTIVITIES: tuple[tuple[str, int], ...] = (
    ("Audit in small groups", 20),
    ("Readiness survey", 10),
    ("Ranking ballots", 15),
    ("Discussion of the results", 15),
    ("Workflow and pilot design", 25),
    ("Break", 10),
)
PHASE_ROLE = Qt.ItemDataRole.UserRole + 1  # the agenda item's phase (None: a break or no agenda)
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the agenda item's id
TICK_MS = 250
SMALL_CLOCK_POINTS = 12
LARGE_CLOCK_POINTS = 26


class Activity(NamedTuple):
    """An activity the timer offers: what it is called, its minutes, its phase and its agenda item."""

    title: str
    minutes: int
    phase: str | None = None
    item_id: int | None = None


def usual_activities() -> list[Activity]:
    """Gives the method's usual activities, offered while the workshop has no agenda."""
    return [Activity(tr(name), minutes) for name, minutes in ACTIVITIES]


class TimeBox:
    """The clock behind the timer, on a monotonic clock that tests can replace."""

    def __init__(self, minutes: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._length = minutes * 60
        self._started_at: float | None = None
        self._used_before = 0.0

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def in_use(self) -> bool:
        """Gives whether the box has counted at all (running, or paused with time used)."""
        return self.running or self._used_before > 0

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self._clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._used_before += self._clock() - self._started_at
            self._started_at = None

    def add_minute(self) -> None:
        self._length += 60

    def set_minutes(self, minutes: float) -> None:
        """Makes the box this long; the time already used still counts."""
        self._length = minutes * 60

    def remaining(self) -> float:
        """Gives the seconds left (negative once the time is over)."""
        used = self._used_before + (self._clock() - self._started_at if self._started_at is not None else 0.0)
        return self._length - used


def clock_text(seconds: float) -> str:
    """Gives 'mm:ss' for the time left, or '+mm:ss' for the time over."""
    over = seconds < 0
    whole = int(abs(seconds) + (0 if over else 0.999))  # a running clock shows 00:01 until it is over
    minutes, rest = divmod(whole, 60)
    return f"{'+' if over else ''}{minutes:02d}:{rest:02d}"


class TimerWidget(QWidget):
    """A compact time-box bar for every page; larger in projector mode. Emits `time_up` once per box."""

    time_up = Signal()

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("timeBox")
        self._clock = clock
        self.activity = built(QComboBox(), editable=True, accessibleName=tr("Activity being time-boxed"))
        self._timed: set[int] = set()  # the agenda items whose clock was started: not proposed again
        self._fill(usual_activities())
        self.activity.setMinimumContentsLength(max(len(tr(name)) for name, _ in ACTIVITIES))
        self.activity.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.minutes = built(
            QSpinBox(),
            minimum=1,
            maximum=240,
            suffix=tr(" min"),
            accessibleName=tr("Minutes for the activity"),
        )
        self.display = built(QLabel(), accessibleName=tr("Time left"))
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_pause = QPushButton(tr("Start"))
        self.more = QPushButton(tr("+1 min"))
        self.reset = QPushButton(tr("Reset"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for widget in (self.activity, self.minutes, self.display, self.start_pause, self.more, self.reset):
            layout.addWidget(widget)
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self.on_tick)
        self.activity.currentIndexChanged.connect(self.on_activity_chosen)
        self.minutes.valueChanged.connect(self.on_minutes_changed)
        self.start_pause.clicked.connect(self.on_start_pause)
        self.more.clicked.connect(self.on_add_minute)
        self.reset.clicked.connect(self.on_reset)
        self._signalled = False
        self._clock_points = SMALL_CLOCK_POINTS
        self._large = False
        self._locked = False
        self._take_keys_only_when_clicked()
        self.on_activity_chosen()

    def _take_keys_only_when_clicked(self) -> None:
        # Tab, a closing dialog or a removed page would otherwise hand the focus to the timer, and the
        # next arrow key would change the activity instead of the page, the ballot or the reveal.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for child in self.findChildren(QWidget):
            child.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    @property
    def box(self) -> TimeBox:
        return self._box

    def _fill(self, activities: Sequence[Activity]) -> None:
        self.activity.clear()
        for title, minutes, phase, item_id in activities:
            self.activity.addItem(title, minutes)
            self.activity.setItemData(self.activity.count() - 1, phase, PHASE_ROLE)
            self.activity.setItemData(self.activity.count() - 1, item_id, ITEM_ROLE)

    def activities(self) -> list[str]:
        """Gives the names of the activities offered, in order."""
        return [self.activity.itemText(row) for row in range(self.activity.count())]

    def set_agenda(self, activities: Sequence[Activity]) -> None:
        """Offers the agenda's activities (the usual ones when it is empty); a clock in use keeps counting."""
        shown = self.activity.currentText()
        with QSignalBlocker(self.activity):
            self._fill(activities or usual_activities())
            row = self.activity.findText(shown)
            if row >= 0:
                self.activity.setCurrentIndex(row)
            elif self._box.in_use:
                self.activity.setEditText(shown)  # the counting clock keeps its name
        if not self._box.in_use:
            self.on_activity_chosen()

    def forget_timed(self) -> None:
        """Proposes every agenda activity again (another workshop was opened)."""
        self._timed.clear()

    def propose_phase(self, phase: str) -> bool:
        """Gives whether the phase's next agenda activity not yet timed was put on the clock.

        Nothing changes while the clock is in use (running or paused part-way): it belongs to the room."""
        if self._box.in_use:
            return False
        for row in range(self.activity.count()):
            item_id = self.activity.itemData(row, ITEM_ROLE)
            if self.activity.itemData(row, PHASE_ROLE) == phase and item_id not in self._timed:
                self.activity.setCurrentIndex(row)
                self.on_activity_chosen()  # the same row again still sets its minutes afresh
                return True
        return False

    def on_activity_chosen(self) -> None:
        minutes = self.activity.currentData()
        if isinstance(minutes, int):
            with QSignalBlocker(self.minutes):  # one reset below, for the activity's whole time-box
                self.minutes.setValue(minutes)
        self.on_reset()

    def on_minutes_changed(self) -> None:
        """Sets the clock to the new minutes: at once when it is not running, as the new length when it is."""
        if self._box.running:
            self._box.set_minutes(self.minutes.value())
            self.on_tick()
        else:
            self.on_reset()

    def on_reset(self) -> None:
        self._ticker.stop()
        self._box = TimeBox(self.minutes.value(), self._clock)
        self._signalled = False
        self.start_pause.setText(tr("Start"))
        self.on_tick()

    def on_start_pause(self) -> None:
        if self._box.running:
            self._box.pause()
            self._ticker.stop()
            self.start_pause.setText(tr("Start"))
        else:
            item_id = self.activity.currentData(ITEM_ROLE)
            if item_id is not None:
                self._timed.add(item_id)
            self._box.start()
            self._ticker.start()
            self.start_pause.setText(tr("Pause"))
        self.on_tick()

    def on_add_minute(self) -> None:
        self._box.add_minute()
        if self._box.remaining() > 0:
            self._signalled = False
        self.on_tick()

    def on_tick(self) -> None:
        left = self._box.remaining()
        self.display.setText(clock_text(left))
        over = left <= 0
        # Gentle: the clock turns amber and says so; no sound that would startle a room.
        self.display.setProperty("timeUp", over)
        # A style sheet, not setFont: projector mode scales every font, and the clock has a size of its own.
        colour = f"color: {attention_colour(TIME_UP)};" if over else ""
        self.display.setStyleSheet(f"font-size: {self._clock_points}pt; font-weight: bold; {colour}")
        self.display.setToolTip(
            tr("Time is up")
            if over
            else tr("{activity}: time left").format(activity=self.activity.currentText())
        )
        if over and not self._signalled:
            self._signalled = True
            self.time_up.emit()

    def set_projector(self, large: bool) -> None:
        """Shows the clock in large type for the room, or compact with its settings for the facilitator.

        The room needs only the clock; choosing the activity and its minutes stays out of the way.
        """
        self._large = large
        self._clock_points = LARGE_CLOCK_POINTS if large else SMALL_CLOCK_POINTS
        font = QFont(self.display.font())
        font.setPointSize(self._clock_points)
        font.setBold(True)
        self.display.setMinimumWidth(QFontMetrics(font).horizontalAdvance("+00:00") + 12)
        self._show_controls()
        self.on_tick()

    def set_locked(self, locked: bool) -> None:
        """Shows only the clock, with nothing to change, while voters or the room have the laptop."""
        self._locked = locked
        self._show_controls()

    def locked(self) -> bool:
        return self._locked

    def _show_controls(self) -> None:
        for setting in (self.activity, self.minutes):
            setting.setVisible(not (self._large or self._locked))
        for button in (self.start_pause, self.more, self.reset):
            button.setVisible(not self._locked)
