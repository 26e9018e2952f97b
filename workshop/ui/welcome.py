"""The welcome screen: open the demo, start a new workshop with the wizard, open a file, or a recent one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from workshop.model.demo import create_demo
from workshop.model.errors import WorkshopFileError
from workshop.ui.app import demo_path
from workshop.ui.file_tools import FILE_FILTER, report_file_error
from workshop.ui.i18n import tr
from workshop.ui.main_window import APP_TITLE, MainWindow
from workshop.ui.recent import recent_files
from workshop.ui.recovery import RecoveryDialog
from workshop.ui.wizard import NewWorkshopWizard, fit_to_screen

HEADING_SCALE = 1.6


def ensure_demo(path: Path) -> Path:
    """Gives the demo workshop's path, creating the demo with its sample data if it is not there yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_demo(path).close()
    return path


class WelcomeScreen(QDialog):
    """Offers the ways to start: the demo (the default button), a new workshop, a file, a recent workshop.

    Whatever is chosen opens in `window`; closing the screen leaves the window on what it shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main_window = window
        self.wizard: NewWorkshopWizard | None = None
        self._descriptions: dict[QPushButton, QLabel] = {}
        self.setWindowTitle(tr("Welcome"))
        self.demo_button = self._choice(
            tr("Open the &demo workshop"),
            tr("A fictional company's workshop with every phase filled in: the quickest way to look around."),
            self.on_demo_clicked,
        )
        self.new_button = self._choice(
            tr("&New workshop..."),
            tr("A few questions (title, teams, anonymity), then an empty workshop ready for the room."),
            self.on_new_clicked,
        )
        self.open_button = self._choice(
            tr("&Open..."), tr("A .workshop file from this computer or a USB stick."), self.on_open_clicked
        )
        self.recover_button = self._choice(
            tr("Re&cover from an automatic backup..."),
            tr("A copy the app took every few minutes while a workshop was open, saved as a new file."),
            self.on_recover_clicked,
        )
        self.recovery: RecoveryDialog | None = None
        self.recent = QListWidget()
        self.recent.setAccessibleName(tr("Recent workshops"))
        self.recent.itemActivated.connect(self.on_recent_activated)
        self._build_layout()
        self.refresh_recent()
        self.demo_button.setDefault(True)
        self.demo_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # A dialog takes its first size without asking how tall its wrapped descriptions are at that width;
        # it grows here so that none is cut.
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def _choice(self, text: str, description: str, slot: Callable[[], None]) -> QPushButton:
        # Plain buttons with a label under each: a command-link button draws its title at a fixed 9 pt,
        # ignoring the system's font size and projector mode.
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(description)
        button.setAutoDefault(True)
        button.clicked.connect(slot)
        words = QLabel(description)
        words.setWordWrap(True)
        words.setIndent(self.fontMetrics().averageCharWidth() * 2)
        self._descriptions[button] = words
        return button

    def _build_layout(self) -> None:
        heading = QLabel(tr("Welcome to {app}").format(app=APP_TITLE))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * HEADING_SCALE)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            tr(
                "Run an AI-strategy workshop phase by phase: audit, readiness, private ballots, the reveal, "
                "and a strategy PDF for leadership. Everything stays in one file on this computer."
            )
        )
        intro.setWordWrap(True)
        recent_label = QLabel(tr("&Recent workshops"))
        recent_label.setBuddy(self.recent)
        choices = QVBoxLayout()
        for button, words in self._descriptions.items():
            choices.addWidget(button)
            choices.addWidget(words)
            choices.addSpacing(self.fontMetrics().height() // 2)
        choices.addStretch(1)
        recent = QVBoxLayout()
        recent.addWidget(recent_label)
        recent.addWidget(self.recent, 1)
        columns = QHBoxLayout()
        columns.addLayout(choices, 3)
        columns.addSpacing(16)
        columns.addLayout(recent, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        fit_to_screen(self, characters=84, lines=22, smallest=(640, 400))

    def refresh_recent(self) -> None:
        """Lists the recent workshops that still exist, newest first, or says there are none yet."""
        self.recent.clear()
        paths = recent_files(self.main_window.settings)
        for path in paths:
            item = QListWidgetItem(f"{path.stem}\n{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not paths:
            empty = QListWidgetItem(tr("No recent workshops yet"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(empty)

    def recent_paths(self) -> list[Path]:
        """Gives the workshops the recent list offers, in order."""
        items = (self.recent.item(row) for row in range(self.recent.count()))
        return [
            Path(item.data(Qt.ItemDataRole.UserRole)) for item in items if item.data(Qt.ItemDataRole.UserRole)
        ]

    def _opened(self, path: Path) -> None:
        if self.main_window.files.open_workshop_file(path):
            self.accept()

    def on_demo_clicked(self) -> None:
        try:
            path = ensure_demo(demo_path())
        except WorkshopFileError as error:
            report_file_error(self, error, verb="created")
            return
        self._opened(path)

    def on_new_clicked(self) -> None:
        self.wizard = NewWorkshopWizard(self)
        self.wizard.accepted.connect(self.on_wizard_accepted)
        self.wizard.open()

    def on_wizard_accepted(self) -> None:
        assert self.wizard is not None
        if self.main_window.files.create_from_wizard(self.wizard.details()):
            self.accept()

    def on_open_clicked(self) -> None:
        folder = str(self.main_window.context.store.path.parent)
        chosen, _ = QFileDialog.getOpenFileName(self, tr("Open workshop"), folder, FILE_FILTER)
        if chosen:
            self._opened(Path(chosen))

    def on_recover_clicked(self) -> None:
        self.recovery = RecoveryDialog(self)
        self.recovery.restored.connect(self._opened)
        self.recovery.open()

    def on_recent_activated(self, item: QListWidgetItem) -> None:
        chosen = item.data(Qt.ItemDataRole.UserRole)
        if chosen:
            self._opened(Path(chosen))


def show_welcome(window: MainWindow) -> WelcomeScreen:
    """Gives the welcome screen, shown over the window (without blocking it) until a choice is made."""
    screen = WelcomeScreen(window)
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen.open()
    return screen
