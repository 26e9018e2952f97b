"""The facilitator's main window: the phases on the left, the chosen phase's page on the right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workshop.model.errors import WorkshopFileError
from workshop.model.store import SUFFIX, WorkshopStore, create_workshop, open_workshop
from workshop.model.views import (
    AUDIT,
    FEEDBACK,
    PHASES,
    PRIORITIES,
    SETUP,
    SPACE_AND_TIME,
    WORKFLOWS,
    WorkshopSummary,
    phase_view,
    workshop_summary,
)
from workshop.ui.context import WorkshopContext
from workshop.ui.pages.audit_page import AuditPage
from workshop.ui.pages.editable_page import EditablePage
from workshop.ui.pages.feedback_page import FeedbackPage
from workshop.ui.pages.phase_page import PhasePage
from workshop.ui.pages.priorities_page import PrioritiesPage
from workshop.ui.pages.setup_page import SetupPage
from workshop.ui.pages.space_page import SpacePage
from workshop.ui.pages.workflows_page import WorkflowsPage
from workshop.ui.recent import recent_files, remember

APP_TITLE = "AI Strategy Workshop"
FILE_FILTER = f"Workshops (*{SUFFIX})"
GEOMETRY_KEY = "window/geometry"
DEFAULT_SIZE = (1280, 800)
NAVIGATION_WIDTH = 220

# The phases edited in place; the others are shown read-only for now.
EDITABLE_PAGES: dict[str, Callable[[WorkshopContext], EditablePage]] = {
    SETUP: SetupPage,
    AUDIT: AuditPage,
    PRIORITIES: PrioritiesPage,
    WORKFLOWS: WorkflowsPage,
    SPACE_AND_TIME: SpacePage,
    FEEDBACK: FeedbackPage,
}


def report_file_error(parent: QWidget | None, error: WorkshopFileError, *, verb: str = "opened") -> None:
    """Shows why a workshop file could not be opened (or created), and that nothing was changed."""
    QMessageBox.critical(
        parent,
        f"Workshop not {verb}",
        f"{error.path.name} could not be {verb}.\n\n{error}\n\nNothing in the file was changed.",
    )


def menu_text(text: str) -> str:
    """Gives text to show in a menu as it is (an '&' would otherwise mark a shortcut letter)."""
    return text.replace("&", "&&")


def summary_line(summary: WorkshopSummary) -> str:
    """Gives the header line: organisation, date, facilitator, anonymity, and how much the workshop holds."""
    details = [
        summary.organisation,
        summary.held_on,
        f"Facilitator: {summary.facilitator}" if summary.facilitator else "",
        f"Answers: {summary.anonymity}",
    ]
    counts = (
        f"{summary.participants} participants in {summary.teams} teams",
        f"{summary.opportunities} opportunities",
        f"{summary.ballot_rounds} ballot rounds",
    )
    return "   ·   ".join([*(d for d in details if d), *counts])


def title_from_file_name(path: Path) -> str:
    """Gives a workshop title made from a file name: 'q3_sales-offsite.workshop' -> 'q3 sales offsite'."""
    return " ".join(path.stem.replace("_", " ").replace("-", " ").split()) or "Workshop"


class MessageBar(QFrame):
    """A line above the pages saying why a change was refused; it stays until closed or the next change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setStyleSheet(
            "#messageBar { background: #fff4ce; border: 1px solid #c19c00; border-radius: 4px; }"
            "#messageBar QLabel { color: #3b2f00; }"
        )
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("Close")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self._text, 1)
        layout.addWidget(close)
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self._text.text()

    def show_message(self, text: str) -> None:
        self._text.setText(text)
        self.show()


