"""The reveal of a 100-point or impact-effort round: its result in large type step by step, then its chart.

The steps look like a ranking round's (workshop/ui/ballot/reveal.py); the last one shows the round's chart,
drawn by the same builder as the Alignment page and the PDF, to fill the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from workshop.analysis.ratings import Quadrant
from workshop.charts.ratings import NOTHING_PLACED, QUADRANTS, TOO_FEW_BALLOTS, placed_items
from workshop.privacy import MIN_GROUP
from workshop.ui.ballot.reveal import TOP_ITEMS, RevealStep, RevealView, reveal_steps
from workshop.ui.i18n import tr
from workshop.wording import plural, word

if TYPE_CHECKING:
    from workshop.analysis.ratings import ImpactEffortResult, ItemImpactEffort, PointsResult
    from workshop.findings import WorkshopFindings

CHART_DPI = 100
SMALLEST_CHART = 120  # pixels on either side; below this the chart waits for the window to grow
REDRAW_AFTER_MS = 150
# No wider than this times its height: a chart stretched flat squeezes its rows of labels together.
WIDEST_CHART = 1.9  # a window being resized redraws its chart once it rests
# The counted headline of each quadrant's step.
QUADRANT_COUNTS: dict[Quadrant, tuple[str, str]] = {
    Quadrant.QUICK_WIN: ("%n quick win", "%n quick wins"),
    Quadrant.MAJOR_PROJECT: ("%n major project", "%n major projects"),
    Quadrant.FILL_IN: ("%n fill-in", "%n fill-ins"),
    Quadrant.THANKLESS_TASK: ("%n thankless task", "%n thankless tasks"),
}


@dataclass(frozen=True)
class ChartStep(RevealStep):
    """A reveal step that shows a chart of the catalogue (by key) in place of its lines."""

    chart: str = ""


def reveal_view(round_name: str, findings: WorkshopFindings) -> RevealView | None:
    """Gives the reveal of the named round, whatever its method; None when its results are not there."""
    if findings.ranking_round == round_name and findings.ranking is not None:
        return RevealView(reveal_steps(round_name, findings.ranking))
    if findings.points_round == round_name and findings.points is not None:
        return ChartRevealView(points_steps(round_name, findings.points), findings)
    if findings.impact_round == round_name and findings.impact_effort is not None:
        return ChartRevealView(impact_effort_steps(round_name, findings.impact_effort), findings)
    return None


def points_steps(round_name: str, result: PointsResult) -> tuple[RevealStep, ...]:
    """Gives the steps of a 100-point round: where the points went, where they differ most, the chart."""
    title = tr("How you spent 100 points - {round}").format(round=round_name)
    if result.ballots < MIN_GROUP:
        return (
            RevealStep(title, tr("Too few ballots to show"), (tr(TOO_FEW_BALLOTS).format(round=round_name),)),
        )
    most = result.items[:TOP_ITEMS]
    given = tuple(
        tr("{place}. {item}: {mean} points on average ({share})").format(
            place=place, item=p.item, mean=f"{p.mean or 0.0:.1f}", share=f"{p.share or 0.0:.0%}"
        )
        for place, p in enumerate(most, 1)
    )
    spread = sorted(result.items, key=lambda p: -(p.sd or 0.0))[:TOP_ITEMS]
    differ = tuple(
        tr("{item}: {mean} points on average, give or take {sd}").format(
            item=p.item, mean=f"{p.mean or 0.0:.1f}", sd=f"{p.sd or 0.0:.1f}"
        )
        for p in spread
    )
    return (
        RevealStep(
            title, tr("Most points: {item}").format(item=result.items[0].item), given + _more(result.items)
        ),
        RevealStep(
            tr("Where your points differ most"),
            tr("{item} splits you most").format(item=spread[0].item),
            differ,
        ),
        ChartStep(
            tr("The whole picture"), plural(result.ballots, "%n ballot", "%n ballots"), (), chart="points"
        ),
    )


def impact_effort_steps(round_name: str, result: ImpactEffortResult) -> tuple[RevealStep, ...]:
    """Gives the steps of an impact-effort round: one per quadrant, quick wins first, then the 2x2."""
    placed = placed_items(result)
    if not placed:
        title = tr("Impact against effort - {round}").format(round=round_name)
        return (RevealStep(title, tr("Not enough ratings yet"), (tr(NOTHING_PLACED),)),)
    steps = [
        _quadrant_step(
            quadrant, tr(rule).format(cut=f"{result.cut:.1f}"), [r for r in placed if r.quadrant is quadrant]
        )
        for quadrant, *_, rule in QUADRANTS
    ]
    first = steps[0]
    steps[0] = RevealStep(
        tr("{title} - {round}").format(title=first.title, round=round_name), first.headline, first.lines
    )
    chart = ChartStep(
        tr("The whole picture"), plural(result.ballots, "%n ballot", "%n ballots"), (), chart="impact_effort"
    )
    return (*steps, chart)


def _quadrant_step(quadrant: Quadrant, rule: str, inside: list[ItemImpactEffort]) -> RevealStep:
    """Gives the step of one quadrant: its name, how many fall in it, its cut in words, and each item."""
    name = word(quadrant.value)
    cut = " ".join(rule.split())  # the chart's two short lines, as one
    lines = tuple(
        tr("{item}: impact {impact}, effort {effort}").format(
            item=r.item, impact=f"{r.impact_mean or 0.0:.1f}", effort=f"{r.effort_mean or 0.0:.1f}"
        )
        for r in inside[:TOP_ITEMS]
    )
    return RevealStep(
        name[:1].upper() + name[1:],
        plural(len(inside), *QUADRANT_COUNTS[quadrant]),
        (cut[:1].upper() + cut[1:], "", *(lines + _more(inside) or (tr("No opportunity falls here."),))),
    )


def _more(items: list | tuple) -> tuple[str, ...]:
    """Gives the line that says how many are not listed, when the list was cut short."""
    more = len(items) - TOP_ITEMS
    return (plural(more, "and %n more", "and %n more"),) if more > 0 else ()


class ChartRevealView(RevealView):
    """The reveal's steps, where a chart step shows its chart as large as the window allows."""

    def __init__(
        self, steps: tuple[RevealStep, ...], findings: WorkshopFindings, parent: QWidget | None = None
    ) -> None:
        super().__init__(steps, parent)
        self.findings = findings
        self.picture = QLabel()
        self.picture.setObjectName("chart")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The pixmap must not set the label's size: the chart is drawn to fit the room the layout gives.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.layout().insertWidget(3, self.picture, 20)  # the chart takes nearly all the room left
        self._drawn: tuple[str, int, int] | None = None
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_AFTER_MS)
        self._redraw.timeout.connect(self.draw_chart)
        self.show_step(self.step)

    def chart_key(self) -> str:
        step = self.steps[self.step]
        return step.chart if isinstance(step, ChartStep) else ""

    def show_step(self, index: int) -> None:
        super().show_step(index)
        if not hasattr(self, "picture"):
            return  # the base class shows the first step before the chart's place exists
        shows_chart = bool(self.chart_key())
        self.body.setVisible(not shows_chart)
        self.picture.setVisible(shows_chart)
        self.draw_chart()

    def draw_chart(self) -> None:
        """Draws the current step's chart to fill its place (once per size), or nothing on a text step."""
        key = self.chart_key()
        if not key or not self.isVisible():
            return
        self.layout().activate()
        height = self.picture.height()
        width = min(self.picture.width(), round(height * WIDEST_CHART))
        if min(width, height) < SMALLEST_CHART or self._drawn == (key, width, height):
            return
        from workshop.charts.catalogue import alt_text, chart_by_key, render_png

        spec = chart_by_key(key)
        png = render_png(
            spec, self.findings, width_in=width / CHART_DPI, height_in=height / CHART_DPI, dpi=CHART_DPI
        )
        self.picture.setAccessibleName(tr(spec.title))
        self.picture.setAccessibleDescription(alt_text(spec, self.findings))
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.picture.setPixmap(pixmap)
        self._drawn = (key, width, height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.draw_chart()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._redraw.start()
