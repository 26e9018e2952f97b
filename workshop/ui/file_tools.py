"""The File menu: open, create and copy workshops, import CSV files, export, and the recent workshops.

The window owns the pages; this owns what is done with files. Other tools add their file actions through
`add_actions`, so nobody looks a menu up by its (translated) text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from workshop.model.backup import back_up
from workshop.model.entities import SurveyTemplate
from workshop.model.errors import WorkshopFileError
from workshop.model.exporting import write_backup_json, write_csv_tables, write_json
from workshop.model.importing import import_ballots, import_participants, import_tasks
from workshop.model.questionnaire import workshop_items, write_questionnaire_csv
from workshop.model.store import SUFFIX, WorkshopStore, open_workshop
from workshop.ui.built import menu_action
from workshop.ui.context import Session, WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.import_problems_dialog import ImportProblemsDialog
from workshop.ui.recent import recent_files, remember
from workshop.ui.survey_import_dialog import open_survey_import
from workshop.ui.tasks import Report, Task
from workshop.ui.wizard import NewWorkshop, NewWorkshopWizard, create_new_workshop

FILE_FILTER = f"Workshops (*{SUFFIX})"
IMPORTS: dict[str, tuple[str, Callable[..., object]]] = {
    "&Participants": ("Participants", import_participants),
    "&Tasks": ("Tasks", import_tasks),
    "&Ballots": ("Ballots", import_ballots),
}
# Whole sentences per case, so each can be translated as a sentence.
FILE_ERROR_TITLES = {
    "opened": "Workshop not opened",
    "created": "Workshop not created",
    "written": "Workshop not written",
}
FILE_ERROR_TEXTS = {
    "opened": "{file} could not be opened.\n\n{reason}\n\nNothing in the file was changed.",
    "created": "{file} could not be created.\n\n{reason}\n\nNothing in the file was changed.",
    "written": "{file} could not be written.\n\n{reason}\n\nNothing in the file was changed.",
}


def report_file_error(parent: QWidget | None, error: WorkshopFileError, *, verb: str = "opened") -> None:
    """Shows why a workshop file could not be opened (or created), and that nothing was changed."""
    QMessageBox.critical(
        parent,
        tr(FILE_ERROR_TITLES[verb]),
        tr(FILE_ERROR_TEXTS[verb]).format(file=error.path.name, reason=error),
    )


def menu_text(text: str) -> str:
    """Gives text to show in a menu as it is (an '&' would otherwise mark a shortcut letter)."""
    return text.replace("&", "&&")


SURVEY_FILTER = "Survey exports (*.csv *.xlsx)"
PRINTED = (SurveyTemplate.READINESS, ".pdf")
QUESTIONNAIRES = {  # the file kinds offered, and what each writes
    "Readiness questionnaire, printable (*.pdf)": PRINTED,
    "Readiness questions for Forms (*.csv)": (SurveyTemplate.READINESS, ".csv"),
    "ADKAR questionnaire, printable (*.pdf)": (SurveyTemplate.ADKAR, ".pdf"),
    "ADKAR questions for Forms (*.csv)": (SurveyTemplate.ADKAR, ".csv"),
}
DECK_FILTER = "PowerPoint slides (*.pptx)"
WORKBOOK_FILTER = "Excel workbooks (*.xlsx)"


def chosen_file(parent: QWidget, title: str, suggested: Path, kinds: str) -> Path | None:
    """Gives the file the user chose to write, with the suggested ending added if they left it out; None
    when they cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), tr(kinds))
    if not chosen:
        return None
    suffix = suggested.suffix
    return Path(chosen) if chosen.lower().endswith(suffix) else Path(chosen + suffix)


def write_deck_of(session: Session, *, path: Path) -> None:
    """Gives nothing; writes the slide deck of the findings (the latest revealed ranking round) to `path`."""
    # Imported here, on the store's worker: the window never waits for the charts and slides to load.
    from workshop.findings import findings_for_report
    from workshop.report.deck import write_deck

    write_deck(findings_for_report(session), path)


