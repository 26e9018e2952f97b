"""Choosing an owner: the participants offered in an editable combo box, champions first and marked, skeptics
marked, and any other name typed freely (an owner outside the room).

Only a person's reading (champion or skeptic) is shown, never their readiness answers.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from workshop.findings import OwnerChoice, owner_choices
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.widgets.entity_table import ChoiceDelegate

AnyIndex = QModelIndex | QPersistentModelIndex
MARKED = {"champion": "{name} — champion", "skeptic": "{name} — skeptic"}  # the words for tr() below


def owner_text(choice: OwnerChoice) -> str:
    """Gives how a participant appears in the list: their name, marked when champion or skeptic."""
    marked = MARKED.get(choice.stance)
    return tr(marked).format(name=choice.name) if marked else choice.name


def owner_box(choices: tuple[OwnerChoice, ...], current: str, parent: QWidget | None = None) -> QComboBox:
    """Gives an editable combo box listing the participants and showing the current owner as typed."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # a typed name is stored, not added to the list
    for choice in choices:
        combo.addItem(owner_text(choice), choice.name)
    combo.setEditText(current)
    # The list is wider than the owner column, so no name or mark is cut short.
    scroll_bar = combo.view().verticalScrollBar().sizeHint().width()
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + scroll_bar + 8)
    combo.setAccessibleName(tr("Owner"))
    combo.setToolTip(tr("Pick a participant (champions first) or type any name"))
    return combo


def chosen_owner(combo: QComboBox) -> str:
    """Gives the owner's name: the participant picked (without the mark), else the name as typed."""
    typed = combo.currentText().strip()
    found = combo.findText(typed)
    return str(combo.itemData(found)) if found >= 0 else typed


class OwnerDelegate(ChoiceDelegate):
    """Edits an owner cell with the participants to pick from; free text still goes through."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        return owner_box(self.context.read(owner_choices), "", parent)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setEditText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            typing = editor.lineEdit()
            if typing is not None:
                typing.setCursorPosition(0)  # a long name in a narrow cell shows its start
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, chosen_owner(editor), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
