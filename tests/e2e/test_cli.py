"""The `workshop` command as a facilitator or a script uses it, without a screen."""

from __future__ import annotations

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
