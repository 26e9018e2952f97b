"""Alignment: what the managers agree on in a revealed ranking round, how strongly, and what divides them.

Only revealed rounds are offered; voters appear as the labels the workshop's anonymity level gives them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from workshop.analysis.consensus import place_rows
from workshop.analysis.wording import concordance_in_words
from workshop.headlines import divides_words, escaped, ranking_headlines
from workshop.model import entities as e
from workshop.model.gather import revealed_rounds
from workshop.model.views import ALIGNMENT, TableView
from workshop.rounding import rounded
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr
from workshop.ui.pages.editable_page import page_label
from workshop.ui.pages.findings_page import FindingsPage, fit_rows, numbers_table
from workshop.ui.pages.ratings_panel import RatingsView
from workshop.ui.qtmodels import TableViewModel
from workshop.ui.widgets.chart_canvas import ChartCanvas
from workshop.ui.widgets.round_choice import RoundChoice

if TYPE_CHECKING:
    from workshop.analysis.alignment import RankingAnalysis
    from workshop.analysis.consensus import Tiers
    from workshop.findings import WorkshopFindings

DIFFERS = " *"
NO_ROUND = (
    "No ranking round has been revealed yet. Reveal one on the Priorities page (or from the Room menu) "
    "and its results appear here."
)


def tier_rows(tiers: Tiers, differing: set[str]) -> tuple[tuple[str, ...], ...]:
    """Gives one row per item: its place (1, 2, 2, 4 for a tie) and name, marked where methods differ."""
    return tuple(
        (str(place), item + (DIFFERS if item in differing else "")) for place, item in place_rows(tiers)
    )


def pulls_down(change: float | None) -> str:
    if change is None:
        return "-"
    if change > 0.005:
        return tr("pulls agreement down")
    return tr("adds to agreement") if change < -0.005 else "-"


class AlignmentPage(FindingsPage):
    """Consensus, agreement in words and numbers, camps, dissent, leave-one-out, priority x readiness."""

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(ALIGNMENT, context, parent)
        self.rounds = RoundChoice(context)  # follows the round just revealed; another may be picked
        self.rounds.setAccessibleName(tr("Revealed ranking round"))
        self.rounds.picked.connect(self.on_round_changed)
        self.empty = page_label(tr(NO_ROUND), name="emptyText", scale=1.1)
        self.agreement_words = page_label("", name="agreementWords", scale=1.6, bold=True)
        self.agreement_figures = page_label("", name="agreementFigures")
        self.agreement_figures.setTextFormat(Qt.TextFormat.RichText)
        self.borda_view, self.borda = numbers_table("Consensus (Borda count)", ("Place", "Opportunity"))
        self.schulze_view, self.schulze = numbers_table("Consensus (Schulze)", ("Place", "Opportunity"))
        self.differs_note = page_label("", name="differsNote")
        self.headlines = page_label("", name="headlines")
        self.headlines.setTextFormat(Qt.TextFormat.RichText)
        self.dissent_rule = page_label("", name="dissentRule")
        self.dissent_view, self.dissent = numbers_table(
            "What divides the managers", ("Opportunity", "Mean place", "Spread", "Divides the room")
        )
        self.leave_view, self.leave_one_out = numbers_table(
            "Leave one out", ("Voter", "Agreement (W) without them", "Effect")
        )
        keys = ("consensus", "agreement", "rank_distribution", "priority_readiness")
        self.charts = {key: ChartCanvas(key) for key in keys}
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
        grid.addWidget(self.headlines, 2, 0, 1, 2)
        grid.addWidget(page_label(tr("Borda count"), name="tableTitle", scale=1.2, bold=True), 3, 0)
        grid.addWidget(page_label(tr("Schulze"), name="tableTitle", scale=1.2, bold=True), 3, 1)
        grid.addWidget(self.borda_view, 4, 0)
        grid.addWidget(self.schulze_view, 4, 1)
        grid.addWidget(self.differs_note, 5, 0, 1, 2)
        grid.addLayout(stacked(self.charts["consensus"], self.charts["agreement"]), 6, 0, 1, 2)
        grid.addWidget(
            page_label(tr("What divides the managers"), name="tableTitle", scale=1.2, bold=True), 7, 0
        )
        grid.addWidget(self.dissent_rule, 8, 0, 1, 2)
        grid.addLayout(stacked(self.dissent_view, self.charts["rank_distribution"]), 9, 0, 1, 2)
        grid.addWidget(
            page_label(tr("Who pulls agreement down"), name="tableTitle", scale=1.2, bold=True), 10, 0
        )
        grid.addWidget(self.leave_view, 11, 0, 1, 2)
        grid.addWidget(self.charts["priority_readiness"], 12, 0, 1, 2)
        self.body.addWidget(self.content)
        self.ratings = RatingsView()  # shown whether or not a ranking round is revealed
        self.body.addWidget(self.ratings)
        self.finish()

    # --- what is shown ----------------------------------------------------------------------------------

    def offered_rounds(self) -> list[str]:
        return self.rounds.offered()

    def flagged_items(self) -> list[str]:
        return [row[0] for row in self.dissent.table.rows if row[3] != tr("no")]

    def refresh(self) -> None:
        names = self.context.read(revealed_rounds, e.BallotMethod.RANKING)
        self.rounds.set_rounds(names)
        self.empty.setVisible(not names)
        self.content.setVisible(bool(names))
        # Without a ranking round the 100-point and impact-effort results may still be there to show.
        self.load_findings(self.rounds.currentText() or None)
        self.remeasure()

    def show_findings(self, findings: WorkshopFindings) -> None:
        ranking = findings.ranking
        if ranking is None:
            self.agreement_words.setText(tr("No results for this round yet."))
        else:
            self._show_agreement(ranking)
            self._show_consensus(ranking)
            self._show_spreads(ranking)
            self._show_leave_one_out(ranking)
        # The charts last: while the drawer draws them, the tables above would wait their turn for Python.
        self.ratings.show_findings(findings)
        if ranking is not None:
            for chart in self.charts.values():
                chart.show_findings(findings)

    def _show_agreement(self, ranking: RankingAnalysis) -> None:
        words = concordance_in_words(ranking.concordance)
        self.agreement_words.setText(words[0].upper() + words[1:])
        if ranking.concordance.w is None:
            self.agreement_figures.setText(escaped(ranking.concordance.reason))
            self.headlines.setText("")
            self.dissent_rule.setText("")
            return
        said = ranking_headlines(ranking)
        self.agreement_figures.setText(said.agreement)
        lines = [said.partial, said.top_methods, *said.divides, *said.camps]
        self.headlines.setText("<br>".join(line for line in lines if line))
        cut = next((s.chance_spread for s in ranking.spreads if s.chance_spread is not None), None)
        self.dissent_rule.setText(
            tr(
                "An opportunity divides the room when the managers' places spread more than chance "
                "alone spreads the most scattered opportunity in 95 of 100 random rooms of this size: "
                "here above {cut} (0 = all agree, 1 = as far apart as possible)."
            ).format(cut=rounded(cut, 2) if cut is not None else "–")
        )

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
                rounded(s.mean_rank),
                rounded(s.spread, 2),
                divides_words(s),
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
                "-" if entry.w_without is None else rounded(entry.w_without, 2),
                pulls_down(entry.change),
            )
            for entry in entries
        )
        _set_rows(self.leave_one_out, rows)
        fit_rows(self.leave_view, len(rows))

    # --- slots ------------------------------------------------------------------------------------------

    def on_round_changed(self, name: str) -> None:
        if name:
            self.load_findings(name)


def stacked(*widgets: QWidget) -> QVBoxLayout:
    """Gives a layout showing the widgets one below the other, for one cell of the page's grid."""
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    return column


def _set_rows(model: TableViewModel, rows: tuple[tuple[str, ...], ...]) -> None:
    table = model.table
    model.set_table(TableView(table.title, table.columns, rows, table.empty_text))
