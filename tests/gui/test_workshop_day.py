"""Feedback and caution flags noted in a workshop start on the workshop's day, not the day they are typed."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.gui.pages_helpers import cells, column_of, table_on
from workshop.model import entities as e
from workshop.model.views import FEEDBACK


def _hold_on(window, day: dt.date | None) -> None:
    def held(s) -> None:
        s.scalar(select(e.Workshop)).held_on = day

    window.context.write(held)


def _new_row_date(window, entity: str, header: str) -> str:
    table = table_on(window, FEEDBACK, entity)
    table.add_button.click()
    return cells(table)[-1][column_of(table, header)]


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_a_new_flag_and_feedback_start_on_the_workshops_date(window, day):
    _hold_on(window, day)
    assert _new_row_date(window, "caution_flag", "Raised on") == day.isoformat()
    assert _new_row_date(window, "feedback_item", "Received on") == day.isoformat()


def test_without_a_workshop_date_a_new_flag_starts_today(window):
    _hold_on(window, None)
    assert _new_row_date(window, "caution_flag", "Raised on") == dt.date.today().isoformat()
