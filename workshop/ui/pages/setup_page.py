"""Setup: the workshop's details, the teams in the room and who takes part (role and stance)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from workshop.model import editing, gather
from workshop.model import entities as e
from workshop.model.errors import InputError
from workshop.model.views import SETUP, EntityRow, entity_rows, plain_text
from workshop.privacy import MIN_GROUP
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.commands import UpdateFields
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import EditablePage, page_label
from workshop.ui.widgets.entity_table import Field, TableSpec
from workshop.wording import plural, word

TEAMS = TableSpec(
    entity="team",
    title="Teams",
    noun="team",
    label_field="name",
    fields=(
        Field("name", "Team"),
        Field("description", "Description"),
        Field(
            "members",
            "Participants",
            compute=lambda row: plain_text(row.get("members")),
            comes_from="Counts the participants of the team; add or move people in the Participants table",
        ),
    ),
)

PARTICIPANTS = TableSpec(
    entity="participant",
    title="Participants",
    noun="participant",
    label_field="name",
    fields=(
        Field("name", "Name"),
        Field("team_id", "Team"),
        Field("role", "Role"),
        Field(
            "stance",
            "Stance",
            tooltips={
                "champion": "On board: will carry AI into their team",
                "neutral": "Neither for nor against yet",
                "skeptic": "Doubts AI helps; listen to why – resistance is a signal",
                "unknown": "Not known yet",
            },
        ),
    ),
)

# The workshop's details as (column, label, placeholder); anonymity is a choice, the rest typed text.
DETAILS: tuple[tuple[str, str, str], ...] = (
    ("title", "Title", "What the workshop is called"),
    ("organisation", "Organisation", ""),
    ("held_on", "Date", "YYYY-MM-DD"),
    ("facilitator", "Facilitator", ""),
)


def privacy_warnings(small: gather.SmallTeams, *, team_level: bool) -> list[str]:
    """Gives the sentences that warn of teams under the privacy floor (none when every team is big enough)."""
    sentences = []
    if team_level and small.few_voters:
        sentences.append(
            plural(
                small.few_voters,
                "%n team has fewer than {floor} voters (managers and leaders): its voters are shown "
                "without their team.",
                "%n teams have fewer than {floor} voters (managers and leaders): their voters are shown "
                "without their team.",
            ).format(floor=MIN_GROUP)
        )
    if small.few_people:
        sentences.append(
            plural(
                small.few_people,
                "%n team has fewer than {floor} people: its readiness results are withheld.",
                "%n teams have fewer than {floor} people: their readiness results are withheld.",
            ).format(floor=MIN_GROUP)
        )
    return sentences


class WorkshopDetails(QWidget):
    """A form for the workshop's details; each field is saved when the facilitator leaves it."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._row: EntityRow | None = None
        self.editors: dict[str, QLineEdit] = {}
        self.anonymity = QComboBox()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for name, label, placeholder in DETAILS:
            editor = QLineEdit()
            editor.setPlaceholderText(tr(placeholder))
            editor.editingFinished.connect(lambda name=name: self.on_editing_finished(name))
            self.editors[name] = editor
            form.addRow(tr(label), editor)
        for value in editing.enum_values("workshop", "anonymity"):
            self.anonymity.addItem(word(value), value)
        self.anonymity.setToolTip(
            tr("anonymous: answers are shown only as totals; team: per team; named: per person")
        )
        self.anonymity.activated.connect(lambda _row: self.save("anonymity", self.anonymity.currentData()))
        form.addRow(tr("Anonymity of answers"), self.anonymity)
        self.privacy_warning = page_label("", name="privacyWarning")
        self.privacy_warning.setAccessibleName(tr("Privacy warning"))
        self.privacy_warning.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        show_as_attention(self.privacy_warning, PROBLEM)
        form.addRow(self.privacy_warning)

    def refresh(self) -> None:
        self._row = self.context.read(entity_rows, "workshop")[0]
        for name, editor in self.editors.items():
            editor.setText(plain_text(self._row.get(name)))
        self.anonymity.setCurrentIndex(self.anonymity.findData(plain_text(self._row.get("anonymity"))))
        self.show_privacy_warning()

    def show_privacy_warning(self) -> None:
        """Says which teams are too small to be named or shown, so nobody is surprised in the room."""
        small = self.context.read(gather.small_teams)
        level = plain_text(self._row.get("anonymity")) if self._row is not None else ""
        sentences = privacy_warnings(small, team_level=level == e.Anonymity.TEAM.value)
        self.privacy_warning.setText("\n".join(sentences))
        self.privacy_warning.setVisible(bool(sentences))

    def on_editing_finished(self, name: str) -> None:
        self.save(name, self.editors[name].text())

    def save(self, name: str, text: str) -> bool:
        """Gives whether the typed text was saved as the detail; a refused text stays in the form."""
        if self._row is None or text == plain_text(self._row.get(name)):
            return False
        try:
            value = editing.validate("workshop", name, text)
        except InputError as error:
            self.context.failed.emit(tr("Not saved – {error}").format(error=error))
            return False
        label = editing.field_label(name)
        change = UpdateFields(
            self.context,
            tr("Change the workshop's {detail}").format(detail=tr(label)),
            entity="workshop",
            row_id=self._row.id,
            values={name: value},
        )
        return self.context.perform(change)


class SetupPage(EditablePage):
    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(SETUP, context, parent)
        self.body.addWidget(page_label(tr("Workshop details"), name="tableTitle", scale=1.2, bold=True))
        self.details = WorkshopDetails(context)
        self.body.addWidget(self.details)
        self.add_table(TEAMS)
        self.add_table(PARTICIPANTS)
        self.finish()

    def refresh(self) -> None:
        self.details.refresh()
        super().refresh()
