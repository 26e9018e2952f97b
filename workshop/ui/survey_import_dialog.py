"""File > Import > Survey Answers: say what each column of a Forms export holds, then import it.

The header's guess (`survey_import.guess_map`) fills the choices; the facilitator changes any of them,
names the round and imports. The import runs on the store's worker in one transaction: a bad cell is
shown in one line (file, row, column, value) with the dialog still open, and nothing is stored.

The examples beside each column are a few of its distinct values, sorted, never a row: on a projected
screen no one's answers can be read across the columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop.model import entities as e
from workshop.model.errors import WorkshopError
from workshop.model.survey_import import (
    SurveyImport,
    SurveyMap,
    guess_map,
    import_survey,
    question_choices,
    read_map,
    summary,
    unmapped_columns,
    write_map,
)
from workshop.model.survey_sheet import Sheet, read_sheet
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.built import built
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.tasks import Report, Task, run_in_background
from workshop.wording import plural

# What a column holds: ("name" | "team" | "role" | "skip", None, False) or ("question", dimension, estimate).
Use = tuple[str, str | None, bool]
SKIP: Use = ("skip", None, False)
PERSON_USES: tuple[tuple[Use, str], ...] = (
    (("name", None, False), "Respondent name"),
    (("team", None, False), "Team"),
    (("role", None, False), "Role"),
)
EXAMPLE_ROWS = 20  # the rows the examples are taken from
EXAMPLES = 3
MAP_FILTER = "Map files (*.json)"


def column_uses(choices: Mapping[str, e.SurveyTemplate]) -> list[tuple[Use, str]]:
    """Gives every choice a column's combo offers, with its words, in the order shown."""
    uses: list[tuple[Use, str]] = [(SKIP, tr("Not imported")), *((u, tr(w)) for u, w in PERSON_USES)]
    for dimension, template in choices.items():
        shown = dimension[:1].upper() + dimension[1:]
        if template is e.SurveyTemplate.ADKAR:
            uses.append((("question", dimension, False), tr("ADKAR: {element}").format(element=shown)))
            continue
        uses.append((("question", dimension, False), tr("{dimension} – own answer").format(dimension=shown)))
        uses.append(
            (("question", dimension, True), tr("{dimension} – team estimate").format(dimension=shown))
        )
    return uses


def uses_of(survey_map: SurveyMap) -> dict[str, Use]:
    """Gives the use of each column the map names."""
    uses: dict[str, Use] = {
        column: ("question", dimension, estimate)
        for column, (dimension, estimate) in survey_map.questions.items()
    }
    for kind, column in (("name", survey_map.name), ("team", survey_map.team), ("role", survey_map.role)):
        if column is not None:
            uses[column] = (kind, None, False)
    return uses


def examples(sheet: Sheet, column: int) -> str:
    """Gives a few distinct values of a column, sorted, so the facilitator recognises it."""
    values = sorted({cells[column] for _, cells in sheet.rows[:EXAMPLE_ROWS] if cells[column]})
    shown = ", ".join(value if len(value) <= 24 else value[:23] + "…" for value in values[:EXAMPLES])
    if not values:
        return tr("(empty in the first rows)")
    return shown + (", …" if len(values) > EXAMPLES else "")


