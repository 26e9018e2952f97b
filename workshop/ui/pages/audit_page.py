"""Audit & Discovery: the inventory of current tasks with their AI candidate score, and ideas for AI."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from workshop.model.promoting import drafted_opportunity, ideas_to_promote
from workshop.model.views import AUDIT, EntityRow, entity_labels, plain_text
from workshop.rounding import rounded
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.idea_promotion import PROMOTED_TO_EXPLAINED, PromoteIdeas, PromoteIdeasDialog
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.widgets.entity_table import EntityTable, Field, TableSpec

PROMOTE_KEYS = "Ctrl+M"

SCORE_EXPLAINED = (
    "How good a candidate for AI the task is, 0-100: hours, how often, manual work, redundancy and AI "
    "potential raise it; sensitive data lowers it. Unknown values count as the middle."
)


def candidate_score_text(row: EntityRow) -> str:
    """Gives a task row's candidate score 0-100 as a whole number."""
    return rounded(candidate_score_of(row), 0)


def candidate_score_of(row: EntityRow) -> float:
    """Gives a task row's candidate score 0-100 (workshop/analysis/audit.py)."""
    # Imported when first drawn: the analysis pulls in numpy, which the window does not need to open.
    from workshop.analysis.audit import AuditTask, candidate_score

    hours = row.get("hours_per_week")
    task = AuditTask(
        title=plain_text(row.get("title")),
        team=None,
        hours_per_week=float(hours) if isinstance(hours, int | float) else None,
        frequency=plain_text(row.get("frequency")),
        manual=bool(row.get("manual")),
        redundancy=_score(row.get("redundancy")),
        ai_potential=_score(row.get("ai_potential")),
        data_sensitivity=plain_text(row.get("data_sensitivity")),
    )
    return candidate_score(task).score


def _score(value: object) -> int | None:
    return value if isinstance(value, int) else None


TASKS = TableSpec(
    entity="task",
    title="Current tasks",
    noun="task",
    label_field="title",
    fields=(
        Field("title", "Task"),
        Field("team_id", "Team"),
        Field("candidate", "Candidate score", compute=candidate_score_text, tooltip=SCORE_EXPLAINED),
        Field("frequency", "How often"),
        Field("hours_per_week", "Hours per week"),
        Field("manual", "Manual"),
        Field("redundancy", "Redundancy (1-5)"),
        Field("ai_potential", "AI potential (1-5)"),
        Field("data_sensitivity", "Data sensitivity"),
        Field("notes", "Notes"),
    ),
)

IDEAS = TableSpec(
    entity="idea",
    title="Ideas for AI",
    noun="idea",
    label_field="what",
    fields=(
        Field("what", "What"),
        Field("how", "How"),
        Field("why", "Why"),
        Field("group_name", "Group"),
        Field("team_id", "Team"),
        Field(
            "promoted_to",
            "Promoted to",
            compute=lambda row: plain_text(row.get("promoted_to")),
            tooltip=PROMOTED_TO_EXPLAINED,
        ),
    ),
)


def chosen_rows(table: EntityTable) -> list[EntityRow]:
    """Gives the rows selected in the table, in the order the table shows them."""
    shown = sorted(table.view.selectionModel().selectedRows(), key=lambda index: index.row())
    return [table.model.row_at(table.proxy.mapToSource(index).row()) for index in shown]


class AuditPage(ChartedPage):
    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(AUDIT, context, parent)
        self.add_table(TASKS)
        self.add_chart("audit_candidates")
        self.ideas = self.add_table(IDEAS)
        self.finish()
        self._add_promoting()

    # --- ideas made into opportunities ------------------------------------------------------------------

    def _add_promoting(self) -> None:
        self.promote_dialog: PromoteIdeasDialog | None = None
        # Several ideas may be chosen at once (Shift or Ctrl with the arrows or a click) to merge them.
        self.ideas.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.promote_button = QPushButton(tr("Make an opportunity…"))
        self.promote_button.setToolTip(
            tr("Make one opportunity on the Priorities page of the selected ideas ({keys})").format(
                keys=QKeySequence(PROMOTE_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.promote_button.clicked.connect(self.on_promote_clicked)
        self.ideas.buttons.insertWidget(3, self.promote_button)
        shortcut = QShortcut(QKeySequence(PROMOTE_KEYS), self.ideas, self.on_promote_clicked)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def on_promote_clicked(self) -> None:
        ideas = self.context.read(ideas_to_promote, [row.id for row in chosen_rows(self.ideas)])
        if not ideas:
            self.context.failed.emit(tr("Select one or more ideas first, then make an opportunity of them."))
            return
        taken = frozenset(label for _id, label in self.context.read(entity_labels, "opportunity"))
        dialog = PromoteIdeasDialog(
            ideas,
            drafted_opportunity(ideas),
            taken_titles=taken,
            teams=self.context.read(entity_labels, "team"),
            parent=self,
        )
        dialog.accepted.connect(lambda: self.promote([idea.id for idea in ideas], dialog.values()))
        dialog.finished.connect(lambda _result: self._forget_dialog())
        self.promote_dialog = dialog
        dialog.open()

    def _forget_dialog(self) -> None:
        self.promote_dialog = None
        self.ideas.view.setFocus()

    def promote(self, idea_ids: list[int], values: dict[str, object]) -> bool:
        """Gives whether one opportunity was made of the ideas, as one undoable change."""
        text = tr("Make an opportunity of '{title}'").format(title=values.get("title", ""))
        return self.context.perform(PromoteIdeas(self.context, text, idea_ids=idea_ids, values=values))
