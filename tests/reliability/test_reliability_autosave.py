"""Automatic backups: snapshots of an open workshop, taken while it is written, pruned to the last few,
skipped while nothing changed, listed newest first, and restored to a new file that opens with every row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import digest, folder_listing, integrity, row_counts
from test_reliability_backup import voting  # noqa: F401  (the writer casting ballots, as the app does)

from workshop.cli import main
from workshop.model import entities as e
from workshop.model.autosave import (
    list_backups,
    recovered_path,
    restore_backup,
    snapshot_folder,
    take_snapshot,
    when_taken,
)
from workshop.model.errors import WorkshopError
from workshop.model.store import create_workshop, file_report, open_workshop, table_counts

SNAPSHOTS_UNDER_LOAD = 20


def _new_workshop(path: Path, title: str = "Autosaved") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    create_workshop(path, title=title).close()
    return path


def _save_a_change(path: Path, n: int) -> None:
    with open_workshop(path) as store, store.transaction() as session:
        session.add(e.FeedbackItem(what_works=f"Card {n}, Zoë"))


def _snapshots(user_data: Path, original: Path) -> list[str]:
    return [
        name for name in folder_listing(snapshot_folder(user_data, original)) if name.endswith(".workshop")
    ]


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.integers(1, 9), keep=st.integers(1, 5))
def test_each_change_gets_a_snapshot_and_only_the_newest_are_kept(tmp_path_factory, changes, keep):
    folder = tmp_path_factory.mktemp("autosave")
    user_data, original = folder / "data", _new_workshop(folder / "room" / "plan.workshop")
    taken = []
    for n in range(changes):
        _save_a_change(original, n)
        snapshot = take_snapshot(original, user_data, keep=keep)
        assert snapshot is not None
        taken.append(snapshot.name)
    assert _snapshots(user_data, original) == taken[-keep:]  # the oldest pruned first
    newest = snapshot_folder(user_data, original) / taken[-1]
    assert row_counts(newest) == row_counts(original)


def test_no_snapshot_is_taken_while_the_file_is_as_the_last_one_holds_it(tmp_path):
    user_data, original = tmp_path / "data", _new_workshop(tmp_path / "plan.workshop")
    first = take_snapshot(original, user_data)
    assert first is not None
    assert take_snapshot(original, user_data) is None
    with open_workshop(original) as store, store.reading() as session:
        table_counts(store), session.get(e.Workshop, 1)  # opening and reading is no change
    assert take_snapshot(original, user_data) is None
    assert _snapshots(user_data, original) == [first.name]
    _save_a_change(original, 1)
    assert take_snapshot(original, user_data) is not None
    assert len(_snapshots(user_data, original)) == 2


def test_snapshots_taken_while_ballots_are_cast_are_whole(voting, tmp_path, capsys):  # noqa: F811
    user_data = tmp_path / "data"
    counts = []
    for _ in range(SNAPSHOTS_UNDER_LOAD):
        snapshot = take_snapshot(voting, user_data, keep=SNAPSHOTS_UNDER_LOAD)
        assert snapshot is not None  # votes keep coming, so the file always changed
        assert integrity(snapshot) == ["ok"]
        assert file_report(snapshot).healthy
        assert main(["check", str(snapshot)]) == 0, capsys.readouterr()
        assert "integrity: ok" in capsys.readouterr().out
        counts.append(row_counts(snapshot)["ballot"])
    assert counts == sorted(counts) and counts[-1] > counts[0]
    listed = list_backups(user_data)
    assert [backup.damaged for backup in listed] == [None] * SNAPSHOTS_UNDER_LOAD
    assert [backup.ballots for backup in listed] == sorted(counts, reverse=True)  # newest first


def test_two_files_of_the_same_name_keep_their_own_snapshots(tmp_path):
    user_data = tmp_path / "data"
    one = _new_workshop(tmp_path / "a" / "plan.workshop", title="Team A")
    two = _new_workshop(tmp_path / "b" / "plan.workshop", title="Team B")
    take_snapshot(one, user_data)
    take_snapshot(two, user_data)
    assert snapshot_folder(user_data, one) != snapshot_folder(user_data, two)
    listed = {backup.title: backup.original for backup in list_backups(user_data)}
    assert listed == {"Team A": one.resolve(), "Team B": two.resolve()}


def test_the_total_size_cap_prunes_the_oldest_snapshots_of_any_workshop(tmp_path):
    user_data = tmp_path / "data"
    older = _new_workshop(tmp_path / "older.workshop")
    newer = _new_workshop(tmp_path / "newer.workshop")
    first = take_snapshot(older, user_data)
    assert first is not None
    cap = first.stat().st_size * 3 // 2  # room for one snapshot, not two
    last = take_snapshot(newer, user_data, keep_bytes=cap)
    assert [backup.path for backup in list_backups(user_data)] == [last]


def test_a_restored_snapshot_opens_with_every_row_and_the_original_is_untouched(tmp_path):
    user_data, original = tmp_path / "data", _new_workshop(tmp_path / "plan.workshop")
    _save_a_change(original, 1)
    take_snapshot(original, user_data)
    _save_a_change(original, 2)  # later work, which the snapshot does not hold
    before = digest(original)
    (backup,) = list_backups(user_data)
    out = recovered_path(backup)
    assert out.parent == original.parent and out != original
    restore_backup(backup.path, out)
    assert digest(original) == before
    with open_workshop(out) as store:
        assert table_counts(store) == table_counts_of(backup.path)
    assert row_counts(out)["feedback_item"] == row_counts(original)["feedback_item"] - 1


def table_counts_of(path: Path) -> dict[str, int]:
    with open_workshop(path) as store:
        return table_counts(store)


def test_restoring_never_replaces_a_file(tmp_path):
    user_data, original = tmp_path / "data", _new_workshop(tmp_path / "plan.workshop")
    snapshot = take_snapshot(original, user_data)
    assert snapshot is not None
    _save_a_change(original, 1)
    before = digest(original)
    with pytest.raises(WorkshopError, match="already exists"):
        restore_backup(snapshot, original)
    assert digest(original) == before


def test_a_damaged_snapshot_is_listed_as_damaged(tmp_path):
    user_data, original = tmp_path / "data", _new_workshop(tmp_path / "plan.workshop")
    snapshot = take_snapshot(original, user_data)
    assert snapshot is not None
    data = bytearray(snapshot.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size : 2 * page_size] = bytes([0xA5]) * page_size  # the second page: a table's rows
    snapshot.write_bytes(bytes(data))
    (backup,) = list_backups(user_data)
    assert backup.damaged


@given(days=st.integers(0, 400), minutes=st.integers(0, 24 * 60 - 1))
def test_the_time_taken_reads_as_people_say_it(days, minutes):
    now = dt.datetime(2026, 12, 1, 23, 59)
    taken_at = now - dt.timedelta(days=days, minutes=minutes)
    said = when_taken(taken_at, now)
    days_back = (now.date() - taken_at.date()).days
    if days_back == 0:
        assert said == f"today {taken_at:%H:%M}"
    elif days_back == 1:
        assert said == f"yesterday {taken_at:%H:%M}"
    else:
        assert said == f"{days_back} days ago"
