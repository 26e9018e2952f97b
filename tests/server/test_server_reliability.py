"""The shared server keeps the reliability promises: a failed restore leaves an empty database empty, a bad
address, a lost connection, NUL or too long text end in one line, a password is asked for at a terminal,
and laptops importing ballots at once add each person and item once.

These live beside the throwaway PostgreSQL server of `conftest.py` rather than in tests/reliability/."""

from __future__ import annotations

import getpass
import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import cli
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import WorkshopFileError
from workshop.model.exporting import write_json
from workshop.model.store import create_workshop, open_workshop, table_counts


def server_tables(url: str) -> list[str]:
    """Gives the tables the server database holds, read without the app."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return sorted(name for (name,) in rows)


def run_cli(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, list[str]]:
    """Gives the job's exit code and the lines it wrote on stderr."""
    code = cli.main(list(words))
    return code, capsys.readouterr().err.splitlines()


@pytest.fixture
def room_export(tmp_path: Path) -> dict:
    """A JSON export of a small workshop with a round protected by a PIN."""
    with create_workshop(tmp_path / "room.workshop", title="Room") as room, room.transaction() as session:
        for n in range(3):
            ops.participant_named(session, f"Manager {n}", role=e.Role.MANAGER)
        ops.opportunity_titled(session, "Invoice triage")
        ballots.start_round(session, name="Ranking", pin="1234")
        write_json(session, tmp_path / "room.json")
    return json.loads((tmp_path / "room.json").read_text(encoding="utf-8"))


def half_way_failures(export: dict) -> dict[str, dict]:
    """Gives exports the file check lets through but the server refuses part-way through its rows."""
    long_pin = json.loads(json.dumps(export))
    long_pin["tables"]["ballot_round"][0]["pin_hash"] = "x" * 300  # the column holds 200
    nul_name = json.loads(json.dumps(export))
    nul_name["tables"]["participant"][1]["name"] = "Manager\x00 1"
    return {"ballot_round": long_pin, "participant": nul_name}


def assert_left_empty(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert server_tables(url) == []
    assert run_cli(capsys, "--db", url, "new", "--title", "After the failed restore")[0] == 0


@pytest.mark.parametrize(
    "text",
    ["this is not JSON", '["a list", "not an export"]', '{"format": "workshop-export"}', "{" * 5000],
)
def test_a_restore_of_a_file_that_is_no_export_leaves_the_server_database_empty(
    server_url, tmp_path, capsys, text
):
    document = tmp_path / "notjson.txt"
    document.write_text(text, encoding="utf-8")
    code, errors = run_cli(capsys, "--db", server_url, "import", "--json", str(document))
    assert (code, len(errors)) == (2, 1)
    assert errors[0].startswith("workshop: notjson.txt")
    assert_left_empty(server_url, capsys)


@pytest.mark.parametrize("table", ["ballot_round", "participant"])
def test_a_restore_the_server_refuses_half_way_leaves_the_database_empty(
    server_url, tmp_path, capsys, room_export, table
):
    document = tmp_path / "refused.json"
    document.write_text(json.dumps(half_way_failures(room_export)[table]), encoding="utf-8")
    code, errors = run_cli(capsys, "--db", server_url, "import", "--json", str(document))
    assert (code, len(errors)) == (2, 1)
    assert table in errors[0] and "Traceback" not in errors[0]
    assert "xxxx" not in errors[0] and "Manager" not in errors[0]  # never the stored values
    assert_left_empty(server_url, capsys)


def test_a_good_restore_still_fills_an_empty_server_database(server_url, tmp_path, capsys, room_export):
    document = tmp_path / "room.json"
    document.write_text(json.dumps(room_export), encoding="utf-8")
    assert run_cli(capsys, "--db", server_url, "import", "--json", str(document))[0] == 0
    with open_workshop(server_url) as store:
        assert table_counts(store)["participant"] == 3


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    address=st.sampled_from(["postgresql://::::", "postgresql://u:secret@host:port/db", "postgres://[::1/db"])
    | st.text(alphabet=":/@[]?#%", max_size=12).map(lambda tail: "postgresql://user:secret@" + tail)
)
def test_a_malformed_server_address_is_one_line_without_the_password(capsys, address):
    code, errors = run_cli(capsys, "--db", address, "check")
    assert (code, len(errors)) == (2, 1)
    assert "secret" not in errors[0]


def test_text_with_nul_is_refused_on_the_server_naming_the_column(server_url, tmp_path, capsys):
    create_workshop(server_url, title="Room").close()
    people = tmp_path / "people.csv"
    people.write_text("name,team\nAda\x00Lovelace,Ops\n", encoding="utf-8")
    code, errors = run_cli(capsys, "--db", server_url, "import", "--participants", str(people))
    assert (code, len(errors)) == (2, 1)
    assert "participant" in errors[0] and "name" in errors[0] and "NUL" in errors[0]
    assert "Ada" not in errors[0]
    with open_workshop(server_url) as store:
        assert table_counts(store)["participant"] == 0


