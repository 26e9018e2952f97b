"""Files the app is handed: bad ones are refused clearly and left as they were; old ones are updated
with a backup beside them and every row kept."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_support import FIXTURES, digest, folder_listing, integrity, row_counts

from workshop.cli import main
from workshop.model import entities as e
from workshop.model.errors import WorkshopFileError
from workshop.model.store import create_workshop, file_report, open_workshop, schema_head, table_counts


def _text_file(path: Path) -> None:
    path.write_text("title,when\nworkshop,today\n")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _newer_schema(path: Path) -> None:
    create_workshop(path, title="From the future").close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def _full_workshop(path: Path) -> bytes:
    with create_workshop(path, title="Full") as store, store.transaction() as session:
        session.add_all(e.Participant(name=f"Person {i} " + "x" * 200) for i in range(300))
    return path.read_bytes()


def _truncated(path: Path) -> None:
    data = _full_workshop(path)
    path.write_bytes(data[: len(data) // 2])


def _corrupted_page(path: Path) -> None:
    data = bytearray(_full_workshop(path))
    page_size = int.from_bytes(data[16:18], "big")
    start = (len(data) // page_size - 1) * page_size
    data[start : start + page_size] = bytes([0xA5]) * page_size
    path.write_bytes(bytes(data))


def _folder(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


def _unreadable(path: Path) -> None:
    create_workshop(path, title="Locked away").close()


# Each kind of bad file, and the words the facilitator reads about it.
BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "text file": (_text_file, "not an SQLite database"),
    "empty file": (_empty_file, "empty (0 bytes)"),
    "foreign SQLite database": (_foreign_sqlite, "another program"),
    "newer schema": (_newer_schema, "newer version of the app"),
    "truncated file": (_truncated, "cut off"),
    "corrupted page": (_corrupted_page, "damaged"),
    "folder": (_folder, "folder, not a workshop"),
    "missing file": (_missing, "no such file"),
    "file without read permission": (_unreadable, "permission to read"),
}


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Makes reading `path` fail as without read permission (tests may run as root, who reads anything)."""
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)


def _snapshot(path: Path) -> tuple[list[str], str | None]:
    return folder_listing(path.parent), digest(path) if path.is_file() else None


@pytest.fixture(params=BAD_FILES)
def bad_file(request, tmp_path, monkeypatch) -> tuple[Path, str]:
    """A bad file of each kind in a folder of its own, and the reason the app must give."""
    make, reason = BAD_FILES[request.param]
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "bad.workshop"
    make(path)
    if request.param == "file without read permission":
        _refuse_reading(monkeypatch, path)
    return path, reason


def test_a_bad_file_is_refused_with_its_reason_and_left_unchanged(bad_file):
    path, reason = bad_file
    before = _snapshot(path)
    with pytest.raises(WorkshopFileError, match=re.escape(reason)) as refused:
        open_workshop(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert _snapshot(path) == before  # same bytes, and no journal, lock or backup left beside it


@pytest.mark.parametrize("job", ["check", "export"])
def test_the_command_line_names_the_file_in_one_line_and_exits_2(bad_file, job, tmp_path, capsys):
    path, reason = bad_file
    before = _snapshot(path)
    args = [job, str(path)] + (["-o", str(tmp_path / "out.json")] if job == "export" else [])
    code = main(args)
    out, err = capsys.readouterr()
    if job == "check" and reason.startswith("newer"):
        # `check` is the diagnosis: it reads a newer file's health and says it is newer, exit 1.
        assert code == 1
        assert "newer than this app's" in out
    else:
        assert code == 2
        assert err.count("\n") == 1
        assert err.startswith(f"workshop: {path}: ")
        assert reason in err
    assert _snapshot(path) == before
    assert not (tmp_path / "out.json").exists()


# --- Files of every earlier version ------------------------------------------------------------------


def _fixture_revision(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


SCHEMA_FIXTURES = sorted(FIXTURES.glob("schema_*.workshop"))


def test_there_is_a_fixture_for_every_schema_version():
    from workshop.model.store import known_revisions

    assert {_fixture_revision(path) for path in SCHEMA_FIXTURES} == known_revisions()


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda path: path.stem)
def test_a_file_of_every_version_opens_with_every_row_kept(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    original, counts_before = path.read_bytes(), row_counts(path)
    older = _fixture_revision(path) != schema_head()
    with open_workshop(path) as store:
        counts_after = {**table_counts(store), "alembic_version": 1}
        if older:
            assert store.backup is not None and store.backup.parent == path.parent
            assert store.backup.read_bytes() == original
        else:
            assert store.backup is None
    assert {name: counts_after[name] for name in counts_before} == counts_before
    assert sum(counts_before.values()) > 20 and counts_before["ballot_entry"] > 0
    assert integrity(path) == ["ok"]
    assert file_report(path).revision == schema_head()
    with open_workshop(path) as again:  # updated once: no second backup
        assert again.backup is None
    assert len(list(tmp_path.glob("*.bak"))) == int(older)
