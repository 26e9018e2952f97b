"""The timed agenda: start times follow the start, templates add up, moves and replacements undo."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from workshop.findings import gather_findings
from workshop.model import agenda
from workshop.model import entities as e
from workshop.model.errors import InputError
from workshop.model.exporting import write_json
from workshop.model.merging import merge_workshops
from workshop.model.restoring import import_json
from workshop.model.store import create_workshop
from workshop.model.views import PHASES
from workshop.report.agenda import render_agenda
from workshop.report.pdf import write_report


def put(store, drafts, *, starts_at=None):
    """Stores the agenda (title, minutes, phase) and the workshop's start time."""
    with store.transaction() as session:
        session.scalar(select(e.Workshop)).starts_at = starts_at
        agenda.put_agenda(
            session,
            [
                {"position": n, "title": title, "minutes": minutes, "phase": phase, "notes": ""}
                for n, (title, minutes, phase) in enumerate(drafts)
            ],
        )


def read(store) -> agenda.Agenda:
    with store.reading() as session:
        return agenda.read_agenda(session)


@given(minutes=st.lists(st.integers(1, 600), min_size=1, max_size=8), hour=st.integers(0, 23))
@settings(max_examples=20, deadline=None)
def test_each_item_starts_when_the_ones_before_it_end(minutes, hour, tmp_path_factory):
    with create_workshop(tmp_path_factory.mktemp("a") / "w.workshop", title="Day") as store:
        put(store, [(f"Item {n}", m, None) for n, m in enumerate(minutes)], starts_at=dt.time(hour, 30))
        found = read(store)
    start = dt.datetime(2000, 1, 1, hour, 30)
    for line, before in zip(
        found.lines, [0, *[sum(minutes[:n]) for n in range(1, len(minutes))]], strict=True
    ):
        assert line.starts == f"{start + dt.timedelta(minutes=before):%H:%M}"
    assert found.ends == f"{start + dt.timedelta(minutes=sum(minutes)):%H:%M}"
    assert found.total_minutes == sum(minutes)


def test_without_a_start_time_items_start_from_the_beginning(store):
    put(store, [("Welcome", 15, PHASES[0]), ("Audit", 45, PHASES[1]), ("Break", 80, None)])
    found = read(store)
    assert [line.starts for line in found.lines] == ["+0:00", "+0:15", "+1:00"]
    assert found.ends == "+2:20"


@pytest.mark.parametrize(("name", "minutes"), [("Half day (4 h)", 240), ("Full day (7 h)", 420)])
def test_a_day_template_fills_the_day(name, minutes):
    assert sum(m for _, m, _ in agenda.TEMPLATES[name]) == minutes


def test_the_leadership_template_takes_ninety_minutes_and_every_phase_is_one_of_the_method():
    assert sum(m for _, m, _ in agenda.TEMPLATES["Leadership 90 minutes"]) == 90
    phases = {phase for drafts in agenda.TEMPLATES.values() for _, _, phase in drafts}
    assert phases <= {*PHASES, None}


def test_a_template_replaces_the_agenda_and_putting_the_rows_back_restores_it(store):
    put(store, [("Our own opening", 10, None)])
    with store.transaction() as session:
        before = agenda.put_agenda(session, agenda.template_rows("Leadership 90 minutes"))
    assert read(store).total_minutes == 90
    with store.transaction() as session:
        agenda.put_agenda(session, before)
    assert [(line.title, line.minutes) for line in read(store).lines] == [("Our own opening", 10)]


def test_moving_an_item_changes_the_order_and_the_start_times(store):
    put(store, [("A", 10, None), ("B", 20, None), ("C", 30, None)], starts_at=dt.time(9, 0))
    b = read(store).lines[1].item_id
    with store.transaction() as session:
        assert agenda.move_item(session, item_id=b, by=-1)
        assert not agenda.move_item(session, item_id=b, by=-1)  # already first
    found = read(store)
    assert [(line.title, line.starts) for line in found.lines] == [
        ("B", "09:00"),
        ("A", "09:20"),
        ("C", "09:30"),
    ]
    with store.transaction() as session:  # undoing a move is the move back
        agenda.move_item(session, item_id=b, by=1)
    assert [line.title for line in read(store).lines] == ["A", "B", "C"]


