"""Report: what the strategy PDF will contain, what the reader should know, the export, and a first look.

The facilitator chooses the ranking round the PDF describes (by default the one the room discusses).
Writing the PDF and drawing its preview run in the background; reportlab and pypdfium2 load only here.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from workshop.model import entities as e
from workshop.model.gather import revealed_rounds
from workshop.model.store import WorkshopStore
from workshop.model.views import REPORT, TableView
from workshop.ui.built import built
from workshop.ui.context import WorkshopContext
from workshop.ui.file_tools import DECK_FILTER, WORKBOOK_FILTER, chosen_file
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import FindingsPage, fit_rows, gather, numbers_table
from workshop.ui.tasks import Report, Task
from workshop.ui.widgets.pdf_preview import PdfPreview
from workshop.ui.widgets.round_choice import RoundChoice
from workshop.wording import plural

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

PREVIEW_MIN_HEIGHT = 480


@dataclass(frozen=True)
class Exported:
    path: Path
    pages: int
    warnings: tuple[str, ...]
    pdf: bytes  # the file's content, for the preview
    ranking_round: str | None  # the ranking round the PDF describes


def section_rows(findings: WorkshopFindings) -> tuple[tuple[str, str], ...]:
    """Gives each section of the PDF with what it holds, in counts."""
    r = findings.record
    pilots = sum(len(w.pilots) for w in r.workflows)
    ranking = (
        tr("round '{round}', {ballots}, {items}").format(
            round=findings.ranking_round,
            ballots=plural(findings.ranking.ballots, "%n ballot", "%n ballots"),
            items=plural(len(findings.ranking.items), "%n opportunity", "%n opportunities"),
        )
        if findings.ranking is not None
        else tr("no revealed ranking round yet")
    )
    shown = sum(s.mean is not None for s in findings.readiness)
    clear = sum(g.clear for g in findings.gaps)
    return (
        (tr("Executive summary"), tr("one page")),
        (
            tr("Audit & discovery"),
            tr("{tasks}, {ideas}, {teams}").format(
                tasks=plural(len(r.tasks), "%n task", "%n tasks"),
                ideas=plural(len(r.ideas), "%n idea", "%n ideas"),
                teams=plural(len(r.teams), "%n team", "%n teams"),
            ),
        ),
        (
            tr("Readiness"),
            tr("survey '{round}', {results}, {gaps}").format(
                round=findings.survey_round,
                results=plural(shown, "%n team result", "%n team results"),
                gaps=plural(clear, "%n clear perception gap", "%n clear perception gaps"),
            )
            if findings.survey_round
            else tr("no survey answers yet"),
        ),
        (
            tr("Priorities & alignment"),
            tr("{opportunities}; {ranking}").format(
                opportunities=plural(len(r.opportunities), "%n opportunity", "%n opportunities"),
                ranking=ranking,
            ),
        ),
        (
            tr("Workflows & pilots"),
            tr("{workflows}, {pilots}").format(
                workflows=plural(len(r.workflows), "%n workflow", "%n workflows"),
                pilots=plural(pilots, "%n pilot", "%n pilots"),
            ),
        ),
        (tr("Space & time"), plural(len(r.capacity), "%n capacity plan", "%n capacity plans")),
        (
            tr("Feedback & resistance"),
            tr("{feedback}, {flags}, {actions}").format(
                feedback=plural(len(r.feedback), "%n feedback note", "%n feedback notes"),
                flags=plural(len(r.flags), "%n caution flag", "%n caution flags"),
                actions=plural(len(r.actions), "%n action", "%n actions"),
            ),
        ),
        (tr("Appendix: the data"), tr("task inventory and ballot rounds")),
    )


def export_and_preview(store: object, path: Path | None, round_name: str | None, report: Report) -> Exported:
    """Gives the written PDF's facts and content, describing the named ranking round (None: the latest
    revealed); without a path, the PDF is only previewed."""
    if path is None:
        with tempfile.TemporaryDirectory(prefix="workshop-preview-") as scratch:
            return export_and_preview(store, Path(scratch) / "preview.pdf", round_name, report)
    from workshop.report.pdf import write_report

    report(tr("Working out the findings"), 0.02)
    findings = gather(store, round_name, None)
    result = write_report(findings, path, progress=lambda what, share: report(what, 0.05 + 0.9 * share))
    return Exported(result.path, result.pages, result.warnings, path.read_bytes(), findings.ranking_round)


def export_deck(store: object, path: Path, round_name: str | None, report: Report) -> str:
    """Gives the sentence saying where the deck of the named ranking round was written, and its slides."""
    from workshop.report.deck import write_deck

    report(tr("Working out the findings"), 0.02)
    slides = write_deck(gather(store, round_name, None), path)
    return tr("Saved {file} ({slides}).").format(file=path, slides=plural(slides, "%n slide", "%n slides"))


def export_workbook(store: WorkshopStore, path: Path, _report: Report) -> str:
    """Gives the sentence saying where the workbook of the shared tables was written, and its sheets."""
    from workshop.report.workbook import write_workbook

    with store.reading() as session:
        sheets = write_workbook(session, path)
    return tr("Saved {file} ({sheets}).").format(
        file=path, sheets=plural(len(sheets), "%n sheet", "%n sheets")
    )


class ReportPage(FindingsPage):
    """The round the PDF describes, sections with counts, warnings, Export strategy PDF..., and a preview."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(REPORT, context, parent)
        self.rounds = RoundChoice(context)  # follows the round just revealed; another may be picked
        self.rounds.setAccessibleName(tr("Ranking round the PDF describes"))
        self.rounds.picked.connect(self.on_round_picked)
        self.no_round = page_label(tr("No ranking round is revealed yet."), name="noRound")
        self.sections_view, self.sections = numbers_table(
            "What the PDF contains", ("Section", "What it holds")
        )
        self.warnings = page_label("", name="reportWarnings")
        self.export_button = QPushButton(tr("Export strategy PDF..."))
        self.export_button.clicked.connect(self.on_export_clicked)
        self.deck_button = QPushButton(tr("Export slide deck..."))
        self.deck_button.clicked.connect(self.on_deck_clicked)
        self.workbook_button = QPushButton(tr("Export workbook..."))
        self.workbook_button.clicked.connect(self.on_workbook_clicked)
        self.preview_button = QPushButton(tr("Show a preview"))
        self.preview_button.clicked.connect(self.on_preview_clicked)
        self.outcome = page_label("", name="exportOutcome")
        self.preview = PdfPreview()
        self.last_export: Exported | None = None
        self._build()

    def _build(self) -> None:
        chooser = QHBoxLayout()
        chooser.addWidget(
            built(page_label(tr("Ranking round the PDF describes:"), name="roundLabel"), wordWrap=False)
        )
        chooser.addWidget(self.rounds, 1)
        chooser.addWidget(self.no_round, 1)
        self.body.addLayout(chooser)
        self.body.addWidget(page_label(tr("What the PDF contains"), name="tableTitle", scale=1.2, bold=True))
        self.body.addWidget(self.sections_view)
        self.body.addWidget(page_label(tr("Before you export"), name="tableTitle", scale=1.2, bold=True))
        self.body.addWidget(self.warnings)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.deck_button)
        buttons.addWidget(self.workbook_button)
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addWidget(self.outcome)
        self.body.addWidget(self.preview)
        self.finish()

    def chosen_round(self) -> str | None:
        """Gives the ranking round the PDF will describe (None: there is no revealed one)."""
        return self.rounds.currentText() or None

    def refresh(self) -> None:
        names = self.context.read(revealed_rounds, e.BallotMethod.RANKING)
        self.rounds.set_rounds(names)
        self.rounds.setVisible(bool(names))
        self.no_round.setVisible(not names)
        self.load_findings(self.chosen_round())

    def on_round_picked(self, name: str) -> None:
        self.load_findings(name)

    def show_findings(self, findings: WorkshopFindings) -> None:
        from workshop.report.pdf import report_warnings

        rows = section_rows(findings)
        self.sections.set_table(TableView("What the PDF contains", ("Section", "What it holds"), rows, ""))
        fit_rows(self.sections_view, len(rows))
        said = [*findings.notes, *report_warnings(findings)]
        self.warnings.setText(
            "\n".join(f"- {tr(line)}" for line in said) or tr("Nothing missing; ready to export.")
        )

    # --- export -----------------------------------------------------------------------------------------

    def export_pdf(self, path: Path | None) -> Task:
        """Gives the started background task writing the strategy PDF to `path` (None: a preview only)."""
        store = self.context.store
        round_name = self.chosen_round()
        self.export_button.setEnabled(False)
        self.outcome.setText(
            tr("Writing {file}...").format(file=path.name) if path else tr("Drawing a preview...")
        )
        self.task = self.context.in_background(
            self,
            tr("Exporting the strategy PDF"),
            lambda report: export_and_preview(store, path, round_name, report),
            on_result=self.on_exported,
            on_error=self.on_export_failed,
        )
        return self.task

    def on_export_clicked(self) -> None:
        suggested = self.context.store.path.with_suffix(".pdf")
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Export strategy PDF"), str(suggested), tr("PDF files (*.pdf)")
        )
        if chosen:
            self.export_pdf(Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf"))

    def on_deck_clicked(self) -> None:
        chosen = chosen_file(
            self, tr("Export slide deck"), self.context.store.path.with_suffix(".pptx"), DECK_FILTER
        )
        if chosen is not None:
            self.export_beside(chosen)

    def on_workbook_clicked(self) -> None:
        chosen = chosen_file(
            self, tr("Export workbook"), self.context.store.path.with_suffix(".xlsx"), WORKBOOK_FILTER
        )
        if chosen is not None:
            self.export_beside(chosen)

    def export_beside(self, path: Path) -> Task:
        """Gives the started background task writing the deck (.pptx) or the workbook (.xlsx) to `path`."""
        store = self.context.store
        round_name = self.chosen_round()
        self.outcome.setText(tr("Writing {file}...").format(file=path.name))
        work = (
            partial(export_deck, store, path, round_name)
            if path.suffix == ".pptx"
            else partial(export_workbook, store, path)
        )
        self.task = self.context.in_background(
            self,
            tr("Exporting {file}").format(file=path.name),
            work,
            on_result=self.outcome.setText,
            on_error=self.on_export_beside_failed,
        )
        return self.task

    def on_export_beside_failed(self, sentence: str) -> None:
        self.outcome.setText(
            tr("Not written: {reason} Nothing in the workshop changed.").format(reason=sentence)
        )
        if self.task is not None:
            self.task.show_error(sentence)

    def on_preview_clicked(self) -> None:
        self.export_pdf(None)

    def on_exported(self, exported: Exported) -> None:
        self.export_button.setEnabled(True)
        self.last_export = exported
        kept = exported.path.exists()
        pages = plural(exported.pages, "%n page", "%n pages")
        where = (
            tr("Saved {file} ({pages}).").format(file=exported.path, pages=pages)
            if kept
            else tr("Preview of {pages}.").format(pages=pages)
        )
        described = (
            tr("It describes the ranking round '{round}'.").format(round=exported.ranking_round)
            if exported.ranking_round
            else tr("It describes no ranking round: none is revealed yet.")
        )
        notes = "".join(f"\n- {tr(w)}" for w in exported.warnings)
        self.outcome.setText(f"{where} {described}{notes}")
        self.preview.show_pdf(exported.pdf, exported.pages)
        self.remeasure()

    def on_export_failed(self, sentence: str) -> None:
        self.export_button.setEnabled(True)
        self.outcome.setText(
            tr("The PDF was not written: {reason} Nothing in the workshop changed.").format(reason=sentence)
        )
        if self.task is not None:
            self.task.show_error(sentence)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The preview is as tall as the page's view, so a whole page or a screenful of it can be read.
        self.preview.setFixedHeight(max(PREVIEW_MIN_HEIGHT, self.viewport().height() - 40))
