"""The problems of a refused import, one a line in a scrollable text the facilitator can copy."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop.ui.built import built
from workshop.ui.i18n import tr

SIZE = (980, 520)


class ImportProblemsDialog(QDialog):
    """Says a file was not imported and lists every problem found in it; Copy puts the list on the
    clipboard, so it can go beside the spreadsheet while the file is corrected."""

    def __init__(self, file: str, problems: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Nothing imported"))
        self.heading = built(
            QLabel(
                tr(
                    "{file} was not imported; the workshop is as it was. Correct these cells and import "
                    "the file again:"
                ).format(file=file)
            ),
            wordWrap=True,
        )
        self.problems = built(QPlainTextEdit(problems), readOnly=True, accessibleName=tr("Problems found"))
        # Wrapped at the width: a long 'allowed:' list stays readable without scrolling sideways.
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(tr("Copy the list"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.on_copy_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(*SIZE)

    def text(self) -> str:
        return self.problems.toPlainText()

    def on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
