"""The readiness questionnaire a facilitator builds a Microsoft Forms or Google Forms survey from.

Each question is one statement to agree with on the five-point scale. Its header text starts with the
dimension's name ("Confidence: I feel confident…"), so an export of a form built from it imports with no
map (`survey_import.header_question` reads the name before the colon).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .files import write_atomically
from .survey_import import ESTIMATE_SUFFIX

IDENTITY_COLUMNS = ("Name", "Team", "Role")
SCALE = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neutral"),
    (4, "Agree"),
    (5, "Strongly agree"),
)
# The statements of the built-in dimensions; a dimension the facilitator added is asked by its description.
STATEMENTS = {
    "readiness": "My team is ready to change how it works with AI.",
    "confidence": "I feel confident using the AI tools.",
    "skills": "I am building the skills I need to use AI well.",
    "attitude": "I feel positive about AI in my work.",
    "effectiveness": "AI actually makes me more effective in my work.",
    "Awareness": "I understand why this change to how we work with AI is needed.",
    "Desire": "I want to take part in this change and support it.",
    "Knowledge": "I know how to work in the new way.",
    "Ability": "I am able to put the new skills and ways of working into practice.",
    "Reinforcement": "I see what will keep the change going once it is in place.",
}


@dataclass(frozen=True)
class QuestionnaireItem:
    """One question: the dimension it feeds, whether managers answer it for their team, and its words."""

    dimension: str
    is_team_estimate: bool
    statement: str

    def header(self) -> str:
        """Gives the column header a form's export carries: name, statement and the scale's words."""
        return f"{self.label()}: {self.statement} ({scale_words()})"

    def label(self) -> str:
        name = self.dimension[:1].upper() + self.dimension[1:]
        return name + ESTIMATE_SUFFIX if self.is_team_estimate else name


def scale_words() -> str:
    """Gives the scale stated in one line: '1 = Strongly disagree, …, 5 = Strongly agree'."""
    return ", ".join(f"{point} = {tr(word)}" for point, word in SCALE)


def questionnaire_items(
    dimensions: Sequence[tuple[str, str]], template: e.SurveyTemplate
) -> tuple[QuestionnaireItem, ...]:
    """Gives the questions in order for (name, description) dimensions: each about oneself, then (readiness
    only) the managers' estimates for their team; ADKAR asks each person about themselves only."""
    own = [QuestionnaireItem(name, False, _statement(name, about)) for name, about in dimensions]
    if template is e.SurveyTemplate.ADKAR:
        return tuple(own)
    estimates = [
        QuestionnaireItem(
            item.dimension,
            True,
            tr("Managers only – how your team would answer: “{statement}”").format(statement=item.statement),
        )
        for item in own
    ]
    return tuple(own + estimates)


def default_items(template: e.SurveyTemplate) -> tuple[QuestionnaireItem, ...]:
    """Gives the questions of a template's built-in dimensions (for a questionnaire without a workshop)."""
    dimensions = e.ADKAR_DIMENSIONS if template is e.SurveyTemplate.ADKAR else e.DEFAULT_DIMENSIONS
    return questionnaire_items(dimensions, template)


def workshop_items(session: Session, template: e.SurveyTemplate) -> tuple[QuestionnaireItem, ...]:
    """Gives the questions of the workshop's own readiness dimensions (ADKAR: the five elements)."""
    if template is e.SurveyTemplate.ADKAR:
        return default_items(template)
    d = e.ReadinessDimension
    rows = session.execute(
        select(d.name, d.description).where(d.template == template).order_by(d.position, d.id)
    )
    return questionnaire_items([(name, description or "") for name, description in rows], template)


def _statement(name: str, description: str) -> str:
    return tr(STATEMENTS[name]) if name in STATEMENTS else description


def header_row(items: Sequence[QuestionnaireItem]) -> list[str]:
    """Gives the CSV's one header row: Name, Team, Role, then one column per question."""
    return [tr(column) for column in IDENTITY_COLUMNS] + [item.header() for item in items]


def write_questionnaire_csv(items: Sequence[QuestionnaireItem], path: Path) -> None:
    """Gives nothing; writes the header row a form is built from (UTF-8 with a byte order mark, which
    Excel needs to show accented words)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(header_row(items))
    data = "\ufeff" + out.getvalue()
    write_atomically(path, lambda stream: stream.write(data.encode("utf-8")))
