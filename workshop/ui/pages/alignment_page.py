"""Alignment: what the managers agree on in a revealed ranking round, how strongly, and what divides them.

Only revealed rounds are offered; voters appear as the labels the workshop's anonymity level gives them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QSlider, QWidget

from workshop.analysis.wording import agreement_in_words
from workshop.model import entities as e
from workshop.model.gather import revealed_rounds
from workshop.model.views import ALIGNMENT, TableView
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import FindingsPage, fit_rows, numbers_table
from workshop.ui.qtmodels import TableViewModel
from workshop.ui.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from workshop.analysis.alignment import RankingAnalysis
    from workshop.analysis.consensus import Tiers
    from workshop.findings import WorkshopFindings

DEFAULT_THRESHOLD = 0.3
THRESHOLD_RANGE = (10, 60)  # hundredths: 0.10 to 0.60
DIFFERS = " *"
NO_ROUND = (
    "No ranking round has been revealed yet. Reveal one on the Priorities page (or from the Room menu) "
    "and its results appear here."
)


def tier_rows(tiers: Tiers, differing: set[str]) -> tuple[tuple[str, ...], ...]:
    """Gives one row per item: its place (shared places for ties) and name, marked where methods differ."""
    return tuple(
        (str(place), item + (DIFFERS if item in differing else ""))
        for place, tier in enumerate(tiers, start=1)
        for item in tier
    )


def agreement_numbers(ranking: RankingAnalysis) -> str:
    """Gives Kendall's W with its test in figures, and the notes on small samples."""
    c = ranking.concordance
    if c.w is None:
        return c.reason
    text = tr(
        "Kendall's W = {w} over {ballots} ballots and {items} opportunities "
        "(chi-square = {chi_square}, df = {df}, p = {p})."
    ).format(
        w=f"{c.w:.2f}",
        ballots=ranking.ballots,
        items=len(ranking.items),
        chi_square=f"{c.chi_square:.1f}",
        df=c.df,
        p=f"{c.p_value:.3g}",
    )
    return " ".join([text, *(tr("Note: {note}.").format(note=note) for note in c.notes)])


def pulls_down(change: float | None) -> str:
    if change is None:
        return "-"
    if change > 0.005:
        return tr("pulls agreement down")
    return tr("adds to agreement") if change < -0.005 else "-"


def divides_text(dissent: bool, polarised: bool) -> str:
    """Gives whether an opportunity divides the room, in words, and whether it splits it into two sides."""
    if polarised:
        return tr("yes (split into two sides)") if dissent else tr("no (split into two sides)")
    return tr("yes") if dissent else tr("no")


