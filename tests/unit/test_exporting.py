"""What a facilitator gets from exports: atomic files, a readable JSON document, safe CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.model.exporting import export_json, write_csv_tables, write_json
from workshop.model.files import write_atomically, write_text_atomically
from workshop.model.store import schema_head

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\0"]
PSEUDONYMS = ("Participant", "Stand-in")
PER_FOLDER = settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


# --- write_atomically --------------------------------------------------------------------------------


@PER_FOLDER
@given(content=st.binary(max_size=5000))
def test_the_file_holds_exactly_what_was_written(tmp_path, content):
    target = tmp_path / "report.pdf"
    write_atomically(target, lambda handle: handle.write(content))
    assert target.read_bytes() == content
    assert files_in(tmp_path) == ["report.pdf"]


@pytest.mark.parametrize(
    "failure",
    [RuntimeError("the chart could not be drawn"), OSError(errno.ENOSPC, "No space left on device")],
    ids=["program error", "disk full"],
)
def test_a_writer_failing_halfway_leaves_the_old_file_and_no_temporary_file(tmp_path, failure):
    target = tmp_path / "strategy.pdf"
    target.write_bytes(b"the earlier report \x00\xff")

    def write_half_then_fail(handle):
        handle.write(b"half of the new rep")
        raise failure

    with pytest.raises((RuntimeError, WorkshopError)):
        write_atomically(target, write_half_then_fail)
    assert target.read_bytes() == b"the earlier report \x00\xff"
    assert files_in(tmp_path) == ["strategy.pdf"]


def test_a_full_disk_becomes_a_sentence_naming_the_file_and_the_reason(tmp_path):
    target = tmp_path / "strategy.pdf"

    def disk_full(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WorkshopError) as raised:
        write_atomically(target, disk_full)
    assert str(target) in str(raised.value)
    assert "No space left on device" in str(raised.value)
    assert not target.exists()


def test_writing_into_a_missing_folder_names_the_path_and_the_reason(tmp_path):
    target = tmp_path / "gone" / "notes.txt"
    with pytest.raises(WorkshopError) as raised:
        write_text_atomically(target, "hello")
    assert str(target) in str(raised.value)
    assert "No such file or directory" in str(raised.value)


def test_text_is_written_as_utf8(tmp_path):
    target = tmp_path / "notes.txt"
    write_text_atomically(target, "Zoë 🚀 مرحبا")
    assert target.read_bytes() == "Zoë 🚀 مرحبا".encode()


# --- JSON export -------------------------------------------------------------------------------------


def add_task_and_round(store, *, notes="", hours=2.5, impact=None):
    """Adds a task and a revealed round of one ballot to a named workshop, which exports every row."""
    with store.transaction() as session:
        session.scalar(select(e.Workshop)).anonymity = e.Anonymity.NAMED
        team = e.Team(name="Ventes")
        task = e.Task(title="Invoices", team=team, hours_per_week=hours, manual=False, notes=notes)
        item = e.Opportunity(title="Draft replies")
        alice = e.Participant(name="Alice", team=team, role=e.Role.MANAGER)
        stamp = dt.datetime(2024, 5, 31, 14, 30, 5)
        ballot = e.Ballot(
            participant=alice,
            submitted_at=stamp,
            entries=[e.BallotEntry(opportunity=item, rank=1, impact=impact)],
        )
        session.add_all(
            [
                task,
                e.BallotRound(
                    name="Round 1", allow_ties=True, created_at=stamp, revealed_at=stamp, ballots=[ballot]
                ),
            ]
        )


def test_the_json_document_names_its_format_and_schema_and_holds_every_table(store):
    with store.reading() as session:
        document = export_json(session)
    assert document["format"] == "ai-strategy-workshop"
    assert document["format_version"] == 1
    assert document["schema"] == schema_head()
    assert set(document["tables"]) == set(e.Base.metadata.tables)
    assert [row["name"] for row in document["tables"]["readiness_dimension"]] == [
        name for name, _ in e.DEFAULT_DIMENSIONS
    ]


def test_json_values_are_plain_text_numbers_and_true_false(store, tmp_path):
    add_task_and_round(store)
    with store.reading() as session:
        write_json(session, tmp_path / "export.json")
    text = (tmp_path / "export.json").read_text(encoding="utf-8")
    tables = json.loads(text)["tables"]
    task = tables["task"][0]
    assert task["manual"] is False
    assert task["frequency"] == "weekly"
    assert task["hours_per_week"] == 2.5
    assert tables["ballot"][0]["submitted_at"] == "2024-05-31T14:30:05"
    assert tables["ballot_round"][0]["allow_ties"] is True
    assert text.startswith('{\n "format"'), "one-space indent and sorted keys keep exports comparable"


# --- CSV export --------------------------------------------------------------------------------------


def test_every_table_becomes_a_csv_file_with_a_bom_and_a_header(store, tmp_path):
    add_task_and_round(store)
    with store.reading() as session:
        written = write_csv_tables(session, tmp_path / "tables")
    assert sorted(path.name for path in written) == sorted(f"{name}.csv" for name in e.Base.metadata.tables)
    task_file = tmp_path / "tables" / "task.csv"
    assert task_file.read_bytes().startswith("\ufeffid,".encode())
    [task] = read_csv(task_file)
    assert list(task) == [column.name for column in e.Task.__table__.columns]
    assert (task["title"], task["manual"], task["hours_per_week"]) == ("Invoices", "false", "2.5")


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_a_text_cell_that_would_run_as_a_formula_is_neutralised(store, tmp_path, start):
    cell = f'{start}HYPERLINK("http://evil.example","click")'
    add_task_and_round(store, notes=cell)
    with store.reading() as session:
        write_csv_tables(session, tmp_path)
    [task] = read_csv(tmp_path / "task.csv")
    assert task["notes"] == "'" + cell


def test_a_negative_number_stays_a_number(store, tmp_path):
    add_task_and_round(store, impact=-3.5)
    with store.reading() as session:
        write_csv_tables(session, tmp_path)
    [entry] = read_csv(tmp_path / "ballot_entry.csv")
    assert entry["impact"] == "-3.5"


@PER_FOLDER
@given(notes=st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_csv_text_cells_read_back_as_written_unless_they_start_a_formula(store, tmp_path, notes):
    with store.transaction() as session:
        session.execute(delete(e.Task))
        session.add(e.Task(title="Invoices", notes=notes))
    with store.reading() as session:
        write_csv_tables(session, tmp_path)
    [task] = read_csv(tmp_path / "task.csv")
    expected = "'" + notes if notes.startswith(tuple(FORMULA_STARTS)) else notes
    assert task["notes"] == expected


def test_exports_keep_unrevealed_ballots_pins_and_anonymous_names_private(tmp_path):
    from workshop.model import ballots
    from workshop.model.demo import create_demo

    with create_demo(tmp_path / "demo.workshop") as store:
        with store.transaction() as session:
            session.query(e.Workshop).one().anonymity = e.Anonymity.ANONYMOUS
            ballots.start_round(session, name="Secret", method=e.BallotMethod.RANKING, pin="2468")
        with store.reading() as session:
            document = export_json(session)
            write_csv_tables(session, tmp_path / "csv")
            unrevealed = {
                r.id for r in session.query(e.BallotRound).filter(e.BallotRound.revealed_at.is_(None))
            }
            names = [name for (name,) in session.query(e.Participant.name)]
    tables = document["tables"]
    assert unrevealed and not {b["round_id"] for b in tables["ballot"]} & unrevealed
    kept = {b["id"] for b in tables["ballot"]}
    assert {entry["ballot_id"] for entry in tables["ballot_entry"]} <= kept
    assert all(r["pin_hash"] is None for r in tables["ballot_round"])
    shown = {row["name"] for row in tables["participant"]}
    assert shown <= {f"{kind} {row['id']}" for row in tables["participant"] for kind in PSEUDONYMS}
    participants_csv = (tmp_path / "csv" / "participant.csv").read_text(encoding="utf-8-sig")
    assert not [name for name in names if name in participants_csv]
    assert "Participant 1," in participants_csv


def test_an_anonymous_export_names_no_team_of_fewer_than_3_people_of_one_role(tmp_path):
    from collections import Counter

    from workshop.model.demo import create_demo

    with create_demo(tmp_path / "demo.workshop") as store, store.reading() as session:
        true_groups = Counter((p.team_id, p.role) for p in session.query(e.Participant))
        document = export_json(session)
    rows = [row for row in document["tables"]["participant"] if row["name"].startswith("Participant ")]
    lone = {key for key, size in true_groups.items() if key[0] is not None and size < 3}
    assert lone, "the demo has a team with fewer than 3 people of one role"
    exported = Counter((row["team_id"], e.Role(row["role"])) for row in rows if row["team_id"] is not None)
    assert all(size >= 3 for size in exported.values())
    assert not lone & set(exported)
    assert {key for key, size in true_groups.items() if key[0] is not None and size >= 3} == set(exported)
