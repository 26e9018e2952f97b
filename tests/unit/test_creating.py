"""Whole workshops made in one call: a new one with its teams, or one restored from its JSON export."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.creating import create_with_teams, restore_workshop
from workshop.model.errors import InputError
from workshop.model.exporting import write_json
from workshop.model.store import open_workshop, table_counts


@pytest.fixture
def export(store, tmp_path):
    """Gives the JSON export of a workshop with a team and two participants."""
    with store.transaction() as session:
        team = ops.team_named(session, "Sales")
        for name in ("Ann", "Bo"):
            ops.participant_named(session, name, team=team)
        write_json(session, tmp_path / "room.json")
    return tmp_path / "room.json"


def test_a_restored_workshop_adds_new_rows_after_the_restored_ones(export, tmp_path):
    with restore_workshop(tmp_path / "copy.workshop", export) as store:
        with store.reading() as session:
            restored = set(session.scalars(select(e.Participant.id)))
        with store.transaction() as session:
            added = ops.participant_named(session, "Cy").id
    assert len(restored) == 2 and added == max(restored) + 1


def test_a_failed_restore_leaves_no_new_file_and_an_existing_one_as_it_was(store, export, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        restore_workshop(tmp_path / "copy.workshop", bad)
    assert not (tmp_path / "copy.workshop").exists()
    store.close()
    with open_workshop(store.path) as again:
        before = table_counts(again)
    with pytest.raises(InputError, match="already holds data"):
        restore_workshop(store.path, export)
    with open_workshop(store.path) as again:
        assert table_counts(again) == before


def test_a_new_workshop_has_its_teams(tmp_path):
    store = create_with_teams(tmp_path / "new.workshop", ("Sales", "Operations"), title="Offsite")
    with store, store.reading() as session:
        assert sorted(session.scalars(select(e.Team.name))) == ["Operations", "Sales"]
        assert session.scalar(select(e.Workshop.title)) == "Offsite"


def test_a_new_workshop_whose_teams_cannot_be_added_leaves_no_file(tmp_path):
    with pytest.raises(IntegrityError):
        create_with_teams(tmp_path / "new.workshop", ("Sales", None), title="Offsite")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
