"""The workshop's agenda on paper: a one-page print for the wall and the table in the report's appendix."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from workshop.model.agenda import Agenda, duration_text
from workshop.model.files import write_atomically
from workshop.wording import tr

from .styles import BOLD, FRAME_WIDTH, register_fonts, single_pdf, styles, table_style
from .text import Column, data_table, markup, para

# Shares of the width: start, activity, minutes, phase (and notes when any activity has some).
SHARES = (0.12, 0.46, 0.12, 0.30)
SHARES_WITH_NOTES = (0.1, 0.34, 0.1, 0.2, 0.26)


def _columns(agenda: Agenda) -> list[str]:
    headings = [tr("Starts"), tr("Activity"), tr("Minutes"), tr("Phase")]
    return [*headings, tr("Notes")] if any(line.notes for line in agenda.lines) else headings


def _rows(agenda: Agenda) -> list[list[str]]:
    notes = any(line.notes for line in agenda.lines)
    return [
        [line.starts, line.title, str(line.minutes), tr(line.phase) if line.phase else tr("Break")]
        + ([line.notes] if notes else [])
        for line in agenda.lines
    ]


def _shares(agenda: Agenda) -> tuple[float, ...]:
    return SHARES_WITH_NOTES if any(line.notes for line in agenda.lines) else SHARES


def totals_line(agenda: Agenda) -> str:
    """Gives the sentence under the agenda: how long it takes and when it ends."""
    return tr("In all {length}; ends at {end}.").format(
        length=duration_text(agenda.total_minutes), end=agenda.ends
    )


def appendix_agenda(agenda: Agenda | None) -> list[Flowable]:
    """Gives the agenda as an appendix table with its total, or nothing when the workshop has none."""
    if agenda is None or not agenda.lines:
        return []
    columns = [Column(h, s) for h, s in zip(_columns(agenda), _shares(agenda), strict=True)]
    return [
        *data_table(tr("Agenda"), columns, _rows(agenda)),
        Spacer(1, 4),
        para(totals_line(agenda), "small"),
    ]


def render_agenda(agenda: Agenda, title: str, subtitle: str = "") -> bytes:
    """Gives the one-page PDF of the agenda: the title, the day, each activity with its start, the end."""
    register_fonts()
    found = styles()
    body = found["body"]
    head = ParagraphStyle("agenda_head", parent=body, fontName=BOLD)  # read on a wall: as large as the rows
    widths = [FRAME_WIDTH * share for share in _shares(agenda)]
    cells = [[Paragraph(markup(text), body) for text in row] for row in _rows(agenda)]
    table = Table(
        [[Paragraph(markup(text), head) for text in _columns(agenda)], *cells],
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(table_style(rows=len(cells) + 1))
    story: list[Flowable] = [Paragraph(markup(tr("Agenda: {title}").format(title=title)), found["toc_title"])]
    if subtitle:
        story.append(para(subtitle, "cover_line"))
    story += [Spacer(1, 10), table, Spacer(1, 8), para(totals_line(agenda), "body")]
    return single_pdf(story, tr("Agenda: {title}").format(title=title))


def write_agenda(path: Path | str, agenda: Agenda, title: str, subtitle: str = "") -> None:
    """Writes the agenda's one-page PDF to `path`, atomically."""
    pdf = render_agenda(agenda, title, subtitle)
    write_atomically(path, lambda target: target.write(pdf))
