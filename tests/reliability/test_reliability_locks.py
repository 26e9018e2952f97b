"""The one-app lock holds whatever name the workshop is opened by, and a full disk leaves no empty lock."""

from __future__ import annotations

import errno
import getpass
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import folder_listing

from workshop.cli import main
from workshop.model import locking
from workshop.model import store as store_module
from workshop.model.errors import FileInUseError
from workshop.model.store import create_workshop, open_workshop


def _symlink(target: Path, link: Path) -> None:
    link.symlink_to(target)


def _hard_link(target: Path, link: Path) -> None:
    os.link(target, link)


@pytest.mark.parametrize("make_link", [_symlink, _hard_link], ids=["symlink", "hard link"])
def test_a_second_open_through_a_link_is_refused_with_the_holders_name(store, workshop_path, make_link):
    other_name = workshop_path.with_name("same room.workshop")
    make_link(workshop_path, other_name)
    with pytest.raises(FileInUseError) as refused:
        open_workshop(other_name)
    assert f"already open by {getpass.getuser()} on {socket.gethostname()}" in str(refused.value)
    assert f"(process {os.getpid()}, since " in str(refused.value)
    assert not Path(f"{other_name}.lock").exists()  # the refused open leaves no note of its own


@pytest.mark.parametrize("make_link", [_symlink, _hard_link], ids=["symlink", "hard link"])
def test_the_workshop_opens_through_a_link_once_the_holder_closes_it(store, workshop_path, make_link):
    other_name = workshop_path.with_name("same room.workshop")
    make_link(workshop_path, other_name)
    store.close()
    with open_workshop(other_name), pytest.raises(FileInUseError):
        open_workshop(workshop_path)


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EFBIG], ids=["no space", "file too large"])
def test_a_full_disk_is_said_in_one_line_and_leaves_no_lock(tmp_path, monkeypatch, capsys, failure):
    workshop_path = tmp_path / "room.workshop"
    create_workshop(workshop_path, title="Room").close()

    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(locking.os, "write", disk_full)
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("title\nSort the post\n", encoding="utf-8")
    before = folder_listing(tmp_path)
    assert main(["import", str(workshop_path), "--tasks", str(tasks)]) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1
    assert "disk is full" in said
    assert folder_listing(tmp_path) == before  # no empty .lock left behind


HOLD_WRITE_BY_ANOTHER_PROGRAM = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
time.sleep(120)
"""

HOLD_WRITE_IN_THE_APP = """
import sys, time
from workshop.model.store import open_workshop
store = open_workshop(sys.argv[1])
raw = store.engine.raw_connection()
raw.driver_connection.isolation_level = None
raw.driver_connection.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize(
    ("holder_code", "named"),
    [
        (HOLD_WRITE_BY_ANOTHER_PROGRAM, "another program"),
        (HOLD_WRITE_IN_THE_APP, f"{getpass.getuser()} on {socket.gethostname()}"),
    ],
    ids=["another program", "the app"],
)
def test_a_busy_file_is_called_busy_not_damaged(tmp_path, monkeypatch, capsys, holder_code, named):
    workshop_path = tmp_path / "room.workshop"
    create_workshop(workshop_path, title="Room").close()
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("title\nSort the post\n", encoding="utf-8")
    monkeypatch.setattr(store_module, "BUSY_WAIT_SECONDS", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", holder_code, str(workshop_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert main(["import", str(workshop_path), "--tasks", str(tasks)]) == 2
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    said = capsys.readouterr().err
    assert said.count("\n") == 1
    assert f"the file is busy: {named} is still writing to it" in said
    assert "damaged" not in said and "earlier copy" not in said
