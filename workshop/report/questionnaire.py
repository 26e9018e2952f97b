"""The readiness questionnaire as one printable A4 page: name and team lines, each question with a box
for each point of the scale, the scale's words and the privacy promise.

The same questions as the CSV template (`workshop.model.questionnaire`), so a paper round and a Forms
round ask the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from workshop.model import entities as e
from workshop.model.files import write_atomically
from workshop.model.questionnaire import SCALE, QuestionnaireItem, scale_words
from workshop.privacy import MIN_GROUP
from workshop.wording import tr

from .styles import ACCENT, FRAME_WIDTH, HEADER_FILL, INK, RULE, single_pdf, styles
from .text import para, paragraph

BOX = 5 * mm  # the square a person ticks
POINT_WIDTH = 20 * mm  # one column of the scale, wide enough for its longest word


def write_questionnaire_pdf(
    items: Sequence[QuestionnaireItem], path: Path, *, template: e.SurveyTemplate
) -> None:
    """Gives nothing; writes the questionnaire page to `path` (atomically)."""
    pdf = single_pdf(questionnaire_story(items, template), _title(template))
    write_atomically(path, lambda stream: stream.write(pdf))


def _title(template: e.SurveyTemplate) -> str:
    if template is e.SurveyTemplate.ADKAR:
        return tr("ADKAR questionnaire")
    return tr("Readiness questionnaire")


def questionnaire_story(items: Sequence[QuestionnaireItem], template: e.SurveyTemplate) -> list[Flowable]:
    """Gives the page's flowables: title, who is answering, how to answer, the questions, the promise."""
    return [
        para(_title(template), "heading1"),
        _identity_lines(),
        Spacer(1, 4 * mm),
        para(
            tr(
                "For each statement, tick the one box that fits best: {scale}. Leave a statement blank if "
                "you would rather not answer it."
            ).format(scale=scale_words())
        ),
        _questions_table(items),
        Spacer(1, 5 * mm),
        para(
            tr(
                "Your answers are shown only as team results. The results of a team of fewer than {n} "
                "people are withheld, so no one's answers can be told apart."
            ).format(n=MIN_GROUP),
            "small",
        ),
    ]


def _identity_lines() -> Table:
    """Gives the lines for name, team and role, written by hand."""
    cells = [[para(tr(label), "cell"), ""] for label in ("Name", "Team", "Role (manager or employee)")]
    table = Table(cells, colWidths=[55 * mm, FRAME_WIDTH - 55 * mm], rowHeights=9 * mm)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
            ]
        )
    )
    return table


def _questions_table(items: Sequence[QuestionnaireItem]) -> Table:
    """Gives one row per question: its words, then a box under each point of the scale."""
    # Each word of a point on a line of its own: "Strongly" and "disagree" are never cut inside.
    header = [para(tr("Statement"), "head_cell")] + [
        paragraph(f"{point}\n" + "\n".join(tr(word).split()), _point_style()) for point, word in SCALE
    ]
    rows = [[para(f"{item.label()}: {item.statement}", "cell")] + [_Box() for _ in SCALE] for item in items]
    statement_width = FRAME_WIDTH - POINT_WIDTH * len(SCALE)
    table = Table([header, *rows], colWidths=[statement_width] + [POINT_WIDTH] * len(SCALE), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _point_style() -> ParagraphStyle:
    return ParagraphStyle(
        "scale_point", parent=styles()["head_cell"], alignment=TA_CENTER, fontSize=8, leading=10
    )


class _Box(Flowable):
    """An empty square to tick, centred in its cell."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, BOX

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect((self.width - BOX) / 2, 0, BOX, BOX)
