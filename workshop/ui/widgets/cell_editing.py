"""Editing a table's cells in place: the editors a cell offers, and keeping what a refused cell was given.

A value the file cannot take (a date '15.01.2027', a score of 7) is not thrown away: after Enter or Tab
the editor stays open with the typed text, coloured as a problem, its tooltip saying what is allowed;
when the editor closes anyway (the facilitator clicked elsewhere), the text comes back into the editor
the next time that cell is edited. Escape leaves the cell as it was and forgets the text. A cell worked
out from other data says where its value comes from when someone tries to edit it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.i18n import tr
from workshop.ui.widgets.row_form import choice_box, offer_box, offered_or_typed, show_choice, show_typed
from workshop.ui.widgets.table_fit import FittedTableView

if TYPE_CHECKING:
    from workshop.ui.widgets.entity_table import EntityTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked,
    QAbstractItemView.EditTrigger.EditKeyPressed,
    QAbstractItemView.EditTrigger.AnyKeyPressed,
)


@dataclass(frozen=True)
class RefusedEdit:
    """What was typed into a cell and refused, and the sentence saying why (and what is allowed)."""

    text: str
    reason: str


def shows_typed_text(editor: QWidget) -> bool:
    """Gives whether the editor holds text a person types (not a fixed choice)."""
    return isinstance(editor, QLineEdit) or (isinstance(editor, QComboBox) and editor.isEditable())


def _show_refused(editor: QWidget, refused: RefusedEdit) -> None:
    """Puts the refused text back into the editor, coloured as a problem, its tooltip saying why."""
    if isinstance(editor, QComboBox):
        show_typed(editor, refused.text)
    elif isinstance(editor, QLineEdit):
        editor.setText(refused.text)
    show_as_attention(editor, PROBLEM)
    editor.setToolTip(
        tr("{reason}\nCorrect it and press Enter, or press Escape to keep the value as it was.").format(
            reason=refused.reason
        )
    )


class ChoiceDelegate(QStyledItemDelegate):
    """Edits cells with a fixed set of choices through a combo box whose items explain themselves, and
    other cells as text; remembers which open editor holds a refused value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused_editor: QWidget | None = None  # an open editor whose text the cell refused

    def source(self, index: AnyIndex) -> tuple[EntityTableModel, AnyIndex]:
        model: QAbstractItemModel = index.model()
        if isinstance(model, QSortFilterProxyModel):
            index = model.mapToSource(index)
            model = model.sourceModel()
        return cast("EntityTableModel", model), index

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        model, source = self.source(index)
        offers = model.offers(source.column())
        if offers:
            return offer_box(offers, "", parent)
        choices = model.choices(source.column())
        if not choices:
            return super().createEditor(parent, option, index)
        return choice_box(choices, parent)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        model, source = self.source(index)
        refused = model.refused_edit(source)
        if refused is not None and shows_typed_text(editor):
            _show_refused(editor, refused)
            self.refused_editor = editor
            return
        if isinstance(editor, QComboBox) and editor.isEditable():
            show_typed(editor, str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        if isinstance(editor, QComboBox):
            show_choice(editor, index.data(Qt.ItemDataRole.EditRole))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox) and editor.isEditable():
            model.setData(index, offered_or_typed(editor), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
        table_model, source = self.source(index)
        refused = table_model.refused_edit(source)
        if refused is not None and shows_typed_text(editor):
            _show_refused(editor, refused)
            self.refused_editor = editor
        elif editor is self.refused_editor:
            self.refused_editor = None

    def forget_refused(self, editor: QWidget, index: AnyIndex) -> None:
        """Forgets the text refused in the editor's cell (Escape: the cell stays as it was)."""
        if editor is self.refused_editor:
            self.refused_editor = None
        if index.isValid():
            model, source = self.source(index)
            model.forget_refused(source)


class EntityTableView(FittedTableView):
    """A table that asks for a new row on Insert, for deleting the current one on Delete, and for opening
    a row in its form on Enter or on a double click on its label column; an editor whose value was refused
    stays open; trying to edit a worked-out cell is told (`read_only_tried`)."""

    add_requested = Signal()
    delete_requested = Signal()
    open_requested = Signal(QModelIndex)
    read_only_tried = Signal(QModelIndex)

    def __init__(
        self, text_columns: frozenset[int], label_column: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._text_columns = text_columns
        self.label_column = label_column
        self.main_column = label_column if label_column in text_columns else None

    def text_columns(self) -> frozenset[int]:
        return self._text_columns

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing_now = self.state() == QAbstractItemView.State.EditingState
        opening = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid()
        if event.key() == Qt.Key.Key_Insert and not editing_now:
            self.add_requested.emit()
        elif event.key() == Qt.Key.Key_Delete and not editing_now:
            self.delete_requested.emit()
        elif opening and not editing_now:
            self.open_requested.emit(self.currentIndex())
        else:
            super().keyPressEvent(event)

    def edit(self, index: AnyIndex, *how: Any) -> Any:
        # Qt calls edit(index, trigger, event); a double click on the row's name opens the whole row, on
        # any other cell it edits that cell. edit(index) alone is the slot that edits at once.
        double_click = bool(how) and how[0] == QAbstractItemView.EditTrigger.DoubleClicked
        if double_click and index.isValid() and index.column() == self.label_column:
            self.open_requested.emit(self.model().index(index.row(), index.column()))
            return False
        editable = bool(index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable)
        checkable = bool(index.isValid() and index.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        if how and how[0] in EDIT_TRIGGERS and index.isValid() and not (editable or checkable):
            self.read_only_tried.emit(self.model().index(index.row(), index.column()))
        return super().edit(index, *how)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        delegate = self.itemDelegate()
        assert isinstance(delegate, ChoiceDelegate)
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            delegate.forget_refused(editor, self.currentIndex())
        elif editor is delegate.refused_editor and editor.hasFocus():
            # Enter or Tab on a refused value: the text stays in the open editor for correction.
            if isinstance(editor, QLineEdit):
                editor.deselect()
                editor.end(False)
            return
        super().closeEditor(editor, hint)
