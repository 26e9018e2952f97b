"""Helpers to drive the editable pages the way a facilitator does: through the tables' own models."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workshop.ui.main_window import MainWindow
from workshop.ui.widgets.entity_table import EntityTable


def table_on(window: MainWindow, phase: str, entity: str) -> EntityTable:
    """Gives the editable table of that kind of row on the phase's page, after showing the page."""
    window.select_phase(phase)
    return window.page(phase).tables[entity]


def cells(table: EntityTable) -> list[list[str]]:
    """Gives what the table displays, row by row, in the order the view shows them."""
    model = table.proxy
    return [
        [model.index(r, c).data(Qt.ItemDataRole.DisplayRole) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def column_of(table: EntityTable, header: str) -> int:
    return [f.header for f in table.spec.fields].index(header)


def edit(table: EntityTable, row: int, header: str, value: object, role=Qt.ItemDataRole.EditRole) -> bool:
    """Gives whether typing `value` into the cell (row as shown, column by header) was accepted."""
    return table.proxy.setData(table.proxy.index(row, column_of(table, header)), value, role)


def undo(window: MainWindow) -> None:
    window.context.undo_stack.undo()


def redo(window: MainWindow) -> None:
    window.context.undo_stack.redo()


def shown_with_findings(window: MainWindow, phase: str):
    """Gives the page of a phase that shows findings, once they have been worked out off the UI thread."""
    import time

    from PySide6.QtCore import QCoreApplication

    window.select_phase(phase)
    page = window.page(phase)
    deadline = time.monotonic() + 60
    while not page.findings_ready():
        assert time.monotonic() < deadline, f"the {phase} page never showed its findings"
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return page
