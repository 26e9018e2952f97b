"""`workshop backup` copies a workshop whole while the app keeps saving to it: every copy passes SQLite's
integrity check and `workshop check`, holds more ballots than the one before, and is written atomically."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import folder_listing, integrity, row_counts

from workshop.cli import main
from workshop.model.store import create_workshop

COPIES = 30

# The app as it takes votes: the file open and locked, one ballot per transaction, without pause.
CAST_BALLOTS = textwrap.dedent(
    """
    import itertools, sys
    from workshop.model import ballots, entities as e, operations as ops
    from workshop.model.store import open_workshop
    store = open_workshop(sys.argv[1])
    with store.transaction() as s:
        items = [ops.opportunity_titled(s, f"Opportunity {i}").id for i in range(8)]
        round_id = ballots.start_round(s, name="Round")
    print("voting", flush=True)
    for n in itertools.count(1):
        with store.transaction() as s:
            voter = ops.participant_named(s, f"Voter {n} Zoë", role=e.Role.MANAGER)
            order = items[n % 8:] + items[:n % 8]
            ranks = {item: rank for rank, item in enumerate(order, 1)}
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter.id, ranks=ranks)
    """
)


@pytest.fixture
def voting(tmp_path: Path) -> Iterator[Path]:
    """A workshop another process keeps casting ballots into, one transaction each, as the app does."""
    path = tmp_path / "room" / "votes.workshop"
    path.parent.mkdir()
    create_workshop(path, title="Voting now").close()
    writer = subprocess.Popen(
        [sys.executable, "-c", CAST_BALLOTS, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "voting"
        yield path
    finally:
        writer.kill()
        writer.wait()
        if writer.stdout is not None:
            writer.stdout.close()


def _ballots(path: Path) -> int:
    return row_counts(path)["ballot"]


def test_backups_taken_while_ballots_are_cast_are_whole_and_pass_check(voting, tmp_path, capsys):
    copies = tmp_path / "copies"
    copies.mkdir()
    counts = []
    for n in range(COPIES):
        out = copies / f"copy{n}.workshop"
        assert main(["backup", str(voting), str(out)]) == 0
        said, _err = capsys.readouterr()
        assert said.splitlines() == [f"Wrote {out}: a whole copy of {voting}, integrity ok"]
        assert integrity(out) == ["ok"]
        assert main(["check", str(out)]) == 0, capsys.readouterr()
        assert "integrity: ok" in capsys.readouterr().out
        counts.append(_ballots(out))
    assert counts == sorted(counts) and counts[-1] > counts[0]  # each copy a later state, votes kept coming
    assert folder_listing(copies) == sorted(f"copy{n}.workshop" for n in range(COPIES))  # no partial left


def test_a_backup_refuses_to_replace_a_file_unless_forced(tmp_path, capsys):
    source = tmp_path / "room.workshop"
    create_workshop(source, title="Room").close()
    out = tmp_path / "earlier.workshop"
    out.write_bytes(b"an earlier backup")
    assert main(["backup", str(source), str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"workshop: {out} already exists; choose another name (or --force to replace it)."
    ]
    assert out.read_bytes() == b"an earlier backup"
    assert main(["backup", str(source), str(out), "--force"]) == 0
    assert integrity(out) == ["ok"]
    assert row_counts(out) == row_counts(source)


def test_a_failed_backup_leaves_the_earlier_copy_and_nothing_beside_it(tmp_path, capsys):
    bad = tmp_path / "notes.workshop"
    bad.write_text("not a workshop", encoding="utf-8")
    out = tmp_path / "earlier.workshop"
    out.write_bytes(b"an earlier backup")
    before = folder_listing(tmp_path)
    assert main(["backup", str(bad), str(out), "--force"]) == 2
    assert capsys.readouterr().err.startswith(f"workshop: {bad}: ")
    assert out.read_bytes() == b"an earlier backup"
    assert folder_listing(tmp_path) == before
