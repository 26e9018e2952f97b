"""Priorities: the AI opportunities the managers rank, their linked audit tasks, and the ballot rounds.

Ballot contents are never read here: a round shows its status and how many ballots were cast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from workshop.model import editing
from workshop.model.views import (
    PRIORITIES,
    EntityRow,
    entity_labels,
    linked_task_ids,
    plain_text,
    round_status,
    round_status_in_words,
)
from workshop.planning import room_places
from workshop.ui.ballot.reveal_chooser import reveal_now_wanted
from workshop.ui.commands import UpdateFields
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.link_tasks_dialog import LinkTasksDialog, LinkTasksOfMany, links_after, task_choices
from workshop.ui.pages.charted_page import ChartedPage
from workshop.ui.plan_top_dialog import offer_plan, open_plan
from workshop.ui.widgets.entity_table import Field, TableSpec
from workshop.wording import plural

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings


def status_of(row: EntityRow) -> str:
    """Gives where a ballot round stands: not open yet, open, closed or revealed."""
    return round_status(row.get("opened_at"), row.get("closed_at"), row.get("revealed_at"))


def status_in_words(row: EntityRow) -> str:
    """Gives where a ballot round stands in the user's language, for the Status column."""
    return round_status_in_words(row.get("opened_at"), row.get("closed_at"), row.get("revealed_at"))


def ideas_listed(row: EntityRow) -> str:
    """Gives the tooltip of the From ideas column: the ideas the opportunity was made from, one a line."""
    names = plain_text(row.get("idea_names"))
    if not names:
        return tr("Made from no idea; the Audit page's 'Make an opportunity…' makes ideas into one")
    return tr("Made from these ideas on the Audit page:") + "\n" + names


OPPORTUNITIES = TableSpec(
    entity="opportunity",
    title="Opportunities",
    noun="opportunity",
    label_field="title",
    fields=(
        Field("title", "Opportunity"),
        Field("team_id", "Team"),
        Field("description", "Description"),
        Field("expected_benefit", "Expected benefit"),
        Field("effort", "Effort (1-5)"),
        Field("risk", "Risk (1-5)"),
        Field(
            "linked_tasks",
            "Linked tasks",
            compute=lambda row: plain_text(row.get("linked_tasks")),
            tooltip="Audit tasks this opportunity would help with; choose them with Link tasks...",
        ),
        Field(
            "from_ideas",
            "From ideas",
            compute=lambda row: plain_text(row.get("from_ideas") or ""),
            row_tooltip=ideas_listed,
        ),
    ),
)


def _new_round(context: WorkshopContext) -> dict[str, object]:
    name = context.read(lambda s: editing.free_name(s, entity="ballot_round", field="name", base=tr("Round")))
    return {"name": name, "method": "ranking"}


ROUNDS = TableSpec(
    entity="ballot_round",
    title="Ballot rounds",
    noun="round",
    label_field="name",
    new_values=_new_round,
    fields=(
        Field("name", "Round"),
        Field(
            "method",
            "Method",
            tooltips={
                "ranking": "Each manager puts the opportunities in order",
                "100 points": "Each manager shares 100 points among the opportunities",
                "impact-effort": "Each manager rates impact and effort of every opportunity",
            },
        ),
        Field("allow_ties", "Ties allowed"),
        Field("status", "Status", compute=status_in_words),
        Field("ballots_cast", "Ballots cast", compute=lambda row: plain_text(row.get("ballots_cast"))),
    ),
)


