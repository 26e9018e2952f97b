"""Feedback & Resistance: the feedback log, caution flags treated as data, and actions with owners."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from workshop.model.views import FEEDBACK
from workshop.ui.context import WorkshopContext
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.pages.proposals_panel import ProposalsPanel
from workshop.ui.pages.starting_values import dated
from workshop.ui.widgets.entity_table import Field, TableSpec
from workshop.ui.widgets.owner_choice import owner_offers

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

OWNER_TIP = "Pick a participant (champions first) or type any name, also someone outside the room"

FEEDBACK_LOG = TableSpec(
    entity="feedback_item",
    title="Feedback",
    noun="feedback",
    label_field="channel",
    new_values=dated("received_on"),
    fields=(
        Field("received_on", "Received on"),
        Field("channel", "Channel"),
        Field("team_id", "Team"),
        Field("anonymous", "Anonymous"),
        Field("what_works", "What works"),
        Field("what_does_not", "What does not"),
        Field("change_made", "Change made"),
    ),
)

CAUTION_FLAGS = TableSpec(
    entity="caution_flag",
    title="Caution flags",
    noun="flag",
    label_field="category",
    new_values=dated("raised_on"),
    fields=(
        Field("raised_on", "Raised on"),
        Field("category", "Category"),
        Field("severity", "Severity"),
        Field("team_id", "Team"),
        Field("evidence", "Evidence"),
        Field("response", "Response"),
        Field("owner", "Owner", tooltip=OWNER_TIP, offers=owner_offers),
        Field("status", "Status"),
    ),
)

ACTIONS = TableSpec(
    entity="action",
    title="Actions",
    noun="action",
    label_field="title",
    fields=(
        Field("title", "Action"),
        Field("owner", "Owner", tooltip=OWNER_TIP, offers=owner_offers),
        Field("due_on", "Due on"),
        Field("status", "Status"),
        Field("flag_id", "Responds to flag"),
        Field("pilot_id", "Pilot"),
        Field("feedback_id", "Feedback"),
    ),
)


class FeedbackPage(ChartedPage):
    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(FEEDBACK, context, parent)
        self.add_table(FEEDBACK_LOG)
        self.proposals = ProposalsPanel(context)
        self.body.addWidget(self.proposals)
        self.add_table(CAUTION_FLAGS)
        self.add_chart("caution_flags")
        self.add_table(ACTIONS)
        self.finish()

    def refresh(self) -> None:
        self.proposals.reload()  # an accept or a dismissal shows at once; new findings follow
        super().refresh()

    def show_findings(self, findings: WorkshopFindings) -> None:
        super().show_findings(findings)
        self.proposals.show_findings(findings)
