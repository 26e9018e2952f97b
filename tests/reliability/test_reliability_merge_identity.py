"""Merging by row identity: cards typed alike stay separate rows, copies of one file match their own rows,
merging again adds nothing; files of every earlier schema get an identity for each row; a person's name
is unique among those without a team too."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import FIXTURES, row_counts
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from workshop import cli
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.creating import restore_workshop
from workshop.model.editing import add_row, update_field
from workshop.model.errors import InputError
from workshop.model.exporting import write_json
from workshop.model.merging import BY_IDENTITY, MergeConflict, merge_workshops
from workshop.model.store import create_workshop, open_workshop

CARD = "More training"


def add_cards(path: Path, count: int, *, text: str = CARD) -> None:
    """Types `count` feedback cards that say the same, one at a time, as a facilitator would."""
    with open_workshop(path) as store:
        for _ in range(count):
            with store.transaction() as session:
                session.add(e.FeedbackItem(what_does_not=text))


def cards(path: Path, text: str = CARD) -> list[tuple[str, str | None]]:
    """Gives the uid and origin of every feedback card saying `text`, read with plain sqlite3."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        query = "SELECT uid, origin FROM feedback_item WHERE what_does_not = ? ORDER BY uid"
        return conn.execute(query, (text,)).fetchall()
    finally:
        conn.close()


def new_file(path: Path) -> Path:
    create_workshop(path, title=path.stem).close()
    return path


def test_two_cards_typed_alike_in_one_file_both_arrive(tmp_path):
    target, room = new_file(tmp_path / "all.workshop"), new_file(tmp_path / "room.workshop")
    add_cards(room, 2)
    with open_workshop(target) as store:
        assert merge_workshops(store, [room]).added == (("feedback item", 2),)
    assert [uid for uid, _ in cards(target)] == [uid for uid, _ in cards(room)]
    assert {origin for _, origin in cards(target)} == {f"room.workshop, {cards_origin(room)}"}


def cards_origin(path: Path) -> str:
    with open_workshop(path) as store, store.reading() as session:
        return f"created {session.scalar(select(e.Workshop.created_at)):%Y-%m-%d %H:%M:%S}"


def test_a_card_typed_alike_here_and_in_a_room_is_two_cards(tmp_path):
    target, room = new_file(tmp_path / "all.workshop"), new_file(tmp_path / "room.workshop")
    add_cards(target, 1)
    add_cards(room, 1)
    with open_workshop(target) as store:
        merge_workshops(store, [room])
    assert len(cards(target)) == 2


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(here=st.integers(0, 3), there=st.integers(0, 3), later=st.integers(0, 2))
def test_a_copy_of_a_prepared_file_brings_only_what_was_typed_on_it(tmp_path_factory, here, there, later):
    folder = tmp_path_factory.mktemp("prepared")
    prepared = new_file(folder / "prepared.workshop")
    add_cards(prepared, 2)  # typed before the copies were handed out
    laptop = folder / "laptop.workshop"
    shutil.copyfile(prepared, laptop)
    add_cards(prepared, here)
    add_cards(laptop, there)
    with open_workshop(prepared) as store:
        assert merge_workshops(store, [laptop]).added == ((("feedback item", there),) if there else ())
        assert merge_workshops(store, [laptop, laptop]).added == ()  # merging again adds nothing
    add_cards(laptop, later)  # the room goes on typing between two merges
    with open_workshop(prepared) as store:
        assert merge_workshops(store, [laptop]).added == ((("feedback item", later),) if later else ())
    assert len(cards(prepared)) == 2 + here + there + later
    assert {uid for uid, _ in cards(laptop)} <= {uid for uid, _ in cards(prepared)}