class PrioritiesPage(ChartedPage):
    """The opportunities with the room's place of each once a ranking is revealed (worked out off the UI
    thread, as the charted pages' findings are), and the ballot rounds."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(PRIORITIES, context, parent)
        self.places: dict[str, int] = {}  # the room's place of each opportunity, by title
        self.opportunities = self.add_table(self._opportunity_table())
        self.link_button = QPushButton(tr("Link tasks..."))
        self.link_button.setToolTip(tr("Choose the audit tasks the selected opportunity would help with"))
        self.link_button.clicked.connect(self.on_link_clicked)
        self.opportunities.buttons.insertWidget(2, self.link_button)
        self.plan_button = QPushButton(tr("Plan workflows for the top N…"))
        self.plan_button.clicked.connect(self.on_plan_clicked)
        self.opportunities.buttons.insertWidget(3, self.plan_button)
        self.rounds = self.add_table(ROUNDS)
        self.open_button = QPushButton(tr("Open for voting"))
        self.close_button = QPushButton(tr("Close"))
        self.reveal_button = QPushButton(tr("Reveal results..."))
        for position, (button, slot) in enumerate(
            (
                (self.open_button, self.on_open_clicked),
                (self.close_button, self.on_close_clicked),
                (self.reveal_button, self.on_reveal_clicked),
            ),
            start=2,
        ):
            button.clicked.connect(slot)
            self.rounds.buttons.insertWidget(position, button)
        self.rounds.view.selectionModel().currentChanged.connect(lambda *_: self._enable_round_buttons())
        self.opportunities.view.selectionModel().currentChanged.connect(lambda *_: self._enable_link())
        self.finish()

    def refresh(self) -> None:
        super().refresh()
        self._enable_round_buttons()
        self._enable_link()
        self._enable_plan()

    # --- the room's order -------------------------------------------------------------------------------

    def _opportunity_table(self) -> TableSpec:
        place = Field(
            "room_place",
            "Room's place",
            compute=lambda row: str(self.places.get(plain_text(row.get("title")), "")),
            row_tooltip=self.place_tooltip,
        )
        return replace(OPPORTUNITIES, fields=(*OPPORTUNITIES.fields[:1], place, *OPPORTUNITIES.fields[1:]))

    def place_tooltip(self, row: EntityRow) -> str:
        """Gives which round the room's place comes from, or why there is none."""
        found = self.findings
        place = self.places.get(plain_text(row.get("title")))
        if found is None or not self.places or found.ranking_round is None:
            return tr("The room's place in the consensus order, once a ranking round is revealed")
        if place is None:
            return tr("Not ranked in round '{round}'").format(round=found.ranking_round)
        tied = sum(1 for other in self.places.values() if other == place) - 1
        said = tr("Place {place} in the room's consensus order of round '{round}' (Borda)").format(
            place=place, round=found.ranking_round
        )
        if tied:
            said += " – " + plural(tied, "tied with %n other", "tied with %n others")
        return said

    def show_findings(self, findings: WorkshopFindings) -> None:
        super().show_findings(findings)
        self.places = room_places(findings)
        # The places are worked out as the cells are painted: repaint and re-sort, without re-reading rows.
        self.opportunities.proxy.invalidate()
        self.opportunities.view.fit()
        self.opportunities.view.viewport().update()
        self._enable_plan()

    def _enable_plan(self) -> None:
        offer_plan(self.plan_button, self.findings)

    def on_plan_clicked(self) -> None:
        open_plan(self, self.context, self.findings)

    # --- linked tasks -----------------------------------------------------------------------------------

    def _enable_link(self) -> None:
        self.link_button.setEnabled(self.opportunities.selected_row() is not None)

    def on_link_clicked(self) -> None:
        row = self.opportunities.selected_row()
        if row is None:
            return
        dialog = LinkTasksDialog(
            plain_text(row.get("title")),
            task_choices(self.context, row.id),
            self.context.read(linked_task_ids, row.id),
            opportunities=self.context.read(entity_labels, "opportunity"),
            opened_on=row.id,
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.link_tasks(row, dialog.chosen(), dialog.chosen_opportunities())

    def link_tasks(self, row: EntityRow, task_ids: set[int], opportunity_ids: Sequence[int] = ()) -> bool:
        """Gives whether the opportunity is now linked to exactly these tasks, and the other opportunities
        ticked with it to these tasks too, as one undoable change."""
        opportunities = list(opportunity_ids) or [row.id]
        links = self.context.read(
            lambda s: links_after(s, opened_on=row.id, opportunities=opportunities, tasks=task_ids)
        )
        if all(targets == self.context.read(linked_task_ids, owner) for owner, targets in links.items()):
            return False
        title = plain_text(row.get("title"))
        text = (
            tr("Link tasks to '{opportunity}'").format(opportunity=title)
            if len(links) == 1
            else plural(len(links), "Link tasks to 1 opportunity", "Link tasks to %n opportunities")
        )
        return self.context.perform(LinkTasksOfMany(self.context, text, links=links))

    # --- ballot rounds ----------------------------------------------------------------------------------

    def _enable_round_buttons(self) -> None:
        row = self.rounds.selected_row()
        status = status_of(row) if row is not None else ""
        self.open_button.setEnabled(status == "not open yet")
        self.close_button.setEnabled(status == "open")
        self.reveal_button.setEnabled(status in ("open", "closed", "revealed"))
        self.reveal_button.setText(
            tr("Show results again") if status == "revealed" else tr("Reveal results...")
        )

    def _set_times(self, change: str, fields: tuple[str, ...]) -> bool:
        row = self.rounds.selected_row()
        if row is None:
            return False
        stamp = dt.datetime.now().replace(microsecond=0)
        values = {name: row.get(name) or stamp for name in fields}
        text = change.format(round=plain_text(row.get("name")))
        return self.context.perform(
            UpdateFields(self.context, text, entity="ballot_round", row_id=row.id, values=values)
        )

    def on_open_clicked(self) -> bool:
        return self._set_times(tr("Open round '{round}'"), ("opened_at",))

    def _close(self) -> bool:
        return self._set_times(tr("Close round '{round}'"), ("opened_at", "closed_at"))

    def on_close_clicked(self) -> bool:
        """Gives whether voting was closed; the facilitator is then asked whether to reveal it now."""
        row = self.rounds.selected_row()
        if row is None or not self._close():
            return False
        if reveal_now_wanted(self, plain_text(row.get("name"))):
            self.context.ask_to_reveal(row.id)
        return True

    def on_reveal_clicked(self) -> bool:
        """Gives whether the round's reveal was asked for: a revealed round is shown again at once; another is
        revealed after the facilitator confirms (an open one is closed first)."""
        row = self.rounds.selected_row()
        if row is None:
            return False
        status = status_of(row)
        if status != "revealed" and not self._reveal_confirmed(plain_text(row.get("name")), status):
            return False
        if status == "open" and not self._close():
            return False
        self.context.ask_to_reveal(row.id)
        return True

    def _reveal_confirmed(self, name: str, status: str) -> bool:
        question = tr("Reveal the results of '{round}' to everyone who can see this screen?").format(
            round=name
        )
        if status == "open":
            question += "\n\n" + tr("The round is closed first: no more ballots are taken.")
        answer = QMessageBox.question(self, tr("Reveal the results?"), question)
        return answer == QMessageBox.StandardButton.Yes