def large_ballots(path: Path, voters: int, items: int) -> Path:
    lines = ["participant,item,rank"]
    lines += [f"Voter {v},Item {i},{(i + v) % items + 1}" for v in range(voters) for i in range(items)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def writing_backend(url: str, deadline: float) -> int | None:
    """Gives the process id of a server connection holding an import's uncommitted rows, once one does."""
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            found = watcher.execute(
                "SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE c.relname = 'ballot_entry' AND l.mode = 'RowExclusiveLock' AND a.datname = %s",
                (database,),
            ).fetchone()
            if found:
                return int(found[0])
            time.sleep(0.005)
    return None


def importing(server_url: str, what: str, path: Path) -> subprocess.Popen[str]:
    """Gives a `workshop import` job started in a process of its own, as on another laptop."""
    return subprocess.Popen(
        [sys.executable, "-m", "workshop", "--db", server_url, "import", what, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_connection_lost_in_the_middle_of_an_import_is_one_line_and_saves_nothing(server_url, tmp_path):
    create_workshop(server_url, title="Room").close()
    csv = large_ballots(tmp_path / "ballots.csv", voters=600, items=60)
    job = importing(server_url, "--ballots", csv)
    backend = writing_backend(server_url, time.monotonic() + 120)
    assert backend is not None, "the import never wrote"
    with psycopg.connect(server_url, autocommit=True) as killer:
        killer.execute("SELECT pg_terminate_backend(%s)", (backend,))
    out, err = job.communicate(timeout=120)
    assert job.returncode == 2, out + err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "connection to the workshop server was lost" in err and "nothing of it was saved" in err
    with open_workshop(server_url) as store:
        counts = table_counts(store)
    assert (counts["ballot"], counts["ballot_entry"], counts["participant"]) == (0, 0, 0)


# --- The password -------------------------------------------------------------------------------------


class Terminal:
    """A stand-in for a terminal on stdin."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_password_typed_yet(monkeypatch):
    """Each test starts as a fresh run would: no password typed at a prompt yet."""
    monkeypatch.setattr("workshop.model.server._typed_passwords", {})


def test_a_server_wanting_a_password_asks_for_it_once_at_a_terminal(password_server_url, monkeypatch, capsys):
    url, password = password_server_url
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or password)
    code, errors = run_cli(capsys, "--db", url, "new", "--title", "Room")
    assert (code, errors) == (0, [])
    assert asked == ["Password for pinned@127.0.0.1: "]


def test_a_wrong_password_is_one_line_that_never_shows_it(password_server_url, monkeypatch, capsys):
    url, _ = password_server_url
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "wrong-horse-battery")
    code = cli.main(["--db", url, "new", "--title", "Room"])
    captured = capsys.readouterr()
    assert code == 2 and len(asked) == 1
    assert len(captured.err.splitlines()) == 1 and "password" in captured.err
    assert "wrong-horse-battery" not in captured.err + captured.out


def test_without_a_terminal_a_password_is_not_asked_for_and_the_message_says_how(
    password_server_url, monkeypatch, capsys
):
    url, _ = password_server_url
    monkeypatch.setattr(getpass, "getpass", lambda prompt: pytest.fail("asked without a terminal"))
    code, errors = run_cli(capsys, "--db", url, "new", "--title", "Room")
    assert (code, len(errors)) == (2, 1)
    assert "password" in errors[0]


# --- Laptops importing at once ------------------------------------------------------------------------

IMPORTERS, VOTERS, ITEMS = 6, 400, 24


def overlapping_ballots(folder: Path, importer: int) -> Path:
    """Gives one laptop's ballot file: 200 of the 400 voters and 16 of the 24 items, shared with the others.

    Half the voters belong to a team, half to none: a person without a team must be unique too."""
    voters = [(importer * 40 + n) % VOTERS for n in range(200)]
    items = [(importer * 3 + n) % ITEMS for n in range(16)]
    lines = ["participant,team,item,rank"]
    for voter in voters:
        team = f"Team {voter % 4}" if voter % 2 else ""
        lines += [f"Voter {voter},{team},Item {item},{(n + voter) % 16 + 1}" for n, item in enumerate(items)]
    path = folder / f"laptop_{importer}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_six_laptops_importing_overlapping_ballots_at_once_add_each_person_and_item_once(
    server_url, tmp_path
):
    create_workshop(server_url, title="Room").close()
    files = [overlapping_ballots(tmp_path, n) for n in range(IMPORTERS)]
    jobs = [importing(server_url, "--ballots", path) for path in files]
    ended = [(job.wait(timeout=300), job.communicate()[1]) for job in jobs]
    assert ended == [(0, "")] * IMPORTERS
    with psycopg.connect(server_url) as connection:
        names = [name for (name,) in connection.execute("SELECT name FROM participant")]
        titles = [title for (title,) in connection.execute("SELECT title FROM opportunity")]
        teams = [name for (name,) in connection.execute("SELECT name FROM team")]
        ballots_per_round = dict(
            connection.execute(
                "SELECT r.name, count(b.id) FROM ballot_round r LEFT JOIN ballot b ON b.round_id = r.id "
                "GROUP BY r.name"
            ).fetchall()
        )
        entries = connection.execute("SELECT count(*) FROM ballot_entry").fetchone()[0]
    assert len(names) == len(set(names)) == VOTERS
    assert len(titles) == len(set(titles)) == ITEMS
    assert sorted(teams) == [f"Team {n}" for n in (1, 3)]
    assert ballots_per_round == {path.stem: 200 for path in files}
    assert entries == IMPORTERS * 200 * 16


def test_laptops_importing_rounds_of_one_name_at_once_keep_one_and_refuse_the_others_in_a_line(
    server_url, tmp_path
):
    create_workshop(server_url, title="Room").close()
    files = []
    for importer in range(IMPORTERS):
        # Voters and items of their own, so no laptop waits for another's new rows before naming its round.
        folder = tmp_path / f"laptop_{importer}"
        folder.mkdir()
        lines = ["participant,item,rank"]
        lines += [f"Voter {importer}-{v},Item {importer}-{i},{i + 1}" for v in range(200) for i in range(100)]
        (folder / "ranking.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(folder / "ranking.csv")
    jobs = [importing(server_url, "--ballots", path) for path in files]
    ended = sorted((job.wait(timeout=300), job.communicate()[1]) for job in jobs)
    assert ended[0] == (0, "")
    for code, errors in ended[1:]:
        assert code == 2 and len(errors.splitlines()) == 1 and "already exists" in errors, errors
    with psycopg.connect(server_url) as connection:
        rounds = connection.execute("SELECT count(*) FROM ballot_round").fetchone()[0]
        ballots_stored = connection.execute("SELECT count(*) FROM ballot").fetchone()[0]
    assert (rounds, ballots_stored) == (1, 200)


def test_an_unforeseen_server_refusal_names_the_database_without_the_password(
    server_url, password_server_url, capsys
):
    create_workshop(server_url, title="Room").close()
    url, password = password_server_url
    stranger = (
        url.rsplit("/", 1)[0].replace("pinned@", f"pinned:{password}@") + "/" + server_url.rsplit("/")[-1]
    )
    code, errors = run_cli(capsys, "--db", stranger, "analyze")  # a role the workshop's tables refuse
    assert (code, len(errors)) == (2, 1)
    assert password not in errors[0] and server_url.rsplit("/")[-1] in errors[0]


def test_six_laptops_importing_overlapping_participant_lists_at_once_add_each_person_once(
    server_url, tmp_path
):
    create_workshop(server_url, title="Room").close()
    files = []
    for importer in range(IMPORTERS):
        people = [(importer * 40 + n) % VOTERS for n in range(200)]
        lines = ["name,team,role"] + [
            f"Person {p},{f'Team {p % 4}' if p % 2 else ''},{'manager' if p % 3 else 'employee'}"
            for p in people
        ]
        files.append(tmp_path / f"people_{importer}.csv")
        files[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    jobs = [importing(server_url, "--participants", path) for path in files]
    assert [(job.wait(timeout=300), job.communicate()[1]) for job in jobs] == [(0, "")] * IMPORTERS
    with psycopg.connect(server_url) as connection:
        rows = connection.execute("SELECT name, role FROM participant").fetchall()
    assert len(rows) == len({name for name, _ in rows}) == VOTERS
    assert {name: role for name, role in rows} == {
        f"Person {p}": "manager" if p % 3 else "employee" for p in range(VOTERS)
    }


def test_the_app_opened_on_a_server_wanting_a_password_asks_for_it_at_the_terminal_first(
    password_server_url, monkeypatch, capsys
):
    from workshop.ui import app

    url, password = password_server_url
    create_workshop(url.replace("pinned@", f"pinned:{password}@"), title="Room").close()
    asked: list[str] = []
    opened: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or password)

    def window_on(location: str, **_: object) -> int:
        """Opens the workshop as the window does, which shows a refusal in a dialog rather than asking."""
        try:
            with open_workshop(location) as store:
                opened.append(table_counts(store)["readiness_dimension"])
        except WorkshopFileError:
            return 3
        return 0

    monkeypatch.setattr(app, "run_app", window_on)
    assert run_cli(capsys, "--db", url) == (0, [])
    assert asked == ["Password for pinned@127.0.0.1: "] and opened == [5]
