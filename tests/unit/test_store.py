"""The workshop document: durable, recognisable, versioned, and never damaged by a failed open.

Refusing each kind of bad file, through the store and the CLI, is shown in
tests/reliability/test_reliability_files.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, Time, inspect, select

from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import FileInUseError, NewerSchemaError, WorkshopFileError
from workshop.model.store import (
    APPLICATION_ID,
    create_workshop,
    file_report,
    open_workshop,
    schema_head,
    table_counts,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sample_value(column, fk_ids: dict[str, int]):
    """Gives a non-default value fitting the column, so a round trip shows every column survives."""
    if column.foreign_keys:
        return fk_ids[next(iter(column.foreign_keys)).column.table.name]
    kind = column.type
    if isinstance(kind, Enum):
        return list(kind.enum_class)[-1]
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Time):
        return dt.time(9, 30)
    if isinstance(kind, DateTime):
        return dt.datetime(2026, 11, 3, 14, 30, 5)
    if isinstance(kind, Date):
        return dt.date(2026, 11, 3)
    if isinstance(kind, Float):
        return 2.5
    if isinstance(kind, Integer):
        return 4
    return f"{column.name} – Zoë <R&D> «ΑΒΓ» Жанна\nsecond line"


def test_every_entity_round_trips_through_the_file(workshop_path):
    expected: dict[str, dict[str, object]] = {}
    with create_workshop(workshop_path, title="Round trip") as store, store.transaction() as session:
        fk_ids: dict[str, int] = {}
        for mapper in sorted(
            e.Base.registry.mappers, key=lambda m: e.Base.metadata.sorted_tables.index(m.local_table)
        ):
            values = {col.key: sample_value(col, fk_ids) for col in mapper.columns if not col.primary_key}
            row = mapper.class_(**values)
            session.add(row)
            session.flush()
            fk_ids[mapper.local_table.name] = row.id
            expected[mapper.class_.__name__] = {"id": row.id, **values}
    with open_workshop(workshop_path) as store, store.reading() as session:
        for mapper in e.Base.registry.mappers:
            row = session.get(mapper.class_, expected[mapper.class_.__name__]["id"])
            got = {key: getattr(row, key) for key in expected[mapper.class_.__name__]}
            assert got == expected[mapper.class_.__name__], mapper.class_.__name__


def test_a_new_workshop_has_the_default_readiness_dimensions(store):
    with store.reading() as session:
        names = session.scalars(
            select(e.ReadinessDimension.name).order_by(e.ReadinessDimension.position)
        ).all()
    assert names == ["readiness", "confidence", "skills", "attitude", "effectiveness"]


def test_the_file_is_marked_as_a_workshop_and_durable_on_every_commit(store, workshop_path):
    with store.engine.connect() as conn:
        pragmas = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "application_id")
        }
    assert pragmas == {
        "journal_mode": "delete",
        "synchronous": 2,
        "foreign_keys": 1,
        "application_id": APPLICATION_ID,
    }


def test_a_plain_copy_taken_while_open_holds_every_committed_entry(store, workshop_path, tmp_path):
    with store.transaction() as session:
        ops.participant_named(session, "Ингрид Øster")
    copy = tmp_path / "copy.workshop"
    copy.write_bytes(workshop_path.read_bytes())  # the store is still open
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT name FROM participant").fetchall() == [("Ингрид Øster",)]
    conn.close()


def test_migrations_build_exactly_the_schema_the_code_expects(store):
    with store.engine.connect() as conn, warnings.catch_warnings():
        # SQLite's reflection skips expression indexes (with a warning), so the one such index, a person's
        # name within their team, is compared by its SQL below instead.
        warnings.filterwarnings("ignore", message=".*expression-based index 'uq_participant_name_team'")
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        diffs = compare_metadata(MigrationContext.configure(conn), e.Base.metadata)
        index_sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'uq_participant_name_team'"
        ).scalar()
    assert diffs == []
    assert (
        index_sql
        == "CREATE UNIQUE INDEX uq_participant_name_team ON participant (name, coalesce(team_id, 0))"
    )


def test_the_first_version_fixture_opens_with_every_row_kept(tmp_path):
    path = tmp_path / "v0001.workshop"
    path.write_bytes((FIXTURES / "schema_0001.workshop").read_bytes())
    before = sqlite3.connect(path)
    counts_before = {
        t: before.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in ("participant", "ballot_entry", "task")
    }
    before.close()
    with open_workshop(path) as store:
        counts = table_counts(store)
    assert {t: counts[t] for t in counts_before} == counts_before
    assert counts_before["ballot_entry"] > 0


def test_a_workshop_file_without_tables_is_built_up_after_a_backup(tmp_path):
    path = tmp_path / "bare.workshop"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    original = path.read_bytes()
    with open_workshop(path) as store:
        assert store.backup is not None and store.backup.read_bytes() == original
        assert table_counts(store)["workshop"] == 0
    assert file_report(path).revision == schema_head()


def _make_newer(path: Path) -> None:
    create_workshop(path, title="From the future").close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def test_a_newer_schema_is_refused_with_its_own_error(tmp_path):
    path = tmp_path / "future.workshop"
    _make_newer(path)
    with pytest.raises(NewerSchemaError, match="Update the app"):
        open_workshop(path)


def test_a_folder_without_write_permission_is_refused_clearly(tmp_path, monkeypatch):
    path = tmp_path / "room.workshop"
    create_workshop(path, title="Read only").close()
    real_open = os.open

    def refuse_lock(file, flags, *args):
        if str(file).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", refuse_lock)
    with pytest.raises(WorkshopFileError, match="cannot write in the folder"):
        open_workshop(path)


def test_creating_over_an_existing_file_is_refused(store, workshop_path):
    before = digest(workshop_path)
    with pytest.raises(WorkshopFileError, match="already exists"):
        create_workshop(workshop_path, title="Again")
    assert digest(workshop_path) == before


def test_a_second_opening_is_refused_naming_who_holds_it(store, workshop_path):
    with pytest.raises(FileInUseError, match=r"already open by .+ \(process \d+"):
        open_workshop(workshop_path)


def test_check_reports_a_healthy_file(store, workshop_path):
    report = file_report(workshop_path)
    assert report.healthy
    assert "  integrity: ok" in report.lines()
    assert "  readiness_dimension: 5" in report.lines()


def test_the_schema_tables_match_the_entities(store):
    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert tables == {t.name for t in e.Base.metadata.sorted_tables} | {"alembic_version"}
