"""A full disk while saving is said in one line that names the file and never a stored name; nothing is
half-written: an import leaves the workshop byte for byte as it was, an update of an old file leaves no
backup, partial copy or journal behind. A save that another program blocks names that program.

The disk is a real one that fills up: a small tmpfs mounted for the test (which needs root, as the tests
run here; elsewhere the tests are skipped, saying so).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import FIXTURES, digest, folder_listing, row_counts

from workshop.cli import main
from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.model.store import create_workshop, open_workshop

VOTERS, ITEMS = 1000, 8
SURNAME = "Quillfeather"  # every voter's surname: it must appear in no message


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """Gives the folder of a 4 MB disk of its own, which a test can fill up."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a small disk of its own needs root to mount a tmpfs")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a small tmpfs was refused: {mounted.stderr!r}")
    try:
        yield disk
    finally:
        if subprocess.run(["umount", disk], capture_output=True).returncode != 0:
            subprocess.run(["umount", "--lazy", disk], check=True)
            pytest.fail("a file on the small disk was left open")


def fill(disk: Path, *, leave: int) -> None:
    """Fills the disk with a file of its own until only `leave` bytes are free."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with open(disk / "filler", "wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))


def ballots_csv(folder: Path) -> Path:
    path = folder / "ballots.csv"
    lines = ["participant,item,rank"] + [
        f"Voter{voter:04d} {SURNAME},Opportunity {item},{(voter + item) % ITEMS + 1}"
        for voter in range(VOTERS)
        for item in range(ITEMS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_full_disk_during_a_1000_voter_import_says_so_in_one_line_naming_nobody(
    small_disk, tmp_path, capsys
):
    workshop = small_disk / "room.workshop"
    create_workshop(workshop, title="Room").close()
    ballots = ballots_csv(tmp_path)
    fill(small_disk, leave=64 * 1024)  # room for the lock note, not for a thousand ballots
    before, listing = digest(workshop), folder_listing(small_disk)
    assert main(["import", str(workshop), "--ballots", str(ballots)]) == 2
    out, err = capsys.readouterr()
    assert err == f"workshop: {workshop}: the disk is full; nothing of this import was saved.\n"
    assert SURNAME not in out + err
    assert digest(workshop) == before
    assert folder_listing(small_disk) == listing  # no journal, no lock note left
    (small_disk / "filler").unlink()
    assert main(["import", str(workshop), "--ballots", str(ballots)]) == 0  # with room, it comes in


def test_a_full_disk_while_creating_a_workshop_says_so_in_one_line_and_leaves_no_file(small_disk, capsys):
    fill(small_disk, leave=8 * 1024)
    listing = folder_listing(small_disk)
    workshop = small_disk / "room.workshop"
    assert main(["new", str(workshop), "--title", "Room"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "[SQL" not in err
    assert "the disk is full" in err
    assert folder_listing(small_disk) == listing


@pytest.mark.parametrize("fixture", ["schema_0001.workshop", "schema_0003.workshop"])
def test_a_full_disk_while_updating_an_old_file_leaves_no_backup_and_the_file_as_it_was(
    small_disk, tmp_path, capsys, fixture
):
    old = small_disk / "old.workshop"
    shutil.copyfile(FIXTURES / fixture, old)
    fill(small_disk, leave=old.stat().st_size // 2)  # room for the lock note, not for a whole copy
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("title\nSort the post\n", encoding="utf-8")
    before, listing = digest(old), folder_listing(small_disk)
    assert main(["import", str(old), "--tasks", str(tasks)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{old}: the disk is full" in err and "not changed" in err
    assert digest(old) == before
    assert folder_listing(small_disk) == listing  # no .bak, no partial copy, no journal


HOLD_A_WRITE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
time.sleep(120)
"""


def test_a_save_another_program_blocks_names_that_program_and_saves_nothing(tmp_path):
    workshop = tmp_path / "room.workshop"
    store = create_workshop(workshop, title="Room")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_WRITE, str(workshop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(WorkshopError) as refused, store.transaction() as session:
            session.add(e.Task(title="Sort the post"))
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    said = str(refused.value)
    assert f"the file is busy: process {holder.pid} (" in said and "nothing was saved" in said
    assert "Sort the post" not in said
    store.close()
    assert row_counts(workshop)["task"] == 0
    with sqlite3.connect(workshop) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_workshop(workshop):
        pass
