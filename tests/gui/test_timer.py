"""The facilitator's time-box: counts down, pauses, takes an extra minute, says when time is up."""

from __future__ import annotations

from workshop.ui.widgets.timer import TimerWidget, clock_text


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_timer(qtbot) -> tuple[TimerWidget, FakeClock]:
    clock = FakeClock()
    timer = TimerWidget(clock=clock)
    qtbot.addWidget(timer)
    return timer, clock


def test_clock_text_counts_down_then_shows_time_over():
    assert clock_text(600) == "10:00"
    assert clock_text(0.2) == "00:01"
    assert clock_text(-75) == "+01:15"


def test_choosing_an_activity_sets_its_time_box(qtbot):
    timer, _ = make_timer(qtbot)
    timer.activity.setCurrentIndex(1)
    assert timer.activity.currentText() == "Readiness survey"
    assert timer.display.text() == "10:00"


def test_start_pause_and_add_a_minute(qtbot):
    timer, clock = make_timer(qtbot)
    timer.minutes.setValue(2)
    timer.on_reset()
    timer.start_pause.click()
    clock.now += 30
    timer.on_tick()
    assert timer.display.text() == "01:30"
    timer.start_pause.click()  # pause
    clock.now += 300
    timer.on_tick()
    assert timer.display.text() == "01:30"
    timer.more.click()
    assert timer.display.text() == "02:30"


def test_time_up_is_signalled_once_and_shown(qtbot):
    timer, clock = make_timer(qtbot)
    timer.minutes.setValue(1)
    timer.on_reset()
    ends = []
    timer.time_up.connect(lambda: ends.append(True))
    timer.start_pause.click()
    clock.now += 61
    timer.on_tick()
    timer.on_tick()
    assert ends == [True]
    assert timer.display.text() == "+00:01"
    assert timer.display.toolTip() == "Time is up"


def test_projector_mode_shows_the_clock_large_and_leaves_the_settings_out(qtbot):
    timer, _ = make_timer(qtbot)
    timer.show()
    timer.set_projector(True)
    assert not timer.activity.isVisible() and not timer.minutes.isVisible()
    assert timer.display.width() >= timer.display.fontMetrics().horizontalAdvance("20:00")
    timer.set_projector(False)
    assert timer.activity.isVisible()


def test_changing_the_minutes_of_a_set_clock_shows_the_new_minutes(qtbot):
    timer, clock = make_timer(qtbot)
    timer.minutes.setValue(7)
    assert timer.display.text() == "07:00"
    timer.start_pause.click()
    clock.now += 60
    timer.start_pause.click()  # paused with six minutes left: set again, it starts over
    timer.minutes.setValue(12)
    assert timer.display.text() == "12:00"


def test_changing_the_minutes_of_a_running_clock_keeps_the_time_used(qtbot):
    timer, clock = make_timer(qtbot)
    timer.minutes.setValue(10)
    timer.start_pause.click()
    clock.now += 120
    timer.minutes.setValue(15)
    assert timer.display.text() == "13:00"
    assert timer.box.running


def test_the_timer_takes_the_keyboard_only_when_clicked(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    timer, _ = make_timer(qtbot)
    parts = [timer, *timer.findChildren(QWidget)]
    assert all(not part.focusPolicy() & Qt.FocusPolicy.TabFocus for part in parts)
    assert timer.activity.lineEdit().focusPolicy() == Qt.FocusPolicy.ClickFocus


def test_a_locked_timer_shows_only_its_clock(qtbot):
    timer, clock = make_timer(qtbot)
    timer.show()
    timer.start_pause.click()
    timer.set_locked(True)
    controls = (timer.activity, timer.minutes, timer.start_pause, timer.more, timer.reset)
    assert timer.display.isVisible() and not any(control.isVisible() for control in controls)
    clock.now += 60
    timer.on_tick()
    assert timer.display.text() == "19:00"  # the clock keeps running for the room
    timer.set_projector(True)
    timer.set_projector(False)  # projector mode changes do not unlock it
    assert not any(control.isVisible() for control in controls)
    timer.set_locked(False)
    assert all(control.isVisible() for control in controls)