def write_workbook_of(session: Session, *, path: Path) -> None:
    """Gives nothing; writes the workbook of the tables the export shares to `path`."""
    from workshop.report.workbook import write_workbook

    write_workbook(session, path)


def write_questionnaire_of(session: Session, *, path: Path, template: SurveyTemplate) -> None:
    """Gives nothing; writes the workshop's questionnaire: a printable page (.pdf) or a header row (.csv)."""
    items = workshop_items(session, template)
    if path.suffix.lower() == ".csv":
        write_questionnaire_csv(items, path)
        return
    from workshop.report.questionnaire import write_questionnaire_pdf  # reportlab loads for the PDF only

    write_questionnaire_pdf(items, path, template=template)


class FileTools(QObject):
    """Builds the File menu of a main window and carries out its actions."""

    created = Signal()  # a new workshop was made and opened: the window shows its first phase

    def __init__(
        self,
        window: QMainWindow,
        context: WorkshopContext,
        settings: QSettings,
        *,
        welcome: Callable[[], object],
        export_pdf: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.settings = settings
        self.export_pdf = export_pdf
        self.menu = QMenu(tr("&File"), window)
        self.problems_dialog: ImportProblemsDialog | None = None  # the last refused import's problems
        self._build_menu(welcome)

    def _build_menu(self, welcome: Callable[[], object]) -> None:
        menu = self.menu
        menu_action(menu, self.window, tr("&Welcome..."), None, welcome)
        menu_action(menu, self.window, tr("&New..."), QKeySequence.StandardKey.New, self.on_new_triggered)
        menu_action(menu, self.window, tr("&Open..."), QKeySequence.StandardKey.Open, self.on_open_triggered)
        self.recent_menu = menu.addMenu(tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self.refresh_recent_menu)
        menu_action(
            menu,
            self.window,
            tr("Save a &Copy As..."),
            QKeySequence("Ctrl+Shift+S"),
            self.on_save_copy_triggered,
        )
        menu.addSeparator()
        imports = menu.addMenu(tr("&Import"))
        for what, slot in IMPORTS.items():
            menu_action(
                imports,
                self.window,
                tr("{what} (CSV)...").format(what=tr(what)),
                None,
                partial(self.import_csv, *slot),
            )
        menu_action(
            imports, self.window, tr("&Survey Answers (CSV, XLSX)..."), None, self.on_import_survey_triggered
        )
        exports = menu.addMenu(tr("&Export"))
        menu_action(
            exports, self.window, tr("&Strategy PDF..."), QKeySequence("Ctrl+E"), self.on_export_pdf_triggered
        )
        menu_action(exports, self.window, tr("Slide &deck..."), None, self.on_export_deck_triggered)
        menu_action(
            exports, self.window, tr("Tables as a &workbook..."), None, self.on_export_workbook_triggered
        )
        menu_action(exports, self.window, tr("Workshop as &JSON..."), None, self.on_export_json_triggered)
        menu_action(exports, self.window, tr("Tables as &CSV files..."), None, self.on_export_csv_triggered)
        menu_action(
            exports, self.window, tr("Survey &Questionnaire..."), None, self.on_export_questionnaire_triggered
        )
        self._others = menu.addSeparator()  # other tools' file actions go above this line
        menu_action(menu, self.window, tr("&Quit"), QKeySequence("Ctrl+Q"), self.window.close)
        self.refresh_recent_menu()

    def add_actions(self, actions: Sequence[QAction]) -> None:
        """Adds another tool's actions to the File menu, in a group above Quit."""
        for action in actions:
            self.menu.insertAction(self._others, action)
        self.menu.insertSeparator(self._others)

    def open_workshop_file(self, path: Path) -> bool:
        """Switches to the workshop at `path`; on failure says why and keeps the current one."""
        if path.resolve() == self.context.store.path.resolve():
            return True
        return self._switch_to(open_workshop, path, verb="opened")

    def create_from_wizard(self, details: NewWorkshop) -> bool:
        """Gives whether the workshop the wizard describes was created and switched to (on its first
        phase); on failure says why and keeps the current one."""
        if not self._switch_to(lambda _path: create_new_workshop(details), details.path, verb="created"):
            return False
        self.created.emit()
        return True

    def _switch_to(self, opener: Callable[[Path], WorkshopStore], path: Path, *, verb: str) -> bool:
        try:
            store = opener(path)
        except WorkshopFileError as error:
            report_file_error(self.window, error, verb=verb)
            return False
        self.context.replace(store)
        remember(self.settings, store.path)
        return True

    def on_new_triggered(self) -> NewWorkshopWizard:
        """Gives the new-workshop wizard, shown over the window; finishing it creates and opens the
        workshop (the welcome screen's New asks the same questions)."""
        wizard = NewWorkshopWizard(self.window, folder=self._dialog_folder())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.accepted.connect(lambda: self.create_from_wizard(wizard.details()))
        wizard.open()
        return wizard

    def on_open_triggered(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, tr("Open workshop"), str(self._dialog_folder()), tr(FILE_FILTER)
        )
        if chosen:
            self.open_workshop_file(Path(chosen))

    def on_save_copy_triggered(self) -> Task | None:
        path = self.context.store.path
        # A server has no file to copy: its copy is the whole workshop as JSON, which
        # `workshop import --json` restores.
        on_server = self.context.store.url is not None
        suffix, file_filter = (".json", tr("JSON files (*.json)")) if on_server else (SUFFIX, tr(FILE_FILTER))
        suggested = path.with_name(tr("{name} copy").format(name=path.stem) + suffix)
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, tr("Save a copy as"), str(suggested), file_filter
        )
        return self.save_copy(Path(chosen)) if chosen else None

    def save_copy(self, target: Path) -> Task:
        """Gives the started copy of the open workshop to `target` (the open file stays open): one
        committed state, checked, even while the pages keep saving (the same as `workshop backup`)."""
        store = self.context.store
        suffix = ".json" if store.url is not None else SUFFIX
        target = target if target.suffix == suffix else target.with_name(target.name + suffix)

        def work(_report: Report) -> Path:
            if store.url is not None:
                with store.reading() as session:
                    write_backup_json(session, target)
                return target
            return back_up(store.path, target, replace=True)  # the file dialog asked before replacing

        def saved(written: Path) -> None:
            self.window.statusBar().showMessage(
                # The name alone: the status bar shares its line with the timer; the folder was just chosen.
                tr("Copy saved as {name}; you keep working in this file").format(name=written.name),
                8000,
            )

        def failed(reason: str) -> None:
            QMessageBox.warning(
                self.window,
                tr(FILE_ERROR_TITLES["written"]),
                tr("{reason}\n\nThe workshop is unchanged.").format(reason=reason),
            )

        return self.context.in_background(
            self.window, tr("Saving a copy"), work, on_result=saved, on_error=failed
        )

    def import_csv(self, what: str, importer: Callable[..., object]) -> Task | None:
        """Gives the started import of the CSV file the facilitator chooses (None when they choose none).

        It runs on the store's worker; the pages show the rows when it ends, a bad file changes nothing
        and says where."""
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            tr("Import {what}").format(what=tr(what).lower()),
            str(self._dialog_folder()),
            tr("CSV files (*.csv)"),
        )
        if not chosen:
            return None
        return self.start_import(what, importer, Path(chosen))

    def start_import(self, what: str, importer: Callable[..., object], path: Path) -> Task:
        """Gives the started background import of `path`: one transaction, all of the file or none of it."""
        store = self.context.store

        def work(report: Report) -> None:
            with store.transaction() as session:  # opened on the worker's own thread and connection
                importer(
                    session,
                    path=path,
                    progress=lambda done, total: report(
                        tr("Checked {done} of {total} rows").format(done=done, total=total),
                        done / max(total, 1),
                    ),
                )

        def imported(_nothing: None) -> None:
            # The context tells the pages once the file is free; the window paints once in between.
            self.window.statusBar().showMessage(
                tr("Imported {what} from {file}").format(what=tr(what).lower(), file=path), 8000
            )

        def refused(sentence: str) -> None:
            if "\n" in sentence:  # several problems: listed where they can be read and copied
                self.problems_dialog = ImportProblemsDialog(path.name, sentence, self.window)
                self.problems_dialog.open()
                return
            QMessageBox.warning(
                self.window,
                tr("Nothing imported"),
                tr("{reason}\n\nNothing was imported; the workshop is as it was.").format(reason=sentence),
            )

        return self.context.in_background(
            self.window,
            tr("Importing {what}").format(what=tr(what).lower()),
            work,
            holding=tr("an import of {file} is running; try again when it has finished.").format(
                file=path.name
            ),
            on_result=imported,
            on_error=refused,
        )

    def on_import_survey_triggered(self) -> Task | None:
        """Gives the started reading of the survey export chosen; its mapping dialog follows."""
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, tr("Import survey answers"), str(self._dialog_folder()), tr(SURVEY_FILTER)
        )
        return open_survey_import(self.window, self.context, Path(chosen)) if chosen else None

    def on_export_questionnaire_triggered(self) -> Task | None:
        """Gives the started writing of the questionnaire chosen: printable PDF or a header row for Forms."""
        suggested = self._dialog_folder() / tr("Readiness questionnaire.pdf")
        chosen, kind = QFileDialog.getSaveFileName(
            self.window, tr("Export survey questionnaire"), str(suggested), ";;".join(map(tr, QUESTIONNAIRES))
        )
        if not chosen:
            return None
        template, suffix = QUESTIONNAIRES.get(next((k for k in QUESTIONNAIRES if tr(k) == kind), ""), PRINTED)
        # An ending typed by hand wins over the kind's: "questions.csv" is the header row.
        path = Path(chosen) if Path(chosen).suffix.lower() in (".csv", ".pdf") else Path(chosen + suffix)
        return self._export(partial(write_questionnaire_of, path=path, template=template), str(path))

    def on_export_pdf_triggered(self) -> None:
        # The Report page exports the PDF, with its preview and warnings: the window shows it and asks.
        self.export_pdf()

    def on_export_json_triggered(self) -> Task | None:
        path = self.context.store.path
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, tr("Export as JSON"), str(path.with_suffix(".json")), tr("JSON files (*.json)")
        )
        if not chosen:
            return None
        return self._export(lambda session: write_json(session, Path(chosen)), chosen)

    def on_export_deck_triggered(self) -> Task | None:
        chosen = chosen_file(
            self.window, tr("Export slide deck"), self.context.store.path.with_suffix(".pptx"), DECK_FILTER
        )
        if chosen is None:
            return None
        return self._export(partial(write_deck_of, path=chosen), str(chosen))

    def on_export_workbook_triggered(self) -> Task | None:
        chosen = chosen_file(
            self.window, tr("Export workbook"), self.context.store.path.with_suffix(".xlsx"), WORKBOOK_FILTER
        )
        if chosen is None:
            return None
        return self._export(partial(write_workbook_of, path=chosen), str(chosen))

    def on_export_csv_triggered(self) -> Task | None:
        chosen = QFileDialog.getExistingDirectory(
            self.window, tr("Export tables to folder"), str(self._dialog_folder())
        )
        if not chosen:
            return None
        return self._export(lambda session: write_csv_tables(session, Path(chosen)), chosen)

    def _export(self, writer: Callable[..., object], where: str) -> Task:
        """Gives the started export on the store's worker; the status bar or a message says how it went."""
        store = self.context.store

        def work(_report: Report) -> None:
            with store.reading() as session:
                writer(session)

        def failed(reason: str) -> None:
            QMessageBox.warning(
                self.window,
                tr("Export failed"),
                tr("Could not write {file}:\n{reason}\n\nThe workshop is unchanged.").format(
                    file=where, reason=reason
                ),
            )

        return self.context.in_background(
            self.window,
            tr("Exporting"),
            work,
            on_result=lambda _: self.window.statusBar().showMessage(
                tr("Exported to {file}").format(file=where), 8000
            ),
            on_error=failed,
        )

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
            self.recent_menu.addAction(tr("No recent workshops")).setEnabled(False)

    def recent_menu_paths(self) -> list[Path]:
        """Gives the files File > Open Recent offers, in order."""
        self.refresh_recent_menu()
        return [Path(action.data()) for action in self.recent_menu.actions() if action.data()]
