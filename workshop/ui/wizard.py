"""The new-workshop wizard (details, teams, anonymity, where to save) and the file it creates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from workshop.model import entities as e
from workshop.model.creating import create_with_teams
from workshop.model.store import SUFFIX, WorkshopStore
from workshop.ui.i18n import tr

ANONYMITY_CHOICES: tuple[tuple[e.Anonymity, str, str], ...] = (
    (
        e.Anonymity.ANONYMOUS,
        "Anonymous",
        "Voters appear as 'Manager A', 'Manager B': nobody, not even the facilitator, sees who said what.",
    ),
    (
        e.Anonymity.TEAM,
        "By team",
        "Voters appear as 'Manager A (Sales)': the room sees which team holds a view, not which person.",
    ),
    (
        e.Anonymity.NAMED,
        "Named",
        "Voters appear by name: for rooms that agreed to open answers, e.g. a leadership team.",
    ),
)


@dataclass(frozen=True)
class NewWorkshop:
    """What the facilitator told the wizard about the workshop to create."""

    path: Path
    title: str
    organisation: str = ""
    facilitator: str = ""
    held_on: dt.date | None = None
    teams: tuple[str, ...] = ()
    anonymity: e.Anonymity = e.Anonymity.ANONYMOUS


def team_names(text: str) -> tuple[str, ...]:
    """Gives the team names typed one per line: trimmed, blank lines dropped, each name once."""
    names = (" ".join(line.split()) for line in text.splitlines())
    return tuple(dict.fromkeys(name for name in names if name))


def file_name_for(title: str) -> str:
    """Gives a file name made from a title: 'Q3 Sales / Offsite' -> 'Q3 Sales Offsite.workshop'."""
    kept = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return (" ".join(kept.split()) or "Workshop") + SUFFIX


def create_new_workshop(details: NewWorkshop) -> WorkshopStore:
    """Gives the new workshop file, open: its details, default readiness dimensions and teams."""
    return create_with_teams(
        details.path,
        details.teams,
        title=details.title,
        organisation=details.organisation,
        facilitator=details.facilitator,
        held_on=details.held_on,
        anonymity=details.anonymity,
    )


def as_date(value: object) -> dt.date:
    """Gives a QDate's Python date (PySide6 types toPython() as object)."""
    assert isinstance(value, dt.date)
    return value


class DetailsPage(QWizardPage):
    """The workshop's title (required), organisation, date and facilitator."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("About the workshop"))
        self.setSubTitle(tr("These appear on every page of the app and on the cover of the strategy PDF."))
        self.title_box = QLineEdit()  # not `title`: that is the page's own title() method
        self.title_box.setPlaceholderText(tr("e.g. AI strategy offsite, spring"))
        self.organisation = QLineEdit()
        self.held_on = QDateEdit(QDate.currentDate())
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.facilitator = QLineEdit()
        form = QFormLayout(self)
        fields: tuple[tuple[str, QWidget], ...] = (
            (tr("&Title"), self.title_box),
            (tr("&Organisation"), self.organisation),
            (tr("&Date"), self.held_on),
            (tr("&Facilitator"), self.facilitator),
        )
        for label, field in fields:
            form.addRow(label, field)
            field.setAccessibleName(label.replace("&", ""))
        self.registerField("title*", self.title_box)


class TeamsPage(QWizardPage):
    """The teams taking part, one per line (more can be added later on the Setup page)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Teams"))
        self.setSubTitle(
            tr("One team per line; you can add, rename or remove teams later on the Setup page.")
        )
        self.teams = QPlainTextEdit()
        self.teams.setPlaceholderText(tr("Sales\nOperations\nFinance"))
        self.teams.setAccessibleName(tr("Teams, one per line"))
        self.teams.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.teams)


