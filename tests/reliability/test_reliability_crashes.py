"""A dead battery at any moment loses nothing that was entered, and the document is always one file.

A driver enters ballots, readiness answers, feedback and caution flags through the store, one
transaction each, and acknowledges each entry after its commit; it is killed with SIGKILL at a random
moment. Every acknowledged entry must be in the file, SQLite's integrity check must pass, and the app
must open the file.
"""

from __future__ import annotations

import getpass
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from reliability_support import folder_listing, integrity, kill_runs, row_counts

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import FileInUseError
from workshop.model.locking import lock_path_for
from workshop.model.store import open_workshop, table_counts

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


def test_entries_survive_being_killed_at_random_moments(tmp_path):
    figures = kill_runs(tmp_path, runs=20, seed=20261129)
    print(f"\n{figures.line()}")
    assert figures.lost == []
    assert sum(figures.acknowledged.values()) > 20  # the kills landed after real commits


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_entries_survive_two_hundred_kills(tmp_path):
    figures = kill_runs(tmp_path, runs=200, seed=7)
    print(f"\n{figures.line()}")
    assert figures.lost == []
    assert set(figures.acknowledged) == {"ballot", "answers", "feedback", "flag"}


# --- One file ----------------------------------------------------------------------------------------


def _enter_one_of_each(store, n: int) -> None:
    with store.transaction() as session:
        items = [ops.opportunity_titled(session, f"Item {i}").id for i in range(3)]
        round_id = ballots.start_round(session, name=f"Round {n}")
    with store.transaction() as session:
        voter = ops.participant_named(session, f"Voter {n}", role=e.Role.MANAGER)
        ballots.cast_ranking(
            session, round_id=round_id, participant_id=voter.id, ranks={i: r for r, i in enumerate(items, 1)}
        )
    with store.transaction() as session:
        session.add(e.SurveyRound(name=f"Survey {n}"))
    with store.transaction() as session:
        session.add(e.FeedbackItem(what_works=f"Feedback {n} Zoë"))
        session.add(e.CautionFlag(evidence=f"Flag {n} שלום"))


def test_a_plain_copy_of_the_open_document_holds_every_committed_entry(store, workshop_path, tmp_path):
    copies = tmp_path / "copies"
    copies.mkdir()
    for n in range(3):
        _enter_one_of_each(store, n)
        # Only the .workshop file (and the app's lock note beside it): no -wal or -journal to copy along.
        assert folder_listing(workshop_path.parent) == ["copies", "room.workshop", "room.workshop.lock"]
        copy = copies / f"copy{n}.workshop"
        copy.write_bytes(workshop_path.read_bytes())  # the store is still open
        assert integrity(copy) == ["ok"]
        assert row_counts(copy) == {**table_counts(store), "alembic_version": 1}
        conn = sqlite3.connect(copy)
        assert conn.execute("SELECT what_works FROM feedback_item ORDER BY id").fetchall() == [
            (f"Feedback {k} Zoë",) for k in range(n + 1)
        ]
        conn.close()
    with open_workshop(copies / "copy2.workshop") as reopened:
        assert table_counts(reopened)["ballot_entry"] == 9


# --- A second copy of the app, and a killed one ------------------------------------------------------

HOLD_OPEN = textwrap.dedent(
    """
    import sys, time
    from workshop.model.store import open_workshop
    store = open_workshop(sys.argv[1])
    print("open", flush=True)
    time.sleep(120)
    """
)


def test_a_second_copy_of_the_app_is_refused_until_the_holder_is_killed(store, workshop_path):
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(workshop_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        tasks = workshop_path.with_name("tasks.csv")
        tasks.write_text("title\nSort the post\n", encoding="utf-8")
        second = subprocess.run(  # a job that writes; one that only reads would read a snapshot
            [sys.executable, "-m", "workshop", "import", str(workshop_path), "--tasks", str(tasks)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 2
        assert second.stderr.count("\n") == 1
        assert str(workshop_path) in second.stderr
        assert f"already open by {getpass.getuser()} on {socket.gethostname()}" in second.stderr
        assert f"(process {holder.pid}, since " in second.stderr
        with pytest.raises(FileInUseError, match=f"process {holder.pid}"):
            open_workshop(workshop_path)
    finally:
        holder.kill()  # SIGKILL: the holder gets no chance to release its lock
        holder.wait()
        holder.stdout.close()
    assert lock_path_for(workshop_path).exists()  # the killed holder's note is still there
    with open_workshop(workshop_path) as reopened:
        assert table_counts(reopened)["workshop"] == 1
        assert f'"pid": {os.getpid()}' in lock_path_for(workshop_path).read_text()
