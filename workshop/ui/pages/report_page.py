"""Report: what the strategy PDF will contain, what the reader should know, the export, and a first look.

Writing the PDF and drawing its preview run in the background; reportlab and pypdfium2 load only here.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from workshop.model.views import REPORT, TableView
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import FindingsPage, fit_rows, gather, numbers_table
from workshop.ui.tasks import Report, Task
from workshop.wording import plural

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

PREVIEW_PAGES = 3
THUMBNAIL_HEIGHT = 320


@dataclass(frozen=True)
class PageImage:
    """One rendered PDF page as raw RGBA pixels, safe to hand from a worker thread to the screen."""

    width: int
    height: int
    pixels: bytes


@dataclass(frozen=True)
class Exported:
    path: Path
    pages: int
    warnings: tuple[str, ...]
    preview: tuple[PageImage, ...]


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


def render_preview(path: Path, pages: int = PREVIEW_PAGES) -> tuple[PageImage, ...]:
    """Gives the first pages of a PDF as images about THUMBNAIL_HEIGHT pixels tall."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        images = []
        for number in range(min(pages, len(document))):
            page = document[number]
            scale = THUMBNAIL_HEIGHT / page.get_height()
            image = page.render(scale=scale).to_pil().convert("RGBA")
            images.append(PageImage(image.width, image.height, image.tobytes()))
        return tuple(images)
    finally:
        document.close()


def export_and_preview(store: object, path: Path | None, report: Report) -> Exported:
    """Gives the written PDF's facts and its first pages; without a path, the PDF is only previewed."""
    if path is None:
        with tempfile.TemporaryDirectory(prefix="workshop-preview-") as scratch:
            return export_and_preview(store, Path(scratch) / "preview.pdf", report)
    from workshop.report.pdf import write_report

    report(tr("Working out the findings"), 0.02)
    findings = gather(store, None, None)
    result = write_report(findings, path, progress=lambda what, share: report(what, 0.05 + 0.85 * share))
    report(tr("Drawing the preview"), 0.93)
    return Exported(result.path, result.pages, result.warnings, render_preview(result.path))


class ReportPage(FindingsPage):
    """Sections with counts, warnings, Export strategy PDF..., and thumbnails of the first pages."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(REPORT, context, parent)
        self.sections_view, self.sections = numbers_table(
            "What the PDF contains", ("Section", "What it holds")
        )
        self.warnings = page_label("", name="reportWarnings")
        self.export_button = QPushButton(tr("Export strategy PDF..."))
        self.export_button.clicked.connect(self.on_export_clicked)
        self.preview_button = QPushButton(tr("Show a preview"))
        self.preview_button.clicked.connect(self.on_preview_clicked)
        self.outcome = page_label("", name="exportOutcome")
        self.thumbnails = QHBoxLayout()
        self.thumbnail_labels: list[QLabel] = []
        self.last_export: Exported | None = None
        self._build()

    def _build(self) -> None:
        self.body.addWidget(page_label(tr("What the PDF contains"), name="tableTitle", scale=1.2, bold=True))
        self.body.addWidget(self.sections_view)
        self.body.addWidget(page_label(tr("Before you export"), name="tableTitle", scale=1.2, bold=True))
        self.body.addWidget(self.warnings)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addWidget(self.outcome)
        self.thumbnails.addStretch(1)
        self.body.addLayout(self.thumbnails)
        self.finish()

    def refresh(self) -> None:
        self.load_findings()

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
        self.export_button.setEnabled(False)
        self.outcome.setText(
            tr("Writing {file}...").format(file=path.name) if path else tr("Drawing a preview...")
        )
        self.task = self.context.in_background(
            self,
            tr("Exporting the strategy PDF"),
            lambda report: export_and_preview(store, path, report),
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

    def on_preview_clicked(self) -> None:
        self.export_pdf(None)

    def on_exported(self, exported: Exported) -> None:
        self.export_button.setEnabled(True)
        self.last_export = exported
        kept = exported.path.exists()
        where = (
            tr("Saved {file} ({pages} pages).").format(file=exported.path, pages=exported.pages)
            if kept
            else tr("Preview of {pages} pages.").format(pages=exported.pages)
        )
        notes = "".join(f"\n- {tr(w)}" for w in exported.warnings)
        self.outcome.setText(where + notes)
        self._show_thumbnails(exported.preview)
        self.remeasure()

    def on_export_failed(self, sentence: str) -> None:
        self.export_button.setEnabled(True)
        self.outcome.setText(
            tr("The PDF was not written: {reason} Nothing in the workshop changed.").format(reason=sentence)
        )
        if self.task is not None:
            self.task.show_error(sentence)

    def _show_thumbnails(self, images: tuple[PageImage, ...]) -> None:
        for label in self.thumbnail_labels:
            label.setParent(None)
            label.deleteLater()
        self.thumbnail_labels = []
        for number, image in enumerate(images, start=1):
            picture = QImage(image.pixels, image.width, image.height, QImage.Format.Format_RGBA8888).copy()
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(picture))
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            label.setAccessibleName(tr("Page {number} of the PDF").format(number=number))
            label.setStyleSheet("border: 1px solid #999;")
            self.thumbnails.insertWidget(number - 1, label)
            self.thumbnail_labels.append(label)
