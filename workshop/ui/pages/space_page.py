"""Space & Time: the hours each team gets back to learn, and what is dropped or deferred to make room.

The capacity ledger above the plans weighs them against the work the audit found and the hours the
pilots expect to free; it is gathered with the findings, after typing pauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from workshop.model.views import SPACE_AND_TIME
from workshop.ui.context import WorkshopContext
from workshop.ui.pages.capacity_ledger import CapacityLedger
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.widgets.entity_table import Field, TableSpec

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

CAPACITY = TableSpec(
    entity="capacity_plan",
    title="Capacity plans",
    noun="plan",
    label_field="team_id",
    new_values=lambda _context: {"hours_per_week": 0.0},
    fields=(
        Field("team_id", "Team"),
        Field("hours_per_week", "Hours per week to learn"),
        Field("dropped_or_deferred", "Dropped or deferred"),
        Field("training", "Training"),
    ),
)


class SpacePage(ChartedPage):
    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(SPACE_AND_TIME, context, parent)
        self.ledger = CapacityLedger()
        self.body.addWidget(self.ledger)
        self.add_table(CAPACITY)
        self.finish()

    def show_findings(self, findings: WorkshopFindings) -> None:
        self.ledger.show_findings(findings)
