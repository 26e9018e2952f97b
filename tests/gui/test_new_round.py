"""The new-round dialog: which opportunities are on the ballot, a top k for ranking rounds, the PIN twice."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.ui.ballot.new_round import NewRoundDialog
from workshop.ui.context import WorkshopContext

TITLES = ("Invoice triage", "Draft replies", "Summaries", "Forecasts", "Onboarding")


@pytest.fixture
def dialog(store, qtbot) -> NewRoundDialog:
    with store.transaction() as s:
        for n in range(3):
            ops.participant_named(s, f"Manager {n}", role=e.Role.MANAGER)
        for title in TITLES:
            ops.opportunity_titled(s, title)
    shown = NewRoundDialog(WorkshopContext(store))
    qtbot.addWidget(shown)
    shown.name.setText("Priorities")
    return shown


def button(dialog: NewRoundDialog, text: str, n: int = 0) -> QPushButton:
    return [b for b in dialog.findChildren(QPushButton) if b.text() == text][n]


def tick(dialog: NewRoundDialog, titles: set[str]) -> None:
    for row in range(dialog.items.count()):
        item = dialog.items.item(row)
        item.setCheckState(Qt.CheckState.Checked if item.text() in titles else Qt.CheckState.Unchecked)


def stored_round(store) -> e.BallotRound | None:
    with store.reading() as s:
        found = s.scalars(select(e.BallotRound)).first()
        if found is not None:
            s.expunge(found)
        return found


def test_every_opportunity_starts_ticked_and_none_refuses_with_a_sentence(dialog, store):
    shown = [dialog.items.item(row).text() for row in range(dialog.items.count())]
    assert sorted(shown) == sorted(TITLES)
    assert all(dialog.items.item(r).checkState() == Qt.CheckState.Checked for r in range(len(TITLES)))
    button(dialog, "None").click()
    dialog.accept()
    assert dialog.problem.text() == "Tick at least 2 opportunities for the ballot."
    assert stored_round(store) is None
    button(dialog, "All").click()
    assert len(dialog.chosen_items()) == len(TITLES)


def test_a_round_on_three_of_five_opportunities_offers_those_three(dialog, store):
    tick(dialog, {"Draft replies", "Summaries", "Forecasts"})
    dialog.accept()
    assert dialog.problem.text() == "" and dialog.round_id is not None
    with store.reading() as s:
        voter = ballots.people_who_may_vote(s)[0].id
        sheet = ballots.ballot_sheet(s, round_id=dialog.round_id, participant_id=voter)
    assert sorted(title for _, title in sheet.items) == ["Draft replies", "Forecasts", "Summaries"]


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ticked=st.integers(min_value=2, max_value=5), wanted=st.integers(min_value=1, max_value=9))
def test_the_top_k_box_keeps_some_opportunities_unranked(dialog, ticked, wanted):
    tick(dialog, set(TITLES[:ticked]))
    assert not dialog.top_k.isEnabled()  # off by default
    dialog.only_top.setChecked(True)
    dialog.top_k.setValue(wanted)
    assert 1 <= dialog.top_k.value() < ticked
    assert dialog.chosen_top_k() == dialog.top_k.value()
    dialog.only_top.setChecked(False)
    assert dialog.chosen_top_k() is None


def test_a_top_k_ranking_round_is_stored_with_its_k(dialog, store):
    dialog.only_top.setChecked(True)
    dialog.top_k.setValue(2)
    dialog.accept()
    found = stored_round(store)
    assert found is not None and found.top_k == 2


def test_two_different_pins_are_refused_and_keep_what_was_typed(dialog, store):
    dialog.pin.setText("2468")
    dialog.pin_again.setText("2469")
    dialog.accept()
    assert "differ" in dialog.problem.text() and stored_round(store) is None
    assert (dialog.pin.text(), dialog.pin_again.text()) == ("2468", "2469")
    dialog.pin_again.setText("2468")
    dialog.accept()
    with store.reading() as s:
        assert ballots.pin_matches(s, round_id=dialog.round_id, pin="2468")


def test_the_dialog_fits_a_1280_by_800_screen(dialog):
    hint = dialog.sizeHint().expandedTo(dialog.size())
    assert hint.width() <= 1280 and hint.height() <= 800 - 60  # room for the title bar and task bar
