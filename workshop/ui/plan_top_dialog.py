"""Plan workflows for the room's top N: the facilitator picks N, sees the opportunities in the room's order
with the owner and oversight proposed for each, and creates the drafts as one undoable change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop.findings import OwnerChoice, WorkshopFindings
from workshop.model import editing
from workshop.planning import (
    DEFAULT_TOP,
    PlannedWorkflow,
    WorkflowPlan,
    draft_values,
    draft_workflows,
    owners_by_team,
    room_places,
    workflow_plan,
)
from workshop.ui.built import built
from workshop.ui.context import Change, Session, WorkshopContext
from workshop.ui.i18n import tr
from workshop.wording import plural, word

COLUMNS = ("Place", "Opportunity", "Proposed owner", "Proposed oversight", "Note")


class DraftWorkflows(Change):
    """Adds the plan's draft workflows; undoing removes them all, redoing brings them back with their ids."""

    def __init__(self, context: WorkshopContext, plan: WorkflowPlan) -> None:
        super().__init__(context, tr("Plan workflows for the room's top {count}").format(count=plan.asked))
        self.plan = plan
        self.rows: list[dict[str, Any]] | None = None
        self.ids: tuple[int, ...] = ()

    def apply(self, session: Session) -> None:
        if self.rows is None:
            self.rows = [dict(values) for values in draft_values(session, self.plan)]
        rows = (
            self.rows if not self.ids else [{**v, "id": i} for v, i in zip(self.rows, self.ids, strict=True)]
        )
        self.ids = draft_workflows(session, rows)

    def revert(self, session: Session) -> None:
        for row_id in self.ids:
            editing.delete_row(session, entity="workflow", row_id=row_id)


def can_plan(findings: WorkshopFindings | None) -> bool:
    """Gives whether a revealed ranking orders the room's priorities, so the top N can be planned."""
    return findings is not None and bool(room_places(findings))


def offer_plan(button: QPushButton, findings: WorkshopFindings | None) -> None:
    """Enables the page's "Plan workflows for the top N…" button once a revealed ranking orders the room,
    its tooltip saying why not before."""
    ready = can_plan(findings)
    button.setEnabled(ready)
    button.setToolTip(
        tr("Draft workflows for the room's top opportunities of round '{round}', in the room's order").format(
            round=findings.ranking_round if findings else ""
        )
        if ready
        else tr("Reveal a ranking round first (Priorities page): the room's order decides the top N")
    )


def open_plan(parent: QWidget, context: WorkshopContext, findings: WorkshopFindings | None) -> None:
    """Opens the planning dialog over the page, when there is a room's order to plan from."""
    if findings is not None and can_plan(findings):
        PlanTopDialog(context, findings, parent).exec()


class PlanTopDialog(QDialog):
    """N, the top N in the room's order with what is proposed for each, and a button that drafts them."""

    def __init__(
        self, context: WorkshopContext, findings: WorkshopFindings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.findings = findings
        self.owners: dict[str | None, tuple[OwnerChoice, ...]] = context.read(owners_by_team)
        self.setWindowTitle(tr("Plan workflows for the top N"))
        ranked = len(room_places(findings))
        self.top = built(QSpinBox(), minimum=1, maximum=max(ranked, 1), accessibleName=tr("How many"))
        self.top.setValue(min(DEFAULT_TOP, ranked))
        self.top.valueChanged.connect(lambda _n: self.show_plan())
        self.intro = built(QLabel(), wordWrap=True)
        self.tie_note = built(QLabel(), wordWrap=True)
        self.table = self._table()
        self.summary = built(QLabel(), wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.on_create_clicked)
        self.buttons.rejected.connect(self.reject)
        choice = QHBoxLayout()
        asked = built(QLabel(tr("Plan workflows for the top")), buddy=self.top)
        for part in (asked, self.top, QLabel(tr("opportunities of the room's order"))):
            choice.addWidget(part)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(choice)
        for widget in (self.tie_note, self.table, self.summary, self.buttons):
            layout.addWidget(widget)
        self.plan: WorkflowPlan | None = None
        self.show_plan()
        self.resize(1100, 520)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels([tr(text) for text in COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        return table

    def show_plan(self) -> None:
        """Shows the plan for the N chosen: the rows, the tie at the edge, what OK will create."""
        self.plan = workflow_plan(self.findings, self.owners, self.top.value())
        plan = self.plan
        if plan is None:
            return
        self.intro.setText(
            tr(
                "The room's order from the ranking round '{round}' (Borda consensus). Each draft starts with "
                "the least oversight the rule asks; change anything afterwards on the Workflows page."
            ).format(round=plan.round)
        )
        self.tie_note.setVisible(plan.tie_at_edge)
        self.tie_note.setText(self._tie_sentence(plan))
        self.table.setRowCount(len(plan.rows))
        for row_number, row in enumerate(plan.rows):
            self._fill(row_number, row)
        self.table.resizeRowsToContents()
        count = len(plan.drafts)
        self.summary.setText(self._summary(plan))
        self.create_button.setText(
            plural(count, "Create %n draft workflow", "Create %n draft workflows")
            if count
            else tr("Nothing to create")
        )
        self.create_button.setEnabled(count > 0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the notes wrap to the widths the columns have once shown

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def _tie_sentence(self, plan: WorkflowPlan) -> str:
        if not plan.tie_at_edge:
            return ""
        last = plan.rows[-1].place
        tied = [row.opportunity for row in plan.rows if row.place == last]
        names = tr("{first} and {last}").format(first=", ".join(tied[:-1]), last=tied[-1])
        return tr(
            "{names} are tied at place {place}: the whole tie is included, so {count} opportunities are "
            "planned instead of {asked}."
        ).format(names=names, place=last, count=len(plan.rows), asked=plan.asked)

    def _summary(self, plan: WorkflowPlan) -> str:
        skipped = len(plan.rows) - len(plan.drafts)
        parts = [
            plural(
                len(plan.drafts), "%n draft workflow will be created", "%n draft workflows will be created"
            )
        ]
        if skipped:
            parts.append(
                plural(
                    skipped,
                    "%n already has a workflow and is skipped",
                    "%n already have a workflow and are skipped",
                )
            )
        return " – ".join(parts) + "."

    def _fill(self, row_number: int, row: PlannedWorkflow) -> None:
        place = str(row.place) + (" " + tr("(tied)") if row.tied else "")
        owner = row.owner and f"{row.owner} ({word(row.owner_stance)})"
        cells = (place, row.opportunity, owner, word(row.oversight.value), self._note(row))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.table.setItem(row_number, column, item)
        reasons = self.table.item(row_number, 3)
        assert reasons is not None
        reasons.setToolTip("\n".join(row.reasons))

    def _note(self, row: PlannedWorkflow) -> str:
        if row.already_planned:
            return tr("Already has a workflow – skipped")
        notes = []
        if row.team is None:
            notes.append(tr("No team owns it – owner left blank"))
        elif not row.owner:
            notes.append(tr("No one of team {team} to propose – owner left blank").format(team=row.team))
        notes.append(tr("Oversight: {reasons}").format(reasons="; ".join(row.reasons)))
        return "\n".join(notes)

    def on_create_clicked(self) -> bool:
        """Gives whether the drafts were created, as one change the facilitator can undo."""
        if self.plan is None or not self.plan.drafts:
            return False
        saved = self.context.perform(DraftWorkflows(self.context, self.plan))
        if saved:
            self.accept()
        return saved
