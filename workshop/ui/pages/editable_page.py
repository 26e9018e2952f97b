"""A phase page the facilitator edits: its heading, what to do in it, and its editable tables."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from workshop.model.views import HINTS
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.widgets.entity_table import EntityTable, TableSpec


def page_label(text: str, *, name: str, scale: float = 1.0, bold: bool = False) -> QLabel:
    """Gives a word-wrapped, selectable label in a font scaled from the application's."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class EditablePage(QScrollArea):
    """A scrolling page of one phase; `refresh` re-reads everything it shows from the file."""

    def __init__(self, phase: str, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phase = phase
        self.context = context
        self.setObjectName(f"page:{phase}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._heading = page_label(tr(phase), name="phaseHeading", scale=1.7, bold=True)
        self._hint = page_label(tr(HINTS[phase]), name="phaseHint", scale=1.1)
        self.tables: dict[str, EntityTable] = {}
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(24, 16, 24, 24)
        self.body.setSpacing(10)
        self.body.addWidget(self._heading)
        self.body.addWidget(self._hint)
        self.setWidget(content)

    @property
    def heading(self) -> str:
        return self._heading.text()

    @property
    def hint(self) -> str:
        return self._hint.text()

    def add_table(self, spec: TableSpec) -> EntityTable:
        """Gives a new editable table placed at the end of the page."""
        table = EntityTable(spec, self.context)
        self.tables[spec.entity] = table
        self.body.addWidget(table)
        return table

    def finish(self) -> None:
        """Ends the page's layout: whatever space is left stays below the tables."""
        self.body.addStretch(1)

    def refresh(self) -> None:
        """Shows what the file holds now."""
        for table in self.tables.values():
            table.refresh()
        self.remeasure()

    def remeasure(self) -> None:
        """Lays the page out again now that its tables changed height, so nothing overlaps."""
        # Layouts update one level per pass of the event loop; settle them all now, inner ones first.
        for table in self.tables.values():
            layout = table.layout()
            if layout is not None:
                layout.activate()
        self.body.activate()
        # The scroll area does not notice on its own that its page grew; ask it to measure again.
        QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
