"""User text in the report: printed as typed, never read as markup, long text cut without loss."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from workshop.findings import WorkshopFindings
from workshop.model import entities as e
from workshop.model.record import TaskInfo, WorkshopInfo, WorkshopRecord
from workshop.report.pdf import report_warnings
from workshop.report.text import chunks, clean, fit_cell, markup, shorten


def test_markup_characters_are_escaped_and_newlines_kept():
    assert markup("R&amp;D and AT&T <draft>\nnext") == "R&amp;amp;D and AT&amp;T &lt;draft&gt;<br/>next"


def test_control_characters_go_and_line_ends_become_newlines():
    assert clean("a\x00b\x07c\r\nd\re\tf\u2028g") == "abc\nd\ne    f\ng"


@given(st.text(max_size=3000), st.integers(min_value=20, max_value=500))
def test_chunks_keep_every_character_except_the_line_breaks_they_cut_at(text, size):
    pieces = chunks(text, size)
    assert all(len(piece) <= size for piece in pieces)
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")


@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=4000))
def test_a_cell_shows_the_start_and_the_rest_continues(text):
    shown, rest = fit_cell(text, 120)
    assert (shown + rest).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
    assert shown.count("\n") < 16


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("Floor sessions before the pilot widens", 20) == "Floor sessions…"
    assert shorten("short", 20) == "short"


def _findings_with_task_notes(notes: str) -> WorkshopFindings:
    info = WorkshopInfo("Room", "Acme", None, "", e.Anonymity.ANONYMOUS)
    task = TaskInfo("Invoices", None, "", "weekly", None, True, None, None, "low", notes)
    record = WorkshopRecord(info, (), (), (task,), (), (), (), (), (), (), (), ())
    fields = {f.name: () for f in dataclasses.fields(WorkshopFindings)}
    fields.update(record=record, ranking_round=None, ranking=None, points_round=None, points=None)
    fields.update(impact_round=None, survey_round=None)
    return WorkshopFindings(**fields)


def test_characters_the_font_lacks_are_named_with_their_field():
    warnings = report_warnings(_findings_with_task_notes("Budget \ue000\ue001 and 中文, Ωμέγα, Ёж"))
    assert warnings == (
        "Task 'Invoices' notes: characters \ue000 (U+E000), \ue001 (U+E001) "
        "cannot be shown by the report font",
    )


def test_text_the_font_covers_gives_no_warning():
    assert report_warnings(_findings_with_task_notes("Zoë, Νίκος, Анна, Łukasz: R&D <ok>")) == ()
