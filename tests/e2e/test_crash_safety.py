"""A dead battery at any moment loses nothing that was committed.

A child process enters ballots one transaction at a time through the store and reports each commit;
it is killed with SIGKILL at a random moment. Every reported ballot must be in the file afterwards,
SQLite's integrity check must pass, and the app must open the file.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workshop.model.store import create_workshop, open_workshop

ENTER_BALLOTS = textwrap.dedent(
    """
    import sys
    from workshop.model import entities as e, operations as ops
    from workshop.model.store import open_workshop

    store = open_workshop(sys.argv[1])
    with store.transaction() as s:
        items = [ops.opportunity_titled(s, f"Opportunity {i}").id for i in range(8)]
        round_id = ops.open_ballot_round(s, name="Round").id
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        with store.transaction() as s:
            voter = ops.participant_named(s, f"Manager {n}", role=e.Role.MANAGER)
            ranks = {item: (i * n) % 8 + 1 for i, item in enumerate(items)}
            ranks = {item: rank for rank, item in enumerate(sorted(items, key=lambda it: (ranks[it], it)), 1)}
            ops.cast_ranking(s, round_id=round_id, participant_id=voter.id, ranks=ranks)
            s.add(e.FeedbackItem(channel="room", what_works=f"note {n} " + "é" * (n % 50)))
        print(f"committed Manager {n}", flush=True)
    """
)


def _run_and_kill(path: Path, rng: random.Random) -> list[str]:
    """Gives the names whose ballots the child reported committed before it was killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", ENTER_BALLOTS, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first.strip() == "ready", child.stderr.read() if child.stderr else first
    time.sleep(rng.uniform(0.0, 0.4))
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    return [line.removeprefix("committed ") for line in out.splitlines() if line.startswith("committed ")]


def _check_survivors(path: Path, acknowledged: list[str]) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    with open_workshop(path) as store, store.reading() as session:
        names = set(
            session.connection()
            .exec_driver_sql("SELECT p.name FROM ballot b JOIN participant p ON p.id = b.participant_id")
            .scalars()
        )
        entries = session.connection().exec_driver_sql("SELECT count(*) FROM ballot_entry").scalar()
    missing = [name for name in acknowledged if name not in names]
    assert missing == []
    assert entries == 8 * len(names)  # no half-written ballot


def kill_runs(tmp_path: Path, runs: int, seed: int) -> tuple[int, int]:
    """Runs the kill experiment; gives (runs, acknowledged ballots checked)."""
    rng = random.Random(seed)
    checked = 0
    for run in range(runs):
        path = tmp_path / f"run{run}.workshop"
        create_workshop(path, title=f"Crash run {run}").close()
        acknowledged = _run_and_kill(path, rng)
        _check_survivors(path, acknowledged)
        checked += len(acknowledged)
    print(f"\ncrash safety: {runs} SIGKILL runs, {checked} acknowledged ballots, 0 lost, integrity ok")
    return runs, checked


def test_ballots_survive_being_killed_at_random_moments(tmp_path):
    _, checked = kill_runs(tmp_path, runs=20, seed=20261129)
    assert checked > 0  # the kills did land after real commits


@pytest.mark.slow
def test_ballots_survive_two_hundred_kills(tmp_path):
    kill_runs(tmp_path, runs=200, seed=7)
