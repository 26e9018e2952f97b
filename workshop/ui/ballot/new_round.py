"""Opening a ballot round: its name, how people vote, who votes, and an optional facilitator PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.built import built
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr

METHOD_HINTS = {
    e.BallotMethod.RANKING: "Each voter puts the opportunities in order of priority.",
    e.BallotMethod.POINTS: "Each voter spreads 100 points over the opportunities.",
    e.BallotMethod.IMPACT_EFFORT: "Each voter rates every opportunity's impact and effort from 1 to 5.",
}


class NewRoundDialog(QDialog):
    """Asks for a new round's details and opens it for voting on OK; `round_id` is then set."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New ballot round"))
        self._context = context
        self.round_id: int | None = None
        self.name = built(QLineEdit(), accessibleName=tr("Round name"))
        self.method = built(QComboBox(), accessibleName=tr("How people vote"))
        for method in e.BallotMethod:
            self.method.addItem(tr(method.value), method)
        self.method_hint = QLabel(wordWrap=True)
        self.allow_ties = QCheckBox(tr("Allow ties (two opportunities may share a place)"))
        self.voters = built(QListWidget(), accessibleName=tr("Who votes"))
        self.pin = built(
            QLineEdit(), echoMode=QLineEdit.EchoMode.Password, accessibleName=tr("Facilitator PIN (optional)")
        )
        self.problem = built(QLabel(), objectName="problem", wordWrap=True)
        show_as_attention(self.problem, PROBLEM)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Open for voting"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Method"), self.method)
        form.addRow("", self.method_hint)
        form.addRow("", self.allow_ties)
        form.addRow(tr("Who votes"), self.voters)
        self.uses_codes = QCheckBox(tr("Voters type a personal code from a printed card"))
        form.addRow("", self.uses_codes)
        form.addRow(tr("Facilitator PIN"), self.pin)
        form.addRow("", QLabel(tr("With a PIN, only you can leave ballot mode."), wordWrap=True))
        form.addRow(self.problem)
        form.addRow(buttons)
        self.method.currentIndexChanged.connect(self.on_method_changed)
        self._fill_voters()
        self.on_method_changed()

    def _fill_voters(self) -> None:
        with self._context.store.reading() as session:
            people = ballots.people_who_may_vote(session)
        for person in people:
            team = f" ({person.team})" if person.team else ""
            row = QListWidgetItem(f"{person.name}{team}")
            row.setData(Qt.ItemDataRole.UserRole, person.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.voters.addItem(row)

    def chosen_voters(self) -> list[int]:
        rows = (self.voters.item(i) for i in range(self.voters.count()))
        return [
            int(r.data(Qt.ItemDataRole.UserRole)) for r in rows if r.checkState() == Qt.CheckState.Checked
        ]

    def chosen_method(self) -> e.BallotMethod:
        return e.BallotMethod(self.method.currentData())  # Qt hands the choice back as plain text

    def on_method_changed(self) -> None:
        method = self.chosen_method()
        self.method_hint.setText(tr(METHOD_HINTS[method]))
        self.allow_ties.setEnabled(method is e.BallotMethod.RANKING)

    def accept(self) -> None:
        """Opens the round in one transaction; stays open with the reason when that is refused."""
        voters = self.chosen_voters()
        if not voters:
            self.problem.setText(tr("Tick at least one person who votes."))
            return
        try:
            self.round_id = self._context.write(
                ballots.start_round,
                initiator=self,
                name=self.name.text(),
                method=self.chosen_method(),
                voter_ids=voters,
                allow_ties=self.allow_ties.isChecked(),
                pin=self.pin.text() or None,
                uses_codes=self.uses_codes.isChecked(),
            )
        except WorkshopError as error:
            self.problem.setText(str(error))
            return
        super().accept()
