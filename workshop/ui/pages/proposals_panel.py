"""Proposed by the data: the caution flags the workshop's own data calls for, for the facilitator to accept
(a flag with an owner and an action) or dismiss (remembered, not proposed again).

Nothing is written without the facilitator's click, and each click is one undoable step (Ctrl+Z).
The proposals are worked out from the findings the page gathers off the UI thread; which of them are
already settled is one short read.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop.model import proposing
from workshop.proposals import Proposal, proposed_flags
from workshop.ui.built import built
from workshop.ui.context import Change, Session, WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.widgets.owner_choice import owner_offers
from workshop.ui.widgets.row_form import offer_box, offered_or_typed
from workshop.wording import plural, word

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings


def open_proposals_of(session: Session, findings: WorkshopFindings) -> tuple[Proposal, ...]:
    """Gives the proposals the findings call for that the facilitator has not accepted or dismissed."""
    return proposing.open_proposals(session, proposed_flags(findings, proposing.participant_stances(session)))


def proposal_title(proposal: Proposal) -> str:
    """Gives the line naming a proposal: its kind (first letter raised), its subject and its severity."""
    kind = word(proposal.kind.value)
    return tr("{kind}: {subject} — {severity} severity").format(
        kind=kind[:1].upper() + kind[1:], subject=proposal.subject, severity=word(proposal.severity.value)
    )


class AcceptProposal(Change):
    """Writes the proposal as an open flag with its owner, and an action answering it."""

    def __init__(
        self, context: WorkshopContext, proposal: Proposal, owner: str, title: str, due_on: dt.date | None
    ) -> None:
        super().__init__(context, tr("Accept the proposed flag “{key}”").format(key=proposal.key))
        self.proposal, self.owner, self.title, self.due_on = proposal, owner, title, due_on
        self.accepted: proposing.Accepted | None = None

    def apply(self, session: Session) -> None:
        self.accepted = proposing.accept_proposal(
            session, self.proposal, self.owner, self.title, self.due_on, same_ids=self.accepted
        )

    def revert(self, session: Session) -> None:
        assert self.accepted is not None
        proposing.undo_accept(session, self.accepted)


class DismissProposal(Change):
    """Remembers the proposal as dismissed, so it is not proposed again."""

    def __init__(self, context: WorkshopContext, key: str) -> None:
        super().__init__(context, tr("Dismiss the proposed flag “{key}”").format(key=key))
        self.key = key

    def apply(self, session: Session) -> None:
        proposing.dismiss_proposal(session, self.key)

    def revert(self, session: Session) -> None:
        proposing.forget_dismissals(session, [self.key])


class ShowDismissedAgain(Change):
    """Forgets every dismissal, so the dismissed proposals are proposed again."""

    def __init__(self, context: WorkshopContext) -> None:
        super().__init__(context, tr("Show dismissed proposals again"))
        self.dismissals: tuple[proposing.Dismissal, ...] = ()

    def apply(self, session: Session) -> None:
        self.dismissals = proposing.restore_dismissed(session)

    def revert(self, session: Session) -> None:
        proposing.dismiss_again(session, self.dismissals)


class AcceptDialog(QDialog):
    """Asks who owns the flag, what the first action is and when it is due; Enter accepts."""

    def __init__(self, context: WorkshopContext, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Accept the proposed flag"))
        self.owner = offer_box(owner_offers(context), "", self)
        self.owner.setToolTip(tr("Pick a participant (champions first) or type any name"))
        self.title = built(QLineEdit(proposal.response), cursorPosition=0)
        due = context.read(proposing.default_due_on)
        self.due_on = built(
            QDateEdit(QDate(due.year, due.month, due.day)), calendarPopup=True, displayFormat="yyyy-MM-dd"
        )
        form = QFormLayout()
        form.addRow(page_label(proposal_title(proposal), name="acceptedProposal", bold=True))
        form.addRow(tr("&Owner:"), self.owner)
        form.addRow(tr("&Action:"), self.title)
        form.addRow(tr("&Due on:"), self.due_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Accept"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(760)  # the action's title starts as the suggested response: show it whole
        self.owner.setFocus()

    def chosen_owner(self) -> str:
        return offered_or_typed(self.owner)

    def chosen_due_on(self) -> dt.date:
        chosen = self.due_on.date()
        return dt.date(chosen.year(), chosen.month(), chosen.day())


class ProposalCard(QFrame):
    """One proposal: what it is about, how serious, its evidence in full, the suggested response, and the
    two ways to settle it."""

    def __init__(self, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setObjectName("proposalCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.accept_button = built(
            QPushButton(tr("Accept…")), accessibleName=tr("Accept: {key}").format(key=proposal.key)
        )
        self.dismiss_button = built(
            QPushButton(tr("Dismiss")), accessibleName=tr("Dismiss: {key}").format(key=proposal.key)
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_label(proposal_title(proposal), name="proposalTitle", bold=True))
        layout.addWidget(page_label(proposal.evidence, name="proposalEvidence"))
        suggested = tr("Suggested response: {response}").format(response=proposal.response)
        layout.addWidget(page_label(suggested, name="proposalResponse"))
        layout.addLayout(buttons)


class ProposalsPanel(QWidget):
    """The open proposals as cards, counted in the panel's title, above the caution flags."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.findings: WorkshopFindings | None = None
        self.cards: list[ProposalCard] = []
        self.title = page_label(tr("Proposed by the data"), name="proposalsTitle", scale=1.25, bold=True)
        self.note = page_label(tr("Working out what the data suggests…"), name="proposalsNote")
        self.show_dismissed = QPushButton(tr("Show dismissed proposals again"))
        self.show_dismissed.clicked.connect(self.on_show_dismissed_clicked)
        self.cards_layout = QVBoxLayout()
        self.cards_layout.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.show_dismissed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addLayout(header)
        layout.addWidget(self.note)
        layout.addLayout(self.cards_layout)
        self.show_dismissed.hide()

    def show_findings(self, findings: WorkshopFindings) -> None:
        """Lists what these findings propose, less what is settled."""
        self.findings = findings
        self.reload()

    def reload(self) -> None:
        """Lists the open proposals again (after an accept, a dismissal or their undo)."""
        if self.findings is None or not self._workshop_open():
            return
        had_focus = self.focusWidget() is not None and self.isAncestorOf(self.focusWidget())
        proposals = self.context.read(open_proposals_of, self.findings)
        dismissed = self.context.read(proposing.dismissed_count)
        self._show_cards(proposals)
        self._say_counts(len(proposals), dismissed)
        if had_focus:
            self._focus_first()

    def _workshop_open(self) -> bool:
        """Gives whether a workshop is open: findings gathered before it was closed may still arrive."""
        try:
            return self.context.store is not None
        except RuntimeError:
            return False

    def _show_cards(self, proposals: tuple[Proposal, ...]) -> None:
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.hide()  # at once: deleting waits for the event loop, and a stale card must not show
            card.deleteLater()
        self.cards = [ProposalCard(p, self) for p in proposals]
        for card in self.cards:
            card.accept_button.clicked.connect(lambda _=False, p=card.proposal: self.on_accept_clicked(p))
            card.dismiss_button.clicked.connect(lambda _=False, p=card.proposal: self.on_dismiss_clicked(p))
            self.cards_layout.addWidget(card)
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        """Puts the cards' buttons in the Tab order where they are seen, after the header's button: cards
        made after the tables below would otherwise come last, after every table of the page."""
        previous: QWidget = self.show_dismissed  # skipped by Tab while hidden
        for card in self.cards:
            QWidget.setTabOrder(previous, card.accept_button)
            QWidget.setTabOrder(card.accept_button, card.dismiss_button)
            previous = card.dismiss_button

    def _say_counts(self, shown: int, dismissed: int) -> None:
        counted = plural(shown, "Proposed by the data – %n proposal", "Proposed by the data – %n proposals")
        self.title.setText(counted if shown else tr("Proposed by the data"))
        self.note.setText(tr("Nothing the data suggests that is not already flagged or dismissed."))
        self.note.setVisible(shown == 0)
        self.show_dismissed.setText(
            plural(dismissed, "Show %n dismissed proposal again", "Show %n dismissed proposals again")
        )
        self.show_dismissed.setVisible(dismissed > 0)

    def _focus_first(self) -> None:
        """Keeps the keyboard in the panel: on the next card, or on the way back to the dismissed ones."""
        if self.cards:
            self.cards[0].accept_button.setFocus()
        elif self.show_dismissed.isVisible():
            self.show_dismissed.setFocus()

    def on_accept_clicked(self, proposal: Proposal) -> None:
        dialog = AcceptDialog(self.context, proposal, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        change = AcceptProposal(
            self.context, proposal, dialog.chosen_owner(), dialog.title.text(), dialog.chosen_due_on()
        )
        self.context.perform(change)

    def on_dismiss_clicked(self, proposal: Proposal) -> None:
        self.context.perform(DismissProposal(self.context, proposal.key))

    def on_show_dismissed_clicked(self) -> None:
        self.context.perform(ShowDismissedAgain(self.context))

    def shown_keys(self) -> list[str]:
        """Gives the keys of the proposals listed, in their order (what the facilitator sees)."""
        return [card.proposal.key for card in self.cards]
