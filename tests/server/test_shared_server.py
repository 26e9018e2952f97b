"""A workshop on a shared PostgreSQL server: same schema, every job, and laptops voting at once."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from workshop import cli
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.creating import restore_workshop
from workshop.model.errors import InputError, NewerSchemaError, WorkshopFileError
from workshop.model.exporting import backup_json, write_json
from workshop.model.server import connect_server
from workshop.model.store import create_workshop, open_workshop, schema_head, table_counts

ITEMS = ("Invoice triage", "Draft replies", "Summaries")


def prepared_round(url: str, voters: int) -> tuple[int, list[int], list[int]]:
    """Gives the open round, the voters and the items of a new server workshop."""
    with create_workshop(url, title="Shared room") as store, store.transaction() as session:
        items = [ops.opportunity_titled(session, title).id for title in ITEMS]
        people = [
            ops.participant_named(session, f"Manager {n}", role=e.Role.MANAGER).id for n in range(voters)
        ]
        return ballots.start_round(session, name="Ranking"), people, items


def run_all(script: str, *argument_lists: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Gives how each process ended; all of them run at the same time."""
    started = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for args in argument_lists
    ]
    return [subprocess.CompletedProcess(p.args, p.wait(), *p.communicate()) for p in started]


CAST = textwrap.dedent(
    """
    import json, sys
    from workshop.model import ballots
    from workshop.model.store import open_workshop
    url, round_id, turns = sys.argv[1], int(sys.argv[2]), int(sys.argv[5])
    voters, items = json.loads(sys.argv[3]), json.loads(sys.argv[4])
    with open_workshop(url) as store:
        for turn in range(turns):
            for voter in voters:
                ranks = {item: (n + voter + turn) % len(items) + 1 for n, item in enumerate(items)}
                with store.transaction() as session:
                    ballots.cast_ranking(session, round_id=round_id, participant_id=voter, ranks=ranks)
    """
)


def test_a_new_server_database_gets_the_schema_the_code_expects(server_url):
    with create_workshop(server_url, title="Shared room", organisation="Acme") as store:
        with store.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), e.Base.metadata) == []
            assert (
                connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                == schema_head()
            )
        assert table_counts(store)["readiness_dimension"] == 5
        assert store.backup is None and str(store.path).endswith("@127.0.0.1")
    with open_workshop(server_url) as store, store.reading() as session:
        assert session.scalar(select(e.Workshop.title)) == "Shared room"


def test_an_empty_database_a_second_workshop_and_a_newer_schema_are_refused(server_url):
    with pytest.raises(WorkshopFileError, match="holds no workshop yet"):
        open_workshop(server_url)
    create_workshop(server_url, title="First").close()
    with pytest.raises(WorkshopFileError, match="already holds a workshop"):
        create_workshop(server_url, title="Second")
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerSchemaError, match="newer version of the app"):
        open_workshop(server_url)


def test_an_unreachable_server_is_named_without_its_password(server):
    closed_port = server.rsplit(":", 1)[0] + ":1"
    with pytest.raises(WorkshopFileError, match="cannot reach the workshop server") as caught:
        open_workshop(closed_port.replace("workshop@", "workshop:secret@") + "/room")
    assert "secret" not in str(caught.value)


def test_eight_laptops_casting_fifty_ballots_each_at_once_store_all_four_hundred(server_url):
    round_id, voters, items = prepared_round(server_url, voters=400)
    shares = [voters[n * 50 : (n + 1) * 50] for n in range(8)]
    ended = run_all(
        CAST, *[[server_url, str(round_id), json.dumps(s), json.dumps(items), "1"] for s in shares]
    )
    assert [(p.returncode, p.stderr) for p in ended] == [(0, "")] * 8
    with open_workshop(server_url) as store, store.reading() as session:
        pairs = session.execute(select(e.Ballot.round_id, e.Ballot.participant_id)).all()
        entries = session.scalar(select(func.count()).select_from(e.BallotEntry))
    assert len(pairs) == len(set(pairs)) == 400
    assert entries == 400 * len(items)


