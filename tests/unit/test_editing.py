"""Generic editing: typed text is checked in one place, and every change can be taken back exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.model import editing
from workshop.model import entities as e
from workshop.model.errors import InputError, WorkshopFileError
from workshop.model.store import WorkshopStore, open_workshop

SCORE_FIELDS = [("task", "redundancy"), ("task", "ai_potential"), ("opportunity", "effort")]


@given(st.integers(min_value=-1000, max_value=1000))
def test_a_score_is_taken_from_1_to_5_and_refused_outside(number):
    for entity, field in SCORE_FIELDS:
        if 1 <= number <= 5:
            assert editing.validate(entity, field, f" {number} ") == number
        else:
            with pytest.raises(InputError, match=f"'{number}'"):
                editing.validate(entity, field, str(number))


@given(st.decimals(min_value=-500, max_value=500, places=2, allow_nan=False, allow_infinity=False))
def test_hours_take_a_decimal_comma_and_are_never_negative(amount):
    typed = str(amount).replace(".", ",")
    if amount < 0:
        with pytest.raises(InputError, match="hours per week"):
            editing.validate("task", "hours_per_week", typed)
    else:
        assert editing.validate("task", "hours_per_week", typed) == pytest.approx(float(amount))


@given(st.dates())
def test_a_date_written_yyyy_mm_dd_is_read_back(day):
    if day.year >= 1000:
        assert editing.validate("pilot", "starts_on", day.isoformat()) == day


@pytest.mark.parametrize("typed", ["31/12", "2025-02-30", "tomorrow", "2025-1-5"])
def test_a_date_in_another_form_is_refused_naming_the_field_and_the_text(typed):
    with pytest.raises(InputError) as refused:
        editing.validate("pilot", "starts_on", typed)
    assert refused.value.where == "starts on" and repr(typed) in refused.value.reason


@given(st.sampled_from(list(e.Oversight)), st.sampled_from([str.upper, str.lower, str.title]))
def test_a_choice_is_taken_by_its_words_in_any_case(member, case):
    assert editing.validate("workflow", "oversight", case(member.value)) == member


@given(st.text(max_size=20))
def test_any_text_is_either_a_choice_or_refused_with_the_choices_listed(text):
    values = {member.value.casefold() for member in e.Severity}
    try:
        chosen = editing.validate("caution_flag", "severity", text)
    except InputError as refused:
        assert "low, medium, high, critical" in refused.reason
    else:
        assert chosen.value in values


@pytest.mark.parametrize(("typed", "meant"), [("yes", True), ("No", False), ("1", True), ("false", False)])
def test_yes_and_no(typed, meant):
    assert editing.validate("task", "manual", typed) is meant


def test_a_taken_unique_name_is_an_input_error_not_a_database_error(store):
    with store.transaction() as s:
        editing.add_row(s, entity="team", values={"name": "Sales"})
        support = editing.add_row(s, entity="team", values={"name": "Support"})
        editing.add_row(s, entity="opportunity", values={"title": "Draft replies"})
    with pytest.raises(InputError, match="'Sales' is already taken"), store.transaction() as s:
        editing.update_field(s, entity="team", row_id=support, field="name", value="Sales")
    with pytest.raises(InputError, match="already taken"), store.transaction() as s:
        editing.add_row(s, entity="opportunity", values={"title": "Draft replies"})


def everything(store: WorkshopStore) -> dict[str, list[tuple[Any, ...]]]:
    """Gives every row of every table, sorted, to compare a whole workshop."""
    with store.reading() as s:
        return {
            table.name: sorted((tuple(row) for row in s.execute(select(table))), key=repr)
            for table in e.Base.metadata.sorted_tables
        }


def test_undoing_the_delete_of_a_team_brings_back_its_plan_and_its_members_team(store):
    with store.transaction() as s:
        team = editing.add_row(s, entity="team", values={"name": "Sales"})
        editing.add_row(s, entity="participant", values={"name": "Ana", "team_id": team})
        editing.add_row(s, entity="capacity_plan", values={"team_id": team, "hours_per_week": 2.0})
    start = everything(store)
    with store.transaction() as s:
        snapshot = editing.delete_row(s, entity="team", row_id=team)
    assert everything(store)["capacity_plan"] == []
    assert snapshot.root["name"] == "Sales"
    with store.transaction() as s:
        editing.restore_rows(s, snapshot)
    assert everything(store) == start


# One random step: (what, table, a value to type or use).
steps = st.lists(
    st.tuples(
        st.sampled_from(["add", "update", "delete"]),
        st.sampled_from(["team", "participant", "task", "opportunity", "workflow", "pilot", "caution_flag"]),
        st.integers(min_value=0, max_value=30),
    ),
    max_size=25,
)

UPDATES = {
    "team": ("description", lambda n: f"about {n}"),
    "participant": ("team_id", lambda n: None),
    "task": ("hours_per_week", lambda n: float(n)),
    "opportunity": ("effort", lambda n: n % 5 + 1),
    "workflow": ("oversight", lambda n: list(e.Oversight)[n % 5]),
    "pilot": ("starts_on", lambda n: dt.date(2025, 1, 1) + dt.timedelta(days=n)),
    "caution_flag": ("severity", lambda n: list(e.Severity)[n % 4]),
}


def _new_values(session, entity: str, n: int) -> dict[str, Any] | None:
    """Gives values for a new row of `entity`, or None when the row it needs does not exist."""
    first = {
        name: session.scalar(select(editing.table_named(name).c.id))
        for name in ("team", "opportunity", "workflow")
    }
    return {
        "team": {"name": f"Team {n}"},
        "participant": {"name": f"Person {n}", "team_id": first["team"]},
        "task": {"title": f"Task {n}", "team_id": first["team"], "data_sensitivity": e.Sensitivity.HIGH},
        "opportunity": {"title": f"Opportunity {n}"},
        "workflow": {"opportunity_id": first["opportunity"]} if first["opportunity"] else None,
        "pilot": {"workflow_id": first["workflow"]} if first["workflow"] else None,
        "caution_flag": {"team_id": first["team"], "evidence": f"seen {n}"},
    }[entity]


def _step(s, what: str, entity: str, n: int) -> Any:
    """Gives how to take back one random change (None when the step could not be made)."""
    ids = list(s.scalars(select(editing.table_named(entity).c.id)))
    if what == "add":
        values = _new_values(s, entity, n)
        if values is None:
            return None
        try:
            row_id = editing.add_row(s, entity=entity, values=values)
        except InputError:
            return None
        return lambda s: editing.delete_row(s, entity=entity, row_id=row_id)
    if not ids:
        return None
    row_id = ids[n % len(ids)]
    if what == "update":
        field, value = UPDATES[entity]
        old = editing.update_field(s, entity=entity, row_id=row_id, field=field, value=value(n))
        return lambda s: editing.update_field(s, entity=entity, row_id=row_id, field=field, value=old)
    snapshot = editing.delete_row(s, entity=entity, row_id=row_id)
    return lambda s: editing.restore_rows(s, snapshot)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=steps)
def test_any_changes_undone_in_reverse_leave_the_workshop_as_it_was(store, plan):
    with store.transaction() as s:
        team = editing.add_row(s, entity="team", values={"name": "Base"})
        opportunity = editing.add_row(s, entity="opportunity", values={"title": "Base"})
        task = editing.add_row(s, entity="task", values={"title": "Base", "team_id": team})
        editing.set_links(
            s,
            link_table="opportunity_task",
            owner_field="opportunity_id",
            owner_id=opportunity,
            target_field="task_id",
            targets={task},
        )
    start = everything(store)
    undos = []
    for what, entity, n in plan:
        with store.transaction() as s:
            undo = _step(s, what, entity, n)
        if undo is not None:
            undos.append(undo)
    for undo in reversed(undos):
        with store.transaction() as s:
            undo(s)
    assert everything(store) == start
    with store.transaction() as s:  # the next example starts from an empty workshop again
        for table in reversed(e.Base.metadata.sorted_tables):
            if table.name not in ("workshop", "readiness_dimension", "alembic_version"):
                s.execute(table.delete())


def test_save_copy_writes_a_workshop_with_everything_in_it(store, tmp_path):
    from workshop.model.backup import back_up

    with store.transaction() as s:
        editing.add_row(s, entity="team", values={"name": "Sales"})
    copy = back_up(store.path, tmp_path / "copy.workshop")
    with open_workshop(copy) as reopened:
        assert everything(reopened)["team"] == everything(store)["team"]


def test_a_failed_copy_keeps_the_earlier_file_of_that_name(store, tmp_path, monkeypatch):
    import os

    from workshop.model.backup import back_up

    earlier = tmp_path / "backup.workshop"
    earlier.write_bytes(b"yesterday's copy")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WorkshopFileError, match="could not be written"):
        back_up(store.path, earlier, replace=True)
    assert earlier.read_bytes() == b"yesterday's copy"
    assert not list(tmp_path.glob("*.partial"))
