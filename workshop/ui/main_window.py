"""The facilitator's main window: the phases on the left, the chosen phase's page on the right."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workshop import __version__
from workshop.model.progress import PROGRESS_TABLES, workshop_progress
from workshop.model.views import (
    ALIGNMENT,
    AUDIT,
    FEEDBACK,
    PHASES,
    PRIORITIES,
    READINESS,
    REPORT,
    SETUP,
    SPACE_AND_TIME,
    SUMMARY_TABLES,
    WORKFLOWS,
    WorkshopSummary,
    shown_tables,
    workshop_summary,
)
from workshop.ui.appearance import (
    DARK,
    HIGH_CONTRAST,
    LIGHT,
    PROJECTOR_POINT_SIZE,
    apply_projector_look,
    apply_theme,
    scale_fonts,
)
from workshop.ui.built import menu_action
from workshop.ui.context import EVERYTHING, WhatChanged, WorkshopContext
from workshop.ui.file_tools import FileTools
from workshop.ui.i18n import tr
from workshop.ui.opening import APP_TITLE, GEOMETRY_KEY
from workshop.ui.pages.editable_page import EditablePage
from workshop.ui.phase_list import PhaseList
from workshop.ui.recent import remember
from workshop.ui.recovery import AutomaticBackups
from workshop.ui.room_tools import RoomTools
from workshop.ui.sharing import SharingTools
from workshop.wording import plural

PROJECTOR_KEY = "view/projector"
THEME_KEY = "view/theme"
TABLE_KEYS = (
    "Insert: add a row to the table you are in",
    "Delete: delete the selected row",
    "F2 or typing: edit the cell; Enter saves it, Escape cancels",
    "Arrow keys: move between the cells of a table; Tab: on to the next control",
    # Shortcuts of pages made on their first visit: listed before their page is ever shown.
    "Ctrl+M: make an opportunity of the selected ideas (Audit & Discovery)",
)
DEFAULT_SIZE = (1280, 800)
NAVIGATION_WIDTH = 220

# Each phase's page as (module in workshop.ui.pages, class): a page's code loads when it is first shown.
PAGES: dict[str, tuple[str, str]] = {
    SETUP: ("setup_page", "SetupPage"),
    AUDIT: ("audit_page", "AuditPage"),
    ALIGNMENT: ("alignment_page", "AlignmentPage"),
    READINESS: ("readiness_page", "ReadinessPage"),
    PRIORITIES: ("priorities_page", "PrioritiesPage"),
    WORKFLOWS: ("workflows_page", "WorkflowsPage"),
    SPACE_AND_TIME: ("space_page", "SpacePage"),
    FEEDBACK: ("feedback_page", "FeedbackPage"),
    REPORT: ("report_page", "ReportPage"),
}


def page_class(phase: str) -> Callable[[WorkshopContext], EditablePage]:
    """Gives the class of the phase's page, loading its module the first time."""
    module, name = PAGES[phase]
    found = getattr(importlib.import_module(f"workshop.ui.pages.{module}"), name)
    assert issubclass(found, EditablePage)
    return found


def summary_line(summary: WorkshopSummary) -> str:
    """Gives the header line: organisation, date, facilitator, anonymity, and how much the workshop holds."""
    details = [
        summary.organisation,
        summary.held_on,
        tr("Facilitator: {name}").format(name=summary.facilitator) if summary.facilitator else "",
        tr("Answers: {anonymity}").format(anonymity=summary.anonymity),
    ]
    counts = (
        plural(summary.participants, "%n participant in {teams}", "%n participants in {teams}").format(
            teams=plural(summary.teams, "%n team", "%n teams")
        ),
        plural(summary.opportunities, "%n opportunity", "%n opportunities"),
        plural(summary.ballot_rounds, "%n ballot round", "%n ballot rounds"),
    )
    return "   ·   ".join([*(d for d in details if d), *counts])


