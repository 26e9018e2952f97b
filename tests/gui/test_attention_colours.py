"""Problem text and the time-up clock stand out in every theme, and the ballot screens use them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.ui.appearance import (
    ATTENTION_COLOURS,
    DARK,
    HIGH_CONTRAST,
    LIGHT,
    PROBLEM,
    apply_theme,
    attention_colour,
)
from workshop.ui.ballot.new_round import NewRoundDialog
from workshop.ui.ballot.room import BallotRoom
from workshop.ui.context import WorkshopContext

THEMES = (LIGHT, DARK, HIGH_CONTRAST)
# WCAG 2.1 AA asks 4.5:1 for body text; problem sentences are body-sized.
READABLE = 4.5


def relative_luminance(colour: QColor) -> float:
    """Gives WCAG 2.1's relative luminance of an sRGB colour: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.red()) + 0.7152 * linear(colour.green()) + 0.0722 * linear(colour.blue())


def contrast_ratio(one: QColor, other: QColor) -> float:
    """Gives WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture(autouse=True)
def back_to_light(qapp):
    yield
    apply_theme(LIGHT)


def test_the_ratio_runs_from_1_for_one_colour_to_21_for_black_on_white():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey that passes AA, just above 4.5.
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


@given(st.integers(0, 0xFFFFFF), st.integers(0, 0xFFFFFF))
def test_the_ratio_is_the_same_both_ways_and_within_1_to_21(one, other):
    a, b = QColor(one), QColor(other)
    assert contrast_ratio(a, b) == pytest.approx(contrast_ratio(b, a))
    assert 1.0 <= contrast_ratio(a, b) <= 21.0 + 1e-9


@pytest.mark.parametrize("kind", sorted(ATTENTION_COLOURS[LIGHT]))
@pytest.mark.parametrize("theme", THEMES)
def test_each_attention_colour_reads_well_on_the_window_of_each_theme(theme, kind):
    apply_theme(theme)
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    colour = QColor(attention_colour(kind))
    assert contrast_ratio(colour, window) >= READABLE, f"{kind} {colour.name()} on {window.name()}"


def _text_colour(widget: QWidget) -> QColor:
    widget.ensurePolished()
    return widget.palette().color(QPalette.ColorRole.WindowText)


@pytest.fixture
def screens(store, qtbot):
    with store.transaction() as s:
        voters = [ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER).id for i in range(2)]
        ops.opportunity_titled(s, "Invoice matching")
        ops.opportunity_titled(s, "Draft replies")
        round_id = ballots.start_round(
            s, name="Priorities", method=e.BallotMethod.RANKING, voter_ids=voters, pin="4321"
        )
    context = WorkshopContext(store)
    dialog, room = NewRoundDialog(context), BallotRoom(context, round_id)
    qtbot.addWidget(dialog)
    qtbot.addWidget(room)
    return dialog, room


@pytest.mark.parametrize("theme", THEMES)
def test_problem_text_on_the_ballot_screens_takes_the_theme_chosen_while_they_are_open(screens, theme):
    dialog, room = screens
    apply_theme(theme)
    for row in range(dialog.voters.count()):
        dialog.voters.item(row).setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    room.ask_for_facilitator()
    room.leave("1234")
    expected = QColor(attention_colour(PROBLEM))
    assert dialog.problem.text() == "Tick at least one person who votes."
    assert room.pin_message.text() == "That PIN is not right. Ask the facilitator."
    assert _text_colour(dialog.problem) == expected
    assert _text_colour(room.pin_message) == expected
    assert _text_colour(room.confirm_message) == expected
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert contrast_ratio(_text_colour(dialog.problem), window) >= READABLE
