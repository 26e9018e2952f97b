"""Time to import a 100,000-row ballot file through the app vs reading it and inserting the same rows raw.

Both run in this process on files in the same temporary folder. The raw baseline only parses the CSV and
inserts (ballot, item, rank) rows with sqlite3 at the same durability; the app also checks every cell,
finds or adds voters and items, and ranks ties. The last line is the ratio.
"""

from __future__ import annotations

import csv
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from workshop.model.importing import import_ballots
from workshop.model.store import create_workshop

VOTERS, ITEMS = 1000, 100


def write_ballots(path: Path) -> None:
    rng = random.Random(1000)
    lines = ["participant,team,item,rank"]
    for voter in range(VOTERS):
        ranks = rng.sample(range(1, ITEMS + 1), ITEMS)
        lines += [f"Manager {voter},Team {voter % 7},Opportunity {i},{ranks[i]}" for i in range(ITEMS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def app_import(folder: Path, ballots: Path) -> float:
    store = create_workshop(folder / "app.workshop", title="Benchmark")
    started = time.perf_counter()
    with store.transaction() as session:
        import_ballots(session, ballots, round_name="Big room")
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def raw_import(folder: Path, ballots: Path) -> float:
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE entry (participant TEXT, team TEXT, item TEXT, rank INTEGER)")
    started = time.perf_counter()
    with ballots.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entry VALUES (?, ?, ?, ?)", ((p, t, i, int(r)) for p, t, i, r in rows))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ballots = folder / "ballots.csv"
        write_ballots(ballots)
        app_seconds = app_import(folder, ballots)
        raw_seconds = raw_import(folder, ballots)
    print(f"app import of {VOTERS * ITEMS:,} rows: {app_seconds:.2f} s")
    print(f"raw csv + sqlite3 insert:        {raw_seconds:.2f} s")
    print(f"ratio app/raw: {app_seconds / raw_seconds:.1f}x")


if __name__ == "__main__":
    main()