class AlignmentPage(FindingsPage):
    """Consensus, agreement in words and numbers, camps, dissent, leave-one-out, priority x readiness."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(ALIGNMENT, context, parent)
        self.rounds = QComboBox()
        self.rounds.setAccessibleName(tr("Revealed ranking round"))
        self.rounds.currentTextChanged.connect(self.on_round_changed)
        self.empty = page_label(tr(NO_ROUND), name="emptyText", scale=1.1)
        self.agreement_words = page_label("", name="agreementWords", scale=1.6, bold=True)
        self.agreement_figures = page_label("", name="agreementFigures")
        self.borda_view, self.borda = numbers_table("Consensus (Borda count)", ("Place", "Opportunity"))
        self.schulze_view, self.schulze = numbers_table("Consensus (Schulze)", ("Place", "Opportunity"))
        self.differs_note = page_label("", name="differsNote")
        self.threshold = QSlider(Qt.Orientation.Horizontal)
        self.threshold_label = page_label("", name="thresholdLabel")
        self.dissent_view, self.dissent = numbers_table(
            "What divides the managers", ("Opportunity", "Mean place", "Spread", "Divides the room")
        )
        self.leave_view, self.leave_one_out = numbers_table(
            "Leave one out", ("Voter", "Agreement (W) without them", "Effect")
        )
        self.charts = {key: ChartCanvas(key) for key in ("agreement", "priority_readiness")}
        self._recompute = QTimer(self)
        self._recompute.setSingleShot(True)
        self._recompute.setInterval(150)  # a dragged slider recomputes once it rests
        self._recompute.timeout.connect(self.on_threshold_settled)
        self._build()

    def _build(self) -> None:
        chooser = QHBoxLayout()
        chooser.addWidget(page_label(tr("Ranking round:"), name="roundLabel"))
        chooser.addWidget(self.rounds, 1)
        self.body.addLayout(chooser)
        self.body.addWidget(self.empty)
        self.content = QWidget()
        grid = QGridLayout(self.content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.agreement_words, 0, 0, 1, 2)
        grid.addWidget(self.agreement_figures, 1, 0, 1, 2)
        grid.addWidget(page_label(tr("Borda count"), name="tableTitle", scale=1.2, bold=True), 2, 0)
        grid.addWidget(page_label(tr("Schulze"), name="tableTitle", scale=1.2, bold=True), 2, 1)
        grid.addWidget(self.borda_view, 3, 0)
        grid.addWidget(self.schulze_view, 3, 1)
        grid.addWidget(self.differs_note, 4, 0, 1, 2)
        grid.addWidget(self.charts["agreement"], 5, 0, 1, 2)
        grid.addWidget(
            page_label(tr("What divides the managers"), name="tableTitle", scale=1.2, bold=True), 6, 0
        )
        grid.addWidget(self._threshold_row(), 7, 0, 1, 2)
        grid.addWidget(self.dissent_view, 8, 0, 1, 2)
        grid.addWidget(
            page_label(tr("Who pulls agreement down"), name="tableTitle", scale=1.2, bold=True), 9, 0
        )
        grid.addWidget(self.leave_view, 10, 0, 1, 2)
        grid.addWidget(self.charts["priority_readiness"], 11, 0, 1, 2)
        self.body.addWidget(self.content)
        self.finish()

    def _threshold_row(self) -> QWidget:
        self.threshold.setRange(*THRESHOLD_RANGE)
        self.threshold.setValue(round(DEFAULT_THRESHOLD * 100))
        self.threshold.setAccessibleName(tr("Dissent threshold"))
        self.threshold.valueChanged.connect(self.on_threshold_changed)
        self._say_threshold()
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.threshold_label, 2)
        layout.addWidget(self.threshold, 1)
        return row

    # --- what is shown ----------------------------------------------------------------------------------

    def offered_rounds(self) -> list[str]:
        return [self.rounds.itemText(i) for i in range(self.rounds.count())]

    def dissent_threshold(self) -> float:
        return self.threshold.value() / 100

    def set_dissent_threshold(self, value: float) -> None:
        """Moves the slider and recomputes the flags at once (as when the slider comes to rest)."""
        self.threshold.setValue(round(value * 100))
        self._recompute.stop()
        self.on_threshold_settled()

    def flagged_items(self) -> list[str]:
        return [row[0] for row in self.dissent.table.rows if row[3] == tr("yes")]

    def refresh(self) -> None:
        names = self.context.read(revealed_rounds, e.BallotMethod.RANKING)
        current = self.rounds.currentText()
        self.rounds.blockSignals(True)
        self.rounds.clear()
        self.rounds.addItems(names)
        self.rounds.setCurrentIndex(names.index(current) if current in names else 0)
        self.rounds.blockSignals(False)
        self.empty.setVisible(not names)
        self.content.setVisible(bool(names))
        if names:
            self.load_findings(self.rounds.currentText(), self.dissent_threshold())
        self.remeasure()

    def show_findings(self, findings: WorkshopFindings) -> None:
        ranking = findings.ranking
        if ranking is None:
            self.agreement_words.setText(tr("No results for this round yet."))
            return
        self._show_agreement(ranking)
        self._show_consensus(ranking)
        self._show_spreads(ranking)
        self._show_leave_one_out(ranking)
        for chart in self.charts.values():
            chart.show_findings(findings)

    def _show_agreement(self, ranking: RankingAnalysis) -> None:
        words = agreement_in_words(ranking.concordance.w)
        self.agreement_words.setText(words[0].upper() + words[1:])
        self.agreement_figures.setText(agreement_numbers(ranking))

    def _show_consensus(self, ranking: RankingAnalysis) -> None:
        differing = {d.item for d in ranking.consensus.disagreements}
        for model, view, tiers in (
            (self.borda, self.borda_view, ranking.consensus.borda),
            (self.schulze, self.schulze_view, ranking.consensus.schulze),
        ):
            _set_rows(model, tier_rows(tiers, differing))
            fit_rows(view, model.rowCount())
        self.differs_note.setText(
            tr("* placed differently by the two methods: {items}").format(items=", ".join(sorted(differing)))
            if differing
            else tr("Both methods give the same order.")
        )

    def _show_spreads(self, ranking: RankingAnalysis) -> None:
        rows = tuple(
            (
                s.item,
                f"{s.mean_rank:.1f}",
                f"{s.spread:.2f}",
                divides_text(s.dissent, s.polarised),
            )
            for s in sorted(ranking.spreads, key=lambda s: -s.spread)
        )
        _set_rows(self.dissent, rows)
        fit_rows(self.dissent_view, len(rows))

    def _show_leave_one_out(self, ranking: RankingAnalysis) -> None:
        entries = sorted(ranking.leave_one_out, key=lambda entry: -(entry.change or 0.0))
        rows = tuple(
            (
                entry.voter,
                "-" if entry.w_without is None else f"{entry.w_without:.2f}",
                pulls_down(entry.change),
            )
            for entry in entries
        )
        _set_rows(self.leave_one_out, rows)
        fit_rows(self.leave_view, len(rows))

    # --- slots ------------------------------------------------------------------------------------------

    def on_round_changed(self, name: str) -> None:
        if name:
            self.load_findings(name, self.dissent_threshold())

    def on_threshold_changed(self, _value: int) -> None:
        self._say_threshold()
        self._recompute.start()

    def on_threshold_settled(self) -> None:
        if self.rounds.currentText():
            self.load_findings(self.rounds.currentText(), self.dissent_threshold())

    def _say_threshold(self) -> None:
        self.threshold_label.setText(
            tr(
                "An opportunity divides the room when the managers' places spread "
                "{threshold} or more (0 = all agree, 1 = as far apart as possible)."
            ).format(threshold=f"{self.dissent_threshold():.2f}")
        )


def _set_rows(model: TableViewModel, rows: tuple[tuple[str, ...], ...]) -> None:
    table = model.table
    model.set_table(TableView(table.title, table.columns, rows, table.empty_text))
