"""The strategy report's story: cover, summary, contents, one section per phase and the appendix.

Every function here and in the section modules (sections_audit, sections_plan, ranking_section, ratings,
appendix) receives the findings and returns flowables; none of them reads the workshop file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, TableStyle

from workshop.findings import WorkshopFindings
from workshop.model import entities as e
from workshop.wording import tr

from .appendix import appendix
from .figures import chart_flowable
from .glossary import GLOSSARY, glossary
from .headings import SUBHEADING_ROOM, ChartMaker, ContentsLine, Heading, NothingToSay
from .late import Contents
from .sections_audit import audit_section, readiness_section
from .sections_plan import capacity_section, feedback_section, priorities_section, workflows_section
from .styles import FRAME_HEIGHT, FRAME_WIDTH, styles
from .summary import decisions_in_full, executive_summary
from .text import day, labelled_long, long_text, para

PHASES = (
    "Audit & Discovery",
    "Readiness",
    "Priorities & Alignment",
    "Workflows & Pilots",
    "Space & Time",
    "Feedback & Resistance",
)
# In English: tests and the outline compare these; each is translated where it is printed.
APPENDIX = "Appendix: the data"
SUMMARY = "Executive summary"
CONTENTS = "Contents"
# A section starts on a new page only when the page before is more than half used: a fresh page then
# reads better, while breaking earlier would leave a page mostly white.
SECTION_ROOM = FRAME_HEIGHT / 2


def report_story(
    findings: WorkshopFindings, chart: ChartMaker | None = None, *, as_of: dt.date | None = None
) -> list[Flowable]:
    """Gives the whole report as flowables; `chart(key)` gives a chart (by default rendered here).

    `as_of` is the day the report speaks for (by default today): on the cover, and what counts as overdue.
    """
    as_of = as_of or dt.date.today()

    def draw(key: str) -> Flowable:
        return chart(key) if chart is not None else chart_flowable(key, findings, FRAME_WIDTH)

    story = [*cover(findings, as_of), *summary_page(findings, as_of), *contents()]
    for phase, section in zip(PHASES, SECTIONS, strict=True):
        story += placed_section(tr(phase), section(findings, draw))
    story += [CondPageBreak(SECTION_ROOM), Heading(tr(APPENDIX), 0), *appendix(findings)]
    story += decisions_in_full(findings, as_of)
    return [*story, CondPageBreak(SECTION_ROOM), Heading(tr(GLOSSARY), 0), *glossary(findings)]


def placed_section(title: str, body: list[Flowable]) -> list[Flowable]:
    """Gives a section under its heading, or only its line in the contents when it has nothing to say."""
    if len(body) == 1 and isinstance(body[0], NothingToSay):
        return [ContentsLine(tr("{section} — {reason}").format(section=title, reason=body[0].reason), 0)]
    return [CondPageBreak(SECTION_ROOM), Heading(title, 0), *body]


def cover(findings: WorkshopFindings, as_of: dt.date) -> list[Flowable]:
    """Gives the cover: title, organisation, date, facilitator and how private the answers are."""
    info = findings.record.info
    privacy = {
        e.Anonymity.ANONYMOUS: tr("Ballots and survey answers are anonymous."),
        e.Anonymity.TEAM: tr("Ballots and survey answers are shown by team, never by name."),
        e.Anonymity.NAMED: tr("Participants agreed to be named with their answers."),
    }[info.anonymity]
    lines = [
        (tr("Organisation"), info.organisation),
        (tr("Workshop held on"), day(info.held_on)),
        (tr("Facilitator"), info.facilitator),
        (tr("Report as of"), day(as_of)),
    ]
    return [
        Spacer(1, 150),
        para(tr("AI strategy workshop: report for leadership"), "cover_line"),
        Spacer(1, 6),
        # A title or name of any length is printed whole, in pieces that lay out in linear time.
        *long_text(info.title, "cover_title"),
        Spacer(1, 24),
        *[
            piece
            for label, value in lines
            for piece in labelled_long(label, value or tr("not given"), "cover_line")
        ],
        Spacer(1, 36),
        para(privacy, "small"),
        PageBreak(),
    ]


def summary_page(findings: WorkshopFindings, as_of: dt.date) -> list[Flowable]:
    """Gives the executive summary: the decisions leadership must take, then the room's short findings."""
    # The contents follow on the summary's last page when more than half of it is free, as sections do.
    return [Heading(tr(SUMMARY), 0), *executive_summary(findings, as_of=as_of), CondPageBreak(SECTION_ROOM)]


def contents() -> list[Flowable]:
    """Gives the table of contents, filled in from the headings as the document is built."""
    toc = Contents([styles()["toc1"], styles()["toc2"]])
    toc.tableStyle = TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP")]
        + [
            (side, (0, 0), (-1, -1), 0)
            for side in ("TOPPADDING", "BOTTOMPADDING", "LEFTPADDING", "RIGHTPADDING")
        ]
    )
    heading = Heading(tr(CONTENTS), 0, listed=False)
    # A long contents may start below the summary and run over: kept whole, it would leave a page white.
    heading.keepWithNext = False
    return [CondPageBreak(SUBHEADING_ROOM), heading, toc, CondPageBreak(SECTION_ROOM)]


SECTIONS: tuple[Callable[[WorkshopFindings, ChartMaker], list[Flowable]], ...] = (
    audit_section,
    readiness_section,
    priorities_section,
    workflows_section,
    capacity_section,
    feedback_section,
)
