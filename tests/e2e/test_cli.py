"""The `workshop` command as a facilitator or a script uses it, without a screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from workshop.cli import main
from workshop.model.store import open_workshop


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", *args], capture_output=True, text=True, timeout=60
    )


def test_new_then_check_reports_a_healthy_workshop(tmp_path, capsys):
    path = tmp_path / "Q4 offsite.workshop"
    assert (
        main(["new", str(path), "--title", "Q4 offsite", "--date", "2026-12-03", "--anonymity", "named"]) == 0
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "integrity: ok" in out and "(current)" in out
    with open_workshop(path) as store, store.reading() as session:
        from workshop.model.entities import Workshop

        row = session.query(Workshop).one()
        assert (row.title, row.held_on.isoformat(), row.anonymity.value) == (
            "Q4 offsite",
            "2026-12-03",
            "named",
        )


def test_a_bad_file_gives_one_clear_line_and_exit_code_2(tmp_path):
    path = tmp_path / "notes.workshop"
    path.write_text("just some notes\n")
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"workshop: {path}: this is not a workshop file (it is not an SQLite database)."
    ]
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    result = run_cli("--debug", "check", str(tmp_path / "missing.workshop"))
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "no such file" in result.stderr


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "room.workshop"
    assert main(["new", str(path), "--title", "First"]) == 0
    before = path.read_bytes()
    assert main(["new", str(path), "--title", "Second"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "args", [["new", "x.workshop"], ["new", "x.workshop", "--title", "t", "--date", "3/12/26"]]
)
def test_bad_arguments_say_what_is_wrong(args, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--title" in err or "is not a date like 2026-11-29" in err


def test_help_lists_every_job(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for job in ("new", "demo", "import", "export", "check"):
        assert f"    {job}" in out


def test_json_export_restores_into_a_new_file(tmp_path):
    demo, copy = tmp_path / "demo.workshop", tmp_path / "copy.workshop"
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run_cli("demo", str(demo), "--managers", "5", "--items", "6").returncode == 0
    assert run_cli("export", str(demo), "-o", str(first)).returncode == 0
    restored = run_cli("import", str(copy), "--json", str(first))
    assert restored.returncode == 0, restored.stderr
    assert run_cli("export", str(copy), "-o", str(second)).returncode == 0
    before, after = (json.loads(path.read_text(encoding="utf-8"))["tables"] for path in (first, second))
    # The demo is anonymous by team: people and what they said come back unlinked from each other and
    # numbered anew with the restored workshop's own secret; every other table comes back exactly.
    assert {name: rows for name, rows in before.items() if name not in ABOUT_PEOPLE} == {
        name: rows for name, rows in after.items() if name not in ABOUT_PEOPLE
    }
    assert what_was_voted(before) == what_was_voted(after) != []


ABOUT_PEOPLE = {
    "participant", "ballot", "ballot_entry", "ballot_replacement", "readiness_answer", "ballot_round_voter",
    "voter_code", "idea", "caution_flag",
}  # fmt: skip


def what_was_voted(tables: dict) -> list[str]:
    rounds = {ballot["id"]: ballot["round_id"] for ballot in tables["ballot"]}
    numbers = ("opportunity_id", "rank", "points", "impact", "effort")
    return sorted(
        repr((rounds[entry["ballot_id"]], *(entry[n] for n in numbers))) for entry in tables["ballot_entry"]
    )


def test_a_bad_ballot_row_imports_nothing_and_names_the_line(tmp_path):
    path = tmp_path / "room.workshop"
    ballots = tmp_path / "paper votes.csv"
    ballots.write_text("participant,item,rank\nAnna,Invoices,1\nAnna,Replies,two\n", encoding="utf-8")
    assert run_cli("new", str(path), "--title", "Room").returncode == 0
    before = path.read_bytes()
    result = run_cli("import", str(path), "--ballots", str(ballots))
    assert result.returncode == 2
    assert "paper votes.csv, line 3, column rank" in result.stderr and "'two'" in result.stderr
    assert path.read_bytes() == before


def test_imported_ballots_become_a_revealed_round(tmp_path):
    path = tmp_path / "room.workshop"
    ballots = tmp_path / "votes.csv"
    rows = ["participant,item,rank"] + [
        f"{p},{i},{r}" for p in ("Ann", "Bo", "Cy") for i, r in (("X", 1), ("Y", 2))
    ]
    ballots.write_text("\ufeff" + "\n".join(rows) + "\n", encoding="utf-8")
    assert run_cli("new", str(path), "--title", "Room").returncode == 0
    result = run_cli("import", str(path), "--ballots", str(ballots), "--round", "Paper vote")
    assert result.returncode == 0, result.stderr
    assert "3 ballots over 2 items" in result.stdout
    found = run_cli("analyze", str(path), "--json")
    assert found.returncode == 0
    assert '"kendalls_w": 1.0' in found.stdout


def test_csv_export_writes_one_file_per_table(tmp_path):
    demo, folder = tmp_path / "demo.workshop", tmp_path / "tables"
    assert run_cli("demo", str(demo)).returncode == 0
    assert run_cli("export", str(demo), "--csv", str(folder)).returncode == 0
    assert {"participant.csv", "ballot_entry.csv", "caution_flag.csv"} <= {p.name for p in folder.iterdir()}


def test_the_app_opens_a_workshop_headless_and_quits_when_ready(tmp_path):
    path = tmp_path / "room.workshop"
    assert run_cli("new", str(path), "--title", "Room").returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "workshop", str(path), "--quit-when-ready"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert not path.with_name(path.name + ".lock").exists()  # the app let go of the file
