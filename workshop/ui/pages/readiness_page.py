"""Readiness: survey rounds and dimensions, fast keyboard entry of answers, counts per team, and the charts.

A facilitator typing in paper forms sees only the form of the person open now; other people's answers
appear only as counts per team, and in the charts as team means (small groups withheld).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from workshop.model import entities as e
from workshop.model import survey
from workshop.model.views import READINESS, TableView, entity_labels, plain_text
from workshop.ui.context import Change, Session, WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.adkar_panel import TEMPLATES, AdkarPanel, form_questions, person_barrier
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import fit_rows, numbers_table
from workshop.ui.pages.readiness_trend import ReadinessTrendPanel
from workshop.ui.widgets.entity_table import Field, TableSpec
from workshop.wording import word

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

ROUNDS = TableSpec(
    entity="survey_round",
    title="Survey rounds",
    noun="round",
    label_field="name",
    fields=(
        Field("name", "Round"),
        Field("template", "Template", tooltips=TEMPLATES),
        Field("held_on", "Held on (YYYY-MM-DD)"),
        Field(
            "answered_by",
            "People answered",
            compute=lambda row: plain_text(row.get("answered_by")),
            comes_from=(
                "Counts the people with answers in the round; enter them below or import a survey "
                "(File > Import)"
            ),
        ),
        Field(
            "imported_from",
            "Answers from",
            compute=lambda row: plain_text(row.get("imported_from")) or tr("typed in here"),
            tooltip="The survey export the answers were imported from (File > Import > Survey Answers)",
        ),
    ),
)
DIMENSIONS = TableSpec(
    entity="readiness_dimension",
    title="Dimensions",
    noun="dimension",
    label_field="name",
    fields=(
        Field("name", "Dimension"),
        Field("description", "What it asks about"),
        # Which rounds ask it; fixed, since moving a dimension between templates would mix their answers.
        Field("template", "Asked in", compute=lambda row: word(str(row.get("template"))), tooltips=TEMPLATES),
    ),
)
SKIP_KEYS = {Qt.Key.Key_0, Qt.Key.Key_S, Qt.Key.Key_Space}
SCORE_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}
ENTRY_HELP = (
    "Type 1-5 for a score, 0, S or Space to mark it skipped, Backspace to clear it. Each answer is saved "
    "at once and the next question comes up; after the last one, the next person."
)


def answer_text(answer: survey.Stored) -> str:
    if answer is None:
        return "-"
    return tr("skipped") if answer[0] == "skipped" else str(answer[1])


class SetAnswer(Change):
    """Stores one survey answer (or removes it); undoing puts back what was there before."""

    def __init__(
        self,
        context: WorkshopContext,
        *,
        round_id: int,
        person: int,
        question: survey.Question,
        answer: survey.Stored,
    ) -> None:
        what = (
            tr("Survey estimate for the team: {dimension}")
            if question.is_team_estimate
            else tr("Survey answer: {dimension}")
        )
        super().__init__(context, what.format(dimension=question.dimension))
        self.where: dict[str, Any] = {"round_id": round_id, "participant_id": person, "question": question}
        self.answer = answer
        self.before: survey.Stored = None

    def apply(self, session: Session) -> None:
        self.before = survey.set_answer(session, **self.where, answer=self.answer)

    def revert(self, session: Session) -> None:
        survey.set_answer(session, **self.where, answer=self.before)


class ScoreField(QFrame):
    """One question's answer box: takes a digit, a skip key or Backspace, and says which it was."""

    answered = Signal(object)  # survey.Stored

    def __init__(self, question: survey.Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("scoreField")
        self.setAccessibleName(
            tr("{dimension} (estimate for the team)").format(dimension=question.dimension)
            if question.is_team_estimate
            else question.dimension
        )
        self.value = QLabel("-")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value.setMinimumWidth(self.fontMetrics().horizontalAdvance(tr("skipped")) + 24)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.value)

    def show_answer(self, answer: survey.Stored) -> None:
        self.value.setText(answer_text(answer))

    def text(self) -> str:
        return self.value.text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in SCORE_KEYS:
            self.answered.emit(("score", SCORE_KEYS[key]))
        elif key in SKIP_KEYS:
            self.answered.emit(("skipped", None))
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.answered.emit(None)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet("#scoreField { border: 2px solid #2a6fdb; background: #e8f0fe; color: #000000; }")
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet("")
        super().focusOutEvent(event)


