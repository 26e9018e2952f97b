"""Bad input is refused with one sentence saying what and where, and the workshop stays as it was:
ballot files without ballots, hostile JSON restores, numbers too large to keep, blank round names,
impossible thresholds and a participants file that names one person twice with different roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import digest, row_counts

from workshop.cli import main
from workshop.model import entities as e
from workshop.model.csv_values import hours
from workshop.model.editing import validate
from workshop.model.errors import InputError
from workshop.model.exporting import backup_json, csv_cell
from workshop.model.importing import import_ballots, import_participants, import_tasks
from workshop.model.restoring import import_json
from workshop.model.store import create_workshop, now


def written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def refused_unchanged(store, workshop_path: Path, run, match: str) -> None:
    """Runs `run(session)` and checks it ends in an InputError matching `match`, the file unchanged."""
    before = digest(workshop_path)
    with pytest.raises(InputError, match=match), store.transaction() as session:
        run(session)
    assert digest(workshop_path) == before


# --- Ballot files without ballots ------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", ",,,\n", ",,,\n , , ,\n\n"])
def test_a_ballot_file_without_ballots_is_refused(store, workshop_path, tmp_path, body):
    path = written(tmp_path / "ballots.csv", "participant,team,item,rank\n" + body)
    refused_unchanged(
        store, workshop_path, lambda s: import_ballots(s, path), r"^ballots.csv: .*no ballot rows"
    )


# --- Hostile JSON restores -------------------------------------------------------------------------


@pytest.fixture
def export(store) -> dict:
    """A whole JSON backup of a workshop with one task, one impact-effort round and one ballot in it."""
    with store.transaction() as session:
        person = e.Participant(name="Ana", role=e.Role.MANAGER)
        item = e.Opportunity(title="Chatbot")
        task = e.Task(title="Reports", hours_per_week=2.0)
        session.add_all([person, item, task])
        session.flush()
        started = e.BallotRound(
            name="Rate",
            method=e.BallotMethod.IMPACT_EFFORT,
            created_at=now(),
            closed_at=now(),
            revealed_at=now(),
        )
        session.add(started)
        session.flush()
        ballot = e.Ballot(round_id=started.id, participant_id=person.id, submitted_at=now())
        session.add(ballot)
        session.flush()
        session.add(e.BallotEntry(ballot_id=ballot.id, opportunity_id=item.id, impact=4.0, effort=2.0))
    with store.transaction() as session:
        return json.loads(json.dumps(backup_json(session)))


def restore_refused(tmp_path: Path, text: str, match: str) -> None:
    """Restores `text` into a new workshop and checks it is refused with nothing written."""
    path = written(tmp_path / "restore.json", text)
    target = tmp_path / "new.workshop"
    fresh = create_workshop(target, title="New", organisation="Acme")
    try:
        before = row_counts(target)
        with pytest.raises(InputError, match=match), fresh.transaction() as session:
            import_json(session, path)
    finally:
        fresh.close()
    assert row_counts(target) == before


def changed(document: dict, table: str, column: str, value) -> str:
    document["tables"][table][0][column] = value
    return json.dumps(document, allow_nan=True)


def test_deeply_nested_json_is_refused(tmp_path):
    restore_refused(tmp_path, "[" * 100_000, r"^restore.json: .*nested too deeply")


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30])
def test_a_whole_number_too_large_to_keep_is_refused(export, tmp_path, value):
    text = changed(export, "task", "id", value)
    restore_refused(tmp_path, text, rf"table task, row id {value}, column id: .*too large")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_a_number_that_is_not_finite_is_refused(export, tmp_path, literal):
    text = changed(export, "task", "hours_per_week", "@@").replace('"@@"', literal)
    restore_refused(tmp_path, text, r"table task, row id \d+, column hours_per_week: .*not a finite number")


@pytest.mark.parametrize("column", ["impact", "effort"])
@pytest.mark.parametrize("value", [-100, 0, 5.5, 99])
def test_an_impact_or_effort_outside_the_scale_is_refused(export, tmp_path, column, value):
    text = changed(export, "ballot_entry", column, value)
    restore_refused(tmp_path, text, rf"table ballot_entry, row id \d+, column {column}: .*from 1 to 5")


def test_a_round_revealed_but_not_closed_is_refused(export, tmp_path):
    text = changed(export, "ballot_round", "closed_at", None)
    restore_refused(tmp_path, text, r"table ballot_round, row id \d+, column revealed_at: .*not closed")


# --- Numbers at input ------------------------------------------------------------------------------


@given(exponent=st.integers(min_value=309, max_value=5000))
def test_hours_too_large_to_keep_are_refused(exponent):
    with pytest.raises(ValueError, match="too large"):
        hours("1" + "0" * exponent)


def test_a_tasks_file_with_hours_of_ten_to_the_400_is_refused(store, workshop_path, tmp_path):
    path = written(tmp_path / "tasks.csv", "title,hours_per_week\nReports,1" + "0" * 400 + "\n")
    refused_unchanged(
        store, workshop_path, lambda s: import_tasks(s, path), r"tasks.csv, line 2, column hours_per_week"
    )


# --- Participants named twice ----------------------------------------------------------------------


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    gap=st.integers(min_value=0, max_value=5),
    roles=st.sampled_from([("manager", "employee"), ("employee", "leader"), ("leader", "manager")]),
)
def test_one_person_listed_twice_with_different_roles_is_refused(store, workshop_path, tmp_path, gap, roles):
    filler = "".join(f"Other {n},Sales,employee\n" for n in range(gap))
    text = f"name,team,role\nAna,Sales,{roles[0]}\n{filler}Ana,Sales,{roles[1]}\n"
    path = written(tmp_path / "people.csv", text)
    second = 3 + gap
    refused_unchanged(
        store,
        workshop_path,
        lambda s: import_participants(s, path),
        rf"^people.csv, line {second}, column role: .*line 2",
    )


# --- Exports and the command line ------------------------------------------------------------------


def test_a_cell_starting_with_nul_is_neutralised():
    column = e.Participant.__table__.c.name
    assert csv_cell(column, "\0=cmd") == "'\0=cmd"


@pytest.mark.parametrize("threshold", ["nan", "-1", "inf", "1.5", "-inf"])
def test_an_impossible_dissent_threshold_is_refused(store, workshop_path, capsys, threshold):
    store.close()
    with pytest.raises(SystemExit) as exited:
        main(["analyze", str(workshop_path), f"--dissent-threshold={threshold}"])
    assert exited.value.code == 2
    assert "from 0 to 1" in capsys.readouterr().err


def test_a_blank_round_name_is_refused(store, workshop_path, tmp_path, capsys):
    store.close()
    path = written(tmp_path / "ballots.csv", "participant,item,rank\nAna,Chatbot,1\n")
    before = digest(workshop_path)
    assert main(["import", str(workshop_path), "--ballots", str(path), "--round", "   "]) == 2
    assert "a round needs a name" in capsys.readouterr().err
    assert digest(workshop_path) == before


def test_typed_hours_of_ten_to_the_400_are_refused():
    with pytest.raises(InputError, match="too large a number"):
        validate("task", "hours_per_week", "1" + "0" * 400)
