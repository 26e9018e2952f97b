"""Opening a ballot round: its name, how people vote, what is on the ballot, who votes, and an optional
facilitator PIN typed twice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.built import built
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.wording import plural

METHOD_HINTS = {
    e.BallotMethod.RANKING: "Each voter puts the opportunities in order of priority.",
    e.BallotMethod.POINTS: "Each voter spreads 100 points over the opportunities.",
    e.BallotMethod.IMPACT_EFFORT: "Each voter rates every opportunity's impact and effort from 1 to 5.",
}
ID = Qt.ItemDataRole.UserRole
LEAST_ON_BALLOT = 2


class Checklist(QWidget):
    """A list of ticked rows (all ticked at first) with "All" and "None" beside its heading."""

    def __init__(self, heading: str, rows: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = built(QListWidget(), accessibleName=heading)
        for row_id, text in rows:
            row = QListWidgetItem(text)
            row.setData(ID, row_id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(row)
        every, none = QPushButton(tr("All")), QPushButton(tr("None"))
        every.clicked.connect(lambda: self.tick_all(True))
        none.clicked.connect(lambda: self.tick_all(False))
        self.heading = built(QLabel(f"<b>{heading}</b>"), buddy=self.list)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(every)
        top.addWidget(none)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)

    def rows(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def ticked(self) -> list[int]:
        return [int(r.data(ID)) for r in self.rows() if r.checkState() == Qt.CheckState.Checked]

    def tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for row in self.rows():
            row.setCheckState(state)


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
        self.only_top = QCheckBox(tr("Voters rank only their top"))
        self.top_k = built(QSpinBox(), minimum=1, value=3, accessibleName=tr("How many places voters rank"))
        self._item_box = Checklist(tr("On the ballot"), context.read(ballots.opportunities_to_offer))
        self._voter_box = Checklist(tr("Who votes"), self._voter_rows())
        self.items, self.voters = self._item_box.list, self._voter_box.list
        self.pin = self._pin_field(tr("Facilitator PIN (optional)"))
        self.pin_again = self._pin_field(tr("Confirm PIN"))
        self.problem = built(QLabel(), objectName="problem", wordWrap=True)
        show_as_attention(self.problem, PROBLEM)
        self._lay_out()
        self.method.currentIndexChanged.connect(self.on_choices_changed)
        self.only_top.toggled.connect(self.on_choices_changed)
        self.items.itemChanged.connect(self.on_choices_changed)
        self.on_choices_changed()

    def _pin_field(self, name: str) -> QLineEdit:
        return built(QLineEdit(), echoMode=QLineEdit.EchoMode.Password, accessibleName=name)

    def _voter_rows(self) -> list[tuple[int, str]]:
        people = self._context.read(ballots.people_who_may_vote)
        return [(p.id, f"{p.name} ({p.team})" if p.team else p.name) for p in people]

    def _lay_out(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Open for voting"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.only_top)
        top.addWidget(self.top_k)
        top.addStretch(1)
        lists = QWidget()
        side_by_side = QHBoxLayout(lists)
        side_by_side.setContentsMargins(0, 8, 0, 8)
        side_by_side.addWidget(self._item_box, 1)
        side_by_side.addWidget(self._voter_box, 1)
        form = QFormLayout(self)
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Method"), self.method)
        form.addRow("", self.method_hint)
        form.addRow("", self.allow_ties)
        form.addRow("", top)
        form.addRow(lists)
        self.uses_codes = QCheckBox(tr("Voters type a personal code from a printed card"))
        form.addRow("", self.uses_codes)
        form.addRow(tr("Facilitator PIN"), self.pin)
        form.addRow(tr("Confirm PIN"), self.pin_again)
        form.addRow("", QLabel(tr("With a PIN, only you can leave ballot mode."), wordWrap=True))
        form.addRow(self.problem)
        form.addRow(buttons)
        self.resize(880, 680)

    def chosen_voters(self) -> list[int]:
        return self._voter_box.ticked()

    def chosen_items(self) -> list[int]:
        return self._item_box.ticked()

    def chosen_method(self) -> e.BallotMethod:
        return e.BallotMethod(self.method.currentData())  # Qt hands the choice back as plain text

    def chosen_top_k(self) -> int | None:
        ranking = self.chosen_method() is e.BallotMethod.RANKING
        return self.top_k.value() if ranking and self.only_top.isChecked() else None

    def on_choices_changed(self) -> None:
        method = self.chosen_method()
        self.method_hint.setText(tr(METHOD_HINTS[method]))
        ranking = method is e.BallotMethod.RANKING
        self.allow_ties.setEnabled(ranking)
        self.only_top.setEnabled(ranking)
        # A top k must leave at least one opportunity unranked, or it is a full ranking.
        self.top_k.setMaximum(max(len(self.chosen_items()) - 1, 1))
        self.top_k.setEnabled(ranking and self.only_top.isChecked())

    def _problem(self) -> str:
        """Gives what stops the round from opening, in a sentence ("" when nothing does)."""
        if len(self.chosen_items()) < LEAST_ON_BALLOT:
            return plural(
                LEAST_ON_BALLOT,
                "Tick at least %n opportunity for the ballot.",
                "Tick at least %n opportunities for the ballot.",
            )
        if not self.chosen_voters():
            return tr("Tick at least one person who votes.")
        if self.pin.text() != self.pin_again.text():
            return tr("The two PINs differ: type the same PIN in both fields.")
        return ""

    def accept(self) -> None:
        """Opens the round in one transaction; stays open with the reason when that is refused."""
        problem = self._problem()
        if problem:
            self.problem.setText(problem)
            return
        try:
            self.round_id = self._context.write(
                ballots.start_round,
                initiator=self,
                name=self.name.text(),
                method=self.chosen_method(),
                voter_ids=self.chosen_voters(),
                allow_ties=self.allow_ties.isChecked(),
                pin=self.pin.text() or None,
                uses_codes=self.uses_codes.isChecked(),
                item_ids=self.chosen_items(),  # the ballot stays as chosen, even if opportunities are added
                top_k=self.chosen_top_k(),
            )
        except WorkshopError as error:
            self.problem.setText(str(error))
            return
        super().accept()
