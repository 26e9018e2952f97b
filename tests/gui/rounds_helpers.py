"""Helpers for the reveal flow: a ranking round everyone voted in, and answering the app's next question."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops


def voted_round(store, name: str = "Priorities", *, people: bool = True) -> int:
    """Gives the id of an open ranking round in which every eligible voter has cast a (different) ballot."""
    with store.transaction() as s:
        if people:
            for i in range(3):
                ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER)
            for title in ("Invoices", "Replies", "Summaries"):
                ops.opportunity_titled(s, title)
        round_id = ballots.start_round(s, name=name, method=e.BallotMethod.RANKING)
        voters = [v.id for v in ballots.eligible_voters(s, round_id=round_id)]
        items = [i for i, _ in ballots.ballot_sheet(s, round_id=round_id, participant_id=voters[0]).items]
        for shift, voter in enumerate(voters):
            ranks = {item: (place + shift) % len(items) + 1 for place, item in enumerate(items)}
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
    return round_id


def answer_next_question(button: str, asked: list[str]) -> None:
    """Clicks `button` on the next message box the app shows, noting its question in `asked`."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)  # the question is not up yet
            return
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, click)


def status_of_round(store, round_id: int) -> str:
    with store.reading() as s:
        return ballots.round_progress(s, round_id=round_id).status
