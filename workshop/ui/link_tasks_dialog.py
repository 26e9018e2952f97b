"""Link audit tasks to opportunities: the likeliest tasks first, a filter, and several opportunities at once.

The tasks of the teams the opportunity came from (its own team and the teams of the ideas it was made of)
come first, then the rest by candidate score (workshop/analysis/audit.py), best first. The ticked tasks are
linked to every ticked opportunity in one undoable change: the opportunity the dialog was opened on gets
exactly the ticked tasks; the others keep their links and gain the ticked ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop.model import editing
from workshop.model.promoting import teams_of_ideas
from workshop.model.views import EntityRow, entity_labels, entity_rows, linked_task_ids, plain_text
from workshop.rounding import rounded
from workshop.ui.built import built
from workshop.ui.context import Change, Session, WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.audit_page import SCORE_EXPLAINED, candidate_score_of

ID_ROLE = Qt.ItemDataRole.UserRole
TASK, TEAM, SCORE = range(3)


@dataclass(frozen=True)
class TaskChoice:
    """An audit task as the dialog lists it: its team, its candidate score, and whether it comes first."""

    id: int
    title: str
    team: str
    score: float
    suggested: bool


def task_choices(context: WorkshopContext, opportunity_id: int) -> list[TaskChoice]:
    """Gives the audit tasks in the order to offer them for the opportunity: its teams' tasks first, then
    the best candidates, the title breaking ties."""
    favoured = context.read(teams_of_ideas, opportunity_id)
    teams = dict(context.read(entity_labels, "team"))
    choices = [
        TaskChoice(
            id=row.id,
            title=plain_text(row.get("title")),
            team=teams.get(_team_id(row), ""),
            score=candidate_score_of(row),
            suggested=row.get("team_id") in favoured,
        )
        for row in context.read(entity_rows, "task")
    ]
    return sorted(choices, key=lambda c: (not c.suggested, -c.score, c.title.casefold()))


def _team_id(row: EntityRow) -> int:
    team_id = row.get("team_id")
    return team_id if isinstance(team_id, int) else -1  # -1: no team


class LinkTasksOfMany(Change):
    """Links opportunities to sets of tasks in one step; undoing gives each its links back."""

    def __init__(self, context: WorkshopContext, text: str, *, links: Mapping[int, set[int]]) -> None:
        super().__init__(context, text)
        self.links = {owner: set(targets) for owner, targets in links.items()}
        self.before: dict[int, set[int]] = {}

    def _set(self, session: Session, links: Mapping[int, set[int]]) -> dict[int, set[int]]:
        return {
            owner: editing.set_links(
                session,
                link_table="opportunity_task",
                owner_field="opportunity_id",
                owner_id=owner,
                target_field="task_id",
                targets=targets,
            )
            for owner, targets in links.items()
        }

    def apply(self, session: Session) -> None:
        self.before = self._set(session, self.links)

    def revert(self, session: Session) -> None:
        self._set(session, self.before)


def links_after(
    session: Session, *, opened_on: int, opportunities: Iterable[int], tasks: set[int]
) -> dict[int, set[int]]:
    """Gives each ticked opportunity's links after the pass: exactly the ticked tasks for the one the
    dialog was opened on, its links and the ticked tasks for the others."""
    return {
        owner: set(tasks) if owner == opened_on else set(linked_task_ids(session, owner)) | tasks
        for owner in opportunities
    }


class LinkTasksDialog(QDialog):
    """The audit tasks to tick (suggested first, with team and score, narrowed by a filter) and the
    opportunities to link them to (the one it was opened on ticked)."""

    def __init__(
        self,
        title: str,
        tasks: Sequence[TaskChoice],
        linked: frozenset[int],
        *,
        opportunities: Sequence[tuple[int, str]] = (),
        opened_on: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Tasks linked to '{opportunity}'").format(opportunity=title))
        self.filter_box = built(
            QLineEdit(),
            placeholderText=tr("Filter by task or team…"),
            clearButtonEnabled=True,
            accessibleName=tr("Filter the tasks"),
        )
        self.tasks = built(QTreeWidget(), rootIsDecorated=False, accessibleName=tr("Audit tasks"))
        self.tasks.setHeaderLabels([tr("Task"), tr("Team"), tr("Candidate score")])
        self.tasks.headerItem().setToolTip(SCORE, tr(SCORE_EXPLAINED))
        for task in tasks:
            self.tasks.addTopLevelItem(self._task_item(task, task.id in linked))
        header = self.tasks.header()
        header.setSectionResizeMode(TASK, QHeaderView.ResizeMode.Stretch)
        for column in (TEAM, SCORE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.opportunities = built(QListWidget(), accessibleName=tr("Opportunities to link"))
        for opportunity_id, name in opportunities:
            self.opportunities.addItem(_ticked_item(name, opportunity_id, opportunity_id == opened_on))
        self.filter_box.textChanged.connect(self.on_filter_changed)
        self._lay_out(any(task.suggested for task in tasks), bool(opportunities))

    def _task_item(self, task: TaskChoice, ticked: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([task.title, task.team, rounded(task.score, 0)])
        item.setData(TASK, ID_ROLE, task.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(TASK, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        item.setTextAlignment(SCORE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if task.suggested:
            item.setToolTip(TASK, tr("Suggested: a task of the opportunity's team or of its ideas' teams"))
        return item

    def _lay_out(self, suggesting: bool, several: bool) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        order = (
            tr(
                "The tasks of the opportunity's team and of its ideas' teams come first, then the best AI "
                "candidates."
            )
            if suggesting
            else tr("The best AI candidates come first.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(built(QLabel(order), wordWrap=True))
        layout.addWidget(self.filter_box)
        layout.addWidget(self.tasks, 3)
        if several:
            layout.addWidget(
                built(QLabel(tr("Link the ticked tasks to these opportunities:")), wordWrap=True)
            )
            layout.addWidget(self.opportunities, 2)
        layout.addWidget(buttons)
        self.resize(720, 600)

    def on_filter_changed(self, text: str) -> None:
        wanted = text.strip().casefold()
        for item in self._task_items():
            shown = f"{item.text(TASK)}\n{item.text(TEAM)}".casefold()
            item.setHidden(bool(wanted) and wanted not in shown)

    def _task_items(self) -> list[QTreeWidgetItem]:
        items = (self.tasks.topLevelItem(row) for row in range(self.tasks.topLevelItemCount()))
        return [item for item in items if item is not None]

    def shown_titles(self) -> list[str]:
        """Gives the titles of the tasks the list shows now, top to bottom."""
        return [item.text(TASK) for item in self._task_items() if not item.isHidden()]

    def tick(self, title: str, ticked: bool = True) -> None:
        """Ticks (or unticks) the task of that title."""
        for item in self._task_items():
            if item.text(TASK) == title:
                item.setCheckState(TASK, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def tick_opportunity(self, name: str, ticked: bool = True) -> None:
        """Ticks (or unticks) the opportunity of that name among those to link."""
        for item in self.opportunities.findItems(name, Qt.MatchFlag.MatchExactly):
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen(self) -> set[int]:
        """Gives the ids of the ticked tasks, shown or filtered out."""
        return {
            int(item.data(TASK, ID_ROLE))
            for item in self._task_items()
            if item.checkState(TASK) == Qt.CheckState.Checked
        }

    def chosen_opportunities(self) -> list[int]:
        """Gives the ids of the ticked opportunities."""
        items = (self.opportunities.item(row) for row in range(self.opportunities.count()))
        return [int(i.data(ID_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked]


def _ticked_item(text: str, row_id: int, ticked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(ID_ROLE, row_id)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
    return item
