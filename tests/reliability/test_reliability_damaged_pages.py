"""Damaged data pages: `workshop check` finds the damage in the values (text that is not UTF-8, a choice
the app does not know, a missing column, a number that is not one), and every read path (analyze, the
exports, the window's reads) names the damaged table and row in one line instead of a traceback.

The figures in the README come from the fuzz below: `-m slow -s` tries 200 files and prints them."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import digest
from sqlalchemy.exc import OperationalError

from workshop.cli import main
from workshop.findings import gather_findings
from workshop.model.damage import damage_met
from workshop.model.demo import create_demo
from workshop.model.errors import WorkshopFileError
from workshop.model.store import open_workshop
from workshop.model.views import entity_rows

FLIPS = 3  # bytes flipped in each damaged copy, as in the report of the fault
HEADER = 100  # SQLite's header, which the app checks before anything else


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory) -> bytes:
    """The bytes of a small demo workshop, made once for the whole module."""
    path = tmp_path_factory.mktemp("demo") / "demo.workshop"
    create_demo(path, managers=4, items=5).close()
    return path.read_bytes()


def _with_flipped_bytes(data: bytes, seed: int) -> bytes:
    """Gives `data` with FLIPS random bits flipped past the header, in the data pages."""
    rng = random.Random(seed)
    damaged = bytearray(data)
    for _ in range(FLIPS):
        damaged[rng.randrange(HEADER, len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)  # an uncaught error here is the traceback this file promises never to show
    out, err = capsys.readouterr()
    return code, out, err


def _reads(path: Path, capsys) -> dict[str, tuple[int, str, str]]:
    """Gives what analyze and the JSON and CSV exports of `path` end with."""
    return {
        "analyze": _run(["analyze", str(path)], capsys),
        "export json": _run(["export", str(path), "-o", str(path.with_suffix(".json"))], capsys),
        "export csv": _run(["export", str(path), "--csv", str(path.with_suffix(".csv"))], capsys),
    }


def _assert_one_line_naming_damage(path: Path, err: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith(f"workshop: {path}: damaged at "), err


def _try_damaged_copies(folder: Path, data: bytes, copies: int, capsys) -> Counter[str]:
    """Checks and reads `copies` damaged copies of `data`; gives what was found, for the figures."""
    figures: Counter[str] = Counter()
    for seed in range(copies):
        path = folder / f"copy-{seed}.workshop"
        path.write_bytes(_with_flipped_bytes(data, seed))
        before = digest(path)
        checked, out, _err = _run(["check", str(path)], capsys)
        reads = _reads(path, capsys)
        assert digest(path) == before  # neither check nor a read changed a byte
        for code, _out, err in reads.values():
            assert code in (0, 2)
            if code == 2 and "newer version" not in err:  # a flipped schema number reads as newer
                _assert_one_line_naming_damage(path, err)
        read_well = all(code == 0 for code, _out, _err in reads.values())
        if checked == 0:
            assert "integrity: ok" in out
            assert read_well, f"check called copy {seed} healthy, yet a read refused it"
        elif checked == 1:
            assert "newer than this app's" in out
        else:
            assert checked == 2 and "damaged at " in out
        figures["tried"] += 1
        figures["called damaged by check"] += checked != 0
        figures["refused by a read"] += not read_well
        shutil.rmtree(path.with_suffix(".csv"), ignore_errors=True)
    return figures


def test_check_calls_a_copy_healthy_only_when_every_read_succeeds(tmp_path, demo_bytes, capsys):
    figures = _try_damaged_copies(tmp_path, demo_bytes, 40, capsys)
    assert figures["called damaged by check"] >= figures["refused by a read"]


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_two_hundred_damaged_copies_end_in_a_verdict_or_one_line_never_a_traceback(
    tmp_path, demo_bytes, capsys
):
    figures = _try_damaged_copies(tmp_path, demo_bytes, 200, capsys)
    with capsys.disabled():
        print(f"\n{dict(figures)}; 0 tracebacks")
    assert figures["tried"] == 200


# --- Each kind of damage, made on purpose ------------------------------------------------------------


def _first_participant(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT min(id) FROM participant").fetchone()[0]


def _name_not_utf8(conn: sqlite3.Connection) -> tuple[str, int | None, str | None]:
    row = _first_participant(conn)
    conn.execute("UPDATE participant SET name = CAST(x'ff41fe' AS TEXT) WHERE id = ?", (row,))
    return "participant", row, "name"


def _unknown_role(conn: sqlite3.Connection) -> tuple[str, int | None, str | None]:
    row = _first_participant(conn)
    conn.execute("UPDATE participant SET role = 'chief wizard' WHERE id = ?", (row,))
    return "participant", row, "role"


def _dropped_column(conn: sqlite3.Connection) -> tuple[str, int | None, str | None]:
    conn.execute("ALTER TABLE participant DROP COLUMN stance")
    return "participant", None, "stance"


def _rank_as_text(conn: sqlite3.Connection) -> tuple[str, int | None, str | None]:
    row = conn.execute("SELECT min(id) FROM ballot_entry WHERE rank IS NOT NULL").fetchone()[0]
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE ballot_entry SET rank = 'third' WHERE id = ?", (row,))
    return "ballot_entry", row, "rank"


DAMAGE = {
    "a name that is not UTF-8": _name_not_utf8,
    "an unknown role": _unknown_role,
    "a dropped column": _dropped_column,
    "a rank stored as text": _rank_as_text,
}


def _damaged_copy(folder: Path, data: bytes, kind: str) -> tuple[Path, str, int | None, str | None]:
    """Gives a copy of `data` with one kind of damage written by plain sqlite3, and where it is."""
    path = folder / "damaged.workshop"
    path.write_bytes(data)
    conn = sqlite3.connect(path)
    table, row, column = DAMAGE[kind](conn)
    conn.commit()
    conn.close()
    return path, table, row, column


@pytest.fixture(params=DAMAGE)
def damaged(request, tmp_path, demo_bytes) -> tuple[Path, str, int | None, str | None]:
    """A demo workshop with one kind of damage, and where it is."""
    return _damaged_copy(tmp_path, demo_bytes, request.param)


def _place(table: str, row: int | None, column: str | None) -> str:
    return (
        f"damaged at {table}"
        + (f" row {row}" if row is not None else "")
        + (f" ({column})" if column else "")
    )


def test_check_names_the_damaged_table_row_and_column_and_exits_2(damaged, capsys):
    path, table, row, column = damaged
    before = digest(path)
    code, out, _err = _run(["check", str(path)], capsys)
    assert code == 2
    assert f"    {_place(table, row, column)}: " in out
    assert "integrity: damaged" in out and "wizard" not in out
    assert digest(path) == before


def _job(job: str, path: Path) -> list[str]:
    """Gives the command line of a read job on `path`, writing beside it."""
    return {
        "analyze": ["analyze", str(path)],
        "export json": ["export", str(path), "-o", str(path.with_name("out.json"))],
        "export csv": ["export", str(path), "--csv", str(path.with_name("out"))],
        "export pdf": ["export", str(path), "-o", str(path.with_name("out.pdf"))],
    }[job]


# The exports copy the tables out as stored, a text rank too (a restore of that JSON refuses it);
# the analysis and the report, which count with the rank, name the damage.
READS = [
    (kind, job)
    for kind in DAMAGE
    for job in ("analyze", "export json", "export csv", "export pdf")
    if not (DAMAGE[kind] is _rank_as_text and job in ("export json", "export csv"))
]


@pytest.mark.parametrize(("kind", "job"), READS)
def test_every_read_names_the_damage_in_one_line(kind, job, tmp_path, demo_bytes, capsys):
    path, table, _row, _column = _damaged_copy(tmp_path, demo_bytes, kind)
    code, _out, err = _run(_job(job, path), capsys)
    assert code == 2
    _assert_one_line_naming_damage(path, err)
    assert f"damaged at {table}" in err and f"workshop check {path}" in err
    assert "wizard" not in err  # a damaged value is never printed
    assert not path.with_name("out.json").exists() and not path.with_name("out.pdf").exists()


def test_the_windows_reads_name_the_damage_instead_of_failing(damaged):
    path, table, row, column = damaged
    store = open_workshop(path)
    with store, pytest.raises(WorkshopFileError) as refused, store.reading() as session:
        entity_rows(session, table)  # as the pages read, through the context
        gather_findings(session)
    assert str(refused.value).startswith(f"{path}: {_place(table, row, column)}: ")


# --- What is not damage stays what it is -------------------------------------------------------------


def test_an_error_of_the_app_on_a_sound_file_is_not_called_damage(tmp_path, demo_bytes):
    path = tmp_path / "sound.workshop"
    path.write_bytes(demo_bytes)
    store = open_workshop(path)
    with store, pytest.raises(ValueError, match="the app's own"), store.reading() as session:
        entity_rows(session, "participant")  # reads well: the error below is not the file's
        raise ValueError("the app's own mistake")


def test_a_busy_file_is_not_called_damaged(tmp_path, demo_bytes):
    path = tmp_path / "busy.workshop"
    path.write_bytes(demo_bytes)
    locked = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert damage_met(path, path, locked) is None
