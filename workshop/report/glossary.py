"""The glossary: every measure and method the report names, in plain words for leaders who never met them."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from workshop.findings import WorkshopFindings
from workshop.wording import tr

from .styles import styles
from .text import markup

GLOSSARY = "Glossary"  # in English: the contents and tests compare it; translated where it is printed

# What the report must show for the term to appear in it, the term, then what it means; in English here,
# each translated as it is printed.
TERMS: tuple[tuple[str, str, str], ...] = (
    (
        "ranking",
        "Kendall's W (agreement)",
        "How far the managers put the opportunities in the same order: 0 means no shared order at all, "
        "1 means every ballot is the same. From 0.1 it is called very weak, from 0.3 weak, from 0.5 "
        "moderate and from 0.7 strong, but only when it is beyond chance.",
    ),
    (
        "ranking",
        "Chance level of W",
        "The W that ballots filled in at random would reach with this many voters and items. Agreement "
        "only means something when it is clearly above this level.",
    ),
    (
        "ranking",
        "p (p-value)",
        "How often chance alone would give a result at least this strong. Below 0.05 the result is unlikely "
        "to be luck; above it, the room may simply not agree.",
    ),
    (
        "chi-square",
        "Chi-square and df",
        "The test behind the p-value of W. df (degrees of freedom) is the number of items less one; the "
        "report prints both so a statistician can check the p-value.",
    ),
    (
        "ranking",
        "Borda count",
        "A way to combine ballots: each place on a ballot earns points (first place the most), and the "
        "opportunities are ordered by their total.",
    ),
    (
        "ranking",
        "Schulze method",
        "A second way to combine ballots: it compares every pair of opportunities head to head. When Borda "
        "and Schulze give the same order, the order does not depend on how the votes are counted.",
    ),
    (
        "ranking",
        "Consensus order",
        "The order of priorities the ballots give together; a place shared by several opportunities "
        "is a tie.",
    ),
    (
        "ranking",
        "Mean rank",
        "The average place an opportunity was given on the ballots (1 is the top).",
    ),
    (
        "spread",
        "SD (standard deviation)",
        "How far the answers spread around their average: small means people answered alike, large means "
        "they answered very differently.",
    ),
    (
        "ranking",
        "IQR (interquartile range)",
        "The width of the middle half of the answers, ignoring the most extreme quarter at each end.",
    ),
    (
        "ranking",
        "Spread (normalised SD)",
        "An opportunity's SD of places divided by the largest SD possible, from 0 (everyone gave it the same "
        "place) to 1 (the room is split between top and bottom).",
    ),
    (
        "ranking",
        "Dissent, divided, polarised",
        "An opportunity divides the managers when its spread is beyond what chance gives; polarised when "
        "they cluster at the top and the bottom at once.",
    ),
    (
        "camps",
        "Camps",
        "Groups of managers whose ballots agree with each other more than with the rest of the room.",
    ),
    (
        "ranking",
        "Kendall's tau-b",
        "The agreement between two ballots, from −1 (opposite orders) through 0 (unrelated) to +1 (the same "
        "order), counting ties fairly.",
    ),
    (
        "ranking",
        "Leave-one-out W",
        "The agreement of the room without one voter: it shows whether one person moves the whole result.",
    ),
    (
        "readiness",
        "Readiness score",
        "The average answer, from 1 to 5, to the readiness survey of a team on one dimension.",
    ),
    (
        "readiness",
        "rwg (agreement within a team)",
        "How far a team's members gave the same readiness answer, from 0 (no more alike than random) to 1 "
        "(all the same); below about 0.7 the team's average hides real differences.",
    ),
    (
        "gaps",
        "Perception gap",
        "The managers' estimate of a team's readiness minus the team's own answer. Positive: managers think "
        "the team is readier than it feels.",
    ),
    (
        "gaps",
        "95% interval",
        "The range the true value lies in with 95% confidence, given how few people answered. A gap is "
        "called clear only when its whole interval lies on one side of zero.",
    ),
    (
        "cut",
        "Readiness cut",
        "The readiness of the median team: opportunities of teams above it can start sooner.",
    ),
    (
        "impact",
        "Impact, effort and quadrant",
        "Each opportunity's average impact and effort on 1-to-5 ballots; the quadrant (quick win, major "
        "project, fill-in, thankless task) says which side of the median each falls on.",
    ),
    (
        "points",
        "100-point vote and share",
        "Each voter spreads 100 points over the opportunities; the share is the part of all points an "
        "opportunity received.",
    ),
    (
        "always",
        "Rounding",
        "Figures are rounded half up to the places shown: 5.25 is printed 5.3, 4.75 is printed 4.8.",
    ),
)


def glossary(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the glossary's entries for the terms this report uses, each in bold with its plain meaning."""
    shown = _shown(findings)
    return [
        Paragraph(
            tr("<b>{term}</b>: {meaning}").format(term=markup(tr(term)), meaning=markup(tr(meaning))),
            styles()["body"],
        )
        for need, term, meaning in TERMS
        if need in shown
    ]


def _shown(findings: WorkshopFindings) -> set[str]:
    """Gives which kinds of result the report prints, so the glossary explains only what a reader meets."""
    ranking = findings.ranking
    measured = ranking is not None and ranking.concordance.w is not None
    kinds = {
        "always": True,
        "ranking": measured,
        "chi-square": measured and ranking is not None and ranking.concordance.chi_square is not None,
        "camps": measured and ranking is not None and bool(ranking.agreement.camps),
        "spread": measured or bool(findings.readiness) or findings.points is not None,
        "readiness": bool(findings.readiness),
        "gaps": bool(findings.gaps),
        "cut": any(p.readiness_cut is not None for p in findings.placements),
        "impact": findings.impact_effort is not None,
        "points": findings.points is not None,
    }
    return {kind for kind, shown in kinds.items() if shown}
