"""Space & Time: the hours each team gets back to learn, and what is dropped or deferred to make room."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workshop.model.views import SPACE_AND_TIME
from workshop.ui.context import WorkshopContext
from workshop.ui.pages.editable_page import EditablePage
from workshop.ui.widgets.entity_table import Field, TableSpec

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


class SpacePage(EditablePage):
    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(SPACE_AND_TIME, context, parent)
        self.add_table(CAPACITY)
        self.finish()
