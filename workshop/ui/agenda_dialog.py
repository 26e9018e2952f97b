"""The day's agenda, planned in one dialog (View > Agenda…): activities with minutes and phases, start times
from the workshop's start, templates to start from, and a one-page print.

A dialog rather than a part of the Setup page: the facilitator plans the day before it starts but changes
it during the day too (a discussion ran long, the break moves), from whatever page the room is on. Every
edit is one undoable change, like the pages' edits; Ctrl+Z works in the dialog as in the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop.model import agenda
from workshop.model.errors import InputError
from workshop.model.views import PHASES, entity_rows, workshop_summary
from workshop.ui.built import built
from workshop.ui.commands import AddRow, DeleteRow, UpdateFields
from workshop.ui.context import Change, Session, WhatChanged, WorkshopContext
from workshop.ui.i18n import tr
from workshop.wording import plural

NEW_ACTIVITY_MINUTES = 15
COLUMNS = ("Starts", "Activity", "Minutes", "Phase")


class MoveActivity(Change):
    """Moves an activity one place up or down; undoing moves it back."""

    def __init__(self, context: WorkshopContext, text: str, *, item_id: int, by: int) -> None:
        super().__init__(context, text)
        self.item_id, self.by = item_id, by

    def apply(self, session: Session) -> None:
        agenda.move_item(session, item_id=self.item_id, by=self.by)

    def revert(self, session: Session) -> None:
        agenda.move_item(session, item_id=self.item_id, by=-self.by)


class ReplaceAgenda(Change):
    """Puts a whole agenda (a template's) in place of the one there; undoing brings the old one back."""

    def __init__(self, context: WorkshopContext, text: str, *, rows: list[dict[str, Any]]) -> None:
        super().__init__(context, text)
        self.rows = rows
        self.before: list[dict[str, Any]] = []

    def apply(self, session: Session) -> None:
        self.before = agenda.put_agenda(session, self.rows)
        self.rows = agenda.agenda_rows(session)  # redoing brings back the same ids

    def revert(self, session: Session) -> None:
        agenda.put_agenda(session, self.before)


def phase_choices() -> list[tuple[str, str | None]]:
    """Gives the phases an activity can belong to, as (shown text, stored name); a break has none."""
    return [(tr("Break (no phase)"), None), *((tr(phase), phase) for phase in PHASES)]


class AgendaDialog(QDialog):
    """The agenda's table, the chosen activity's fields below it, and the buttons that change the agenda."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(tr("Agenda"))
        self.agenda = agenda.Agenda(None, ())
        self.starts_at = built(QLineEdit(), placeholderText=tr("09:00"), accessibleName=tr("Starts at"))
        self.totals = built(QLabel(), objectName="agendaTotals")
        self.table = self._make_table()
        self.title = built(QLineEdit(), accessibleName=tr("Activity"))
        self.minutes = built(
            QSpinBox(), minimum=1, maximum=600, suffix=tr(" min"), accessibleName=tr("Minutes")
        )
        self.phase = built(QComboBox(), accessibleName=tr("Phase"))
        for text, phase in phase_choices():
            self.phase.addItem(text, phase)
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        self._connect()
        context.changed.connect(self.on_workshop_changed)
        self.refresh()
        self.resize(900, 640)  # a full day's dozen activities fit without scrolling

    # --- building ---------------------------------------------------------------------------------------

    def _make_table(self) -> QTableWidget:
        table = built(QTableWidget(0, len(COLUMNS)), accessibleName=tr("Agenda"), tabKeyNavigation=False)
        table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance(tr("Minutes")) + 24)
        for column in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.Stretch if column == 1 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        return table

    def _build(self) -> None:
        # A time of day and a few minutes need little room; the totals read beside the start time.
        short = self.fontMetrics().horizontalAdvance("0000 min") + 40
        self.starts_at.setMaximumWidth(short)
        self.minutes.setMaximumWidth(short)
        starts = built(QLabel(tr("&Starts at")), buddy=self.starts_at)
        top = QHBoxLayout()
        for widget in (starts, self.starts_at):
            top.addWidget(widget)
        top.addSpacing(24)
        top.addWidget(self.totals, 1)
        chosen = QFormLayout()
        for label, editor in (
            (tr("A&ctivity"), self.title),
            (tr("M&inutes"), self.minutes),
            (tr("P&hase"), self.phase),
        ):
            chosen.addRow(label, editor)
        row = QHBoxLayout()
        for key, text in (
            ("add", tr("&Add")),
            ("delete", tr("&Delete")),
            ("up", tr("Move &up")),
            ("down", tr("Move do&wn")),
            ("template", tr("Start from a &template…")),
            ("print", tr("&Print agenda…")),
        ):
            # Enter in a field saves that field; it must not press a button (a dialog's default one) too.
            self.buttons[key] = built(QPushButton(text), autoDefault=False)
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        if close_button is not None:
            close_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(chosen)
        layout.addLayout(row)
        layout.addWidget(close)

    def _connect(self) -> None:
        self.starts_at.editingFinished.connect(self.on_start_time_edited)
        self.table.itemSelectionChanged.connect(self.show_chosen)
        self.title.editingFinished.connect(lambda: self.save("title", self.title.text().strip()))
        self.minutes.editingFinished.connect(lambda: self.save("minutes", self.minutes.value()))
        self.phase.activated.connect(lambda _row: self.save("phase", self.phase.currentData()))
        for key, slot in (
            ("add", self.add_activity),
            ("delete", self.delete_activity),
            ("up", lambda: self.move_activity(-1)),
            ("down", lambda: self.move_activity(1)),
            ("template", self.on_template_clicked),
            ("print", self.on_print_clicked),
        ):
            self.buttons[key].clicked.connect(slot)
        for keys, slot in (
            (QKeySequence("Insert"), self.add_activity),
            (QKeySequence("Alt+Up"), lambda: self.move_activity(-1)),
            (QKeySequence("Alt+Down"), lambda: self.move_activity(1)),
            (QKeySequence(QKeySequence.StandardKey.Undo), self.context.undo_stack.undo),
            (QKeySequence(QKeySequence.StandardKey.Redo), self.context.undo_stack.redo),
        ):
            QShortcut(keys, self, slot)
        delete = QShortcut(QKeySequence("Delete"), self.table, self.delete_activity)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)  # in a text field, Delete deletes a letter

    # --- what it shows ----------------------------------------------------------------------------------

    def on_workshop_changed(self, what: WhatChanged) -> None:
        if what.touches(agenda.AGENDA_TABLES):
            self.refresh()

    def refresh(self, chosen: int | None = None) -> None:
        """Reads the agenda again and shows it, keeping the chosen activity (or choosing `chosen`)."""
        keep = chosen if chosen is not None else self.chosen_id()
        self.agenda = self.context.read(agenda.read_agenda)
        if not self.starts_at.hasFocus():
            self.starts_at.setText(f"{self.agenda.starts_at:%H:%M}" if self.agenda.starts_at else "")
        self.totals.setText(self._totals_text())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.agenda.lines))
        for row, line in enumerate(self.agenda.lines):
            phase = tr(line.phase) if line.phase else tr("Break")
            for column, text in enumerate((line.starts, line.title, str(line.minutes), phase)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, line.item_id)
                self.table.setItem(row, column, cell)
        ids = [line.item_id for line in self.agenda.lines]
        self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self.table.blockSignals(False)
        self.show_chosen()

    def _totals_text(self) -> str:
        if not self.agenda.lines:
            return tr("No activities yet: add them one by one or start from a template.")
        count = plural(len(self.agenda.lines), "%n activity", "%n activities")
        return tr("{count} – {length} in all, ends at {end}").format(
            count=count, length=agenda.duration_text(self.agenda.total_minutes), end=self.agenda.ends
        )

    def chosen_id(self) -> int | None:
        """Gives the id of the activity chosen in the table (None: none)."""
        rows = self.table.selectionModel().selectedRows()
        cell = self.table.item(rows[0].row(), 0) if rows else None
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def chosen_line(self) -> agenda.AgendaLine | None:
        return next((line for line in self.agenda.lines if line.item_id == self.chosen_id()), None)

    def show_chosen(self) -> None:
        line = self.chosen_line()
        for editor in (self.title, self.minutes, self.phase, self.buttons["delete"]):
            editor.setEnabled(line is not None)
        self.buttons["up"].setEnabled(line is not None and line is not self.agenda.lines[0])
        self.buttons["down"].setEnabled(line is not None and line is not self.agenda.lines[-1])
        if line is not None:
            self.title.setText(line.title)
            self.minutes.setValue(line.minutes)
            self.phase.setCurrentIndex(max(0, self.phase.findData(line.phase)))

    # --- changes ----------------------------------------------------------------------------------------

    def on_start_time_edited(self) -> None:
        try:
            starts_at = agenda.time_of_day(self.starts_at.text())
        except InputError as error:
            self.context.failed.emit(tr("Not saved – {error}").format(error=error))
            return  # the typed text stays for correction
        if starts_at == self.agenda.starts_at:
            return
        workshop_id = self.context.read(entity_rows, "workshop")[0].id
        values = {"starts_at": starts_at}
        self.context.perform(
            UpdateFields(
                self.context,
                tr("Change the start time"),
                entity="workshop",
                row_id=workshop_id,
                values=values,
            )
        )

    def save(self, field: str, value: Any) -> bool:
        """Gives whether the chosen activity's field was changed to `value` (an empty title is refused)."""
        line = self.chosen_line()
        if line is None or value == getattr(line, field):
            return False
        if value == "":  # an activity needs a name: the one it had comes back
            self.show_chosen()
            return False
        text = tr("Change the activity {title!r}").format(title=line.title)
        values = {field: value}
        return self.context.perform(
            UpdateFields(self.context, text, entity="agenda_item", row_id=line.item_id, values=values)
        )

    def add_activity(self) -> None:
        """Adds an activity at the end, chosen and its title ready to type."""
        values = {
            "title": tr("New activity"),
            "minutes": NEW_ACTIVITY_MINUTES,
            "phase": None,
            "position": self.context.read(agenda.next_position),
        }
        change = AddRow(self.context, tr("Add an activity"), entity="agenda_item", values=values)
        if self.context.perform(change):
            self.refresh(chosen=change.row_id)
            self.title.setFocus()
            self.title.selectAll()

    def delete_activity(self) -> None:
        line = self.chosen_line()
        if line is None:
            return
        text = tr("Delete the activity {title!r}").format(title=line.title)
        self.context.perform(DeleteRow(self.context, text, entity="agenda_item", row_id=line.item_id))
        self.table.setFocus()

    def move_activity(self, by: int) -> None:
        line = self.chosen_line()
        if line is None:
            return
        text = tr("Move the activity {title!r}").format(title=line.title)
        self.context.perform(MoveActivity(self.context, text, item_id=line.item_id, by=by))

    def start_from_template(self, name: str) -> bool:
        """Gives whether the template's activities replaced the agenda (one undoable change)."""
        rows = agenda.template_rows(name)
        text = tr("Start the agenda from {template!r}").format(template=tr(name))
        if not self.context.perform(ReplaceAgenda(self.context, text, rows=rows)):
            return False
        self.refresh(chosen=self.agenda.lines[0].item_id if self.agenda.lines else None)
        return True

    def on_template_clicked(self) -> None:
        names = list(agenda.TEMPLATES)
        shown = [tr(name) for name in names]
        chosen, ok = QInputDialog.getItem(
            self, tr("Start from a template"), tr("Which day is it?"), shown, 0, False
        )
        if ok and self._may_replace():
            self.start_from_template(names[shown.index(chosen)])

    def _may_replace(self) -> bool:
        if not self.agenda.lines:
            return True
        question = plural(
            len(self.agenda.lines),
            "Replace the agenda's %n activity with the template? Edit > Undo brings it back.",
            "Replace the agenda's %n activities with the template? Edit > Undo brings them back.",
        )
        answer = QMessageBox.question(self, tr("Start from a template"), question)
        return answer == QMessageBox.StandardButton.Yes

    def on_print_clicked(self) -> None:
        suggested = Path(self.context.store.path).with_name(
            f"{Path(self.context.store.path).stem}-agenda.pdf"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Print agenda"), str(suggested), tr("PDF files (*.pdf)")
        )
        if path:
            self.print_to(Path(path))

    def print_to(self, path: Path) -> None:
        """Writes the agenda's one-page PDF; a file that cannot be written is said in one sentence."""
        from workshop.report.agenda import write_agenda  # reportlab loads when first printing

        summary = self.context.read(workshop_summary)
        try:
            write_agenda(
                path,
                self.agenda,
                summary.title,
                "   ·   ".join(filter(None, (summary.organisation, summary.held_on))),
            )
        except OSError as error:
            QMessageBox.warning(
                self, tr("Print agenda"), tr("The agenda was not written: {error}").format(error=error)
            )