class MessageBar(QFrame):
    """A line above the pages saying why a change was refused; it stays until closed or the next change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")  # coloured by the style sheet, in every look
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText(tr("Close"))
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
        self._pages: dict[str, EditablePage] = {}  # made when first shown: start-up makes only the first
        self._header = QLabel()
        self.message_bar = MessageBar()
        self._status = QLabel()
        # The look comes first: styling widgets already made costs more than styling them as they are made.
        apply_theme(str(self.settings.value(THEME_KEY, LIGHT)))
        self.navigation = PhaseList()
        self._stack = QStackedWidget()
        self._build_layout()
        self._build_menus()
        self.statusBar().addWidget(self._status, 1)
        self.room_tools = RoomTools(self, context, before=self.help_menu.menuAction())
        self.sharing = SharingTools(self, context, self.files)
        self.automatic_backups = AutomaticBackups(self, context)
        self.projector_action.toggled.connect(self.room_tools.timer.set_projector)
        self.context.changed.connect(self.on_workshop_changed)
        self.context.failed.connect(self.message_bar.show_message)
        self.context.busy_changed.connect(self.on_busy_changed)
        self._normal_point_size = QApplication.font().pointSizeF()
        self._state_before_projector = Qt.WindowState.WindowNoState
        self._restore_geometry()
        self._restore_view()
        remember(self.settings, context.store.path)
        self.on_workshop_changed()
        self.navigation.setCurrentRow(0)
        self.navigation.setFocus()  # keys start in the phase list: Up and Down choose, Tab enters the page

    # --- building ---------------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        for _phase in PHASES:
            self._stack.addWidget(QWidget())  # stands in for the page until it is first shown
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
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
        self.files = FileTools(
            self,
            self.context,
            self.settings,
            welcome=self.on_welcome_triggered,
            export_pdf=self.export_pdf_from_report_page,
        )
        self.files.created.connect(lambda: self.select_phase(PHASES[0]))  # a new workshop starts at Setup
        self.menuBar().addMenu(self.files.menu)
        self._build_edit_menu()
        self._build_view_menu()
        self.help_menu = self.menuBar().addMenu(tr("&Help"))
        menu_action(
            self.help_menu, self, tr("&Keyboard Shortcuts"), QKeySequence("F1"), self.on_shortcuts_triggered
        )
        menu_action(self.help_menu, self, tr("&About"), None, self.on_about_triggered)

    def _build_edit_menu(self) -> None:
        menu = self.menuBar().addMenu(tr("&Edit"))
        stack = self.context.undo_stack
        self.undo_action = stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)

    def _build_view_menu(self) -> None:
        menu = self.menuBar().addMenu(tr("&View"))
        self.projector_action = menu_action(
            menu, self, tr("&Projector Mode"), None, self.on_projector_toggled
        )
        self.projector_action.setShortcuts([QKeySequence("F11"), QKeySequence("Ctrl+Shift+P")])
        self.projector_action.setCheckable(True)
        menu_action(menu, self, tr("A&genda…"), QKeySequence("Ctrl+Shift+G"), self.on_agenda_triggered)
        menu.addSeparator()
        themes = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for theme, text in (
            (LIGHT, tr("&Light")),
            (DARK, tr("&Dark")),
            (HIGH_CONTRAST, tr("&High Contrast")),
        ):
            action = menu_action(menu, self, text, None, partial(self.set_theme, theme))
            action.setCheckable(True)
            themes.addAction(action)
            self.theme_actions[theme] = action

    # --- view -------------------------------------------------------------------------------------------

    def on_agenda_triggered(self) -> None:
        from workshop.ui.agenda_dialog import AgendaDialog  # loads when the agenda is first planned

        dialog = AgendaDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # it stops listening to changes once closed
        dialog.exec()

    def on_projector_toggled(self) -> None:
        self.set_projector_mode(self.projector_action.isChecked())

    def set_projector_mode(self, on: bool) -> None:
        """Shows everything in large type for a projector (body text 20 pt), or back at the normal size."""
        self.projector_action.setChecked(on)
        current = QApplication.font().pointSizeF()
        target = max(PROJECTOR_POINT_SIZE, self._normal_point_size) if on else self._normal_point_size
        if abs(current - target) > 0.01:
            ratio = target / current
            scale_fonts(self, ratio)
            apply_projector_look(on)
            self.navigation.setFixedWidth(round(self.navigation.width() * ratio))
            self._stale = set(PHASES)
            self._refresh_page(self.current_phase())
        self._fill_screen(on)
        self._show_status()
        self.settings.setValue(PROJECTOR_KEY, on)

    def _fill_screen(self, on: bool) -> None:
        """Fills the whole screen, without the title bar, for the room; leaving projector mode brings the
        window back as it was before (normal or maximised)."""
        full = bool(self.windowState() & Qt.WindowState.WindowFullScreen)
        if on == full:
            return
        if on:
            self._state_before_projector = self.windowState()
            target = self.windowState() | Qt.WindowState.WindowFullScreen
        else:
            target = self._state_before_projector & ~Qt.WindowState.WindowFullScreen
        if not self.isVisible():
            self.setWindowState(target)  # taken up when the window is first shown
        elif on:
            self.showFullScreen()
        elif target & Qt.WindowState.WindowMaximized:
            self.showMaximized()
        else:
            self.showNormal()

    def projector_mode(self) -> bool:
        return self.projector_action.isChecked()

    def set_theme(self, theme: str) -> None:
        """Switches to light, dark or high-contrast colours and remembers the choice."""
        apply_theme(theme)
        self.navigation.show_theme()
        self.theme_actions[theme].setChecked(True)
        self.settings.setValue(THEME_KEY, theme)

    def _restore_view(self) -> None:
        self.set_theme(str(self.settings.value(THEME_KEY, LIGHT)))
        if str(self.settings.value(PROJECTOR_KEY, "false")).lower() == "true":
            self.set_projector_mode(True)

    # --- help -------------------------------------------------------------------------------------------

    def on_welcome_triggered(self) -> None:
        from workshop.ui.welcome import show_welcome  # the welcome screen builds on this window's module

        show_welcome(self)

    def shortcut_lines(self) -> list[str]:
        """Gives one line per keyboard shortcut: its keys and what it does."""
        lines = []
        for action in self.findChildren(QAction):
            keys = ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
            )
            if keys and action.text():
                lines.append(f"{keys}: {action.text().replace('&', '')}")
        return sorted(set(lines)) + [tr(line) for line in TABLE_KEYS]

    def on_shortcuts_triggered(self) -> None:
        QMessageBox.information(self, tr("Keyboard shortcuts"), "\n".join(self.shortcut_lines()))

    def on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            tr("About {app}").format(app=tr(APP_TITLE)),
            tr(
                "{app} {version}\n\n"
                "The facilitator's offline instrument for AI-strategy workshops.\n\n"
                "This workshop is saved in:\n{file}"
            ).format(app=tr(APP_TITLE), version=__version__, file=self.context.store.path),
        )

    # --- what the window shows -------------------------------------------------------------------------

    def page(self, phase: str) -> EditablePage:
        """Gives the page of that phase, making it in its place the first time it is asked for."""
        if phase not in self._pages:
            self._pages[phase] = page_class(phase)(self.context)
            shown, index = self._stack.currentIndex(), PHASES.index(phase)
            stand_in = self._stack.widget(index)
            assert stand_in is not None  # every phase has its place in the stack from the start
            self._stack.insertWidget(index, self._pages[phase])
            self._stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self._stack.setCurrentIndex(shown)
            QWidget.setTabOrder(self.navigation, self._pages[phase])  # Tab goes from the phases into it
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

    def on_workshop_changed(self, what: WhatChanged = EVERYTHING) -> None:
        """Marks the pages showing what changed as stale, refreshes the one in view and the header."""
        self.message_bar.hide()
        if what.touches(SUMMARY_TABLES):
            self._show_summary(self.context.read(workshop_summary))
        if what.touches(PROGRESS_TABLES):
            self.navigation.show_progress(self.context.read(workshop_progress))
        self._stale |= {phase for phase in PHASES if what.touches(shown_tables(phase))}
        self._refresh_page(self.current_phase())

    def on_busy_changed(self, holding: str) -> None:
        """Says in the status bar while background work holds the file, so a refused edit is no surprise."""
        if holding:
            self.statusBar().showMessage(tr("Busy: {what}").format(what=holding))
        else:
            self.statusBar().clearMessage()

    def _show_summary(self, summary: WorkshopSummary) -> None:
        """Shows the workshop's title and counts."""
        title = tr("{workshop} – {app}").format(workshop=summary.title, app=tr(APP_TITLE))
        read_only = self.context.store.read_only
        self.setWindowTitle(tr("{title} (read-only)").format(title=title) if read_only else title)
        self._header.setText(summary_line(summary))
        self._show_status()

    def _show_status(self) -> None:
        """Says where the workshop is saved; in projector mode only that it is, so the large type fits
        beside the clock (the full sentence is the tooltip)."""
        store = self.context.store
        if store.read_only:  # said where the facilitator looks for "saved", before any edit is refused
            saved = tr("Read-only: {file} cannot be changed – save a copy to edit it").format(file=store.path)
            short = tr("Read-only")
        else:
            saved = tr("Saved to {file} – every change is saved at once").format(file=store.path)
            short = tr("Every change is saved at once")
        self._status.setToolTip(saved)
        self._status.setText(short if self.projector_mode() else saved)

    def on_navigation_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._stack.setCurrentIndex(row)
        self._refresh_page(PHASES[row])
        self.room_tools.timer.propose_phase(PHASES[row])  # the agenda's next activity of this phase
        # Wherever a page is shown from (the list, a menu, a link), the keys start in the phase list again,
        # never in the status bar or a hidden page.
        self.navigation.setFocus()

    def _refresh_page(self, phase: str) -> None:
        # Pages read the file only when shown, so a big workshop does not read all nine at every change.
        if phase in self._stale:
            self.page(phase).refresh()
            self._stale.discard(phase)

    # --- files -----------------------------------------------------------------------------------------

    def export_pdf_from_report_page(self) -> None:
        """Shows the Report page and starts its export, which asks where to write the PDF."""
        self.select_phase(REPORT)
        from workshop.ui.pages.report_page import ReportPage

        page = self.page(REPORT)
        assert isinstance(page, ReportPage)
        page.on_export_clicked()

    # --- window ----------------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self.settings.value(GEOMETRY_KEY)
        if saved is None or not self.restoreGeometry(saved):
            self.resize(*DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        if self.projector_mode():
            # The type size belongs to the window's view; the application goes back to normal type.
            scale_fonts(self, self._normal_point_size / QApplication.font().pointSizeF())
            apply_projector_look(False)
        self.automatic_backups.take_last()
        self.context.close()
        super().closeEvent(event)
