"""An editable table of one kind of workshop row: inline editing, choices, add, delete, sort and filter.

The item model is a thin adapter over frozen EntityRow values; every edit becomes one undoable change
run through the context, and the table is refilled from the file when the context says it changed.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workshop.model import editing
from workshop.model.errors import InputError
from workshop.model.views import NO_TEAM, EntityRow, entity_labels, entity_rows, plain_text
from workshop.ui.built import menu_action
from workshop.ui.commands import AddRow, DeleteRow, UpdateFields
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.qtmodels import TOOLTIP_FROM_LENGTH, one_line
from workshop.ui.widgets.cell_editing import ChoiceDelegate, EntityTableView, RefusedEdit
from workshop.ui.widgets.row_form import RowForm
from workshop.wording import word

Index = QModelIndex | QPersistentModelIndex
Labels = Mapping[int, str]
MIN_VISIBLE_ROWS = 3
MAX_VISIBLE_ROWS = 10
NOTHING_CHOSEN = {"team_id": NO_TEAM}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
READ_ONLY_MESSAGE_MS = 10_000

# What Qt hands a delegate: an index, or one kept across changes of the model.
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Field:
    """One column of an editable table: a column of the table, or a value worked out from the row."""

    name: str
    header: str
    compute: Callable[[EntityRow], str] | None = None
    tooltips: Mapping[str, str] = field(default_factory=dict)
    tooltip: str = ""
    # Names offered for a free-text column (text, value, tooltip), read when the cell is edited.
    offers: Callable[[WorkshopContext], list[tuple[str, object, str]]] | None = None
    # A tooltip worked out from the row (why a worked-out value is what it is); wins over `tooltip`.
    row_tooltip: Callable[[EntityRow], str] | None = None
    # For a worked-out value: where it comes from and where to change it, said in its tooltip and when
    # someone tries to edit the cell.
    comes_from: str = ""


@dataclass(frozen=True)
class TableSpec:
    """What an editable table shows and how a new row starts."""

    entity: str
    title: str
    noun: str
    fields: tuple[Field, ...]
    label_field: str
    new_values: Callable[[WorkshopContext], dict[str, Any]] | None = None


referenced_entity = editing.referenced_table


def holds_text(entity: str, spec_field: Field) -> bool:
    """Gives whether a column holds words the facilitator writes (a title, notes), not a number, a date,
    yes/no or a choice: such a column takes the table's spare room and wraps."""
    if spec_field.compute is not None or referenced_entity(entity, spec_field.name) is not None:
        return False
    return editing.column_of(entity, spec_field.name).type.python_type is str


def _cell_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, enum.Enum):
        return word(str(value.value))  # the stored value stays English; the cell shows the user's word
    return plain_text(value)


