"""A CSV with several bad cells is refused with one message listing every one of them, and changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.model.csv_values import LISTED_PROBLEMS, TASK_COLUMN_WORDS
from workshop.model.errors import InputError
from workshop.model.importing import import_participants, import_tasks
from workshop.model.store import table_counts

ONCE_PER_STORE = settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(store, importer, path) -> InputError:
    """Gives the error of an import that must fail, after checking that the workshop did not change."""
    before = table_counts(store)
    with pytest.raises(InputError) as raised, store.transaction() as session:
        importer(session, path)
    assert table_counts(store) == before
    return raised.value


def problem_lines(error: InputError) -> list[str]:
    """Gives the message's lines that name a place in the file."""
    return [line for line in str(error).splitlines() if re.search(r", line \d+, column ", line)]


def test_five_bad_cells_are_listed_in_one_message(store, tmp_path):
    path = write_csv(
        tmp_path,
        "audit.csv",
        "title,redundancy,manual,hours_per_week\n"
        "Invoices,Huge,maybe,2\n"
        "Reports,3,yes,lots\n"
        "Good one,high,partly,1\n"
        ",4,no,1\n"
        "Archive,7,no,1\n",
    )
    lines = problem_lines(refused(store, import_tasks, path))
    assert [line.split(": ")[0] for line in lines] == [
        "audit.csv, line 2, column redundancy",
        "audit.csv, line 2, column manual",
        "audit.csv, line 3, column hours_per_week",
        "audit.csv, line 5, column title",
        "audit.csv, line 6, column redundancy",
    ]
    for line, typed in zip(lines, ["'Huge'", "'maybe'", "'lots'", "title", "'7'"], strict=True):
        assert typed in line
    for line in (lines[0], lines[1], lines[4]):
        assert "allowed: " in line
    assert TASK_COLUMN_WORDS["manual"].allowed() in lines[1]


def test_twenty_five_bad_cells_list_twenty_and_say_how_many_more(store, tmp_path):
    rows = "".join(f"Task {n},{n + 6}\n" for n in range(25))
    error = refused(store, import_tasks, write_csv(tmp_path, "audit.csv", "title,ai_potential\n" + rows))
    assert len(problem_lines(error)) == LISTED_PROBLEMS
    assert str(error).splitlines()[-1] == f"and {25 - LISTED_PROBLEMS} more"
    assert "25 problems" in str(error)


def test_bad_roles_and_stances_of_participants_are_all_listed(store, tmp_path):
    path = write_csv(
        tmp_path, "people.csv", "name,role,stance\nAmir,boss,fan\nZoë,manager,neutral\nLi,,grumpy\n"
    )
    lines = problem_lines(refused(store, import_participants, path))
    assert [line.split(":")[0] for line in lines] == [
        "people.csv, line 2, column role",
        "people.csv, line 2, column stance",
        "people.csv, line 4, column stance",
    ]


@ONCE_PER_STORE
@given(bad_rows=st.sets(st.integers(0, 40), min_size=2, max_size=30))
def test_every_bad_row_is_counted_and_nothing_is_stored(store, tmp_path, bad_rows):
    rows = "".join(f"Task {n},{'never' if n in bad_rows else 'daily'}\n" for n in range(41))
    error = refused(store, import_tasks, write_csv(tmp_path, "audit.csv", "title,frequency\n" + rows))
    listed = problem_lines(error)
    assert len(listed) == min(len(bad_rows), LISTED_PROBLEMS)
    assert f"{len(bad_rows)} problems" in str(error)
    assert [int(re.search(r"line (\d+)", line).group(1)) for line in listed] == [
        n + 2 for n in sorted(bad_rows)[:LISTED_PROBLEMS]
    ]
