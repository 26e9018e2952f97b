"""Task and participant CSVs take the words people write (High, Partly, hoch, élevée) beside the numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.model import csv_values, editing
from workshop.model import entities as e
from workshop.model.csv_values import PARTICIPANT_COLUMN_WORDS, SCORE_WORDS, TASK_COLUMN_WORDS
from workshop.model.errors import InputError
from workshop.model.importing import import_participants, import_tasks

ALL_COLUMNS = {**TASK_COLUMN_WORDS, **PARTICIPANT_COLUMN_WORDS}


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def stored_tasks(store) -> dict[str, e.Task]:
    with store.transaction() as session:
        tasks = {task.title: task for task in session.scalars(select(e.Task))}
        session.expunge_all()
    return tasks


def test_high_medium_low_and_yes_no_partly_import_as_the_stated_scale(store, tmp_path):
    path = write_csv(
        tmp_path,
        "audit.csv",
        "title,redundancy,ai_potential,manual,data_sensitivity\n"
        "Invoices,High,Very high,Yes,Medium\n"
        "Reports,Medium,Low,Partly,High\n"
        "Archive,Very low,medium,No,low\n",
    )
    with store.transaction() as session:
        assert import_tasks(session, path) == 3
    tasks = stored_tasks(store)
    said = {
        title: (task.redundancy, task.ai_potential, task.manual, task.data_sensitivity)
        for title, task in tasks.items()
    }
    score = {words[0]: value for value, words in SCORE_WORDS.items()}
    assert said == {
        "Invoices": (score["high"], score["very high"], True, e.Sensitivity.MEDIUM),
        # Partly done by hand counts as manual: the time is still spent.
        "Reports": (score["medium"], score["low"], True, e.Sensitivity.HIGH),
        "Archive": (score["very low"], score["medium"], False, e.Sensitivity.LOW),
    }


def test_german_and_french_words_import(store, tmp_path):
    path = write_csv(
        tmp_path,
        "audit.csv",
        "title;frequency;manual;redundancy;ai_potential;data_sensitivity\n"
        "Rechnungen;wöchentlich;teilweise;hoch;sehr hoch;mittel\n"
        "Factures;quotidien;non;faible;élevée;élevée\n",
    )
    with store.transaction() as session:
        import_tasks(session, path)
    tasks = stored_tasks(store)
    german, french = tasks["Rechnungen"], tasks["Factures"]
    assert (german.frequency, german.manual, german.data_sensitivity) == (
        e.Frequency.WEEKLY,
        True,
        e.Sensitivity.MEDIUM,
    )
    assert (german.redundancy, german.ai_potential) == (4, 5)
    assert (french.frequency, french.manual, french.redundancy, french.ai_potential) == (
        e.Frequency.DAILY,
        False,
        2,
        4,
    )
    assert french.data_sensitivity == e.Sensitivity.HIGH


def test_participant_roles_and_stances_in_german_and_french(store, tmp_path):
    path = write_csv(
        tmp_path,
        "people.csv",
        "name,team,role,stance\nJonas,Vertrieb,Führungskraft,Befürworter\nLéa,Ventes,Employée,Sceptique\n",
    )
    with store.transaction() as session:
        import_participants(session, path)
        people = {p.name: (p.role, p.stance) for p in session.scalars(select(e.Participant))}
    assert people == {
        "Jonas": (e.Role.LEADER, e.Stance.CHAMPION),
        "Léa": (e.Role.EMPLOYEE, e.Stance.SKEPTIC),
    }


def test_a_word_the_column_does_not_take_says_what_is_allowed(store, tmp_path):
    path = write_csv(tmp_path, "audit.csv", "title,redundancy\nInvoices,Huge\n")
    with pytest.raises(InputError) as raised, store.transaction() as session:
        import_tasks(session, path)
    assert raised.value.where == "audit.csv, line 2, column redundancy"
    assert "'Huge'" in raised.value.reason and "allowed:" in raised.value.reason
    for words in SCORE_WORDS.values():
        assert words[0] in raised.value.reason


@st.composite
def written_word(draw: st.DrawFn) -> tuple[str, object, str]:
    """Gives (column, value, word as a person might type it: any case, spaces around and doubled)."""
    column = draw(st.sampled_from(sorted(ALL_COLUMNS)))
    value, words = draw(st.sampled_from(list(ALL_COLUMNS[column].words.items())))
    word = draw(st.sampled_from(words))
    cased = "".join(draw(st.sampled_from([ch.lower(), ch.upper()])) for ch in word)
    spaced = cased.replace(" ", " " * draw(st.integers(1, 3)))
    padding = draw(st.sampled_from(["", " ", "  ", "\t"]))
    return column, value, f"{padding}{spaced}{padding}"


@given(written_word())
def test_every_word_of_the_tables_reads_as_its_value_in_any_case_and_spacing(case):
    column, value, typed = case
    assert ALL_COLUMNS[column].read(typed) == value


@given(st.sampled_from(sorted(TASK_COLUMN_WORDS)), st.text(min_size=1, max_size=12))
def test_anything_else_is_refused_with_the_allowed_values(column, typed):
    words = TASK_COLUMN_WORDS[column]
    known = {csv_values._choice_key(word) for said in words.words.values() for word in said}
    if csv_values._choice_key(typed) in known or (
        words.scores and typed.strip() in {"1", "2", "3", "4", "5"}
    ):
        return
    with pytest.raises(csv_values.BadValue) as raised:
        words.read(typed)
    assert f"allowed: {words.allowed()}" in str(raised.value)


@pytest.mark.parametrize("document", ["README.md", "docs/user-guide.md"])
def test_the_readme_and_the_guide_list_the_words_each_column_takes(document):
    text = (Path(__file__).parents[2] / document).read_text(encoding="utf-8")
    assert csv_values.allowed_values_table(TASK_COLUMN_WORDS) in text
    assert csv_values.allowed_values_table(PARTICIPANT_COLUMN_WORDS) in text


@pytest.mark.parametrize("written", ["unregelmäßig", "UNREGELMÄSSIG", "Unregelmässig"])
def test_a_german_sharp_s_reads_the_same_in_capitals(written):
    assert TASK_COLUMN_WORDS["frequency"].read(written) == e.Frequency.AD_HOC


@pytest.mark.parametrize(
    ("entity", "field", "typed", "stored"),
    [
        ("task", "redundancy", "high", 4),
        ("task", "ai_potential", "Sehr hoch", 5),
        ("task", "manual", "partly", True),
        ("task", "redundancy", "3", 3),
        ("participant", "stance", "sceptique", e.Stance.SKEPTIC),
    ],
)
def test_a_cell_typed_takes_the_words_its_csv_column_takes(entity, field, typed, stored):
    assert editing.validate(entity, field, typed) == stored


def test_a_cell_typed_with_a_word_it_does_not_know_says_what_it_takes():
    expected = r"'huge' is not a score from 1 to 5 – allowed: 1–5 or very low \(1\)"
    with pytest.raises(InputError, match=expected):
        editing.validate("task", "redundancy", "huge")
