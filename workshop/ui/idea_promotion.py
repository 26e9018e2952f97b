"""Make an opportunity of the chosen ideas: a form filled in from what they say, and the undoable change.

An idea already made into another opportunity is moved into the new one: the form says so before the
facilitator creates it, and undoing puts the idea back where it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workshop.model.promoting import DraftOpportunity, IdeaToPromote, Promotion, promote, unpromote
from workshop.model.views import NO_TEAM
from workshop.ui.built import built
from workshop.ui.context import Change, Session, WorkshopContext
from workshop.ui.i18n import tr
from workshop.wording import plural

PROMOTED_TO_EXPLAINED = (
    "The opportunity this idea was made into with 'Make an opportunity…'; "
    "it changes when the idea is made into another one, or the opportunity is deleted."
)


class PromoteIdeas(Change):
    """Makes one opportunity of the ideas; redoing makes it again with the same id."""

    def __init__(
        self, context: WorkshopContext, text: str, *, idea_ids: Sequence[int], values: dict[str, Any]
    ) -> None:
        super().__init__(context, text)
        self.idea_ids = tuple(idea_ids)
        self.values = dict(values)
        self.promotion: Promotion | None = None

    def apply(self, session: Session) -> None:
        again = self.promotion.opportunity_id if self.promotion is not None else None
        self.promotion = promote(session, idea_ids=self.idea_ids, values=self.values, opportunity_id=again)

    def revert(self, session: Session) -> None:
        assert self.promotion is not None
        unpromote(session, self.promotion)


def _text_box(text: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # Tab walks on to the next field, as in every other form
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 5 + 12)
    return box


class PromoteIdeasDialog(QDialog):
    """The new opportunity's title, description, team and benefit, filled in from the ideas; Enter creates it
    unless the title is empty or taken, which a line under the title says."""

    def __init__(
        self,
        ideas: Sequence[IdeaToPromote],
        draft: DraftOpportunity,
        *,
        taken_titles: frozenset[str],
        teams: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ideas = tuple(ideas)
        self.taken_titles = taken_titles
        self.setWindowTitle(tr("Make an opportunity"))
        self.title = built(QLineEdit(draft.title), accessibleName=tr("Title"))
        self.description = built(_text_box(draft.description), accessibleName=tr("Description"))
        self.benefit = built(_text_box(draft.expected_benefit), accessibleName=tr("Expected benefit"))
        self.team = built(QComboBox(), accessibleName=tr("Team"))
        self.team.addItem(tr(NO_TEAM), None)
        for team_id, name in teams:
            self.team.addItem(name, team_id)
        self.team.setCurrentIndex(max(0, self.team.findData(draft.team_id)))
        self.problem = built(QLabel(), objectName="formProblem", wordWrap=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(tr("Create opportunity"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self.on_title_changed)
        self._lay_out()
        self.on_title_changed(self.title.text())
        self.title.selectAll()
        self.title.setFocus()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("Title"), self.title)
        form.addRow("", self.problem)
        form.addRow(tr("Description"), self.description)
        form.addRow(tr("Team"), self.team)
        form.addRow(tr("Expected benefit"), self.benefit)
        layout = QVBoxLayout(self)
        for line in (self.from_ideas_line(), self.moved_line()):
            if line:
                layout.addWidget(built(QLabel(line), wordWrap=True, textFormat=Qt.TextFormat.PlainText))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        # Wrapped lines need their height worked out at the dialog's width, or the fields overlap them.
        self.resize(640, layout.totalHeightForWidth(640))

    def from_ideas_line(self) -> str:
        """Gives the line naming the ideas the opportunity is made from."""
        listed = "; ".join(idea.what for idea in self.ideas)
        return plural(len(self.ideas), "Made from 1 idea: {ideas}", "Made from %n ideas: {ideas}").format(
            ideas=listed
        )

    def moved_line(self) -> str:
        """Gives the line saying which ideas are moved out of the opportunity they were made into ("" for
        none): creating the new one is the facilitator's yes."""
        moved = [idea for idea in self.ideas if idea.promoted_to]
        if not moved:
            return ""
        where = "; ".join(
            tr("'{idea}' from '{opportunity}'").format(idea=i.what, opportunity=i.promoted_to) for i in moved
        )
        return plural(
            len(moved),
            "1 idea was already made into another opportunity and moves into this one when you create it: "
            "{ideas}",
            "%n ideas were already made into other opportunities and move into this one when you create it: "
            "{ideas}",
        ).format(ideas=where)

    def on_title_changed(self, text: str) -> None:
        problem = self.title_problem(text)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.create_button.setEnabled(not problem)

    def title_problem(self, text: str) -> str:
        """Gives why the typed title cannot be used ("" when it can)."""
        title = text.strip()
        if not title:
            return tr("Give the opportunity a title.")
        if title in self.taken_titles:
            return tr("An opportunity called '{title}' already exists; choose another title.").format(
                title=title
            )
        return ""

    def accept(self) -> None:
        if not self.title_problem(self.title.text()):  # Enter in the title must not slip past the check
            super().accept()

    def values(self) -> dict[str, Any]:
        """Gives the new opportunity's values as the form holds them now."""
        return DraftOpportunity(
            title=self.title.text(),
            description=self.description.toPlainText(),
            team_id=self.team.currentData(),
            expected_benefit=self.benefit.toPlainText(),
        ).values()
