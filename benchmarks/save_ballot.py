"""Time to save one ballot through the app's store vs a raw sqlite3 insert with the same durability.

Both run in this process, interleaved, on files in the same temporary folder, so the machine's noise
hits both alike. The last line is the ratio (goal: at most 2x).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop

ITEMS = 10
BALLOTS = 400


def prepare_store(folder: Path):
    store = create_workshop(folder / "bench.workshop", title="Benchmark")
    with store.transaction() as s:
        items = [ops.opportunity_titled(s, f"Opportunity {i}").id for i in range(ITEMS)]
        round_id = ballots.start_round(s, name="Round")
        voters = [ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER).id for i in range(BALLOTS)]
    return store, items, round_id, voters


def prepare_raw(folder: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "CREATE TABLE ballot_round (id INTEGER PRIMARY KEY, name TEXT, closed_at TEXT, allow_ties INT)"
    )
    conn.execute("INSERT INTO ballot_round VALUES (1, 'Round', NULL, 0)")
    conn.execute(
        "CREATE TABLE ballot (id INTEGER PRIMARY KEY, round_id INT REFERENCES ballot_round(id), "
        "participant_id INT, submitted_at TEXT, UNIQUE (round_id, participant_id))"
    )
    conn.execute(
        "CREATE TABLE ballot_entry (id INTEGER PRIMARY KEY, "
        "ballot_id INT REFERENCES ballot(id) ON DELETE CASCADE, opportunity_id INT, rank INT)"
    )
    conn.execute("CREATE INDEX ix_entry_ballot ON ballot_entry (ballot_id)")
    return conn


def save_with_store(store, items, round_id, voter) -> float:
    start = time.perf_counter()
    with store.transaction() as s:
        ballots.cast_ranking(
            s,
            round_id=round_id,
            participant_id=voter,
            ranks={item: rank for rank, item in enumerate(items, 1)},
        )
    return time.perf_counter() - start


def save_raw(conn: sqlite3.Connection, items, round_id, voter) -> float:
    """Does the same SQL work as the app: check the round, drop an earlier ballot, insert, commit."""
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("SELECT name, closed_at, allow_ties FROM ballot_round WHERE id = ?", (round_id,)).fetchone()
    conn.execute("DELETE FROM ballot WHERE round_id = ? AND participant_id = ?", (round_id, voter))
    ballot = conn.execute(
        "INSERT INTO ballot (round_id, participant_id, submitted_at) VALUES (?, ?, datetime()) RETURNING id",
        (round_id, voter),
    ).fetchone()[0]
    conn.executemany(
        "INSERT INTO ballot_entry (ballot_id, opportunity_id, rank) VALUES (?, ?, ?)",
        [(ballot, item, rank) for rank, item in enumerate(items, 1)],
    )
    conn.execute("COMMIT")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, items, round_id, voters = prepare_store(folder)
        raw = prepare_raw(folder)
        app_times, raw_times = [], []
        for voter in voters:
            app_times.append(save_with_store(store, items, round_id, voter))
            raw_times.append(save_raw(raw, items, 1, voter))
        store.close()
        raw.close()
    app_ms = statistics.median(app_times) * 1000
    raw_ms = statistics.median(raw_times) * 1000
    print(f"ballots saved: {BALLOTS} of {ITEMS} items each, synchronous=FULL, rollback journal")
    print(f"median through the app's store: {app_ms:.2f} ms")
    print(f"median raw sqlite3 insert + commit: {raw_ms:.2f} ms")
    print(f"ratio app/raw: {app_ms / raw_ms:.2f}x (goal <= 2x)")


if __name__ == "__main__":
    main()
