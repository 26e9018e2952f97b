"""The workshop's oversight rule, edited in one small dialog and saved as one undoable change.

The rule (docs/oversight-rule.md): the least oversight for data rated low, medium and high, the readiness
below which a team's workflows get one step stricter, and how many of the room's top priorities do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workshop.model import editing
from workshop.model import entities as e
from workshop.model.errors import InputError
from workshop.model.views import entity_rows
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.built import built
from workshop.ui.commands import UpdateFields
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.wording import word

MOST_TOP_PRIORITIES = 50  # more than a room ever ranks; a larger number is surely a typing slip
LEVELS = ("oversight_low", "oversight_medium", "oversight_high")
LEVEL_LABELS = {
    "oversight_low": "Data rated low needs at least",
    "oversight_medium": "Data rated medium needs at least",
    "oversight_high": "Data rated high needs at least",
}
EXPLAINED = (
    "The least human oversight a workflow should have: the level for the most sensitive data among its "
    "linked tasks, one step stricter when its team's readiness is below the threshold, and one more when "
    "it is among the room's top priorities. Never stricter than AI-assist only."
)


class OversightRuleDialog(QDialog):
    """Five values of the rule; OK saves them together, or says what is wrong and keeps the dialog open."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(tr("Oversight rule"))
        rows = context.read(entity_rows, "workshop")
        self.workshop = rows[0] if rows else None
        self.levels = {name: self._level_box(name) for name in LEVELS}
        self.readiness = built(
            QLineEdit(self._value("oversight_readiness_below", 3.0)), accessibleName=tr("Readiness threshold")
        )
        self.top = built(
            QLineEdit(self._value("oversight_top_priorities", 3)), accessibleName=tr("Top priorities")
        )
        self.problem = built(QLabel(""), wordWrap=True, objectName="oversightRuleProblem")
        show_as_attention(self.problem, PROBLEM)
        self._build()

    def _value(self, name: str, default: Any) -> str:
        value = self.workshop.get(name) if self.workshop is not None else None
        return f"{default if value is None else value:g}"

    def _level_box(self, name: str) -> QComboBox:
        box = built(QComboBox(), accessibleName=tr(LEVEL_LABELS[name]))
        for level in e.Oversight:
            box.addItem(word(level.value), level.value)
        current = self.workshop.get(name) if self.workshop is not None else None
        box.setCurrentIndex(max(0, box.findData(getattr(current, "value", current))))
        return box

    def _build(self) -> None:
        form = QFormLayout()
        for name, box in self.levels.items():
            form.addRow(tr(LEVEL_LABELS[name]), box)
        form.addRow(tr("One step stricter when the team's readiness is below (1–5)"), self.readiness)
        form.addRow(tr("One more step for the room's top priorities, how many (0–50)"), self.top)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(built(QLabel(tr(EXPLAINED)), wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.problem.hide()
        self.resize(620, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        """Gives the rule as typed, as the file holds it; raises InputError saying which value is wrong."""
        chosen: dict[str, Any] = {name: e.Oversight(box.currentData()) for name, box in self.levels.items()}
        chosen["oversight_readiness_below"] = _checked(
            tr("Readiness threshold"), "oversight_readiness_below", self.readiness.text()
        )
        top = _checked(tr("Top priorities"), "oversight_top_priorities", self.top.text())
        if top > MOST_TOP_PRIORITIES:
            raise InputError(
                tr("Top priorities"),
                tr("{text!r} is more than {most}; count at most {most} of the room's top priorities.").format(
                    text=self.top.text().strip(), most=MOST_TOP_PRIORITIES
                ),
            )
        chosen["oversight_top_priorities"] = top
        return chosen

    def save(self) -> bool:
        """Gives whether the rule as typed was saved, as one undoable change; says what is wrong if not."""
        try:
            values = self.values()
        except InputError as error:
            self._show_problem(str(error))
            return False
        if self.workshop is None:
            self._show_problem(tr("This file holds no workshop yet; fill in the Setup page first."))
            return False
        changed = {k: v for k, v in values.items() if v != self.workshop.get(k)}
        if not changed:
            return True
        change = UpdateFields(
            self.context,
            tr("Change the oversight rule"),
            entity="workshop",
            row_id=self.workshop.id,
            values=changed,
        )
        return self.context.perform(change)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(tr("Not saved – {error}").format(error=text))
        self.problem.show()

    def accept(self) -> None:
        if self.save():
            super().accept()


def _checked(label: str, field: str, text: str) -> Any:
    """Gives the typed number as the file holds it; raises InputError naming the value by `label`."""
    try:
        return editing.validate("workshop", field, text)
    except InputError as error:
        raise InputError(label, error.reason) from None
