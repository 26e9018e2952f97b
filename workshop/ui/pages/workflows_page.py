"""Workflows & Pilots: how each chosen opportunity will be worked, with how much a human checks the AI,
and its small pilot with checkpoints and go/no-go criteria."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from workshop.model import entities as e
from workshop.model.views import WORKFLOWS, EntityRow, entity_rows
from workshop.oversight import OversightCheck, strictness
from workshop.ui.appearance import PROBLEM, show_as_attention
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.oversight_rule_dialog import OversightRuleDialog
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.starting_values import first_id
from workshop.ui.plan_top_dialog import offer_plan, open_plan
from workshop.ui.widgets.entity_table import Field, TableSpec
from workshop.ui.widgets.owner_choice import owner_offers
from workshop.wording import plural, word

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

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
            comes_from="Comes from the linked tasks' data sensitivity; edit the tasks on Audit & Discovery",
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
        Field(
            "owner",
            "Owner",
            tooltip="Pick a participant (champions first) or type any name, also someone outside the room",
            offers=owner_offers,
        ),
        Field(
            "hours_freed_per_week",
            "Hours freed per week",
            tooltip="Hours a week of the team's work the pilot is expected to free (0 or more)",
        ),
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
        self.minimums: dict[str, OversightCheck] = {}  # by opportunity, from the latest findings
        self.rule_warning = page_label("", name="oversightWarning", bold=True)
        self.rule_reasons = page_label("", name="oversightReasons")
        show_as_attention(self.rule_warning, PROBLEM)
        self.body.addWidget(self.rule_warning)
        self.body.addWidget(self.rule_reasons)
        self.workflows = self.add_table(self._workflow_table())
        self.rule_button = QPushButton(tr("Oversight rule…"))
        self.rule_button.setToolTip(tr("Set the least oversight by data sensitivity, readiness and priority"))
        self.rule_button.clicked.connect(self.on_rule_clicked)
        self.workflows.buttons.insertWidget(3, self.rule_button)
        self.plan_button = QPushButton(tr("Plan workflows for the top N…"))
        self.plan_button.clicked.connect(self.on_plan_clicked)
        self.workflows.buttons.insertWidget(3, self.plan_button)
        self._enable_plan()
        for spec in (PILOTS, CHECKPOINTS):
            self.add_table(spec)
        self.add_chart("pilot_timeline")
        self.finish()

    def _workflow_table(self) -> TableSpec:
        rule = Field(
            "oversight_rule",
            "Oversight rule",
            compute=self.rule_text,
            row_tooltip=self.rule_reasons_of,
        )
        at = [f.name for f in WORKFLOW_TABLE.fields].index("oversight") + 1
        fields = WORKFLOW_TABLE.fields
        return replace(WORKFLOW_TABLE, fields=(*fields[:at], rule, *fields[at:]))

    # --- the oversight rule ---------------------------------------------------------------------------------

    def _check(self, row: EntityRow) -> OversightCheck | None:
        opportunity = self.workflows.spec.fields[0]  # the row's opportunity, named as its cell shows it
        return self.minimums.get(self.workflows.model.display_text(row, opportunity))

    def rule_reasons_of(self, row: EntityRow) -> str:
        """Gives why the rule asks what it asks of the workflow, one reason a line."""
        check = self._check(row)
        return "\n".join(check.reasons) if check is not None else ""

    def below_rule(self, row: EntityRow) -> bool:
        """Gives whether the workflow, as it stands now, has less oversight than the rule asks."""
        check, chosen = self._check(row), row.get("oversight")
        if check is None or not isinstance(chosen, e.Oversight):
            return False
        return strictness(chosen) < strictness(check.minimum)

    def rule_text(self, row: EntityRow) -> str:
        """Gives the rule's cell: the least oversight asked, marked when the workflow is below it."""
        check = self._check(row)
        if check is None:
            return ""
        level = word(check.minimum.value)
        if self.below_rule(row):
            return tr("Below the rule: at least {level}").format(level=level)
        return tr("At least {level}").format(level=level)

    def show_rule_warning(self) -> None:
        """Counts the workflows below the rule above their table and says why, one line each."""
        model = self.workflows.model
        rows = [model.row_at(n) for n in range(model.rowCount())]
        below = [row for row in rows if self.below_rule(row)]
        self.rule_warning.setVisible(bool(below))
        self.rule_reasons.setVisible(bool(below))
        self.rule_warning.setText(
            plural(
                len(below),
                "%n workflow has less oversight than the rule asks",
                "%n workflows have less oversight than the rule asks",
            )
        )
        self.rule_reasons.setText("\n".join(self._reason_line(model.row_label(row), row) for row in below))

    def _reason_line(self, name: str, row: EntityRow) -> str:
        check = self._check(row)
        assert check is not None
        return tr("{workflow}: at least {level} – {reasons}").format(
            workflow=name, level=word(check.minimum.value), reasons="; ".join(check.reasons)
        )

    def refresh(self) -> None:
        super().refresh()
        self.show_rule_warning()

    def show_findings(self, findings: WorkshopFindings) -> None:
        super().show_findings(findings)
        self.minimums = {c.workflow: c for c in findings.oversight}
        self._enable_plan()
        # The rule's cells are worked out as they are painted: repaint and refit, without re-reading rows.
        self.workflows.view.fit()
        self.workflows.view.viewport().update()
        self.show_rule_warning()

    # --- drafts for the room's top N -----------------------------------------------------------------------

    def _enable_plan(self) -> None:
        offer_plan(self.plan_button, self.findings)

    def on_plan_clicked(self) -> None:
        open_plan(self, self.context, self.findings)

    def on_rule_clicked(self) -> None:
        dialog = OversightRuleDialog(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_findings()
