"""Tables read in full: text columns take the room and wrap, number columns stay narrow."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import QTableView

from tests.gui.pages_helpers import column_of, edit, table_on
from workshop.model.views import AUDIT, FEEDBACK, TableView
from workshop.ui.pages.findings_page import numbers_table

LONG_TITLE = "Answer the customers' 'where is my shipment' e-mails and log each one in the TMS by hand"
NUMBER_HEADERS = ("Candidate score", "Hours per week", "Redundancy (1-5)", "AI potential (1-5)")


def _text_fits(view: QTableView, row: int, column: int) -> bool:
    """Gives whether the cell's whole text, wrapped at its column's width, fits inside the cell."""
    index = view.model().index(row, column)
    cell = view.visualRect(index)
    text = str(index.data(Qt.ItemDataRole.DisplayRole))
    room = QRect(0, 0, cell.width() - 8, 10_000)  # the style keeps a few pixels either side
    needed = view.fontMetrics().boundingRect(room, int(Qt.TextFlag.TextWordWrap), text)
    return needed.height() <= cell.height() and "…" not in text


def _shown_at(window, width: int, height: int) -> None:
    window.resize(width, height)
    QCoreApplication.processEvents()


def test_the_task_column_is_wider_than_every_number_column_and_a_long_title_reads_in_full(window):
    tasks = table_on(window, AUDIT, "task")
    tasks.add({"title": LONG_TITLE, "hours_per_week": 12.5, "redundancy": 4, "ai_potential": 5})
    _shown_at(window, 1280, 800)
    title = column_of(tasks, "Task")
    widths = {header: tasks.view.columnWidth(column_of(tasks, header)) for header in NUMBER_HEADERS}
    assert all(tasks.view.columnWidth(title) > width for width in widths.values()), widths
    assert _text_fits(tasks.view, 0, title)
    assert tasks.view.horizontalHeader().length() <= tasks.view.viewport().width() + 1  # no sideways scroll


def test_a_choice_in_the_last_column_stays_narrow_and_the_words_get_the_room(window):
    ideas = table_on(window, AUDIT, "idea")
    ideas.add({"what": "Draft replies", "how": "Read the e-mail, look the shipment up, draft the answer"})
    _shown_at(window, 1920, 1080)
    team = ideas.view.columnWidth(column_of(ideas, "Team"))
    for header in ("What", "How", "Why"):
        assert ideas.view.columnWidth(column_of(ideas, header)) > team
    assert ideas.view.horizontalHeader().length() <= ideas.view.viewport().width() + 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéł", min_size=2, max_size=12), min_size=1, max_size=14
    )
)
def test_feedback_in_words_of_any_length_is_shown_whole_in_its_row(window, words):
    feedback = table_on(window, FEEDBACK, "feedback_item")
    said = " ".join(words)
    if not feedback.model.rowCount():
        feedback.add({"channel": "Suggestion box"})
    edit(feedback, 0, "What works", said)
    _shown_at(window, 1280, 800)
    assert _text_fits(feedback.view, 0, column_of(feedback, "What works"))


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_a_read_only_table_gives_its_words_the_room_and_its_numbers_their_width(qtbot, size):
    view, model = numbers_table("What divides the managers", ("Opportunity", "Mean place", "Spread"))
    qtbot.addWidget(view)
    model.set_table(
        TableView(
            "What divides the managers",
            ("Opportunity", "Mean place", "Spread"),
            (("Route and load re-planning assistant for the night shift", "4.5", "0.77"),),
            "",
        )
    )
    view.resize(size[0] - 300, 300)
    view.show()
    QCoreApplication.processEvents()
    assert view.columnWidth(0) > 3 * view.columnWidth(1)
    assert view.columnWidth(2) < 120
    assert _text_fits(view, 0, 0)


def test_a_table_read_again_measures_each_row_in_view_once_and_still_shows_it_whole(window, monkeypatch):
    tasks = table_on(window, AUDIT, "task")
    tasks.add({"title": LONG_TITLE, "hours_per_week": 12.5, "redundancy": 4, "ai_potential": 5})
    _shown_at(window, 1280, 800)
    measured: list[int] = []
    original = QTableView.resizeRowToContents
    monkeypatch.setattr(
        type(tasks.view), "resizeRowToContents", lambda view, row: (measured.append(row), original(view, row))
    )
    tasks.model.set_rows((), {})  # as before the file was read: refreshing brings every row anew
    measured.clear()
    tasks.refresh()
    QCoreApplication.processEvents()  # a fit left for later would happen here
    # Measuring a row twice held up the window for nothing on every page's first visit.
    assert measured and len(measured) == len(set(measured)), measured
    assert _text_fits(tasks.view, 0, column_of(tasks, "Task"))
