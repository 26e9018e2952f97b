"""ADKAR on the Readiness page: per team a sentence on its barrier, the chart of element means and a table.

This is the facilitator's view and shows without any reveal; teams under the privacy floor are withheld
here too, as in the PDF. The open person's own barrier point is said under their form (`person_barrier`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop.analysis.adkar import ELEMENTS, barrier_point, team_sentence
from workshop.charts.adkar import adkar_columns, team_cells
from workshop.model import entities as e
from workshop.model import survey
from workshop.model.errors import WorkshopError
from workshop.model.views import TableView
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import fit_rows, numbers_table
from workshop.ui.widgets.chart_canvas import ChartCanvas
from workshop.wording import fixed, word

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

TITLE = "ADKAR barrier points"
TABLE = "ADKAR per team"
NO_ROUND = (
    "No ADKAR answers yet. Add a survey round with the template ADKAR to ask each person about Awareness, "
    "Desire, Knowledge, Ability and Reinforcement; their barrier points show here."
)
KEY = (
    "A person's barrier point is the first element they score 3 or below. A team's barrier is named only "
    "where more of its people stop than chance gives; teams with fewer than 3 people answering are withheld."
)


# The templates a survey round can ask, as the round table's Template column shows and explains them.
TEMPLATES = {
    fixed("readiness"): "The five readiness dimensions; managers also estimate for their team.",
    fixed("ADKAR"): "Prosci's ADKAR: Awareness, Desire, Knowledge, Ability, Reinforcement – each person "
    "about themselves; shows where each team's change stalls.",
}


def person_barrier(
    questions: tuple[survey.Question, ...], answers: dict[tuple[int, bool], int | None]
) -> str:
    """Gives the open person's barrier point in words, from the answers on their ADKAR form."""
    scores = {q.dimension: answers.get((q.dimension_id, False)) for q in questions}
    found = barrier_point([scores.get(element) for element in ELEMENTS])
    if found is None:
        return tr("Barrier point: none found among the answered elements (each is above 3).")
    return tr("Barrier point: {element} (the first element scored 3 or below).").format(element=word(found))


class AdkarPanel(QWidget):
    """The heading, one sentence per team, the chart and the table; without an ADKAR round, a sentence
    saying how to start one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adkarPanel")
        self.heading = page_label(tr(TITLE), name="tableTitle", scale=1.2, bold=True)
        self.key = page_label(tr(KEY), name="adkarKey")
        self.said = page_label(tr(NO_ROUND), name="adkarSaid")
        self.chart = ChartCanvas("adkar")
        self.view, self.model = numbers_table(TABLE, tuple(tr(c) for c in adkar_columns()), rows=1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        for widget in (self.heading, self.key, self.said, self.chart, self.view):
            layout.addWidget(widget)
        self._show_results(False)

    def show_findings(self, findings: WorkshopFindings) -> None:
        """Shows the latest ADKAR round's teams, or the sentence on how to start one."""
        held = findings.adkar_round is not None and bool(findings.adkar)
        self._show_results(held)
        if not held:
            self.said.setText(tr(NO_ROUND))
            return
        self.said.setText("\n".join(team_sentence(team) for team in findings.adkar))
        rows = tuple(team_cells(team) for team in findings.adkar)
        self.model.set_table(TableView(tr(TABLE), self.model.table.columns, rows, ""))
        fit_rows(self.view, len(rows))
        self.chart.show_findings(findings)

    def rows(self) -> list[list[str]]:
        """Gives the table's rows as they read on screen."""
        return [list(row) for row in self.model.table.rows]

    def _show_results(self, shown: bool) -> None:
        for widget in (self.key, self.chart, self.view):
            widget.setVisible(shown)


def form_questions(
    context: WorkshopContext, round_id: int, is_manager: bool, initiator: object
) -> tuple[e.SurveyTemplate, tuple[survey.Question, ...], str | None]:
    """Gives the round's template, the questions its form asks and what stops the form (None when nothing).

    The ADKAR elements are stored the first time an ADKAR round's form opens (one write), so its answers
    have elements to belong to; a dimension already holding an element's name stops the form with why."""
    template = context.read(survey.round_template, round_id)
    if template is e.SurveyTemplate.ADKAR and not context.read(survey.template_held, template):
        try:
            context.write(survey.template_dimensions, initiator=initiator, template=template)
        except WorkshopError as error:
            return template, (), str(error)
    questions = context.read(lambda s: survey.questions(s, is_manager=is_manager, template=template))
    return template, questions, None
