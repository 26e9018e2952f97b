"""Thin Qt item-model adapters over the model layer's frozen views."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from workshop.model.views import TableView
from workshop.ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex

# Cells longer than this get their full text as a tooltip, since the table elides them.
TOOLTIP_FROM_LENGTH = 40


def one_line(text: str) -> str:
    """Gives text on one line, its lines joined by ' / ', so every table row keeps one height."""
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


class TableViewModel(QAbstractTableModel):
    """Shows one read-only TableView: its columns as headers and its rows as display text."""

    def __init__(self, table: TableView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table

    @property
    def table(self) -> TableView:
        return self._table

    def set_table(self, table: TableView) -> None:
        """Replaces the shown table, telling attached views to redraw everything."""
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid():
            return None
        text = self._table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(text)
        if role == Qt.ItemDataRole.ToolTipRole and (len(text) >= TOOLTIP_FROM_LENGTH or "\n" in text):
            return text
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(self._table.columns[section]) if 0 <= section < len(self._table.columns) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
