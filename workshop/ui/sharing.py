"""Bringing rooms together: merge other workshop files into this one, or connect to a shared server.

Merging asks the facilitator about every near-duplicate name and every conflicting ballot before anything
is written; the merge itself is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workshop.model.errors import WorkshopError
from workshop.model.store import open_workshop
from workshop.ui.built import built
from workshop.ui.context import WorkshopContext
from workshop.ui.file_tools import FileTools
from workshop.ui.i18n import tr
from workshop.ui.tasks import Task

if TYPE_CHECKING:  # merging loads when a facilitator first merges, not while the window starts
    from workshop.model.merging import MergePlan, NearDuplicate, Prefer


class MergeQuestions(QDialog):
    """Asks which near-duplicate names are the same person or item, and which side wins a conflict."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Merge workshops"))
        self.plan = plan
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                tr("Brings in: {what}").format(what=", ".join(plan.added_lines()) or tr("nothing new")),
                wordWrap=True,
            )
        )
        self.same = built(QListWidget(), accessibleName=tr("Names that are the same"))
        if plan.near_duplicates:
            layout.addWidget(
                QLabel(tr("These names differ only in case, accents or spaces. Ticked ones are merged:"))
            )
            for near in plan.near_duplicates:
                row = QListWidgetItem(near.line())
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Checked)
                self.same.addItem(row)
            layout.addWidget(self.same)
        self.sides = QButtonGroup(self)
        if plan.conflicts:
            layout.addWidget(
                QLabel(tr("These ballots, answers or items differ between the two files:"), wordWrap=True)
            )
            layout.addWidget(QLabel("\n".join(c.line() for c in plan.conflicts), wordWrap=True))
            for side, text in (
                ("target", "Keep what this workshop has"),
                ("source", "Take the other file's"),
            ):
                button = built(QRadioButton(tr(text)), objectName=side)
                self.sides.addButton(button)
                layout.addWidget(button)
            self.sides.buttons()[0].setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)  # a taller dialog keeps the questions together above the buttons
        layout.addWidget(buttons)

    def kept_apart(self) -> list[NearDuplicate]:
        rows = (self.same.item(i) for i in range(self.same.count()))
        return [
            near
            for near, row in zip(self.plan.near_duplicates, rows, strict=True)
            if row.checkState() != Qt.CheckState.Checked
        ]

    def preferred(self) -> Prefer | None:
        chosen = self.sides.checkedButton()
        if chosen is None:
            return None
        return "source" if chosen.objectName() == "source" else "target"


class SharingTools(QObject):
    """Adds File > Merge Workshops... and File > Connect to a Shared Workshop... to a main window."""

    merged = Signal(object)  # what a merge brought in (MergePlan), or None when nothing was merged

    def __init__(self, window: QMainWindow, context: WorkshopContext, files: FileTools) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        actions = []
        for text, slot in (
            (tr("&Merge Workshops..."), self.on_merge_triggered),
            (tr("Connect to a Shared &Workshop..."), self.on_connect_triggered),
        ):
            action = QAction(text, window)
            action.triggered.connect(slot)
            actions.append(action)
        files.add_actions(actions)

    def on_merge_triggered(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self.window, tr("Merge workshops into this one"), "", tr("Workshops (*.workshop)")
        )
        if chosen:
            self.merge([Path(p) for p in chosen])

    def merge(self, sources: Sequence[Path]) -> Task:
        """Gives the started merge: the sources are read on the store's worker, the facilitator is asked
        about near-duplicates and conflicts, then the merge writes there too; `merged` tells how it ended
        (what was merged, or None when it was refused or cancelled)."""
        from workshop.model.merging import plan_merge

        store = self.context.store
        return self.context.in_background(
            self.window,
            tr("Merge workshops"),
            lambda _report: plan_merge(store, sources),
            on_result=lambda plan: self._ask_and_merge(plan, sources),
            on_error=self._refused,
        )

    def _ask_and_merge(self, plan: MergePlan, sources: Sequence[Path]) -> None:
        from workshop.model.merging import merge_workshops

        keep_apart: list[NearDuplicate] = []
        prefer: Prefer | None = None
        if plan.near_duplicates or plan.conflicts:
            questions = MergeQuestions(plan, self.window)
            if questions.exec() != QDialog.DialogCode.Accepted:
                self.merged.emit(None)
                return
            keep_apart, prefer = questions.kept_apart(), questions.preferred()
        store = self.context.store
        self.context.in_background(
            self.window,
            tr("Merge workshops"),
            lambda _report: merge_workshops(store, sources, keep_apart=keep_apart, prefer=prefer),
            holding=tr("a merge is running; try again when it has finished."),
            on_result=self._done,
            on_error=self._refused,
        )

    def _done(self, done: MergePlan) -> None:
        QMessageBox.information(
            self.window,
            tr("Merge workshops"),
            tr("Merged: {what}").format(what=", ".join(done.added_lines()) or tr("nothing new")),
        )
        self.merged.emit(done)

    def _refused(self, reason: str) -> None:
        QMessageBox.warning(
            self.window, tr("Merge workshops"), tr("Nothing was merged: {reason}").format(reason=reason)
        )
        self.merged.emit(None)

    def on_connect_triggered(self) -> None:
        url, ok = QInputDialog.getText(
            self.window,
            tr("Connect to a shared workshop"),
            tr("Address of the shared workshop, e.g. postgresql://facilitator@192.168.1.20/room:"),
        )
        if ok and url.strip():
            self.connect_to(url.strip())

    def connect_to(self, url: str) -> bool:
        """Gives whether the window now shows the shared workshop at `url`."""
        try:
            store = open_workshop(url)
        except WorkshopError as error:
            QMessageBox.warning(self.window, tr("Connect to a shared workshop"), str(error))
            return False
        self.context.replace(store)
        return True