class AnonymityPage(QWizardPage):
    """How voters appear in results: anonymous, by team, or named; each with what it means in the room."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Anonymity of answers"))
        self.setSubTitle(
            tr("How voters appear on screen, in the reveal and in the PDF (Setup can change it).")
        )
        self.choices = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for index, (_level, name, explanation) in enumerate(ANONYMITY_CHOICES):
            button = QRadioButton(tr(name))
            button.setAccessibleDescription(tr(explanation))
            button.setChecked(index == 0)
            self.choices.addButton(button, index)
            words = QLabel(tr(explanation))
            words.setWordWrap(True)
            words.setIndent(24)
            layout.addWidget(button)
            layout.addWidget(words)
            layout.addSpacing(6)
        layout.addStretch(1)

    def anonymity(self) -> e.Anonymity:
        return ANONYMITY_CHOICES[max(self.choices.checkedId(), 0)][0]


class SavePage(QWizardPage):
    """Where the new workshop file goes; refuses a file that already exists or a folder that does not."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.setTitle(tr("Where to save it"))
        self.setSubTitle(tr("Everything typed in the room is saved to this one file at once, as you go."))
        self._folder = folder
        self.path = QLineEdit()
        self.path.setAccessibleName(tr("Workshop file"))
        browse = QPushButton(tr("&Browse..."))
        browse.setAccessibleName(tr("Browse for a place to save the workshop file"))
        browse.clicked.connect(self.on_browse_clicked)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        label = QLabel(tr("&File"))
        label.setBuddy(self.path)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.path.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        if not self.path.text():
            self.path.setText(str(self._folder / file_name_for(str(self.field("title")))))

    def chosen(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)

    def why_not(self) -> str:
        """Gives why the chosen file cannot be created, or an empty text when it can."""
        if not self.path.text().strip():
            return tr("Name the file to create.")
        path = self.chosen()
        if path.exists():
            return tr("A file of that name already exists; choose another name.")
        if not path.parent.is_dir():
            return tr("The folder {folder} does not exist.").format(folder=path.parent)
        return ""

    def isComplete(self) -> bool:
        problem = self.why_not()
        self.problem.setText(problem)
        return not problem

    def on_browse_clicked(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("New workshop"), self.path.text(), tr("Workshops (*{suffix})").format(suffix=SUFFIX)
        )
        if chosen:
            self.path.setText(chosen)


def fit_to_screen(
    dialog: QWidget, *, characters: int, lines: int, smallest: tuple[int, int] = (640, 480)
) -> None:
    """Sizes a dialog for that many characters and lines of its font (at least `smallest`), on screen."""
    metrics = dialog.fontMetrics()
    width = max(metrics.averageCharWidth() * characters, smallest[0])
    height = max(metrics.lineSpacing() * lines, smallest[1])
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(width, screen.width() * 95 // 100), min(height, screen.height() * 95 // 100))


def default_folder() -> Path:
    """Gives the folder new workshops are suggested in: the user's documents folder, else home."""
    documents = platformdirs.user_documents_path()
    return documents if documents.is_dir() else Path.home()


class NewWorkshopWizard(QWizard):
    """Asks for a new workshop's details in four short pages; `details()` gives what was entered."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New workshop"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.details_page = DetailsPage()
        self.teams_page = TeamsPage()
        self.anonymity_page = AnonymityPage()
        self.save_page = SavePage(folder or default_folder())
        for page in (self.details_page, self.teams_page, self.anonymity_page, self.save_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Create workshop"))
        fit_to_screen(self, characters=80, lines=26)

    def details(self) -> NewWorkshop:
        """Gives the workshop as the facilitator described it."""
        page = self.details_page
        return NewWorkshop(
            path=self.save_page.chosen(),
            title=page.title_box.text().strip(),
            organisation=page.organisation.text().strip(),
            facilitator=page.facilitator.text().strip(),
            held_on=as_date(page.held_on.date().toPython()),
            teams=team_names(self.teams_page.teams.toPlainText()),
            anonymity=self.anonymity_page.anonymity(),
        )
