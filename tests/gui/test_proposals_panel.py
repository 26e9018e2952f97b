"""The Feedback page's "Proposed by the data" panel: the demo's proposals listed, accepted with an owner
into a flag the table shows, dismissed, and brought back with Ctrl+Z – all from the keyboard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox
from sqlalchemy import select

from tests.gui.pages_helpers import cells, column_of, shown_with_findings
from workshop.findings import gather_findings
from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.model.store import WorkshopStore
from workshop.model.views import FEEDBACK, entity_rows
from workshop.ui.pages.proposals_panel import AcceptDialog, open_proposals_of
from workshop.wording import plural


@pytest.fixture
def store(workshop_path: Path) -> Iterator[WorkshopStore]:
    """The demo workshop, whose data proposes flags."""
    opened = create_demo(workshop_path)
    yield opened
    opened.close()


def expected_keys(store: WorkshopStore) -> list[str]:
    with store.reading() as s:
        return [p.key for p in open_proposals_of(s, gather_findings(s))]


def panel_of(window):
    return shown_with_findings(window, FEEDBACK).proposals


def when_the_dialog_opens(act: Callable[[AcceptDialog], None]) -> None:
    """Does `act` on the accept dialog as soon as it is up (it holds the keyboard while open)."""

    tries = iter(range(500))

    def wait() -> None:
        dialog = QApplication.activeModalWidget()
        up = isinstance(dialog, AcceptDialog) and dialog.isActiveWindow()
        if not up and next(tries, None) is not None:
            QTimer.singleShot(10, wait)  # not up yet, or not yet given the keyboard
            return
        assert isinstance(dialog, AcceptDialog)
        act(dialog)

    QTimer.singleShot(0, wait)


def dialog_owner(widget):
    """Gives the owner box the focused widget belongs to (the box, or the line typed in inside it)."""
    return widget if isinstance(widget, QComboBox) else widget.parent()


def test_the_panel_lists_what_the_data_proposes_counted_in_its_title(window, store):
    panel = panel_of(window)
    keys = expected_keys(store)
    assert keys and panel.shown_keys() == keys
    assert panel.title.text() == plural(
        len(keys), "Proposed by the data – %n proposal", "Proposed by the data – %n proposals"
    )
    evidence = [card.findChild(type(panel.title), "proposalEvidence").text() for card in panel.cards]
    with store.reading() as s:
        assert evidence == [p.evidence for p in open_proposals_of(s, gather_findings(s))]


def test_accepting_with_an_owner_from_the_keyboard_adds_the_flag_and_its_action(window, store, qtbot):
    panel = panel_of(window)
    proposal = panel.cards[0].proposal
    chosen: list[str] = []
    focused: list[object] = []

    def pick_owner_and_press_enter(dialog: AcceptDialog) -> None:
        focused.append(QApplication.focusWidget())
        combo: QComboBox = dialog.owner
        combo.setCurrentIndex(0)  # the first participant offered (a champion)
        chosen.append(str(combo.itemData(0)))
        QTest.keyClick(combo, Qt.Key.Key_Return)
        QTimer.singleShot(0, dialog.reject)  # should Enter not accept, the test fails instead of hanging

    when_the_dialog_opens(pick_owner_and_press_enter)
    panel.cards[0].accept_button.setFocus()
    QTest.keyClick(panel.cards[0].accept_button, Qt.Key.Key_Space)

    assert focused[0] is not None and (focused[0] is dialog_owner(focused[0]))
    flags = window.page(FEEDBACK).tables["caution_flag"]
    shown = [row for row in cells(flags) if row[column_of(flags, "Evidence")] == proposal.evidence]
    assert len(shown) == 1 and shown[0][column_of(flags, "Owner")] == chosen[0]
    actions = window.context.read(entity_rows, "action")
    assert [(a.get("title"), a.get("owner")) for a in actions if a.get("title") == proposal.response] == [
        (proposal.response, chosen[0])
    ]
    assert proposal.key not in panel.shown_keys()
    window.activateWindow()  # the offscreen platform gives the keyboard back to no window by itself
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step undoes both
    assert proposal.evidence not in [row[column_of(flags, "Evidence")] for row in cells(flags)]
    assert proposal.key in panel.shown_keys()


@pytest.mark.parametrize(("entity", "header"), [("caution_flag", "Owner"), ("action", "Owner")])
def test_flag_and_action_owners_are_offered_from_the_participants(window, store, entity, header):
    table = window.page(FEEDBACK).tables[entity]
    window.select_phase(FEEDBACK)
    index = table.proxy.index(0, column_of(table, header))
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    editor = table.view.indexWidget(index)
    assert isinstance(editor, QComboBox) and editor.isEditable()  # any other name may still be typed
    offered = {str(editor.itemData(n)) for n in range(editor.count())}
    with store.reading() as s:
        assert offered == set(s.scalars(select(e.Participant.name)))


def test_dismissing_removes_the_card_and_ctrl_z_brings_it_back(window, store):
    panel = panel_of(window)
    before = panel.shown_keys()
    dismissed = panel.cards[-1]
    dismissed.dismiss_button.setFocus()
    QTest.keyClick(dismissed.dismiss_button, Qt.Key.Key_Space)
    assert panel.shown_keys() == before[:-1]
    assert panel.show_dismissed.isVisible()
    assert QApplication.focusWidget() is panel.cards[0].accept_button  # the keys stay in the panel
    assert expected_keys(store) == before[:-1]  # remembered in the file, not only on screen
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.shown_keys() == before
    assert not panel.show_dismissed.isVisible()


def test_dismissed_proposals_come_back_on_request_and_none_left_says_so(window, store):
    panel = panel_of(window)
    before = panel.shown_keys()
    while panel.cards:
        panel.cards[0].dismiss_button.click()
    assert panel.note.isVisible() and panel.title.text() == "Proposed by the data"
    assert panel.note.text() == "Nothing the data suggests that is not already flagged or dismissed."
    assert panel.show_dismissed.text() == plural(
        len(before), "Show %n dismissed proposal again", "Show %n dismissed proposals again"
    )
    panel.show_dismissed.click()
    assert panel.shown_keys() == before and not panel.note.isVisible()


def test_tab_from_the_feedback_buttons_walks_through_the_cards_in_the_order_they_are_seen(window, store):
    panel = panel_of(window)
    page = window.page(FEEDBACK)
    delete_feedback = page.tables["feedback_item"].delete_button
    delete_feedback.setFocus()
    walked = []
    for _ in range(2 * len(panel.cards)):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == [button for card in panel.cards for button in (card.accept_button, card.dismiss_button)]