class ReadinessPage(ChartedPage):
    """Rounds, dimensions, the open person's form, answers counted per team, readiness charts."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(READINESS, context, parent)
        self.add_table(ROUNDS)
        self.add_table(DIMENSIONS)
        self.rounds = QComboBox()
        self.rounds.setAccessibleName(tr("Survey round"))
        self.people = QComboBox()
        self.people.setEditable(True)
        self.people.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.people.setAccessibleName(tr("Whose form"))
        completer = self.people.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.form = QGridLayout()
        self.fields: list[ScoreField] = []
        self.counts_view, self.counts = numbers_table(
            "Answers per team", ("Team", "People who answered", "Answers about themselves", "Team estimates")
        )
        self._respondents: tuple[survey.Respondent, ...] = ()
        self._build()
        self.rounds.currentIndexChanged.connect(self.on_round_changed)
        self.people.currentIndexChanged.connect(self.on_person_changed)

    def _build(self) -> None:
        self.body.addWidget(page_label(tr("Enter answers"), name="tableTitle", scale=1.2, bold=True))
        self.body.addWidget(page_label(tr(ENTRY_HELP), name="entryHelp"))
        choosers = QHBoxLayout()
        choosers.addWidget(page_label(tr("Round:"), name="roundLabel"))
        choosers.addWidget(self.rounds, 1)
        choosers.addSpacing(16)
        choosers.addWidget(page_label(tr("Person:"), name="personLabel"))
        choosers.addWidget(self.people, 2)
        self.body.addLayout(choosers)
        self.form_box = QWidget()
        self.form_box.setLayout(self.form)
        self.body.addWidget(self.form_box)
        self.body.addWidget(page_label(tr("Answers per team"), name="tableTitle", scale=1.2, bold=True))
        self.body.addWidget(self.counts_view)
        self.add_chart("readiness")
        self.add_chart("perception_gap")
        self.adkar = AdkarPanel()
        self.body.addWidget(self.adkar)
        self.trend = ReadinessTrendPanel()
        self.body.addWidget(self.trend)
        self.finish()

    # --- what is open -----------------------------------------------------------------------------------

    def round_id(self) -> int | None:
        data = self.rounds.currentData()
        return None if data is None else int(data)

    def person(self) -> survey.Respondent | None:
        index = self.people.currentIndex()
        return self._respondents[index] if 0 <= index < len(self._respondents) else None

    def choose_round(self, name: str) -> None:
        self.rounds.setCurrentIndex(self.rounds.findText(name))

    def choose_person(self, name: str) -> None:
        self.people.setCurrentIndex(next(i for i, r in enumerate(self._respondents) if r.name == name))

    def show_findings(self, findings: WorkshopFindings) -> None:
        super().show_findings(findings)
        self.trend.show_findings(findings)
        self.adkar.show_findings(findings)

    def refresh(self) -> None:
        super().refresh()
        self._fill_choosers()
        self._show_form()
        self._show_counts()

    def _fill_choosers(self) -> None:
        current_round, current_person = self.rounds.currentText(), self.people.currentIndex()
        rounds = self.context.read(entity_labels, "survey_round")
        self._respondents = self.context.read(survey.respondents)
        for combo in (self.rounds, self.people):
            combo.blockSignals(True)
            combo.clear()
        for round_id, name in rounds:
            self.rounds.addItem(name, round_id)
        for respondent in self._respondents:
            shown = tr("{name} (manager, {team})") if respondent.is_manager else tr("{name} ({team})")
            self.people.addItem(shown.format(name=respondent.name, team=respondent.team))
        self.rounds.setCurrentIndex(max(self.rounds.findText(current_round), 0 if rounds else -1))
        self.people.setCurrentIndex(min(max(current_person, 0), len(self._respondents) - 1))
        for combo in (self.rounds, self.people):
            combo.blockSignals(False)

    def _show_form(self) -> None:
        person, round_id = self.person(), self.round_id()
        # Asked before the old form goes: storing the ADKAR elements on first use refreshes the page, which
        # builds a form of its own; this one then takes its place instead of adding to it.
        asked = (
            None
            if person is None or round_id is None
            else form_questions(self.context, round_id, person.is_manager, self)
        )
        for field in self.fields:
            # Hidden, not unparented: a field without a parent is a window of its own, and the one that
            # had the keyboard took the window's focus with it, so the next answer typed went nowhere.
            field.hide()
            field.deleteLater()
        while self.form.count():
            item = self.form.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.fields = []
        if person is None or round_id is None or asked is None:
            self.form.addWidget(
                page_label(tr("Add a survey round and participants to enter answers."), name="empty")
            )
            return
        template, questions, problem = asked
        if problem:
            self.form.addWidget(page_label(problem, name="empty"))
            return
        answers = self.context.read(
            lambda s: survey.answers_of(s, round_id=round_id, participant_id=person.id)
        )
        for row, question in enumerate(questions):
            self._add_question(row, question, answers)
        if template is e.SurveyTemplate.ADKAR:
            said = page_label(person_barrier(questions, answers), name="personBarrier")
            self.form.addWidget(said, len(questions), 0, 1, 3)

    def _add_question(
        self, row: int, question: survey.Question, answers: dict[tuple[int, bool], int | None]
    ) -> None:
        field = ScoreField(question)
        key = (question.dimension_id, question.is_team_estimate)
        field.show_answer(
            None
            if key not in answers
            else (("skipped", None) if answers[key] is None else ("score", answers[key]))
        )
        field.answered.connect(lambda answer, f=field: self.on_answered(f, answer))
        about = tr("Estimate for the team: {dimension}") if question.is_team_estimate else "{dimension}"
        self.form.addWidget(page_label(about.format(dimension=question.dimension), name="question"), row, 0)
        self.form.addWidget(field, row, 1)
        self.form.setColumnStretch(0, 1)
        self.form.setColumnStretch(2, 2)
        field.show()  # shown now, not at the next pass of the event loop, so it can take the focus at once
        self.fields.append(field)

    def _show_counts(self) -> None:
        round_id = self.round_id()
        counts = (
            () if round_id is None else self.context.read(lambda s: survey.team_counts(s, round_id=round_id))
        )
        rows = tuple((c.team, str(c.people), str(c.own_answers), str(c.estimates)) for c in counts)
        table = self.counts.table
        self.counts.set_table(TableView(table.title, table.columns, rows, tr("No answers yet.")))
        fit_rows(self.counts_view, len(rows))

    # --- entry ------------------------------------------------------------------------------------------

    def answer(self, field: ScoreField, answer: survey.Stored) -> bool:
        """Gives whether the answer was saved (one undoable change), then moves on to the next question."""
        person, round_id = self.person(), self.round_id()
        assert person is not None and round_id is not None
        index = self.fields.index(field)
        change = SetAnswer(
            self.context, round_id=round_id, person=person.id, question=field.question, answer=answer
        )
        if not self.context.perform(change):
            return False
        if answer is None:
            self.fields[index].setFocus()
        elif index + 1 < len(self.fields):
            self.fields[index + 1].setFocus()
        else:
            self._next_person()
        return True

    def _next_person(self) -> None:
        if self.people.currentIndex() + 1 < self.people.count():
            self.people.setCurrentIndex(self.people.currentIndex() + 1)
        if self.fields:
            self.fields[0].setFocus()

    def on_answered(self, field: ScoreField, answer: survey.Stored) -> None:
        # The page refreshes on every change and rebuilds its form; remember where the focus goes.
        self.answer(field, answer)

    def on_round_changed(self, _index: int) -> None:
        self._show_form()
        self._show_counts()
        self.remeasure()

    def on_person_changed(self, _index: int) -> None:
        self._show_form()
        self.remeasure()
