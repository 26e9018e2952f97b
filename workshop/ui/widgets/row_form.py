"""One row of an editable table in a form: every field in full, long text in editors of several lines.

The form checks what was typed exactly as the table does and saves the fields that changed as one
undoable change through the table's own write path. A refused value leaves the form open, with what was
typed still in it and a sentence saying what was wrong and in which field. Leaving a form with changes
(Escape, Cancel, closing it) asks first: keeping on editing is the default, so nothing typed is lost to a
stray key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workshop.model import editing
from workshop.model.errors import InputError
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.built import built
from workshop.ui.i18n import tr

if TYPE_CHECKING:
    from workshop.model.views import EntityRow
    from workshop.ui.widgets.entity_table import EntityTableModel, Field

FORM_WIDTH = 640
TEXT_LINES = (2, 10)  # a text editor shows at least and at most this many lines before it scrolls
Choice = tuple[str, object, str]  # text, value, tooltip


def choice_box(choices: list[Choice], parent: QWidget | None = None) -> QComboBox:
    """Gives a combo box offering the choices, each with its tooltip explaining it."""
    combo = QComboBox(parent)
    for position, (text, value, tooltip) in enumerate(choices):
        combo.addItem(text, value)
        if tooltip:
            combo.setItemData(position, tooltip, Qt.ItemDataRole.ToolTipRole)
    return combo


def offer_box(offers: list[Choice], current: str, parent: QWidget | None = None) -> QComboBox:
    """Gives an editable combo box offering names to pick while any other may be typed; it shows `current`."""
    combo = choice_box(offers, parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # a typed name is stored, not added to the list
    # The list may be wider than its cell, so no name is cut short.
    scroll_bar = combo.view().verticalScrollBar().sizeHint().width()
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + scroll_bar + 8)
    show_typed(combo, current)
    return combo


def show_typed(combo: QComboBox, current: str) -> None:
    """Makes the editable combo box show `current` as written, from its start, with its offer (if any)
    highlighted when the list opens."""
    combo.setCurrentIndex(combo.findData(current))
    combo.setEditText(current)
    typing = combo.lineEdit()
    if typing is not None:
        typing.setCursorPosition(0)  # a long name in a narrow cell shows its start


def offered_or_typed(combo: QComboBox) -> str:
    """Gives the value of the offer picked (a name without its mark), else the words as typed."""
    typed = combo.currentText().strip()
    found = combo.findText(typed)
    return str(combo.itemData(found)) if found >= 0 else typed


def show_choice(combo: QComboBox, current: object) -> None:
    """Makes the combo box show the choice whose value (or, failing that, text) is `current`."""
    found = combo.findData(current)
    combo.setCurrentIndex(found if found >= 0 else combo.findText(str(current)))


class TextEditor(QPlainTextEdit):
    """A wrapping editor for long text; Tab moves on to the next field, and it grows with its text."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.textChanged.connect(self.fit_height)
        self.fit_height()

    def fit_height(self) -> None:
        """Makes the editor tall enough for its text wrapped at its width, within TEXT_LINES."""
        metrics = QFontMetrics(self.font())
        width = max(self.viewport().width() - 8, FORM_WIDTH // 2)
        flags = int(Qt.TextFlag.TextWordWrap)
        wrapped = metrics.boundingRect(0, 0, width, 100_000, flags, self.toPlainText() or " ")
        least, most = TEXT_LINES
        lines = max(least, min(most, round(wrapped.height() / metrics.lineSpacing()) + 1))
        self.setFixedHeight(lines * metrics.lineSpacing() + 2 * self.frameWidth() + 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()  # wrapped at a new width, the text may need more lines or fewer


class RowForm(QDialog):
    """A row's fields in full; `save` writes what changed as one undoable change, or says what is wrong."""

    def __init__(self, model: EntityTableModel, row: EntityRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.row = row
        noun = tr(model.spec.noun)
        self.setWindowTitle(
            tr("{noun}: {row}").format(noun=noun[:1].upper() + noun[1:], row=model.row_label(row))
        )
        self.message = built(
            QLabel(), wordWrap=True, textFormat=Qt.TextFormat.PlainText, objectName="formMessage"
        )
        self.message.hide()
        show_as_attention(self.message, PROBLEM)
        self.editors: list[QWidget] = []
        self._loaded: list[Any] = []
        self.question: QMessageBox | None = None  # "Discard your changes?", while it is asked
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._build()

    def _build(self) -> None:
        fields = QWidget()
        form = QFormLayout(fields)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for column, spec_field in enumerate(self.model.spec.fields):
            editor = self._editor(column, spec_field)
            editor.setAccessibleName(tr(spec_field.header))
            if spec_field.tooltip:
                editor.setToolTip(tr(spec_field.tooltip))
            self.editors.append(editor)
            self._loaded.append(self._entered(column)[0])
            form.addRow(tr(spec_field.header), editor)
        scroll = built(QScrollArea(), widgetResizable=True)
        scroll.setWidget(fields)
        self.buttons.accepted.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.on_save_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(FORM_WIDTH, min(fields.sizeHint().height() + 120, 720))

    def _editor(self, column: int, spec_field: Field) -> QWidget:
        """Gives the editor that suits the field: words, a choice, yes/no, or a number or date as text."""
        row, model, entity = self.row, self.model, self.model.spec.entity
        shown = model.display_text(row, spec_field)
        if spec_field.compute is not None:
            worked_out = built(
                QLabel(shown), textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse
            )
            worked_out.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            return worked_out
        if editing.is_yes_no(entity, spec_field.name):
            return built(QCheckBox(), checked=bool(row.get(spec_field.name)))
        current = str(model.index(model.row_of(row.id), column).data(Qt.ItemDataRole.EditRole) or "")
        offers = model.offers(column)
        if offers:
            return offer_box(offers, current)
        choices = model.choices(column)
        if choices:
            combo = choice_box(choices)
            show_choice(combo, model.index(model.row_of(row.id), column).data(Qt.ItemDataRole.EditRole))
            return combo
        if editing.column_of(entity, spec_field.name).type.python_type is str:
            return TextEditor(current)
        return QLineEdit(current)

    # --- what was entered -------------------------------------------------------------------------------

    def editor_of(self, header: str) -> QWidget:
        """Gives the editor of the field with this heading (as the table's column heading says it)."""
        return self.editors[[f.header for f in self.model.spec.fields].index(header)]

    def focus_field(self, column: int) -> None:
        """Gives the keyboard to the editor of that column (the first editable one for a worked-out value)."""
        editable = [n for n, editor in enumerate(self.editors) if not isinstance(editor, QLabel)]
        if editable:
            self.editors[column if column in editable else editable[0]].setFocus()

    def _entered(self, column: int) -> tuple[Any, int]:
        """Gives what the field's editor holds, and the role under which the table takes it."""
        editor = self.editors[column] if column < len(self.editors) else None
        if isinstance(editor, QCheckBox):
            return editor.checkState(), Qt.ItemDataRole.CheckStateRole
        if isinstance(editor, QComboBox) and editor.isEditable():
            return offered_or_typed(editor), Qt.ItemDataRole.EditRole
        if isinstance(editor, QComboBox):
            return editor.currentData(), Qt.ItemDataRole.EditRole
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText(), Qt.ItemDataRole.EditRole
        if isinstance(editor, QLineEdit):
            return editor.text(), Qt.ItemDataRole.EditRole
        return None, Qt.ItemDataRole.EditRole

    def has_changes(self) -> bool:
        """Gives whether any field holds something other than what the form opened with."""
        return any(self._entered(column)[0] != loaded for column, loaded in enumerate(self._loaded))

    def changed_values(self) -> dict[str, Any]:
        """Gives the fields changed in the form as the values the file holds; raises InputError (naming the
        field) for the first value the table would refuse too."""
        values = {}
        for column, spec_field in enumerate(self.model.spec.fields):
            entered, role = self._entered(column)
            if spec_field.compute is None and entered != self._loaded[column]:
                try:
                    values[spec_field.name] = self.model.typed_value(spec_field, entered, role)
                except InputError:
                    self.focus_field(column)
                    raise
        return {name: value for name, value in values.items() if value != self.row.get(name)}

    # --- saving -----------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Gives whether the changed fields were saved as one undoable change; the form then closes.
        When a value is refused, the form stays open with what was typed and says what is wrong."""
        try:
            values = self.changed_values()
        except InputError as error:
            self.refuse(tr("Not saved – {error}").format(error=error))
            return False
        if not values:
            self.accept()
            return True
        self.model.context.failed.connect(self.refuse)
        try:
            saved = self.model.change_fields(self.row, values)
        finally:
            self.model.context.failed.disconnect(self.refuse)
        if saved:
            self.accept()
        return saved

    def refuse(self, sentence: str) -> None:
        """Shows why nothing was saved, above the fields; what was typed stays as it was."""
        self.message.setText(sentence)
        self.message.show()
        self.message.setAccessibleName(sentence)

    def message_text(self) -> str:
        return self.message.text() if self.message.isVisibleTo(self) else ""

    def on_save_clicked(self) -> None:
        self.save()

    # --- leaving ----------------------------------------------------------------------------------------

    def reject(self) -> None:
        """Closes the form (Escape, Cancel, the window's close button); with changes, asks first."""
        if self.has_changes():
            self.ask_to_discard()
        else:
            super().reject()

    def ask_to_discard(self) -> QMessageBox:
        """Gives the open question whether to throw away what was typed; Enter and Escape keep editing."""
        question = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Unsaved changes"),
            tr("Discard your changes to '{row}'?").format(row=self.model.row_label(self.row)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        keep = question.addButton(tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        discard = question.addButton(tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        question.setDefaultButton(keep)
        question.setEscapeButton(keep)
        question.finished.connect(
            lambda _result: self.on_question_answered(question.clickedButton() is discard)
        )
        self.question = question
        question.open()
        return question

    def on_question_answered(self, discard: bool) -> None:
        self.question = None
        if discard:
            super().reject()
