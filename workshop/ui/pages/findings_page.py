"""A page that shows what the workshop found, gathered and drawn off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTableView, QWidget

from workshop.model.views import TableView
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import EditablePage
from workshop.ui.qtmodels import TableViewModel
from workshop.ui.tasks import Report, Task
from workshop.ui.widgets.chart_canvas import ChartCanvas
from workshop.ui.widgets.table_fit import FittedTableView

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings


def gather(store: Any, round_name: str | None, threshold: float | None) -> WorkshopFindings:
    """Gives the findings read in one short session of the store (safe on any thread)."""
    from workshop.findings import gather_findings

    with store.reading() as session:
        return gather_findings(session, round_name=round_name, dissent_threshold=threshold)


class FindingsPage(EditablePage):
    """An EditablePage whose content comes from the findings; subclasses implement `show_findings`."""

    # A page typed on gathers its findings without a progress dialog, which would take the keyboard.
    quiet_findings = False

    def __init__(self, phase: str, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(phase, context, parent)
        self.findings: WorkshopFindings | None = None
        self.task: Task | None = None

    def load_findings(self, round_name: str | None = None, threshold: float | None = None) -> None:
        """Gathers the findings on the store's worker (judging them against chance takes a moment) and
        shows them when they are ready; the page keeps what it showed until then."""
        try:
            store = self.context.store
        except RuntimeError:
            return  # the workshop was closed before a delayed refresh came round

        def work(report: Report) -> WorkshopFindings:
            report(tr("Reading the workshop"), 0.1)
            return gather(store, round_name, threshold)

        self.task = self.context.in_background(
            self, tr("Working out the findings"), work, on_result=self._show, quiet=self.quiet_findings
        )

    def findings_ready(self) -> bool:
        """Gives whether the page shows the findings it last asked for, their charts drawn."""
        return (
            self.findings is not None
            and (self.task is None or not self.task.running)
            and all(chart.drawn() for chart in self.findChildren(ChartCanvas))
        )

    def _show(self, findings: WorkshopFindings) -> None:
        self.findings = findings
        self.show_findings(findings)
        self.remeasure()

    def show_findings(self, findings: WorkshopFindings) -> None:
        raise NotImplementedError


def numbers_table(
    title: str, columns: tuple[str, ...], rows: int = 8
) -> tuple[FittedTableView, TableViewModel]:
    """Gives a read-only table view (about `rows` rows tall) and its model, empty until set; columns of
    words share the room and wrap, columns of numbers stay as narrow as their numbers."""
    model = TableViewModel(TableView(title, columns, (), ""))
    view = FittedTableView()
    model.setParent(view)
    view.setModel(model)
    view.setAccessibleName(tr(title))
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    fit_rows(view, rows)
    return view, model


def fit_rows(view: FittedTableView, rows: int) -> None:
    """Makes the table exactly tall enough for its first `rows` rows, each as tall as its wrapped text."""
    view.show_rows(rows)
