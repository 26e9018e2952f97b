"""One read-only page for any workshop phase: its heading, what to do in it, and its tables."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workshop.model.views import PhaseView, TableView
from workshop.ui.qtmodels import TableViewModel

# A table taller than this many rows scrolls inside itself, so the page keeps every table in reach.
MAX_VISIBLE_ROWS = 12
MAX_COLUMN_WIDTH = 300
MIN_COLUMN_WIDTH = 70


def _label(text: str, *, name: str, scale: float = 1.0, bold: bool = False) -> QLabel:
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


class ReadOnlyTable(QTableView):
    """A table sized to its rows (up to MAX_VISIBLE_ROWS), with columns fitted to their text."""

    def __init__(self, table: TableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.setModel(TableViewModel(table, self))
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_columns()
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_columns(self) -> None:
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(header.count()):
            width = header.sectionSize(column)
            header.resizeSection(column, max(MIN_COLUMN_WIDTH, min(width + 16, MAX_COLUMN_WIDTH)))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def _fit_height(self) -> None:
        """Makes the table as tall as its rows (up to a limit), plus a scroll bar only when too wide."""
        rows = self.model().rowCount()
        row_height = self.verticalHeader().defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += min(rows, MAX_VISIBLE_ROWS) * row_height
        room = self.width() - 2 * self.frameWidth()
        if rows > MAX_VISIBLE_ROWS:
            room -= self.verticalScrollBar().sizeHint().width()
        if self.horizontalHeader().length() > room:
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)


class PhasePage(QScrollArea):
    """Shows a PhaseView read-only; `show_view` replaces what it shows."""

    def __init__(self, phase: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page:{phase}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._heading = _label(phase, name="phaseHeading", scale=1.7, bold=True)
        self._hint = _label("", name="phaseHint", scale=1.1)
        self._body = QVBoxLayout()
        self._body.setSpacing(6)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 24)
        layout.setSpacing(10)
        layout.addWidget(self._heading)
        layout.addWidget(self._hint)
        layout.addLayout(self._body)
        layout.addStretch(1)
        self.setWidget(content)

    @property
    def heading(self) -> str:
        return self._heading.text()

    @property
    def hint(self) -> str:
        return self._hint.text()

    def show_view(self, view: PhaseView) -> None:
        """Shows the view's heading, hint, notes and tables in place of what was there."""
        self._heading.setText(view.phase)
        self._hint.setText(view.hint)
        self._clear_body()
        for note in view.notes:
            self._body.addWidget(_label(note, name="phaseNote", scale=1.05))
        for table in view.tables:
            self._body.addSpacing(10)
            self._body.addWidget(_label(table.title, name="tableTitle", scale=1.2, bold=True))
            self._body.addWidget(self._table_or_empty(table))
        # The scroll area does not notice on its own that its page grew; ask it to measure again.
        QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))

    def tables(self) -> dict[str, TableView]:
        """Gives the tables the page shows now, by title."""
        return {view.table.title: view.table for view in self.findChildren(ReadOnlyTable)}

    def _table_or_empty(self, table: TableView) -> QWidget:
        if table.rows:
            return ReadOnlyTable(table)
        empty = _label(table.empty_text, name="emptyText")
        empty.setEnabled(False)  # greyed: nothing to see yet
        return empty

    def _clear_body(self) -> None:
        while self._body.count():
            item = self._body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