class SurveyImportDialog(QDialog):
    """The mapping step of a survey import: a combo per column, the round's name, Import."""

    imported = Signal(str)  # the summary of what was stored, in one line

    def __init__(
        self,
        context: WorkshopContext,
        path: Path,
        sheet: Sheet,
        choices: Mapping[str, e.SurveyTemplate],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.path, self.sheet = context, path, sheet
        self.task: Task | None = None
        self.setWindowTitle(tr("Import survey answers"))
        self.uses = column_uses(choices)
        self.boxes = {column: self._use_box(column) for column in sheet.columns}
        self.round_name = built(QLineEdit(path.stem), accessibleName=tr("Survey round"))
        self.unmapped = built(QLabel(), wordWrap=True, objectName="unmappedColumns")
        self.problem = built(QLabel(), wordWrap=True, objectName="surveyImportProblem")
        show_as_attention(self.problem, PROBLEM)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self._button(tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._build()
        self.import_button.setDefault(True)  # Enter imports; set once the button is in the dialog
        self.apply_map(guess_map(sheet.columns, choices))

    def _use_box(self, column: str) -> QComboBox:
        box = built(QComboBox(), accessibleName=tr("What the column {column!r} holds").format(column=column))
        for _, words in self.uses:
            box.addItem(words)
        box.currentIndexChanged.connect(lambda _index, c=column: self.on_use_changed(c))
        return box

    def _button(self, text: str, role: QDialogButtonBox.ButtonRole | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        if role is not None:
            self.buttons.addButton(button, role)
        return button

    def _build(self) -> None:
        load = self._button(tr("&Load a map…"))
        save = self._button(tr("&Save this map…"))
        load.clicked.connect(self.on_load_map_clicked)
        save.clicked.connect(self.on_save_map_clicked)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        intro = tr(
            "Say what each column of {file} holds. The choices are guessed from the header; change any "
            "of them. A column left as “Not imported” is listed below."
        ).format(file=self.path.name)
        form = QFormLayout()
        form.addRow(tr("Survey &round"), self.round_name)
        layout = QVBoxLayout(self)
        layout.addWidget(built(QLabel(intro), wordWrap=True))
        layout.addWidget(self._columns_area(), 1)
        layout.addLayout(form)
        layout.addWidget(self.unmapped)
        layout.addWidget(self.problem)
        # The map's buttons stand apart, on the left: they do not close the dialog.
        row = QHBoxLayout()
        row.addWidget(load)
        row.addWidget(save)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.problem.hide()
        self.resize(900, 640)

    def _columns_area(self) -> QScrollArea:
        grid = QGridLayout()
        for position, heading in enumerate((tr("Column in the file"), tr("Holds"), tr("Examples"))):
            grid.addWidget(built(QLabel(f"<b>{heading}</b>"), textFormat=Qt.TextFormat.RichText), 0, position)
        for row, column in enumerate(self.sheet.columns, start=1):
            label = built(
                QLabel(), wordWrap=True, buddy=self.boxes[column], textFormat=Qt.TextFormat.PlainText
            )
            label.setText(column)
            grid.addWidget(label, row, 0)
            grid.addWidget(self.boxes[column], row, 1)
            sample = built(QLabel(examples(self.sheet, row - 1)), textFormat=Qt.TextFormat.PlainText)
            grid.addWidget(sample, row, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.sheet.columns) + 1, 1)
        inside = QWidget()
        inside.setLayout(grid)
        area = built(QScrollArea(), widgetResizable=True)
        area.setWidget(inside)
        return area

    def use_of(self, column: str) -> Use:
        return self.uses[self.boxes[column].currentIndex()][0]

    def choose(self, column: str, use: Use) -> None:
        """Sets what a column holds, as the facilitator would in its combo."""
        self.boxes[column].setCurrentIndex([u for u, _ in self.uses].index(use))

    def on_use_changed(self, column: str) -> None:
        # One column names the person, one the team, one the role: choosing another moves the choice.
        use = self.use_of(column)
        if use[0] in ("name", "team", "role"):
            for other in self.boxes:
                if other != column and self.use_of(other) == use:
                    self.choose(other, SKIP)
        self._show_unmapped()

    def _show_unmapped(self) -> None:
        left = unmapped_columns(self.sheet.columns, self.survey_map())
        self.unmapped.setText(
            plural(
                len(left), "%n column is not imported: {columns}.", "%n columns are not imported: {columns}."
            ).format(columns=", ".join(left))
            if left
            else tr("Every column is imported.")
        )

    def survey_map(self) -> SurveyMap:
        """Gives the map the combos show."""
        person: dict[str, str] = {}
        questions: dict[str, tuple[str, bool]] = {}
        for column in self.sheet.columns:
            kind, dimension, estimate = self.use_of(column)
            if kind == "question" and dimension is not None:
                questions[column] = (dimension, estimate)
            elif kind != "skip":
                person[kind] = column
        return SurveyMap(person.get("name"), person.get("team"), person.get("role"), questions)

    def apply_map(self, survey_map: SurveyMap) -> None:
        """Shows the map in the combos; a column it does not name is not imported."""
        uses = uses_of(survey_map)
        known = {u for u, _ in self.uses}
        for column in self.sheet.columns:
            use = uses.get(column, SKIP)
            self.choose(column, use if use in known else SKIP)
        self._show_unmapped()

    def show_problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.setVisible(bool(sentence))

    def on_load_map_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, tr("Load a map"), str(self.path.parent), tr(MAP_FILTER))
        if chosen:
            self.load_map(Path(chosen))

    def load_map(self, path: Path) -> None:
        """Shows the map file's choices; a column the export lacks is said, and nothing changes."""
        try:
            survey_map = read_map(path)
        except WorkshopError as error:
            self.show_problem(str(error))
            return
        missing = [c for c in uses_of(survey_map) if c not in self.sheet.columns]
        if missing:
            self.show_problem(
                tr("{file}: this export has no column {columns}; the map was not applied.").format(
                    file=path.name, columns=", ".join(repr(c) for c in missing)
                )
            )
            return
        self.show_problem("")
        self.apply_map(survey_map)

    def on_save_map_clicked(self) -> None:
        suggested = self.path.with_name(tr("{name} map").format(name=self.path.stem) + ".json")
        chosen, _ = QFileDialog.getSaveFileName(self, tr("Save this map"), str(suggested), tr(MAP_FILTER))
        if chosen:
            self.save_map(Path(chosen if chosen.lower().endswith(".json") else chosen + ".json"))

    def save_map(self, path: Path) -> bool:
        """Gives whether the map was written to `path`, for `workshop import --map` and the next round."""
        if self.survey_map().name is None:
            self.show_problem(tr("Choose the column holding the respondent's name before saving the map."))
            return False
        try:
            write_map(self.survey_map(), path)
        except OSError as error:
            self.show_problem(
                tr("{file} could not be written ({reason}).").format(file=path.name, reason=error)
            )
            return False
        self.show_problem("")
        return True

    def start_import(self) -> Task | None:
        """Gives the started import with the combos' map (None when the round has no name yet)."""
        name = self.round_name.text().strip()
        if not name:
            self.show_problem(tr("Name the survey round the answers go into."))
            self.round_name.setFocus()
            return None
        self.show_problem("")
        self.import_button.setEnabled(False)
        survey_map, path, store = self.survey_map(), self.path, self.context.store

        def work(_report: Report) -> SurveyImport:
            with store.transaction() as session:  # one transaction: all of the file or none of it
                return import_survey(session, path, round_name=name, survey_map=survey_map)

        self.task = self.context.in_background(
            self,
            tr("Importing survey answers"),
            work,
            holding=tr("an import of {file} is running; try again when it has finished.").format(
                file=path.name
            ),
            on_result=self.on_imported,
            on_error=self.on_refused,
        )
        return self.task

    def on_imported(self, result: SurveyImport) -> None:
        self.imported.emit(" ".join(summary(result).splitlines()))
        self.accept()

    def on_refused(self, sentence: str) -> None:
        self.import_button.setEnabled(True)
        self.show_problem(
            tr("{reason}\nNothing was imported; the workshop is as it was.").format(reason=sentence)
        )


def open_survey_import(window: QMainWindow, context: WorkshopContext, path: Path) -> Task:
    """Gives the started reading of the export (off the UI thread: a workbook may be large); the mapping
    dialog opens over the window once it is read, and its summary goes to the status bar."""
    choices = context.read(question_choices)

    def read(_report: Report) -> Sheet:
        return read_sheet(path)

    def opened(sheet: Sheet) -> None:
        dialog = SurveyImportDialog(context, path, sheet, choices, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda said: window.statusBar().showMessage(said, 10000))
        dialog.open()

    def refused(sentence: str) -> None:
        QMessageBox.warning(
            window,
            tr("Nothing imported"),
            tr("{reason}\n\nNothing was imported; the workshop is as it was.").format(reason=sentence),
        )

    return run_in_background(
        window, tr("Reading {file}").format(file=path.name), read, on_result=opened, on_error=refused
    )