class EntityTableModel(QAbstractTableModel):
    """Shows rows of one table; `setData` turns an edit into an undoable change (or a refusal)."""

    def __init__(self, spec: TableSpec, context: WorkshopContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.context = context
        self._rows: tuple[EntityRow, ...] = ()
        self._labels: dict[str, Labels] = {}
        # Text a cell refused, by (row id, field), kept so the facilitator corrects it rather than retypes.
        self._refused: dict[tuple[int, str], RefusedEdit] = {}

    # --- what it holds -----------------------------------------------------------------------------------

    def set_rows(self, rows: tuple[EntityRow, ...], labels: Mapping[str, Labels]) -> None:
        """Shows these rows; the same rows in the same order are redrawn in place, keeping the selection."""
        same_rows = [row.id for row in rows] == [row.id for row in self._rows]
        if same_rows:
            self._rows, self._labels = rows, dict(labels)
            if rows:
                last = self.index(len(rows) - 1, len(self.spec.fields) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows, self._labels = rows, dict(labels)
        self.endResetModel()

    def row_at(self, row: int) -> EntityRow:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        """Gives the position of the row with that id (-1 when not shown)."""
        return next((n for n, row in enumerate(self._rows) if row.id == row_id), -1)

    def field_at(self, column: int) -> Field:
        return self.spec.fields[column]

    def row_label(self, row: EntityRow) -> str:
        """Gives the name of the row, as its label column shows it."""
        named = [spec_field for spec_field in self.spec.fields if spec_field.name == self.spec.label_field]
        text = self.display_text(row, named[0]) if named else plain_text(row.get(self.spec.label_field))
        return one_line(text)

    def choices(self, column: int) -> list[tuple[str, object, str]]:
        """Gives (text, value, tooltip) of each choice the cell offers; empty for free text."""
        spec_field = self.field_at(column)
        target = referenced_entity(self.spec.entity, spec_field.name)
        if target is not None:
            options: list[tuple[str, object, str]] = [
                (label, row_id, "") for row_id, label in self._labels[target].items()
            ]
            if editing.is_optional(self.spec.entity, spec_field.name):
                options.insert(0, (tr(NOTHING_CHOSEN.get(spec_field.name, "(none)")), None, ""))
            return options
        values = editing.enum_values(self.spec.entity, spec_field.name)
        return [(word(value), value, tr(spec_field.tooltips.get(value, ""))) for value in values]

    def offers(self, column: int) -> list[tuple[str, object, str]]:
        """Gives the names a free-text cell offers to pick (any other may still be typed); empty for none."""
        spec_field = self.field_at(column)
        return spec_field.offers(self.context) if spec_field.offers is not None else []

    # --- Qt's table model ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        inside = 0 <= section < len(self.spec.fields)
        if orientation == Qt.Orientation.Horizontal and inside and role == Qt.ItemDataRole.ToolTipRole:
            return tr(self.spec.fields[section].tooltip) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(self.spec.fields[section].header) if inside else None
        return str(section + 1)

    def display_text(self, row: EntityRow, spec_field: Field) -> str:
        """Gives the text a cell shows: a worked-out value, a referenced row's name, or the value."""
        if spec_field.compute is not None:
            return spec_field.compute(row)
        value = row.get(spec_field.name)
        target = referenced_entity(self.spec.entity, spec_field.name)
        if target is not None:
            no_choice = tr(NOTHING_CHOSEN.get(spec_field.name, ""))
            return no_choice if value is None else self._labels[target].get(value, "?")  # type: ignore[call-overload]
        if isinstance(value, bool):
            return ""
        return _cell_text(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, spec_field = self._rows[index.row()], self.spec.fields[index.column()]
        value = row.get(spec_field.name)
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(self.display_text(row, spec_field))
        if role == Qt.ItemDataRole.EditRole:
            if referenced_entity(self.spec.entity, spec_field.name):
                return value
            return value.value if isinstance(value, enum.Enum) else _cell_text(value)
        if role == Qt.ItemDataRole.CheckStateRole and isinstance(value, bool) and spec_field.compute is None:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, spec_field)
        if role == SORT_ROLE:
            return self._sort_key(row, spec_field)
        return None

    def _sort_key(self, row: EntityRow, spec_field: Field) -> float | str:
        """Gives what the column sorts by: numbers as numbers (empty first), the rest by their text."""
        value = row.get(spec_field.name)
        if spec_field.compute is None and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        text = self.display_text(row, spec_field)
        if (
            spec_field.compute is None
            and value is None
            and editing.is_number(self.spec.entity, spec_field.name)
        ):
            return -1.0
        try:
            return float(text) if spec_field.compute is not None else text.casefold()
        except ValueError:
            return text.casefold()

    def _tooltip(self, row: EntityRow, spec_field: Field) -> str | None:
        said = self._said_tooltip(row, spec_field)
        if spec_field.comes_from:
            return "\n".join(part for part in (said, tr(spec_field.comes_from)) if part)
        return said

    def _said_tooltip(self, row: EntityRow, spec_field: Field) -> str | None:
        if spec_field.row_tooltip is not None:
            return spec_field.row_tooltip(row) or None
        value = row.get(spec_field.name)
        key = plain_text(value.value if isinstance(value, enum.Enum) else value)
        if key in spec_field.tooltips:
            return tr(spec_field.tooltips[key])
        if spec_field.tooltip:
            return tr(spec_field.tooltip)
        text = self.display_text(row, spec_field)
        return text if len(text) >= TOOLTIP_FROM_LENGTH or "\n" in text else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        spec_field = self.spec.fields[index.column()]
        if spec_field.compute is not None:
            return flags
        if editing.is_yes_no(self.spec.entity, spec_field.name):
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        row, spec_field = self._rows[index.row()], self.spec.fields[index.column()]
        key = (row.id, spec_field.name)
        self._refused.pop(key, None)
        try:
            new_value = self._typed(spec_field, value, role)
        except InputError as error:
            reason = tr("Not saved – {error}").format(error=error)
            self._keep_refused(key, value, reason)
            self.context.failed.emit(reason)
            return False
        if new_value == row.get(spec_field.name):
            return False
        refusals: list[str] = []

        def refused(sentence: str) -> None:
            refusals.append(sentence)

        self.context.failed.connect(refused)
        try:
            saved = self.change(row, spec_field, new_value)
        finally:
            self.context.failed.disconnect(refused)
        if not saved and refusals:  # a name another row has already, say: the text stays for correction
            self._keep_refused(key, value, refusals[-1])
        return saved

    def _keep_refused(self, key: tuple[int, str], value: Any, reason: str) -> None:
        if isinstance(value, str):
            self._refused[key] = RefusedEdit(value, reason)

    def refused_edit(self, index: Index) -> RefusedEdit | None:
        """Gives the text the cell last refused, with why, while it waits to be corrected."""
        if not index.isValid():
            return None
        return self._refused.get((self._rows[index.row()].id, self.spec.fields[index.column()].name))

    def forget_refused(self, index: Index) -> None:
        if index.isValid():
            self._refused.pop((self._rows[index.row()].id, self.spec.fields[index.column()].name), None)

    def where_from(self, column: int) -> str:
        """Gives the sentence saying where a worked-out column's value comes from, and where to change it."""
        spec_field = self.field_at(column)
        said = spec_field.comes_from or spec_field.tooltip
        if said:
            return tr("{header}: {said}").format(header=tr(spec_field.header), said=tr(said))
        return tr("{header} is worked out from the workshop's other data; it cannot be typed over.").format(
            header=tr(spec_field.header)
        )

    def _typed(self, spec_field: Field, value: Any, role: int) -> Any:
        """Gives what the user entered as the column's value; typed text is checked by the model layer."""
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState(value) == Qt.CheckState.Checked
        if referenced_entity(self.spec.entity, spec_field.name) is not None:
            return value
        return editing.validate(self.spec.entity, spec_field.name, str(value))

    def change(self, row: EntityRow, spec_field: Field, value: Any) -> bool:
        """Gives whether setting the row's field to `value` was saved, as one undoable change."""
        return self.change_fields(row, {spec_field.name: value})

    def change_fields(self, row: EntityRow, values: Mapping[str, Any]) -> bool:
        """Gives whether setting these fields of the row was saved, as one undoable change (one cell's
        edit or a whole form's)."""
        headers = [tr(f.header).lower() for f in self.spec.fields if f.name in values]
        if len(headers) == 1:
            text = tr("Change {field} of '{row}'").format(field=headers[0], row=self.row_label(row))
        else:
            text = tr("Edit {noun} '{row}'").format(noun=tr(self.spec.noun), row=self.row_label(row))
        command = UpdateFields(self.context, text, entity=self.spec.entity, row_id=row.id, values=values)
        return self.context.perform(command)

    def typed_value(self, spec_field: Field, value: Any, role: int = Qt.ItemDataRole.EditRole) -> Any:
        """Gives what was entered for the field as the value the file holds; raises InputError saying
        what is wrong and where, exactly as when the value is typed into the table."""
        return self._typed(spec_field, value, role)


class EntityTable(QWidget):
    """A titled, filterable, sortable table of one kind of row, with Add, Open and Delete buttons."""

    def __init__(self, spec: TableSpec, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.context = context
        self.model = EntityTableModel(spec, context, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        text_columns = frozenset(n for n, f in enumerate(spec.fields) if holds_text(spec.entity, f))
        self.view = EntityTableView(text_columns, self._label_column(), self)
        self.title = QLabel(tr(spec.title))
        self.filter_box = QLineEdit()
        self.add_button = QPushButton(tr("Add {noun}").format(noun=tr(spec.noun)))
        self.open_button = QPushButton(tr("Open…"))
        self.delete_button = QPushButton(tr("Delete"))
        self.form: RowForm | None = None  # the row's form last opened, while it is open
        # What a screen reader says on reaching the table or its filter: the table's own title.
        self.view.setAccessibleName(tr(spec.title))
        self.filter_box.setAccessibleName(tr("Filter {table}").format(table=tr(spec.title).lower()))
        self.buttons = QHBoxLayout()
        self._build()

    def _build(self) -> None:
        self.title.setObjectName("tableTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.filter_box.setPlaceholderText(tr("Filter..."))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMaximumWidth(260)
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.add_button.setToolTip(tr("Add a {noun} (Insert)").format(noun=tr(self.spec.noun)))
        self.delete_button.setToolTip(
            tr("Delete the selected {noun} (Delete)").format(noun=tr(self.spec.noun))
        )
        self.open_button.setToolTip(
            tr("Read and edit the selected {noun} in full (Enter)").format(noun=tr(self.spec.noun))
        )
        self.add_button.clicked.connect(self.on_add_clicked)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.delete_button.clicked.connect(self.on_delete_clicked)
        self.view.add_requested.connect(self.on_add_clicked)
        self.view.delete_requested.connect(self.on_delete_clicked)
        self.view.open_requested.connect(self.on_open_requested)
        self.view.read_only_tried.connect(self.on_read_only_tried)
        self.view.customContextMenuRequested.connect(self.on_context_menu_requested)
        self._build_view()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.filter_box)
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.open_button)
        self.buttons.addWidget(self.delete_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addLayout(self.buttons)

    def _build_view(self) -> None:
        view = self.view
        view.setModel(self.proxy)
        self.delegate = ChoiceDelegate(view)
        view.setItemDelegate(self.delegate)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.verticalHeader().hide()
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # --- reading --------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Shows the table's rows as the file holds them now."""
        targets = {
            target
            for spec_field in self.spec.fields
            if spec_field.compute is None
            for target in [referenced_entity(self.spec.entity, spec_field.name)]
            if target is not None
        }
        labels = {target: dict(self.context.read(entity_labels, target)) for target in targets}
        rows = self.context.read(entity_rows, self.spec.entity)
        with self.view.fits_held():  # fitted once below, at the height the new rows need
            self.model.set_rows(rows, labels)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Projector mode changes the type size: rows and columns must grow with it.
            self._fit()

    def _fit(self) -> None:
        """Sizes the columns and rows to what the table shows now, about MAX_VISIBLE_ROWS rows tall."""
        self.view.shown_rows = max(MIN_VISIBLE_ROWS, min(self.proxy.rowCount(), MAX_VISIBLE_ROWS))
        self.view.fit()

    # --- changing -------------------------------------------------------------------------------------------

    def selected_row(self) -> EntityRow | None:
        """Gives the row the cursor is on, or None."""
        current = self.view.currentIndex()
        if not current.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(current).row())

    def select_row_id(self, row_id: int, column: int = 0) -> QModelIndex:
        """Puts the cursor on the row with that id; gives its index in the view."""
        source_row = self.model.row_of(row_id)
        if source_row < 0:
            return QModelIndex()
        index = self.proxy.mapFromSource(self.model.index(source_row, column))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return index

    def add(self, values: Mapping[str, Any] | None = None) -> int | None:
        """Gives the id of a new row (made from the spec's starting values), or None when refused."""
        try:
            start = dict(values) if values is not None else self._new_values()
        except InputError as error:
            self.context.failed.emit(tr("Not added – {error}").format(error=error))
            return None
        command = AddRow(
            self.context,
            tr("Add {noun}").format(noun=tr(self.spec.noun)),
            entity=self.spec.entity,
            values=start,
        )
        if not self.context.perform(command):
            return None
        return command.row_id

    def _new_values(self) -> dict[str, Any]:
        if self.spec.new_values is not None:
            return self.spec.new_values(self.context)
        name = self.context.read(
            lambda s: editing.free_name(
                s,
                entity=self.spec.entity,
                field=self.spec.label_field,
                base=tr("New {noun}").format(noun=tr(self.spec.noun)),
            )
        )
        return {self.spec.label_field: name}

    def on_add_clicked(self) -> None:
        row_id = self.add()
        if row_id is not None:
            self.view.setFocus()
            index = self.select_row_id(row_id, self._label_column())
            self.view.edit(index)

    def _label_column(self) -> int:
        names = [spec_field.name for spec_field in self.spec.fields]
        return names.index(self.spec.label_field) if self.spec.label_field in names else 0

    def delete(self, row: EntityRow) -> bool:
        """Gives whether the row (and what depends on it) was deleted, as one undoable change."""
        text = tr("Delete {noun} '{row}'").format(noun=tr(self.spec.noun), row=self.model.row_label(row))
        return self.context.perform(DeleteRow(self.context, text, entity=self.spec.entity, row_id=row.id))

    def on_delete_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.delete(row)

    # --- a row in full --------------------------------------------------------------------------------------

    def open_row(self, row: EntityRow, column: int | None = None) -> RowForm:
        """Gives the form showing the row in full, opened over the window; the editor of `column` (the
        label column by default) has the keyboard."""
        self.form = RowForm(self.model, row, self)
        self.form.finished.connect(self.on_form_finished)
        self.form.open()
        self.form.focus_field(self._label_column() if column is None else column)
        return self.form

    def on_open_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_row(row)

    def on_open_requested(self, index: QModelIndex) -> None:
        self.open_row(self.model.row_at(self.proxy.mapToSource(index).row()), index.column())

    def row_menu(self, position: QPoint) -> QMenu | None:
        """Gives the menu of the row at that point of the table (None off the rows), its row made current."""
        index = self.view.indexAt(position)
        if not index.isValid():
            return None
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu_action(menu, menu, tr("Open…"), None, lambda: self.on_open_requested(index))
        menu_action(menu, menu, tr("Delete"), None, self.on_delete_clicked)
        return menu

    def on_context_menu_requested(self, position: QPoint) -> None:
        menu = self.row_menu(position)
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.view.viewport().mapToGlobal(position))

    def on_read_only_tried(self, index: QModelIndex) -> None:
        """Says, in the status bar, where the value of a cell that cannot be edited comes from."""
        sentence = self.model.where_from(self.proxy.mapToSource(index).column())
        main = self.window()
        if isinstance(main, QMainWindow):
            main.statusBar().showMessage(sentence, READ_ONLY_MESSAGE_MS)

    def on_form_finished(self, _result: int) -> None:
        self.form = None
        self.view.setFocus()
