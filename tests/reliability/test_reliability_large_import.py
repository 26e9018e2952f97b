"""A 100,000-row ballot file (1,000 voters x 100 items) comes in as one transaction, telling its progress;
a malformed row anywhere in it leaves the document byte for byte as it was."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from reliability_support import digest, folder_listing
from sqlalchemy import event

from workshop.cli import main
from workshop.model.errors import InputError
from workshop.model.importing import import_ballots
from workshop.model.store import WorkshopStore, open_workshop, table_counts

VOTERS, ITEMS = 1000, 100
ROWS = VOTERS * ITEMS


def ballot_lines(seed: int = 1000) -> list[str]:
    """Gives the lines of a ballots CSV: a header, then each voter's rank for every item."""
    rng = random.Random(seed)
    lines = ["participant,team,item,rank"]
    for voter in range(VOTERS):
        ranks = rng.sample(range(1, ITEMS + 1), ITEMS)
        lines += [f"Manager {voter},Team {voter % 7},Opportunity {i},{ranks[i]}" for i in range(ITEMS)]
    return lines


@pytest.fixture(scope="module")
def ballots_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "ballots.csv"
    path.write_text("\n".join(ballot_lines()) + "\n", encoding="utf-8")
    return path


def commits_during(store: WorkshopStore) -> list[int]:
    """Gives a list that grows by one for every commit the store's engine makes from now on."""
    commits: list[int] = []
    event.listen(store.engine, "commit", lambda connection: commits.append(1))
    return commits


def test_100000_rows_come_in_as_one_transaction_telling_progress(store, ballots_csv):
    commits = commits_during(store)
    told: list[tuple[int, int]] = []
    started = time.perf_counter()
    with store.transaction() as session:
        imported = import_ballots(
            session, ballots_csv, round_name="Big room", progress=lambda *p: told.append(p)
        )
    seconds = time.perf_counter() - started
    print(f"\nlarge import: {ROWS:,} ballot rows ({VOTERS:,} voters x {ITEMS} items) in {seconds:.1f} s")
    assert len(commits) == 1
    assert (imported.ballot_count, imported.item_count) == (VOTERS, ITEMS)
    counts = table_counts(store)
    assert (counts["ballot"], counts["ballot_entry"], counts["opportunity"]) == (VOTERS, ROWS, ITEMS)
    assert len(told) >= 50  # a progress bar moves at least every 2% of the file
    assert told[-1] == (ROWS, ROWS)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert {total for _, total in told} == {ROWS}


def malformed(lines: list[str], where: str) -> list[str]:
    """Gives the lines with one row broken: a rank that is not a number, first, in the middle or last."""
    index = {"first": 1, "middle": len(lines) // 2, "last": len(lines) - 1}[where]
    broken = list(lines)
    broken[index] = broken[index].rsplit(",", 1)[0] + ",second"
    return broken


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_malformed_row_anywhere_leaves_the_document_unchanged(where, store, workshop_path, tmp_path):
    lines = ballot_lines()
    bad = tmp_path / "ballots.csv"
    bad.write_text("\n".join(malformed(lines, where)) + "\n", encoding="utf-8")
    line = {"first": 2, "middle": len(lines) // 2 + 1, "last": len(lines)}[where]
    before = digest(workshop_path)
    refused = pytest.raises(InputError, match=rf"ballots.csv, line {line}, column rank: 'second' is not")
    with refused, store.transaction() as session:
        import_ballots(session, bad)
    assert digest(workshop_path) == before
    assert folder_listing(workshop_path.parent) == ["ballots.csv", "room.workshop", "room.workshop.lock"]


def test_the_command_line_refuses_a_malformed_last_row_and_changes_nothing(
    store, workshop_path, tmp_path, capsys
):
    store.close()
    bad = tmp_path / "ballots.csv"
    bad.write_text("\n".join(malformed(ballot_lines(), "last")) + "\n", encoding="utf-8")
    before = digest(workshop_path)
    assert main(["import", str(workshop_path), "--ballots", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == f"workshop: ballots.csv, line {ROWS + 1}, column rank: 'second' is not a whole number.\n"
    assert digest(workshop_path) == before
    with open_workshop(workshop_path) as reopened:
        assert table_counts(reopened)["ballot"] == 0