def test_two_laptops_replacing_the_same_ballot_at_once_leave_exactly_one(server_url):
    round_id, (voter,), items = prepared_round(server_url, voters=1)
    ended = run_all(CAST, *[[server_url, str(round_id), json.dumps([voter]), json.dumps(items), "40"]] * 2)
    assert [(p.returncode, p.stderr) for p in ended] == [(0, "")] * 2
    with open_workshop(server_url) as store, store.reading() as session:
        stored = session.scalars(select(e.Ballot)).all()
        assert len(stored) == 1
        assert sorted(entry.rank for entry in stored[0].entries) == [1, 2, 3]


def test_a_closed_round_takes_no_more_ballots_on_the_server(server_url):
    round_id, (voter,), items = prepared_round(server_url, voters=1)
    with open_workshop(server_url) as store:
        with store.transaction() as session:
            ballots.close_round(session, round_id=round_id)
        with pytest.raises(InputError, match="is closed"), store.transaction() as session:
            ballots.cast_ranking(session, round_id=round_id, participant_id=voter, ranks={items[0]: 1})


def test_every_job_runs_on_the_server(server_url, server, tmp_path, capsys):
    assert cli.main(["--db", server_url, "demo", "--managers", "5", "--items", "6"]) == 0
    assert cli.main(["check", "--db", server_url]) == 0
    assert "  ballot_entry: " in capsys.readouterr().out
    assert cli.main(["--db", server_url, "analyze", "--json"]) == 0
    assert "kendalls_w" in capsys.readouterr().out
    export = tmp_path / "room.json"
    assert cli.main(["--db", server_url, "export", "-o", str(export)]) == 0
    room_file = tmp_path / "room.workshop"
    assert cli.main(["demo", str(room_file), "--managers", "5", "--items", "6"]) == 0
    assert cli.main(["--db", server_url, "merge", str(room_file)]) == 0
    # A second demo's cards are its own rows, so they arrive once; merging the file again adds nothing.
    assert "nothing new" not in capsys.readouterr().out
    assert cli.main(["--db", server_url, "merge", str(room_file)]) == 0
    assert "nothing new" in capsys.readouterr().out
    copy_url = f"{server}/{server_url.rsplit('/', 1)[1]}_copy"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{copy_url.rsplit("/", 1)[1]}"')
    assert cli.main(["--db", copy_url, "import", "--json", str(export)]) == 0
    with open_workshop(copy_url) as store, store.transaction() as session:
        ops.participant_named(session, "Added after the import")  # the id counters continue above the import
    exported = json.loads(export.read_text(encoding="utf-8"))["tables"]["participant"]
    with connect_server(copy_url) as copy:  # an anonymous export holds stand-ins, not the original people
        assert table_counts(copy)["participant"] == len(exported) + 1


def test_a_workshop_restored_into_an_empty_server_database_adds_rows_after_the_restored_ones(
    server_url, tmp_path
):
    with create_workshop(tmp_path / "room.workshop", title="Room") as room, room.transaction() as session:
        for n in range(3):
            ops.participant_named(session, f"Manager {n}", role=e.Role.MANAGER)
        write_json(session, tmp_path / "room.json")
    with restore_workshop(server_url, tmp_path / "room.json") as store, store.transaction() as session:
        added = ops.participant_named(session, "Added after the restore").id
    assert added == 4


def test_a_server_workshop_backed_up_as_json_restores_every_row_of_every_table(server_url, server, tmp_path):
    assert cli.main(["--db", server_url, "demo", "--managers", "5", "--items", "6"]) == 0
    backup = tmp_path / "server-backup.json"
    assert cli.main(["--db", server_url, "backup", str(backup)]) == 0
    assert cli.main(["--db", server_url, "backup", str(backup)]) == 2  # an existing backup is kept
    copy_url = f"{server}/{server_url.rsplit('/', 1)[1]}_restored"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{copy_url.rsplit("/", 1)[1]}"')
    assert cli.main(["--db", copy_url, "import", "--json", str(backup)]) == 0
    with connect_server(server_url) as original, original.reading() as first:
        whole = backup_json(first)["tables"]
    with connect_server(copy_url) as copy, copy.reading() as second:
        assert backup_json(second)["tables"] == whole
    assert whole["ballot"] and whole["participant"][0]["name"] != "Participant 1"
