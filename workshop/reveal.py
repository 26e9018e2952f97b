"""The reveal's steps: a revealed round's result as the room sees it, one step at a time, in plain words.

Pure on purpose (no Qt): the reveal's views (workshop/ui/ballot/reveal.py, ratings_reveal.py) show these
steps, and a PDF or a slide deck can state the same sentences. A ranking round goes: the consensus order,
how strongly the managers agree, what divides them, the camps. A 100-point or impact-effort round ends
with its chart, named by its key in the chart catalogue. Every item is listed: how many lines fit on
a screen is for the view to decide (it continues a long list on further pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.analysis.chance import LEVEL
from workshop.analysis.consensus import place_rows
from workshop.analysis.ratings import Quadrant
from workshop.analysis.wording import concordance_in_words
from workshop.charts.ratings import NOTHING_PLACED, QUADRANTS, TOO_FEW_BALLOTS, placed_items
from workshop.headlines import RankingHeadlines, p_method_words, p_text, plain, ranking_headlines
from workshop.privacy import MIN_GROUP
from workshop.rounding import rounded
from workshop.wording import plural, tr, word

if TYPE_CHECKING:
    from workshop.analysis.alignment import RankingAnalysis
    from workshop.analysis.ratings import ImpactEffortResult, ItemImpactEffort, PointsResult

# The counted headline of each quadrant's step.
QUADRANT_COUNTS: dict[Quadrant, tuple[str, str]] = {
    Quadrant.QUICK_WIN: ("%n quick win", "%n quick wins"),
    Quadrant.MAJOR_PROJECT: ("%n major project", "%n major projects"),
    Quadrant.FILL_IN: ("%n fill-in", "%n fill-ins"),
    Quadrant.THANKLESS_TASK: ("%n thankless task", "%n thankless tasks"),
}


@dataclass(frozen=True)
class RevealStep:
    """One step of a reveal: its title, its headline in large type and the lines below it.

    `lead` is said before the lines and stays above them when a long list continues on another page.
    """

    title: str
    headline: str
    lines: tuple[str, ...]
    lead: tuple[str, ...] = ()


def reveal_steps(round_name: str, ranking: RankingAnalysis) -> tuple[RevealStep, ...]:
    """Gives the four steps of the reveal of a ranking round, in the words a room understands.

    The sentences are those of the summary and the Alignment page (workshop/headlines.py), as plain text.
    """
    order = [f"{place}. {item}" for place, item in place_rows(ranking.consensus.borda)]
    if ranking.concordance.w is None:
        return (
            RevealStep(
                tr("The room's order – {round}").format(round=round_name), tr("Your order"), tuple(order)
            ),
            RevealStep(
                tr("How strongly you agree"), tr("Not enough ballots yet"), (ranking.concordance.reason,)
            ),
        )
    said = ranking_headlines(ranking)
    return (
        RevealStep(
            tr("The room's order – {round}").format(round=round_name),
            tr("Your consensus") if said.settled else tr("Your order, not yet settled"),
            tuple(order),
        ),
        _strength(ranking, said),
        RevealStep(
            tr("Where you are divided"),
            plural(len(said.divides_items), "%n opportunity divides you", "%n opportunities divide you")
            if said.divides_items
            else tr("Nothing divides you more than chance would"),
            tuple(plain(line) for line in said.divides),
        ),
        RevealStep(
            tr("Who agrees with whom"),
            _camps_headline(ranking),
            tuple(plain(line) for line in said.camps),
        ),
    )


def _strength(ranking: RankingAnalysis, said: RankingHeadlines) -> RevealStep:
    c = ranking.concordance
    words = concordance_in_words(c)
    lines = [
        tr(
            "Kendall's W = {w} on a scale from 0 (no agreement) to 1 (the same order for everyone); "
            "random ballots from a room of your size give about {chance}"
        ).format(w=rounded(c.w or 0, 2), chance=rounded(c.chance_w or 0, 2)),
        tr("{p} ({method})").format(p=p_text(c.p_value or 1.0), method=p_method_words(c.p_method)),
    ]
    lines += [plain(line) for line in (said.partial, said.top_methods) if line]
    return RevealStep(tr("How strongly you agree"), words[:1].upper() + words[1:], tuple(lines))


def _camps_headline(ranking: RankingAnalysis) -> str:
    agreement = ranking.agreement
    if agreement.camps:
        return plural(len(agreement.camps), "%n camp", "%n camps")
    if agreement.camp_p is not None and agreement.camp_p <= LEVEL:
        return tr("Small groups, no camps to show")
    return tr("One room, no camps")


@dataclass(frozen=True)
class ChartStep(RevealStep):
    """A reveal step that shows a chart of the catalogue (by key) in place of its lines."""

    chart: str = ""


def points_steps(round_name: str, result: PointsResult) -> tuple[RevealStep, ...]:
    """Gives the steps of a 100-point round: where the points went, where they differ most, the chart."""
    title = tr("How you spent 100 points – {round}").format(round=round_name)
    if result.ballots < MIN_GROUP:
        return (
            RevealStep(title, tr("Too few ballots to show"), (tr(TOO_FEW_BALLOTS).format(round=round_name),)),
        )
    given = tuple(
        tr("{place}. {item}: {mean} points on average ({share})").format(
            place=place, item=p.item, mean=rounded(p.mean or 0.0), share=f"{p.share or 0.0:.0%}"
        )
        for place, p in enumerate(result.items, 1)
    )
    spread = sorted(result.items, key=lambda p: -(p.sd or 0.0))
    differ = tuple(
        tr("{item}: {mean} points on average, give or take {sd}").format(
            item=p.item, mean=rounded(p.mean or 0.0), sd=rounded(p.sd or 0.0)
        )
        for p in spread
    )
    return (
        RevealStep(title, tr("Most points: {item}").format(item=result.items[0].item), given),
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
        title = tr("Impact against effort – {round}").format(round=round_name)
        return (RevealStep(title, tr("Not enough ratings yet"), (tr(NOTHING_PLACED),)),)
    steps = [
        _quadrant_step(
            quadrant, tr(rule).format(cut=rounded(result.cut)), [r for r in placed if r.quadrant is quadrant]
        )
        for quadrant, *_, rule in QUADRANTS
    ]
    first = steps[0]
    steps[0] = RevealStep(
        tr("{title} – {round}").format(title=first.title, round=round_name),
        first.headline,
        first.lines,
        first.lead,
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
            item=r.item, impact=rounded(r.impact_mean or 0.0), effort=rounded(r.effort_mean or 0.0)
        )
        for r in inside
    )
    return RevealStep(
        name[:1].upper() + name[1:],
        plural(len(inside), *QUADRANT_COUNTS[quadrant]),
        lines or (tr("No opportunity falls here."),),
        lead=(cut[:1].upper() + cut[1:],),
    )
