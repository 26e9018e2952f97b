"""The report's ranking round: agreement against chance, the consensus order, what divides the room, camps.

Its sentences come from workshop/headlines.py, so the report says what the summary, the Alignment page,
the reveal and `analyze` say.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from workshop.analysis.alignment import RankingAnalysis
from workshop.analysis.consensus import place_rows
from workshop.charts.style import TOP_ITEMS
from workshop.findings import WorkshopFindings
from workshop.headlines import divides_words, p_method_words, p_text, ranking_headlines
from workshop.rounding import rounded
from workshop.wording import plural, tr, word

from .headings import ChartMaker, shortened, subheading
from .styles import styles
from .text import Column, data_table, number, para


def round_described(findings: WorkshopFindings) -> str:
    """Gives the sentence naming the ranking round the report describes, its ballots and opportunities."""
    ranking = findings.ranking
    assert ranking is not None
    return tr("Ranking round: {round}, {ballots} over {items}.").format(
        round=findings.ranking_round,
        ballots=plural(ranking.ballots, "%n ballot", "%n ballots"),
        items=plural(len(ranking.items), "%n opportunity", "%n opportunities"),
    )


def ranking_story(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the revealed ranking round: agreement, order, camps, spread and priority against readiness."""
    ranking = findings.ranking
    assert ranking is not None
    story: list[Flowable] = [para(round_described(findings))]
    if ranking.concordance.w is None:
        return [
            *story,
            para(tr("Agreement cannot be measured: {reason}.").format(reason=ranking.concordance.reason)),
        ]
    said = ranking_headlines(ranking)
    story += [
        Paragraph(line, styles()["body"]) for line in (said.agreement, said.partial, said.top_methods) if line
    ]
    story += [
        para(chi_square_note(ranking), "small"),
        chart("consensus"),
        *subheading(tr("Consensus order")),
        *consensus_table(ranking),
        *subheading(tr("What divides the managers")),
        *[Paragraph(line, styles()["body"]) for line in said.divides],
        *subheading(tr("Camps")),
        *[Paragraph(line, styles()["body"]) for line in said.camps],
        chart("agreement"),
        chart("rank_distribution"),
        *([chart("priority_readiness")] if any(p.readiness is not None for p in findings.placements) else []),
    ]
    return story + placements(findings)


def chi_square_note(ranking: RankingAnalysis) -> str:
    """Gives the test figures for readers who want them: the method, and chi-square for reference."""
    c = ranking.concordance
    return tr(
        "Agreement tested with the {method} ({p}); for reference, chi-square = {chi_square}, df = {df}. "
        "Random ballots of this room's shape give W of about {chance} on average."
    ).format(
        method=p_method_words(c.p_method),
        p=p_text(c.p_value or 1.0),
        chi_square=rounded(c.chi_square or 0),
        df=c.df,
        chance=rounded(c.chance_w or 0, 2),
    )


def consensus_table(ranking: RankingAnalysis, limit: int | None = TOP_ITEMS) -> list[Flowable]:
    """Gives the Borda order with places 1, 2, 2, 4 and each item's spread, and where Schulze differs.

    A long order shows its top `limit` here; the appendix gives it whole (limit None).
    """
    spreads = {s.item: s for s in ranking.spreads}
    every = [
        [
            str(place),
            item,
            number(spreads[item].mean_rank),
            rounded(spreads[item].spread, 2),
            divides_words(spreads[item]),
        ]
        for place, item in place_rows(ranking.consensus.borda)
    ]
    rows, rest = shortened(every, limit)
    story = (
        data_table(
            tr("Consensus"),
            [
                Column(tr("Place"), 0.09),
                Column(tr("Opportunity"), 0.45),
                Column(tr("Mean rank"), 0.13),
                Column(tr("Spread"), 0.11),
                Column(tr("Divides"), 0.22),
            ],
            rows,
        )
        + rest
    )
    # Beside a shortened order, only the moves of the opportunities shown; the appendix lists them all.
    moved = [d for d in ranking.consensus.disagreements if limit is None or d.borda_place <= limit]
    if moved:
        story.append(
            para(
                tr(
                    "A second counting method (Schulze) places some opportunities differently: {moves}."
                ).format(moves="; ".join(f"{d.item} {d.borda_place} → {d.schulze_place}" for d in moved)),
                "small",
            )
        )
    return story


def placements(findings: WorkshopFindings, limit: int | None = TOP_ITEMS) -> list[Flowable]:
    """Gives where each opportunity lands by priority against its team's readiness (the top `limit`)."""
    if not findings.placements:
        return []
    rows, rest = shortened(
        [
            [
                pl.title,
                pl.team or "–",
                rounded(pl.priority, 2),
                number(pl.readiness),
                word(pl.placement.value) if pl.placement else "–",
            ]
            for pl in findings.placements
        ],
        limit,
    )
    return [
        *subheading(tr("Priority against readiness")),
        *data_table(
            tr("Placements"),
            [
                Column(tr("Opportunity"), 0.38),
                Column(tr("Team"), 0.25),
                Column(tr("Priority"), 0.12),
                Column(tr("Readiness"), 0.13),
                Column(tr("Where"), 0.12),
            ],
            rows,
        ),
        *rest,
    ]


def appendix_ranking(findings: WorkshopFindings) -> list[Flowable]:
    """Gives every item's spread figures and the agreement without each ballot."""
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return []
    whole: list[Flowable] = []
    if len(ranking.items) > TOP_ITEMS:  # the body shows the top; here is every opportunity
        whole = [
            *subheading(tr("Consensus order, every opportunity")),
            *consensus_table(ranking, None),
            *placements(findings, None),
        ]
    return [
        *whole,
        *subheading(tr("How each opportunity was ranked")),
        *data_table(
            tr("Spread"),
            [
                Column(tr("Opportunity"), 0.36),
                Column(tr("Mean rank"), 0.12),
                Column(tr("SD"), 0.09),
                Column(tr("IQR"), 0.09),
                Column(tr("Spread"), 0.1),
                Column(tr("Divides"), 0.24),
            ],
            [
                [
                    s.item,
                    number(s.mean_rank),
                    number(s.sd),
                    number(s.iqr),
                    rounded(s.spread, 2),
                    divides_words(s),
                ]
                for s in ranking.spreads
            ],
        ),
        *subheading(tr("Agreement without each ballot")),
        para(
            tr(
                "Kendall's W recomputed without one ballot: "
                "a higher W means that ballot pulls agreement down."
            ),
            "small",
        ),
        *data_table(
            tr("Leave one out"),
            [Column(tr("Ballot"), 0.6), Column(tr("W without it"), 0.2), Column(tr("Change"), 0.2)],
            [
                [
                    entry.voter,
                    number(entry.w_without, 2),
                    "–" if entry.change is None else rounded(entry.change, 2, signed=True),
                ]
                for entry in ranking.leave_one_out
            ],
        ),
    ]
