"""Room > Print Voter Cards…: a PDF of cut-out cards with each voter's code, written on the store's worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox

from workshop.model import ballots, voter_codes
from workshop.model.errors import WorkshopError
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.tasks import Report, Task
from workshop.wording import plural


def print_voter_cards(window: QMainWindow, context: WorkshopContext) -> Task | None:
    """Gives the started writing of the cards of an open round that uses codes, once the facilitator chose
    the round and the file; None when there is no such round or they cancelled."""
    rounds = context.read(voter_codes.rounds_with_codes)
    if not rounds:
        QMessageBox.information(
            window,
            tr("Voter cards"),
            tr("No open round uses voter codes. Tick the codes box when you open a new ballot round."),
        )
        return None
    round_id = _chosen_round(window, rounds)
    if round_id is None:
        return None
    name = next(r.name for r in rounds if r.round_id == round_id)
    suggested = context.store.path.with_name(f"{context.store.path.stem} – {name} – voter cards.pdf")
    chosen, _ = QFileDialog.getSaveFileName(
        window, tr("Print voter cards"), str(suggested), tr("PDF (*.pdf)")
    )
    if not chosen:
        return None
    return write_cards(window, context, round_id, Path(chosen))


def _chosen_round(window: QMainWindow, rounds: tuple[ballots.RoundProgress, ...]) -> int | None:
    if len(rounds) == 1:
        return rounds[0].round_id
    labels = [r.name for r in rounds]
    chosen, ok = QInputDialog.getItem(
        window, tr("Voter cards"), tr("Cards for which round?"), labels, 0, False
    )
    return rounds[labels.index(chosen)].round_id if ok else None


def write_cards(window: QMainWindow, context: WorkshopContext, round_id: int, path: Path) -> Task | None:
    """Gives the started writing of the round's cards to `path`; voters added since the round opened get
    their codes first (one transaction)."""
    try:
        context.write(voter_codes.issue_codes, initiator=window, round_id=round_id)
    except WorkshopError as error:
        QMessageBox.warning(window, tr("Voter cards"), str(error))
        return None
    store = context.store

    def work(_report: Report) -> int:
        from workshop.report.voter_cards import write_voter_cards  # reportlab loads when first needed

        with store.reading() as session:
            cards = voter_codes.voter_cards(session, round_id=round_id)
        write_voter_cards(path, cards)
        return len(cards)

    def failed(reason: str) -> None:
        QMessageBox.warning(
            window,
            tr("Voter cards"),
            tr("Could not write {file}:\n{reason}").format(file=path, reason=reason),
        )

    def written(count: object) -> None:
        window.statusBar().showMessage(
            tr("{cards} written to {file}").format(
                cards=plural(int(str(count)), "1 voter card", "%n voter cards"), file=path
            ),
            8000,
        )

    return context.in_background(window, tr("Writing voter cards"), work, on_result=written, on_error=failed)
