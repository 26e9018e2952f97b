"""The strategy PDF as leadership reads it: sections, page numbers, text as typed, nothing private."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select, update

from workshop.cli import main
from workshop.findings import gather_findings
from workshop.model import demo
from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.model.store import create_workshop, open_workshop
from workshop.report import pdf as report_pdf
from workshop.report.figures import _framed_note
from workshop.report.story import APPENDIX, PHASES, SUMMARY


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.workshop"
    demo.create_demo(path).close()
    return path


@pytest.fixture(scope="module")
def demo_report(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[PdfReader, str, str]:
    """The demo's report written by the CLI, its reader, its text and what the CLI printed."""
    out = tmp_path_factory.mktemp("report") / "report.pdf"
    with mock.patch("sys.stdout") as stdout:
        assert main(["export", str(demo_file), "-o", str(out)]) == 0
    printed = "".join(call.args[0] for call in stdout.write.call_args_list)
    reader = PdfReader(out)
    return reader, _text(reader), printed


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    """Gives the text with line breaks and runs of spaces as single spaces (wrapping is not content)."""
    return " ".join(text.split())


def _report_of(path: Path, out: Path) -> PdfReader:
    with open_workshop(path) as store, store.reading() as session:
        findings = gather_findings(session)
    report_pdf.write_report(findings, out)
    return PdfReader(out)


def test_the_report_has_every_section_and_says_how_many_pages(demo_report):
    reader, text, printed = demo_report
    for heading in (SUMMARY, "Contents", *PHASES, APPENDIX):
        assert heading in text
    assert printed.strip() == (
        f"Wrote {Path(printed.split()[1])} ({len(reader.pages)} pages, ranking round {demo.RANKING_ROUND!r})"
    )
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} of {total}" in page.extract_text()


def test_the_outline_lists_the_sections(demo_report):
    reader, _, _ = demo_report
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == [SUMMARY, "Contents"]
    assert [t for t in titles if t in PHASES] == list(PHASES)


def test_names_and_notes_print_exactly_as_typed(demo_report):
    _, text, _ = demo_report
    flat = _flat(text)
    assert "Νίκος Παπαδόπουλος" in flat
    assert "Анна Смирнова" in flat
    assert "R&D and AT&T contract <draft>" in flat
    assert "Zoë Achterberg" in flat


def _summary(reader: PdfReader) -> str:
    """Gives the text of the pages between the cover and the contents, on one line."""
    lines = [line.strip() for page in reader.pages[1:] for line in page.extract_text().splitlines()]
    return _flat(" ".join(lines[: lines.index("Contents")]))


def test_the_summary_opens_with_the_decisions_and_fits_two_pages(demo_report):
    reader, _, _ = demo_report
    pages = [page.extract_text() for page in reader.pages]
    contents = next(n for n, text in enumerate(pages) if "Contents" in map(str.strip, text.splitlines()))
    summary = _summary(reader)
    assert contents <= 3, "the summary takes pages 2 and 3 at most"
    assert summary.startswith(f"Where AI helps us deliver: strategy workshop Page 2 of {len(pages)}")
    assert f"{SUMMARY} Decision Why Page Owner Due by Hours or cost Risk" in summary
    assert "Approve 3 pilots" not in summary and "Decide go or no-go for the paused pilot" in summary
    assert "no better than chance" in summary


def test_the_summary_names_the_ranking_round_it_describes(demo_report):
    reader, _, _ = demo_report
    assert f"Ranking round: {demo.RANKING_ROUND}, 8 ballots over 10 opportunities." in _summary(reader)


def test_export_describes_the_round_named_with_round(demo_file, tmp_path, capsys):
    path = tmp_path / "two rounds.workshop"
    path.write_bytes(demo_file.read_bytes())
    with open_workshop(path) as store, store.transaction() as session:
        first = session.scalar(select(e.BallotRound).where(e.BallotRound.name == demo.RANKING_ROUND))
        later = e.BallotRound(name="Second look", method=e.BallotMethod.RANKING, created_at=dt.datetime.now())
        session.add(later)
        later.revealed_at = first.revealed_at + dt.timedelta(hours=1)
    with _fast_charts():
        assert main(["export", str(path), "-o", str(tmp_path / "latest.pdf")]) == 0
        assert "ranking round 'Second look'" in capsys.readouterr().out
        out = tmp_path / "first.pdf"
        assert main(["export", str(path), "-o", str(out), "--round", demo.RANKING_ROUND]) == 0
    assert f"ranking round {demo.RANKING_ROUND!r}" in capsys.readouterr().out
    assert f"Ranking round: {demo.RANKING_ROUND}, 8 ballots" in _summary(PdfReader(out))


