"""The model's and the charts' sentences come out in the installed language, their values as they were."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop import wording
from workshop.analysis.audit import AuditTask, ranked_candidates
from workshop.analysis.strategy import Placement
from workshop.charts.catalogue import chart_by_key
from workshop.charts.summaries import alt_text
from workshop.findings import gather_findings
from workshop.model import csv_values
from workshop.model import entities as e
from workshop.model.errors import InputError, WorkshopFileError
from workshop.model.store import create_workshop, open_workshop
from workshop.model.views import round_status
from workshop.proposals import ProposalKind


def _shouting(source: str) -> str:
    return re.sub(r"(\{[^}]*\}|%n)|([^{%]+|%)", lambda m: m.group(1) or m.group(2).upper(), source)


@pytest.fixture
def shouting():
    earlier = wording.install_translator(_shouting)
    yield
    wording.install_translator(earlier)


@given(st.text())
def test_without_a_translator_every_text_stays_as_written(text):
    assert wording.tr(text) == text


def test_installing_a_translator_gives_back_the_one_it_replaces():
    earlier = wording.install_translator(_shouting)
    try:
        assert wording.tr("no such file.") == "NO SUCH FILE."
    finally:
        assert wording.install_translator(earlier) is _shouting
    assert wording.tr("no such file.") == "no such file."


def test_a_file_that_cannot_be_opened_is_explained_in_the_installed_language(shouting, tmp_path):
    with pytest.raises(WorkshopFileError) as raised:
        open_workshop(tmp_path / "missing.workshop")
    assert raised.value.reason == "NO SUCH FILE."
    assert str(raised.value) == f"{tmp_path / 'missing.workshop'}: NO SUCH FILE."


@given(st.text(alphabet="abcxyz -", min_size=1).filter(lambda t: not t.strip().isdigit()))
def test_a_bad_cell_is_explained_in_the_installed_language_with_the_cell_as_typed(text):
    earlier = wording.install_translator(_shouting)
    try:
        with pytest.raises(csv_values.BadValue) as raised:
            csv_values.whole_number(text)
    finally:
        wording.install_translator(earlier)
    assert str(raised.value) == f"{text!r} IS NOT A WHOLE NUMBER."


def test_a_bad_csv_names_its_place_and_reason_in_the_installed_language(shouting, tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_text("title,hours\nReports,many\n", encoding="utf-8")
    rows = csv_values.read_csv_rows(path, required=("title", "hours"), optional=())
    with pytest.raises(InputError) as raised:
        rows[0].optional("hours", csv_values.hours)
    assert raised.value.where == "tasks.csv, LINE 2, COLUMN hours"
    assert raised.value.reason == "'many' IS NOT A NUMBER."


def test_a_chart_summary_comes_out_in_the_installed_language_with_its_numbers(shouting, tmp_path):
    store = create_workshop(tmp_path / "w.workshop", title="Empty")
    with store.reading() as session:
        findings = gather_findings(session)
    store.close()
    assert alt_text(chart_by_key("readiness"), findings) == (
        "HOW READY EACH TEAM SAYS IT IS. NO READINESS ANSWERS YET."
    )


# The enums whose values the app shows as data: every one of their values needs a place in the catalogue.
SHOWN_ENUMS = (
    e.Anonymity, e.Role, e.Stance, e.Frequency, e.Sensitivity, e.BallotMethod, e.Oversight, e.PilotStatus,
    e.CheckpointDecision, e.CautionCategory, e.Severity, e.FlagStatus, e.ActionStatus, Placement,
    ProposalKind,
)  # fmt: skip


@pytest.mark.parametrize("kind", SHOWN_ENUMS, ids=lambda kind: kind.__name__)
def test_every_fixed_word_the_app_shows_is_listed_for_the_catalogue(kind):
    assert {member.value for member in kind} - set(wording.FIXED_WORDS) == set()


def test_round_statuses_and_unknown_audit_fields_are_listed_for_the_catalogue():
    statuses = {round_status(None, None, None), round_status(1, None, None), round_status(1, 1, None)}
    missing = ranked_candidates([AuditTask("Reports", None, None, "weekly", True, None, None, "low")])[
        0
    ].unknown
    assert (statuses | {round_status(1, 1, 1)} | set(missing)) - set(wording.FIXED_WORDS) == set()


def test_each_fixed_word_is_written_where_the_catalogue_tool_finds_it():
    tree = ast.parse(Path(wording.__file__).read_text(encoding="utf-8"))
    listed = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "FIXED_WORDS"
    )
    assert isinstance(listed, ast.Tuple)
    written = [
        item.args[0].value
        for item in listed.elts
        if isinstance(item, ast.Call)
        and ast.unparse(item.func) == "fixed"
        and isinstance(item.args[0], ast.Constant)
    ]
    assert written == list(wording.FIXED_WORDS)


def test_a_fixed_word_comes_out_in_the_installed_language(shouting):
    assert wording.word(e.Severity.CRITICAL.value) == "CRITICAL"
    assert wording.fixed("critical") == "critical"  # marked for the catalogue, translated only when shown


def test_dates_name_their_month_in_the_users_language():
    german = {"October": "Oktober", "Oct": "Okt.", "{day} {month} {year}": "{day}. {month} {year}"}
    earlier = wording.install_translator(lambda text: german.get(text, text))
    try:
        assert wording.calendar_day(dt.date(2026, 10, 14)) == "14. Oktober 2026"
        assert wording.calendar_day(dt.date(2026, 10, 14), short=True) == "14. Okt. 2026"
    finally:
        wording.install_translator(earlier)
    assert wording.calendar_day(dt.date(2026, 5, 3), short=True) == "3 May 2026"


@given(st.dates())
def test_every_date_is_written_with_its_day_month_and_year(day):
    assert wording.calendar_day(day) == f"{day.day} {day:%B} {day.year}"
    assert wording.calendar_day(day, short=True) == f"{day.day} {day:%b} {day.year}"


def test_counted_sentences_choose_the_form_for_the_count():
    assert wording.plural(1, "%n camp", "%n camps") == "1 camp"
    counted = [wording.plural(n, "%n camp", "%n camps") for n in (0, 2, 21)]
    assert counted == ["0 camps", "2 camps", "21 camps"]


def test_a_counted_translation_gives_the_languages_own_form():
    # A language with a form of its own for counts ending in 2-4 (as Polish has).
    def polish(many: str, count: int) -> str | None:
        form = "obozy" if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14) else "obozów"
        return f"{count} {form}" if many == "%n camps" else None

    earlier = wording.install_counted_translator(polish)
    try:
        assert [wording.plural(n, "%n camp", "%n camps") for n in (2, 5, 22)] == [
            "2 obozy",
            "5 obozów",
            "22 obozy",
        ]
        assert wording.plural(2, "%n team", "%n teams") == "2 teams"
    finally:
        wording.install_counted_translator(earlier)