def test_a_new_item_goes_after_the_last(store):
    put(store, [("A", 10, None), ("B", 20, None)])
    with store.transaction() as session:
        session.add(e.AgendaItem(title="C", minutes=5, position=agenda.next_position(session)))
    assert [line.title for line in read(store).lines] == ["A", "B", "C"]


@pytest.mark.parametrize(("text", "expected"), [("9:00", dt.time(9)), ("14.30", dt.time(14, 30)), ("", None)])
def test_a_start_time_is_read_as_people_type_it(text, expected):
    assert agenda.time_of_day(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9", "noon", "9:75"])
def test_a_start_time_that_is_no_time_of_day_is_refused_with_how_to_write_it(text):
    with pytest.raises(InputError, match="09:00"):
        agenda.time_of_day(text)


def test_merging_another_file_brings_its_items_once_however_often(store, tmp_path):
    put(store, [("Welcome", 15, PHASES[0])])
    room = tmp_path / "other-room.workshop"
    with create_workshop(room, title="Room") as other:
        put(other, [("Welcome", 15, PHASES[0]), ("Audit", 45, PHASES[1])])
    merge_workshops(store, [room])
    merge_workshops(store, [room])
    titles = [line.title for line in read(store).lines]
    assert sorted(titles) == ["Audit", "Welcome", "Welcome"]  # a different file's items are other items


def test_merging_a_copy_of_the_same_file_adds_nothing(store, tmp_path):
    put(store, [("Welcome", 15, PHASES[0]), ("Audit", 45, PHASES[1])])
    copy = tmp_path / "copy.json"
    with store.reading() as session:
        write_json(session, copy)
    twin = tmp_path / "twin.workshop"
    with create_workshop(twin, title="Empty") as other, other.transaction() as session:
        import_json(session, copy)
    merge_workshops(store, [twin])
    assert [line.title for line in read(store).lines] == ["Welcome", "Audit"]


def test_a_json_export_keeps_the_agenda_and_the_start_time_even_when_anonymous(store, tmp_path):
    put(store, [("Welcome", 15, PHASES[0]), ("Break", 10, None)], starts_at=dt.time(8, 45))
    with store.reading() as session:
        assert session.scalar(select(e.Workshop.anonymity)) is e.Anonymity.ANONYMOUS
        write_json(session, tmp_path / "a.json")
    tables = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["tables"]
    assert [row["title"] for row in tables["agenda_item"]] == ["Welcome", "Break"]
    with create_workshop(tmp_path / "b.workshop", title="Empty") as restored:
        with restored.transaction() as session:
            import_json(session, tmp_path / "a.json")
        found = read(restored)
    assert [(line.title, line.starts) for line in found.lines] == [("Welcome", "08:45"), ("Break", "09:00")]


def pdf_text(data: bytes) -> str:
    """Gives the PDF's text on one line: each table cell follows the one before it."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_the_printed_agenda_holds_each_activity_with_its_start_and_fits_one_page(store):
    put(
        store,
        [(title, minutes, phase) for title, minutes, phase in agenda.TEMPLATES["Full day (7 h)"]],
        starts_at=dt.time(8, 30),
    )
    found = read(store)
    pdf = render_agenda(found, "Freight AI day", "2027-01-15")
    text = pdf_text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    for line in found.lines:
        assert f"{line.starts} {line.title} {line.minutes}" in text
    assert "ends at 15:30" in text


def test_the_report_appendix_shows_the_agenda_when_there_is_one(store, tmp_path):
    put(
        store,
        [("Welcome and goals", 20, PHASES[0]), ("Audit in pairs", 50, PHASES[1])],
        starts_at=dt.time(9, 0),
    )
    with store.reading() as session:
        findings = gather_findings(session)
    write_report(findings, tmp_path / "report.pdf", side_by_side=False, as_of=dt.date(2027, 1, 15))
    text = pdf_text((tmp_path / "report.pdf").read_bytes())
    assert "09:00 Welcome and goals 20" in text
    assert "09:20 Audit in pairs 50" in text


def test_a_workshop_without_an_agenda_has_none_in_its_findings(store):
    with store.reading() as session:
        assert gather_findings(session).agenda is None
