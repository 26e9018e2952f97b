"""Workflows & Pilots: how each chosen opportunity will be worked, with how much a human checks the AI,
and its small pilot with checkpoints and go/no-go criteria."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from workshop.model.views import WORKFLOWS, entity_rows
from workshop.ui.context import WorkshopContext
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.pages.starting_values import first_id
from workshop.ui.widgets.entity_table import Field, TableSpec
from workshop.ui.widgets.owner_choice import owner_offers

OVERSIGHT_EXPLAINED: dict[str, str] = {
    "AI-assist only": (
        "AI-assist only: AI suggests, a person does the work and decides; use where mistakes are costly "
        "or the work needs judgement."
    ),
    "human reviews every output": (
        "human reviews every output: a person checks each AI output before it is used; use for "
        "customer-facing, high-priority or sensitive work."
    ),
    "human reviews samples": (
        "human reviews samples: a person checks a regular sample of outputs; use for low-risk, "
        "high-volume work."
    ),
    "human handles exceptions": (
        "human handles exceptions: AI does the routine cases and hands unclear ones to a person; use when "
        "most cases are simple and the unclear ones are easy to spot."
    ),
    "fully automated": (
        "fully automated: no person checks the outputs; only for low-risk work with reliable "
        "automatic checks."
    ),
}
STRICTER_REVIEW_EXPLAINED = (
    "Stricter review: more checking and fact checking than the oversight level alone. Suggested (ticked) "
    "when a linked audit task handles highly sensitive data."
)


def new_workflow(context: WorkshopContext) -> dict[str, Any]:
    """Gives a workflow for the first opportunity without one; stricter review when its work is sensitive."""
    first_id(context, "opportunity", needed_for="workflow", where="Priorities")
    opportunities = context.read(entity_rows, "opportunity")
    planned = {row.get("opportunity_id") for row in context.read(entity_rows, "workflow")}
    chosen = next((row for row in opportunities if row.id not in planned), opportunities[0])
    return {"opportunity_id": chosen.id, "stricter_review": bool(chosen.get("sensitive_work"))}


WORKFLOW_TABLE = TableSpec(
    entity="workflow",
    title="Workflows",
    noun="workflow",
    label_field="opportunity_id",
    new_values=new_workflow,
    fields=(
        Field("opportunity_id", "Opportunity"),
        Field(
            "owner",
            "Owner / champion",
            tooltip="Pick a participant (champions first) or type any name, also someone outside the room",
            offers=owner_offers,
        ),
        Field("ai_platform", "AI platform"),
        Field("oversight", "Human oversight", tooltips=OVERSIGHT_EXPLAINED),
        Field("stricter_review", "Stricter review", tooltip=STRICTER_REVIEW_EXPLAINED),
        Field(
            "sensitive_work",
            "Sensitive data",
            compute=lambda row: "high" if row.get("sensitive_work") else "",
            tooltip="'high' when a task linked to the opportunity handles highly sensitive data",
        ),
        Field("steps", "Steps"),
    ),
)

PILOTS = TableSpec(
    entity="pilot",
    title="Pilots",
    noun="pilot",
    label_field="workflow_id",
    new_values=lambda context: {
        "workflow_id": first_id(context, "workflow", needed_for="pilot", where="this page, above")
    },
    fields=(
        Field("workflow_id", "Workflow"),
        Field("starts_on", "Starts (YYYY-MM-DD)"),
        Field("ends_on", "Ends (YYYY-MM-DD)"),
        Field("success_metrics", "Success metrics"),
        Field("go_no_go_criteria", "Go/no-go criteria"),
        Field("status", "Status"),
    ),
)

CHECKPOINTS = TableSpec(
    entity="checkpoint",
    title="Checkpoints: planned pauses to look at the results",
    noun="checkpoint",
    label_field="pilot_id",
    new_values=lambda context: {
        "pilot_id": first_id(context, "pilot", needed_for="checkpoint", where="this page")
    },
    fields=(
        Field("pilot_id", "Pilot"),
        Field("due_on", "Due on"),
        Field("decision", "Decision"),
        Field("notes", "Notes"),
    ),
)


class WorkflowsPage(ChartedPage):
    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(WORKFLOWS, context, parent)
        for spec in (WORKFLOW_TABLE, PILOTS, CHECKPOINTS):
            self.add_table(spec)
        self.add_chart("pilot_timeline")
        self.finish()