def test_export_refuses_a_round_not_revealed_or_unknown(demo_file, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    path = tmp_path / "hidden.workshop"
    path.write_bytes(demo_file.read_bytes())
    with open_workshop(path) as store, store.transaction() as session:
        session.add(e.BallotRound(name="Hidden", method=e.BallotMethod.RANKING, created_at=dt.datetime.now()))
    assert main(["export", str(path), "-o", str(out), "--round", "Hidden"]) == 2
    assert "'Hidden' is not revealed yet" in capsys.readouterr().err
    assert main(["export", str(path), "-o", str(out), "--round", "Nope"]) == 2
    assert "no ballot round named 'Nope'" in capsys.readouterr().err
    assert not out.exists()


def test_an_unrevealed_round_shows_its_name_and_status_only(demo_report):
    _, text, _ = demo_report
    flat = _flat(text)
    assert flat.count(demo.IMPACT_EFFORT_ROUND) == 1
    assert f"{demo.IMPACT_EFFORT_ROUND} impact-effort open – results private until revealed –" in flat


def test_the_only_links_are_the_contents_pointing_inside_the_report(demo_report):
    reader, _, _ = demo_report
    actions = [
        annotation.get_object().get("/A", {}).get("/S")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert actions and set(actions) <= {"/GoTo", None}


def test_an_anonymous_workshop_shows_no_managers_name_beside_a_ballot(demo_file, tmp_path):
    path = tmp_path / "anonymous.workshop"
    path.write_bytes(demo_file.read_bytes())
    with open_workshop(path) as store, store.transaction() as session:
        session.execute(update(e.Workshop).values(anonymity=e.Anonymity.ANONYMOUS))
    with _fast_charts():  # chart images hold no extractable text; the voter labels are checked below
        reader = _report_of(path, tmp_path / "anonymous.pdf")
    flat = _flat(_text(reader))
    assert "Ballots and survey answers are anonymous" in flat
    assert "Manager A" in flat
    # Owners of workflows, flags and actions are named by the facilitator as the people responsible.
    with open_workshop(path) as store, store.reading() as session:
        record = gather_findings(session).record
    owners = (
        {w.owner for w in record.workflows}
        | {f.owner for f in record.flags}
        | {a.owner for a in record.actions}
    )
    kept_private = [m.name for m in demo.MANAGERS if m.name not in owners]
    assert kept_private, "the demo must have managers who own nothing"
    for name in kept_private:
        assert name not in flat
    assert "Champions and skeptics" not in flat


def test_a_named_workshop_lists_champions_and_skeptics(demo_file, tmp_path):
    path = tmp_path / "named.workshop"
    path.write_bytes(demo_file.read_bytes())
    with open_workshop(path) as store, store.transaction() as session:
        session.execute(update(e.Workshop).values(anonymity=e.Anonymity.NAMED))
    with _fast_charts():
        flat = _flat(_text(_report_of(path, tmp_path / "named.pdf")))
    assert "Champions and skeptics" in flat
    assert "Priya Raman" in flat


def _small_workshop(path: Path, text: str) -> None:
    """A workshop with one of everything that carries free text, every text field set to `text`."""
    store = create_workshop(path, title=text or "t", organisation=text, facilitator=text)
    with store.transaction() as session:
        team = e.Team(name=text or "team", description=text)
        task = e.Task(title=text or "task", team=team, description=text, notes=text, hours_per_week=4.0)
        opportunity = e.Opportunity(title=text or "opp", team=team, description=text, expected_benefit=text)
        workflow = e.Workflow(opportunity=opportunity, owner=text, ai_platform=text, steps=text)
        pilot = e.Pilot(
            workflow=workflow, starts_on=dt.date(2026, 1, 5), success_metrics=text, go_no_go_criteria=text
        )
        session.add_all(
            [
                task,
                e.Idea(team=team, group_name=text, what=text, how=text, why=text),
                pilot,
                e.Checkpoint(pilot=pilot, due_on=dt.date(2026, 2, 1), notes=text),
                e.CapacityPlan(team=team, hours_per_week=2.0, dropped_or_deferred=text, training=text),
                e.FeedbackItem(
                    channel=text, team=team, what_works=text, what_does_not=text, change_made=text
                ),
                e.CautionFlag(team=team, severity=e.Severity.HIGH, evidence=text, response=text, owner=text),
                e.Action(title=text or "act", owner=text),
            ]
        )
    store.close()


def _fast_charts():
    """Charts drawn as framed notes: the text fields are under test here, not the chart drawing."""
    return mock.patch.object(
        report_pdf, "chart_flowable", lambda key, findings, width, *rest: _framed_note(key, "", width)
    )


awkward_text = st.lists(
    st.one_of(
        st.sampled_from(list("<>&;\"'/\n\r\t\x00\x07\x1b\x7f\u200f\u202e\u2028 ")),
        st.sampled_from(
            ["<b>", "</para>", "<img src='/etc/passwd'/>", "<a href='http://x'>", "&amp;", "&#0;"]
        ),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["😀", "مرحبا", "שלום", "中文", "Ωμέγα", "Ёж"]),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=awkward_text)
def test_any_text_in_any_field_still_gives_a_report(text):
    with tempfile.TemporaryDirectory() as folder, _fast_charts():
        path = Path(folder) / "small.workshop"
        _small_workshop(path, text)
        with open_workshop(path) as store, store.reading() as session:
            findings = gather_findings(session)
        result = report_pdf.write_report(findings, Path(folder) / "small.pdf")
        reader = PdfReader(result.path)
        assert len(reader.pages) == result.pages
        unshown = {ch for ch in text if ord(ch) > 127 and ch.isprintable() and not _font_has(ch)}
        if unshown:
            assert any(sorted(unshown)[0] in warning for warning in result.warnings)


def _font_has(character: str) -> bool:
    from workshop.report.styles import can_show

    return can_show(character)


def test_markup_typed_by_a_user_reads_no_file_and_makes_no_link(tmp_path):
    typed = "<img src='/etc/hostname'/> <a href='https://example.com'>click</a> R&amp;D AT&T"
    path = tmp_path / "markup.workshop"
    with _fast_charts():
        _small_workshop(path, typed)
        reader = _report_of(path, tmp_path / "markup.pdf")
    flat = _flat(_text(reader))
    assert typed in flat
    raw = (tmp_path / "markup.pdf").read_bytes()
    assert b"/URI" not in raw
    assert b"/Subtype /Image" not in raw


def test_a_100000_character_note_flows_over_pages(tmp_path):
    note = "\n".join(f"Line {n}: " + "observations from the floor " * 5 for n in range(700))[:100_000]
    path = tmp_path / "long.workshop"
    with _fast_charts():
        _small_workshop(path, "short")
        with open_workshop(path) as store, store.transaction() as session:
            task = session.scalars(select(e.Task)).one()
            task.notes = note + "THE END"
            session.execute(update(e.CautionFlag).values(evidence=note))
        reader = _report_of(path, tmp_path / "long.pdf")
    text = _text(reader)
    assert len(reader.pages) > 30
    assert "THE END" in text
    last_line = note.rsplit("\n", 1)[1].split(":")[0]
    assert f"{last_line}:" in text and "Line 0:" in text


def test_characters_the_font_lacks_are_named_in_a_warning(tmp_path, capsys):
    path = tmp_path / "cjk.workshop"
    _small_workshop(path, "short")
    with open_workshop(path) as store, store.transaction() as session:
        session.scalars(select(e.Task)).one().notes = "Budget 中文 \ue000 ok"  # a private-use character
    with _fast_charts():
        assert main(["export", str(path), "-o", str(tmp_path / "cjk.pdf")]) == 0
    err = capsys.readouterr().err
    assert "warning: Task 'short' notes: characters \ue000 (U+E000) cannot be shown by the report font" in err


def test_a_failed_export_leaves_the_earlier_report_as_it_was(tmp_path):
    path = tmp_path / "small.workshop"
    out = tmp_path / "report.pdf"
    out.write_bytes(b"earlier report")
    with _fast_charts():
        _small_workshop(path, "text")
        failing_layout = mock.patch.object(
            report_pdf, "render_pdf", side_effect=RuntimeError("layout failed")
        )
        with failing_layout, pytest.raises(RuntimeError):
            _report_of(path, out)
        refused = mock.patch("os.replace", side_effect=PermissionError(13, "Permission denied"))
        with refused, pytest.raises(WorkshopError, match="Any earlier file of that name is unchanged"):
            _report_of(path, out)
    assert out.read_bytes() == b"earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "small.workshop"]


def test_a_folder_that_cannot_be_written_gives_a_clear_message(tmp_path, capsys):
    path = tmp_path / "small.workshop"
    with _fast_charts():
        _small_workshop(path, "text")
        missing = tmp_path / "no such folder" / "report.pdf"
        assert main(["export", str(path), "-o", str(missing)]) == 2
    assert re.search(r"Could not write .*report\.pdf", capsys.readouterr().err)
    assert not os.path.exists(missing.parent)