class MainWindow(QMainWindow):
    """Shows one workshop phase by phase; owns the open workshop and closes it with the window."""

    def __init__(self, context: WorkshopContext, settings: QSettings | None = None) -> None:
        super().__init__()
        self.context = context
        self.settings = settings if settings is not None else QSettings()
        self._stale: set[str] = set(PHASES)
        self._pages: dict[str, PhasePage | EditablePage] = {
            phase: EDITABLE_PAGES[phase](context) if phase in EDITABLE_PAGES else PhasePage(phase)
            for phase in PHASES
        }
        self._header = QLabel()
        self.message_bar = MessageBar()
        self._status = QLabel()
        self.navigation = QListWidget()
        self._stack = QStackedWidget()
        self._build_layout()
        self._build_menus()
        self.statusBar().addWidget(self._status, 1)
        self.context.changed.connect(self.on_workshop_changed)
        self.context.failed.connect(self.message_bar.show_message)
        self._restore_geometry()
        remember(self.settings, context.store.path)
        self.on_workshop_changed()
        self.navigation.setCurrentRow(0)

    # --- building ---------------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        for phase, page in self._pages.items():
            self.navigation.addItem(phase)
            self._stack.addWidget(page)
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setSpacing(3)
        nav_font = QFont(self.navigation.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.navigation.setFont(nav_font)
        self.navigation.currentRowChanged.connect(self.on_navigation_row_changed)
        self._header.setObjectName("workshopSummary")
        self._header.setWordWrap(True)
        self._header.setTextFormat(Qt.TextFormat.PlainText)
        self._header.setContentsMargins(8, 6, 8, 6)
        pages = QHBoxLayout()
        pages.addWidget(self.navigation)
        pages.addWidget(self._stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self._header)
        layout.addWidget(self.message_bar)
        layout.addLayout(pages, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        self._add_action(menu, "&New...", QKeySequence.StandardKey.New, self.on_new_triggered)
        self._add_action(menu, "&Open...", QKeySequence.StandardKey.Open, self.on_open_triggered)
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self.refresh_recent_menu)
        menu.addSeparator()
        self._add_action(menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)
        self.refresh_recent_menu()

    def _add_action(
        self,
        menu: QMenu,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- what the window shows -------------------------------------------------------------------------

    def page(self, phase: str) -> PhasePage | EditablePage:
        return self._pages[phase]

    def current_phase(self) -> str:
        return PHASES[self._stack.currentIndex()]

    def select_phase(self, phase: str) -> None:
        """Shows the page of that phase, as clicking it in the navigation does."""
        self.navigation.setCurrentRow(PHASES.index(phase))

    def summary_text(self) -> str:
        return self._header.text()

    def status_text(self) -> str:
        return self._status.text()

    def on_workshop_changed(self) -> None:
        summary = self.context.read(workshop_summary)
        self.setWindowTitle(f"{summary.title} - {APP_TITLE}")
        self._header.setText(summary_line(summary))
        self._status.setText(f"Saved to {self.context.store.path} - every change is saved at once")
        self.message_bar.hide()
        self._stale = set(PHASES)
        self._refresh_page(self.current_phase())

    def on_navigation_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._stack.setCurrentIndex(row)
        self._refresh_page(PHASES[row])

    def _refresh_page(self, phase: str) -> None:
        # Pages read the file only when shown, so a big workshop does not read all nine at every change.
        if phase in self._stale:
            page = self._pages[phase]
            if isinstance(page, EditablePage):
                page.refresh()
            else:
                page.show_view(self.context.read(phase_view, phase))
            self._stale.discard(phase)

    # --- files -----------------------------------------------------------------------------------------

    def open_workshop_file(self, path: Path) -> bool:
        """Switches to the workshop at `path`; on failure says why and keeps the current one."""
        if path.resolve() == self.context.store.path.resolve():
            return True
        return self._switch_to(open_workshop, path, verb="opened")

    def new_workshop_file(self, path: Path) -> bool:
        """Creates an empty workshop at `path`, titled after the file name, and switches to it."""
        path = path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)
        return self._switch_to(
            lambda p: create_workshop(p, title=title_from_file_name(p)), path, verb="created"
        )

    def _switch_to(self, opener: Callable[[Path], WorkshopStore], path: Path, *, verb: str) -> bool:
        try:
            store = opener(path)
        except WorkshopFileError as error:
            report_file_error(self, error, verb=verb)
            return False
        self.context.replace(store)
        remember(self.settings, store.path)
        return True

    def on_new_triggered(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "New workshop", str(self._dialog_folder()), FILE_FILTER)
        if chosen:
            self.new_workshop_file(Path(chosen))

    def on_open_triggered(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Open workshop", str(self._dialog_folder()), FILE_FILTER
        )
        if chosen:
            self.open_workshop_file(Path(chosen))

    def _dialog_folder(self) -> Path:
        return self.context.store.path.parent

    def refresh_recent_menu(self) -> None:
        """Lists the recent workshops that still exist in File > Open Recent."""
        self.recent_menu.clear()
        paths = recent_files(self.settings)
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(
                f"&{number}  {menu_text(path.name)}   ({menu_text(str(path.parent))})"
            )
            action.setData(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_workshop_file(p))
        if not paths:
            self.recent_menu.addAction("No recent workshops").setEnabled(False)

    def recent_menu_paths(self) -> list[Path]:
        """Gives the files File > Open Recent offers, in order."""
        self.refresh_recent_menu()
        return [Path(action.data()) for action in self.recent_menu.actions() if action.data()]

    # --- window ----------------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self.settings.value(GEOMETRY_KEY)
        if saved is None or not self.restoreGeometry(saved):
            self.resize(*DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.context.close()
        super().closeEvent(event)
