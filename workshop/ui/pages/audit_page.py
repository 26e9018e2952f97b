"""Audit & Discovery: the inventory of current tasks with their AI candidate score, and ideas for AI."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workshop.model.views import AUDIT, EntityRow, plain_text
from workshop.rounding import rounded
from workshop.ui.context import WorkshopContext
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.widgets.entity_table import Field, TableSpec

SCORE_EXPLAINED = (
    "How good a candidate for AI the task is, 0-100: hours, how often, manual work, redundancy and AI "
    "potential raise it; sensitive data lowers it. Unknown values count as the middle."
)


def candidate_score_text(row: EntityRow) -> str:
    """Gives a task row's candidate score 0-100 as a whole number."""
    # Imported when first drawn: the analysis pulls in numpy, which the window does not need to open.
    from workshop.analysis.audit import AuditTask, candidate_score

    hours = row.get("hours_per_week")
    task = AuditTask(
        title=plain_text(row.get("title")),
        team=None,
        hours_per_week=float(hours) if isinstance(hours, int | float) else None,
        frequency=plain_text(row.get("frequency")),
        manual=bool(row.get("manual")),
        redundancy=_score(row.get("redundancy")),
        ai_potential=_score(row.get("ai_potential")),
        data_sensitivity=plain_text(row.get("data_sensitivity")),
    )
    return rounded(candidate_score(task).score, 0)


def _score(value: object) -> int | None:
    return value if isinstance(value, int) else None


TASKS = TableSpec(
    entity="task",
    title="Current tasks",
    noun="task",
    label_field="title",
    fields=(
        Field("title", "Task"),
        Field("team_id", "Team"),
        Field("candidate", "Candidate score", compute=candidate_score_text, tooltip=SCORE_EXPLAINED),
        Field("frequency", "How often"),
        Field("hours_per_week", "Hours per week"),
        Field("manual", "Manual"),
        Field("redundancy", "Redundancy (1-5)"),
        Field("ai_potential", "AI potential (1-5)"),
        Field("data_sensitivity", "Data sensitivity"),
        Field("notes", "Notes"),
    ),
)

IDEAS = TableSpec(
    entity="idea",
    title="Ideas for AI",
    noun="idea",
    label_field="what",
    fields=(
        Field("what", "What"),
        Field("how", "How"),
        Field("why", "Why"),
        Field("group_name", "Group"),
        Field("team_id", "Team"),
    ),
)


class AuditPage(ChartedPage):
    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(AUDIT, context, parent)
        self.add_table(TASKS)
        self.add_chart("audit_candidates")
        self.add_table(IDEAS)
        self.finish()
