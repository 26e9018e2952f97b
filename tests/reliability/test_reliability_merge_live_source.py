"""Merging from a workshop another process is still writing to: a source the app holds is refused with the
holder's name, and a source written without the app's lock is read as one committed state. Either way no
ballot arrives without its entries and no merge ends in a traceback."""

from __future__ import annotations

import getpass
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import digest

from workshop.cli import main
from workshop.model.demo import create_demo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the writer is a second process")

# Casts one ranking ballot per transaction, each by a new voter, until killed; `app` holds the lock as
# the app does, `tool` writes through the same store without it.
CASTING = textwrap.dedent(
    """
    import sys
    from workshop.model import ballots, entities as e, operations as ops
    from workshop.model.store import WorkshopStore, _make_engine, open_workshop
    path, how = sys.argv[1], sys.argv[2]
    store = open_workshop(path) if how == "app" else WorkshopStore(path, _make_engine(path), None)
    with store.transaction() as s:
        items = [ops.opportunity_titled(s, f"Live opportunity {i}").id for i in range(6)]
        round_id = ballots.start_round(s, name="Live round")
    print("casting", flush=True)
    n = 0
    while True:
        n += 1
        with store.transaction() as s:
            voter = ops.participant_named(s, f"Voter {n}", role=e.Role.MANAGER)
            ranks = {item: (n + i) % len(items) + 1 for i, item in enumerate(items)}
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter.id, ranks=ranks)
    """
)
MERGES = 12
HOLDER = f"{getpass.getuser()} on {socket.gethostname()}"


def ballots_without_entries(path: Path) -> int:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        query = "SELECT count(*) FROM ballot WHERE id NOT IN (SELECT ballot_id FROM ballot_entry)"
        found: int = connection.execute(query).fetchone()[0]
        return found
    finally:
        connection.close()


@pytest.fixture(params=["app", "tool"])
def live_source(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    source = tmp_path / "room-b.workshop"
    create_demo(source, managers=2, items=2).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", CASTING, str(source), request.param], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "casting"
        yield request.param, source
    finally:
        writer.kill()
        writer.wait()
        if writer.stdout is not None:
            writer.stdout.close()


def test_merging_a_source_being_written_never_brings_a_ballot_without_entries(live_source, tmp_path, capsys):
    how, source = live_source
    target = tmp_path / "all.workshop"
    create_demo(target, managers=2, items=2).close()
    for _ in range(MERGES):
        before = digest(target)
        code = main(["merge", str(target), str(source)])  # a traceback would fail the test here
        out, err = capsys.readouterr()
        if how == "app":
            assert code == 2
            [said] = err.splitlines()
            assert said.startswith(
                f"workshop: {source}: this workshop is open in the app by {HOLDER} (process "
            )
            assert digest(target) == before
        else:
            assert code == 0, err
            assert "Merged room-b.workshop" in out
        assert ballots_without_entries(target) == 0