def test_the_command_merging_one_file_twice_says_nothing_new(tmp_path, capsys):
    target, room = new_file(tmp_path / "all.workshop"), new_file(tmp_path / "room.workshop")
    add_cards(room, 3)
    assert cli.main(["merge", str(target), str(room)]) == 0
    assert "3 feedback items" in capsys.readouterr().out
    assert cli.main(["merge", str(target), str(room)]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert len(cards(target)) == 3


# Files saved before schema 0004 gave rows their identity.
EARLIER = [path for path in sorted(FIXTURES.glob("schema_*.workshop")) if path.stem < "schema_0004"]


def test_there_are_earlier_schema_files_to_update():
    assert [path.stem for path in EARLIER] == ["schema_0001", "schema_0002", "schema_0003"]


@pytest.mark.parametrize("fixture", EARLIER, ids=lambda path: path.stem)
def test_a_file_of_an_earlier_schema_gets_a_distinct_uid_for_every_row(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    add_rows_the_old_way(path)
    before = row_counts(path)
    open_workshop(path).close()
    after = row_counts(path)
    assert {name: after[name] for name in before} == before
    conn = sqlite3.connect(path)
    try:
        for table in BY_IDENTITY:
            uids = [row[0] for row in conn.execute(f'SELECT uid FROM "{table}"')]
            assert len(uids) == after[table] and len(set(uids)) == len(uids)
            assert all(uid and len(uid) == 32 for uid in uids)
        [salt] = conn.execute("SELECT label_salt FROM workshop").fetchall()
        assert len(salt[0]) == 32 and int(salt[0], 16) >= 0
    finally:
        conn.close()
    assert after["task"] >= 3 and after["feedback_item"] >= 2


def add_rows_the_old_way(path: Path) -> None:
    """Adds two cards and two tasks saying the same to an old file with plain SQL, as its app did."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            for _ in range(2):
                conn.execute(
                    "INSERT INTO feedback_item (channel, anonymous, what_works, what_does_not, change_made) "
                    "VALUES ('', 1, '', ?, '')",
                    (CARD,),
                )
                conn.execute(
                    "INSERT INTO task (title, description, frequency, manual, data_sensitivity, notes) "
                    "VALUES ('Same task', '', 'weekly', 1, 'low', '')"
                )
    finally:
        conn.close()


def test_an_updated_old_file_merged_twice_adds_its_cards_once(tmp_path):
    old = tmp_path / "old.workshop"
    shutil.copyfile(FIXTURES / "schema_0003.workshop", old)
    add_rows_the_old_way(old)
    target = new_file(tmp_path / "all.workshop")
    open_workshop(old).close()  # updated to the current schema: its rows now have uids
    with open_workshop(target) as store:
        merge_workshops(store, [old])
        assert merge_workshops(store, [old]).added == ()
    assert len(cards(target)) == 2


def test_two_people_of_one_name_without_a_team_are_refused(tmp_path):
    with create_workshop(tmp_path / "room.workshop", title="Room") as store:
        with store.transaction() as session:
            session.add(e.Participant(name="Sam Roe"))
        with pytest.raises(IntegrityError), store.transaction() as session:
            session.add(e.Participant(name="Sam Roe"))
        with store.transaction() as session:
            team = ops.team_named(session, "Sales")
            session.add(e.Participant(name="Sam Roe", team=team))  # the same name in a team is another person
        with store.reading() as session:
            assert session.scalars(select(e.Participant.team_id)).all() == [None, team.id]


def test_the_window_says_a_name_without_a_team_is_taken(tmp_path):
    with create_workshop(tmp_path / "room.workshop", title="Room") as store:
        with store.transaction() as session:
            add_row(session, entity="participant", values={"name": "Sam Roe"})
        with pytest.raises(InputError, match="'Sam Roe' is already taken"), store.transaction() as session:
            add_row(session, entity="participant", values={"name": "Sam Roe", "team_id": None})
        with store.transaction() as session:
            other = add_row(session, entity="participant", values={"name": "Kim Roe"})
        with pytest.raises(InputError, match="'Sam Roe' is already taken"), store.transaction() as session:
            update_field(session, entity="participant", row_id=other, field="name", value="Sam Roe")
        with store.reading() as session:
            assert sorted(session.scalars(select(e.Participant.name))) == ["Kim Roe", "Sam Roe"]


def exported(tmp_path: Path, *, cards_typed: int) -> dict:
    room = new_file(tmp_path / "room.workshop")
    add_cards(room, cards_typed)
    with open_workshop(room) as store, store.reading() as session:
        write_json(session, tmp_path / "room.json")
    return json.loads((tmp_path / "room.json").read_text(encoding="utf-8"))


def restored_cards(tmp_path: Path, document: dict, name: str) -> list[tuple[str, str | None]]:
    (tmp_path / f"{name}.json").write_text(json.dumps(document), encoding="utf-8")
    restore_workshop(tmp_path / f"{name}.workshop", tmp_path / f"{name}.json").close()
    return cards(tmp_path / f"{name}.workshop")


def test_a_restore_keeps_the_uids_of_the_export_and_gives_an_older_export_fresh_ones(tmp_path):
    document = exported(tmp_path, cards_typed=2)
    typed = sorted(row["uid"] for row in document["tables"]["feedback_item"])
    assert [uid for uid, _ in restored_cards(tmp_path, document, "same")] == typed
    for table in BY_IDENTITY:
        for row in document["tables"][table]:
            del row["uid"]
    for row in document["tables"]["workshop"]:
        row.pop("label_salt", None)
    fresh = [uid for uid, _ in restored_cards(tmp_path, document, "older")]
    assert len(set(fresh)) == 2 and not set(fresh) & set(typed)


def test_a_restore_refuses_two_rows_with_one_uid_in_one_line(tmp_path):
    document = exported(tmp_path, cards_typed=2)
    first, second = document["tables"]["feedback_item"]
    second["uid"] = first["uid"]
    (tmp_path / "twice.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        restore_workshop(tmp_path / "twice.workshop", tmp_path / "twice.json")
    said = str(refused.value)
    assert "\n" not in said
    assert f"table feedback_item, row id {second['id']}" in said and "uid" in said
    assert not (tmp_path / "twice.workshop").exists()


def test_a_restore_refuses_two_people_of_one_name_without_a_team_without_naming_them(tmp_path):
    document = exported(tmp_path, cards_typed=0)
    document["tables"]["participant"] = [
        {"id": n, "name": "Sam Roe", "team_id": None, "role": "manager", "stance": "unknown"} for n in (1, 2)
    ]
    (tmp_path / "people.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        restore_workshop(tmp_path / "people.workshop", tmp_path / "people.json")
    said = str(refused.value)
    assert "\n" not in said and "table participant, row id 2" in said
    assert "Sam Roe" not in said


def task_edited_on_a_copy(folder: Path) -> tuple[Path, Path]:
    """Gives a prepared file holding one task, and a copy of it on which that task's hours were changed."""
    prepared = new_file(folder / "prepared.workshop")
    with open_workshop(prepared) as store, store.transaction() as session:
        session.add(e.Task(title="Copy invoices into the ledger", hours_per_week=6.0))
    laptop = folder / "laptop.workshop"
    shutil.copyfile(prepared, laptop)
    with open_workshop(laptop) as store, store.transaction() as session:
        session.scalars(select(e.Task)).one().hours_per_week = 9.5
    return prepared, laptop


def test_a_task_edited_on_a_copy_is_a_conflict_never_settled_silently(tmp_path):
    prepared, laptop = task_edited_on_a_copy(tmp_path)
    with open_workshop(prepared) as store:
        with pytest.raises(MergeConflict) as refused:
            merge_workshops(store, [laptop])
        assert [c.line() for c in refused.value.conflicts] == [
            "task 'Copy invoices into the ledger': laptop.workshop differs"
        ]
        assert merge_workshops(store, [laptop], prefer="target").added == ()
        with store.reading() as session:
            assert session.scalars(select(e.Task.hours_per_week)).all() == [6.0]
        merge_workshops(store, [laptop], prefer="source")
        with store.reading() as session:
            assert session.scalars(select(e.Task.hours_per_week)).all() == [9.5]
        assert merge_workshops(store, [laptop]).conflicts == ()  # now the same: nothing to settle


def test_an_older_file_with_two_people_of_one_name_without_a_team_opens_with_both(tmp_path):
    path = tmp_path / "old.workshop"
    shutil.copyfile(FIXTURES / "schema_0003.workshop", path)
    conn = sqlite3.connect(path)
    with conn:  # the old constraint let these in: NULL teams never clash
        for name in ("Sam Roe", "Sam Roe", "Sam Roe (2)", "Sam Roe"):
            conn.execute(
                "INSERT INTO participant (name, role, stance) VALUES (?, 'manager', 'unknown')", (name,)
            )
    conn.close()
    before = row_counts(path)
    open_workshop(path).close()
    assert row_counts(path)["participant"] == before["participant"]
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0] for row in conn.execute("SELECT name FROM participant WHERE team_id IS NULL ORDER BY id")
        ]
    finally:
        conn.close()
    assert names == ["Sam Roe", "Sam Roe (3)", "Sam Roe (2)", "Sam Roe (4)"]


def test_the_command_names_a_conflicting_task_and_merges_nothing(tmp_path, capsys):
    prepared, laptop = task_edited_on_a_copy(tmp_path)
    add_cards(laptop, 1)
    assert cli.main(["merge", str(prepared), str(laptop)]) == 2
    said = capsys.readouterr().err
    assert "1 ballot, answer or item differs; nothing was merged." in said
    assert "task 'Copy invoices into the ledger': laptop.workshop differs" in said
    assert cards(prepared) == []


def test_the_command_settles_an_edited_task_as_told_and_says_which_side_was_kept(tmp_path, capsys):
    prepared, laptop = task_edited_on_a_copy(tmp_path)
    assert cli.main(["merge", str(prepared), str(laptop), "--prefer", "source"]) == 0
    said = capsys.readouterr().out
    assert "Ballots, answers or items that differ, the source's kept:" in said
    assert "  task 'Copy invoices into the ledger': laptop.workshop differs" in said
    with open_workshop(prepared) as store, store.reading() as session:
        assert session.scalars(select(e.Task.hours_per_week)).all() == [9.5]
