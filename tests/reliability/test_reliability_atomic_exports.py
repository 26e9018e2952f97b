"""Exports never leave half a file: a full disk or a read-only destination half-way through a JSON, CSV
or PDF export keeps the earlier export as it was, leaves no temporary file, and says what happened."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from unittest import mock

import pytest
from reliability_support import digest, folder_listing

from workshop.cli import main
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import WorkshopStore
from workshop.report import pdf as report_pdf
from workshop.report.figures import _framed_note

EXPORTS = {
    "JSON": ["-o", "{out}/workshop.json"],
    "CSV": ["--csv", "{out}/tables"],
    "PDF": ["-o", "{out}/report.pdf"],
}


class FullDisk:
    """A file object that takes `room` bytes in all, then fails as a full disk does."""

    def __init__(self, handle, room: list[int]) -> None:
        self._handle = handle
        self._room = room

    def write(self, data) -> int:
        if len(data) > self._room[0]:
            self._handle.write(bytes(data[: self._room[0]]))
            self._room[0] = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room[0] -= len(data)
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._handle.close()


def disk_full_after(room: int):
    """Gives a patch under which files written through os.fdopen fill the disk after `room` bytes."""
    real_fdopen = os.fdopen
    left = [room]
    return mock.patch(
        "os.fdopen", lambda fd, *args, **kwargs: FullDisk(real_fdopen(fd, *args, **kwargs), left)
    )


def read_only_folder():
    """Gives a patch under which no file can be made (a read-only folder or medium)."""
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    return mock.patch("os.open", refuse)


def read_only_file():
    """Gives a patch under which the earlier export cannot be replaced (a read-only file, on Windows)."""
    return mock.patch("os.replace", side_effect=PermissionError(errno.EACCES, "Permission denied"))


FAILURES = {
    "disk full at the start": lambda: disk_full_after(0),
    "disk full half-way": lambda: disk_full_after(3000),
    "read-only folder": read_only_folder,
    "read-only file": read_only_file,
}
REASONS = {"disk": "No space left on device", "read-only": "Permission denied"}


def fast_charts():
    return mock.patch.object(
        report_pdf, "chart_flowable", lambda key, findings, width, *rest: _framed_note(key, "", width)
    )


def export(kind: str, path: Path, out: Path) -> int:
    args = [word.format(out=out) for word in EXPORTS[kind]]
    with fast_charts():
        return main(["export", str(path), *args])


def folder_state(out: Path) -> dict[str, str]:
    """Gives every file under `out` (temporary files included) with the digest of its bytes."""
    return {str(p.relative_to(out)): digest(p) for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def earlier_export(store: WorkshopStore, workshop_path: Path, tmp_path: Path):
    """A workshop with an export of each kind already written, then changed since."""

    def make(kind: str) -> Path:
        out = tmp_path / "exports"
        out.mkdir()
        with store.transaction() as session:
            ops.participant_named(session, "Zoë", role=e.Role.MANAGER)
            session.add(e.FeedbackItem(what_works="The first export"))
        store.close()
        assert export(kind, workshop_path, out) == 0
        from workshop.model.store import open_workshop

        with open_workshop(workshop_path) as reopened, reopened.transaction() as session:
            session.add_all(e.FeedbackItem(what_works=f"Later note {n} " + "x" * 500) for n in range(40))
        return out

    return make


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("kind", EXPORTS)
def test_a_failed_export_keeps_the_earlier_one_and_says_why(
    kind, failure, earlier_export, workshop_path, capsys
):
    out = earlier_export(kind)
    before = folder_state(out)
    capsys.readouterr()
    with FAILURES[failure]():
        code = export(kind, workshop_path, out)
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert REASONS[failure.split()[0]] in err
    assert "Any earlier file of that name is unchanged" in err
    assert str(out) in err
    assert folder_state(out) == before  # the earlier files, byte for byte, and nothing else
    assert folder_listing(workshop_path.parent) == ["exports", "room.workshop"]


def test_a_csv_export_failing_at_its_last_table_changes_no_table(earlier_export, workshop_path):
    out = earlier_export("CSV")
    before = folder_state(out)
    real_fdopen, opened = os.fdopen, []

    def last_fails(fd, *args, **kwargs):
        opened.append(fd)
        room = 0 if len(opened) == len(before) else 10**9
        return FullDisk(real_fdopen(fd, *args, **kwargs), [room])

    with mock.patch("os.fdopen", last_fails):
        assert export("CSV", workshop_path, out) == 2
    assert len(opened) == len(before)
    assert folder_state(out) == before
