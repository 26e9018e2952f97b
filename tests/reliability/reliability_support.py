"""Shared by the reliability tests: what a file holds, read without the app, and the crash driver.

The crash driver runs in a child process: a "starter" imports the app once, then forks one fresh
driver per run, so each of hundreds of SIGKILL runs costs the driver's own time, not Python's start-up.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"


def digest(path: Path) -> str:
    """Gives the SHA-256 of the file's bytes."""
    with open(path, "rb") as handle:  # not Path.open, which a test may make refuse the file
        return hashlib.sha256(handle.read()).hexdigest()


def folder_listing(folder: Path) -> list[str]:
    """Gives the names in the folder, sorted (temporary, journal and lock files included)."""
    return sorted(path.name for path in folder.iterdir())


def row_counts(path: Path) -> dict[str, int]:
    """Gives the rows per table of an SQLite file, read only with plain sqlite3."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    """Gives SQLite's full integrity check of the file (["ok"] when healthy)."""
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


# --- The crash driver --------------------------------------------------------------------------------

DIMENSIONS = 5  # a new workshop's readiness dimensions
ITEMS = 8

# Each entry is one transaction through the store, as the app saves it, acknowledged only after commit.
DRIVER = textwrap.dedent(
    """
    import os, random, sys
    from sqlalchemy import select
    from workshop.model import ballots, entities as e, operations as ops
    from workshop.model.store import open_workshop

    def drive(path, seed):
        rng = random.Random(seed)
        store = open_workshop(path)
        with store.transaction() as s:
            items = [ops.opportunity_titled(s, f"Opportunity {i}").id for i in range(ITEMS)]
            round_id = ballots.start_round(s, name="Round")
            survey = e.SurveyRound(name="Survey")
            s.add(survey)
            s.flush()
            survey_id = survey.id
            dimensions = list(s.scalars(select(e.ReadinessDimension.id)))
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            kind = rng.choice(("ballot", "answers", "feedback", "flag"))
            text = f"{kind} {n} " + rng.choice(["Zoë", "שלום", "😀", "<b>&amp;", "=1+1"]) * rng.randint(0, 40)
            with store.transaction() as s:
                if kind == "ballot":
                    voter = ops.participant_named(s, text, role=e.Role.MANAGER)
                    order = rng.sample(items, len(items))
                    ballots.cast_ranking(
                        s, round_id=round_id, participant_id=voter.id,
                        ranks={item: rank for rank, item in enumerate(order, 1)},
                    )
                elif kind == "answers":
                    person = ops.participant_named(s, text)
                    s.add_all(
                        e.ReadinessAnswer(
                            survey_round_id=survey_id, participant_id=person.id,
                            dimension_id=dimension, score=rng.randint(1, 5),
                        )
                        for dimension in dimensions
                    )
                elif kind == "feedback":
                    s.add(e.FeedbackItem(channel="room", what_works=text, what_does_not=text[::-1]))
                else:
                    s.add(e.CautionFlag(severity=e.Severity.HIGH, evidence=text, response="listen"))
            print(f"ack\\t{kind}\\t{text}", flush=True)

    for line in sys.stdin:
        path, seed = line.rstrip("\\n").split("\\t")
        pid = os.fork()
        if pid == 0:
            try:
                drive(path, int(seed))
            finally:
                os._exit(1)
        print(f"driver\\t{pid}", flush=True)
        os.waitpid(pid, 0)
        print("reaped", flush=True)
    """
).replace("ITEMS", str(ITEMS))


@dataclass
class CrashFigures:
    """What the kill runs showed: runs, entries acknowledged per kind, entries lost."""

    runs: int = 0
    acknowledged: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)

    def line(self) -> str:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.acknowledged.items()))
        total = sum(self.acknowledged.values())
        return (
            f"crash safety: {self.runs} SIGKILL runs, {total} entries acknowledged ({kinds}), "
            f"{len(self.lost)} lost, integrity ok, every file opens"
        )


class CrashDriver:
    """A child process that forks one driver per run; `run_and_kill` kills that driver with SIGKILL."""

    def __init__(self) -> None:
        self._starter = subprocess.Popen(
            [sys.executable, "-c", DRIVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def run_and_kill(self, path: Path, seed: int, wait: float) -> list[tuple[str, str]]:
        """Gives the (kind, text) entries acknowledged before the driver was killed, `wait` s in."""
        starter = self._starter
        assert starter.stdin is not None and starter.stdout is not None
        starter.stdin.write(f"{path}\t{seed}\n")
        starter.stdin.flush()
        kind, pid = starter.stdout.readline().rstrip("\n").split("\t")
        assert kind == "driver"
        assert starter.stdout.readline().strip() == "ready"
        time.sleep(wait)
        os.kill(int(pid), signal.SIGKILL)
        acknowledged = []
        for line in starter.stdout:
            if line.strip() == "reaped":
                return acknowledged
            _, kind, text = line.rstrip("\n").split("\t", 2)
            acknowledged.append((kind, text))
        raise AssertionError("the driver's starter ended unexpectedly")

    def close(self) -> None:
        assert self._starter.stdin is not None
        self._starter.stdin.close()
        self._starter.wait(timeout=30)
        if self._starter.stdout is not None:
            self._starter.stdout.close()


def kill_runs(folder: Path, runs: int, seed: int) -> CrashFigures:
    """Gives the figures of `runs` drivers each killed at a random moment, every file checked."""
    from workshop.model.store import create_workshop

    rng = random.Random(seed)
    figures = CrashFigures()
    driver = CrashDriver()
    try:
        for run in range(runs):
            path = folder / f"run{run}.workshop"
            create_workshop(path, title=f"Crash run {run}").close()
            acknowledged = driver.run_and_kill(path, rng.randrange(2**32), rng.uniform(0.0, 0.4))
            figures.runs += 1
            for kind, _ in acknowledged:
                figures.acknowledged[kind] = figures.acknowledged.get(kind, 0) + 1
            figures.lost += missing_entries(path, acknowledged)
            path.unlink()
    finally:
        driver.close()
    return figures


def missing_entries(path: Path, acknowledged: list[tuple[str, str]]) -> list[str]:
    """Gives the acknowledged entries the file lacks, after checking its integrity and opening it."""
    from workshop.model.store import open_workshop

    assert integrity(path) == ["ok"], path
    with open_workshop(path) as store, store.reading() as session:
        sql = session.connection().exec_driver_sql
        held = {
            "ballot": set(
                sql(
                    "SELECT p.name FROM ballot b JOIN participant p ON p.id = b.participant_id "
                    "JOIN ballot_entry x ON x.ballot_id = b.id GROUP BY b.id HAVING count(*) = ?",
                    (ITEMS,),
                ).scalars()
            ),
            "answers": set(
                sql(
                    "SELECT p.name FROM readiness_answer a JOIN participant p ON p.id = a.participant_id "
                    "GROUP BY p.id HAVING count(*) = ?",
                    (DIMENSIONS,),
                ).scalars()
            ),
            "feedback": set(sql("SELECT what_works FROM feedback_item").scalars()),
            "flag": set(sql("SELECT evidence FROM caution_flag").scalars()),
        }
        partial_ballots = sql(
            "SELECT count(*) FROM ballot b "
            "WHERE (SELECT count(*) FROM ballot_entry x WHERE x.ballot_id = b.id) != ?",
            (ITEMS,),
        ).scalar()
    assert partial_ballots == 0, "a ballot was stored without all its entries"
    return [f"{kind}: {text[:40]}" for kind, text in acknowledged if text not in held[kind]]
