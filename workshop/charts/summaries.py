"""The plain sentences that say what each chart shows, in the user's language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from workshop.privacy import MIN_GROUP
from workshop.rounding import rounded
from workshop.wording import calendar_day, plural, tr, word

from .adkar import alt_adkar
from .audit import NO_FLAGS, NO_TASKS
from .capacity import alt_capacity
from .ranking import borda_order, ranking_to_show
from .ratings import NO_IMPACT_EFFORT, NO_POINTS, NOTHING_PLACED, QUADRANTS, TOO_FEW_BALLOTS, placed_items
from .readiness import NO_ANSWERS
from .readiness_trend import alt_readiness_trend
from .strategy import NO_PILOTS, NO_PLACEMENTS

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

    from .catalogue import ChartSpec


def alt_text(spec: ChartSpec, findings: WorkshopFindings) -> str:
    """Gives one or two plain sentences saying what the chart shows, for screen readers and the PDF."""
    return tr("{title}. {summary}").format(title=tr(spec.title), summary=_ALT_TEXT[spec.key](findings))


def _alt_consensus(findings: WorkshopFindings) -> str:
    ranking, reason = ranking_to_show(findings)
    if ranking is None:
        return reason
    order = [item for _, item in borda_order(ranking)]
    divided = sum(s.dissent for s in ranking.spreads)
    sentence = tr("Over {ballots} ballots the top priority is {top} and the lowest is {lowest}; {divided}.")
    return sentence.format(
        ballots=ranking.ballots,
        top=order[0],
        lowest=order[-1],
        divided=plural(
            divided,
            "%n of {count} opportunities divides the room beyond chance",
            "%n of {count} opportunities divide the room beyond chance",
        ).format(count=len(order)),
    )


def _alt_agreement(findings: WorkshopFindings) -> str:
    ranking, reason = ranking_to_show(findings)
    if ranking is None:
        return reason
    camps = ranking.agreement.camps
    sizes = ", ".join(str(len(c.voters)) for c in camps)
    found = (
        plural(len(camps), "%n camp of {sizes} managers", "%n camps of {sizes} managers").format(sizes=sizes)
        if camps
        else tr("no camps beyond chance")
    )
    return tr("Agreement between each pair of the {ballots} managers' rankings shows {found}.").format(
        ballots=ranking.ballots, found=found
    )


def _alt_rank_distribution(findings: WorkshopFindings) -> str:
    ranking, reason = ranking_to_show(findings)
    if ranking is None:
        return reason
    return tr(
        "For each of the {count} opportunities, how many of the {ballots} managers "
        "gave it each place, in consensus order."
    ).format(count=len(ranking.items), ballots=ranking.ballots)


def _alt_readiness(findings: WorkshopFindings) -> str:
    shown = [s for s in findings.readiness if s.mean is not None]
    if findings.survey_round is None or not findings.readiness:
        return tr(NO_ANSWERS)
    withheld = len(findings.readiness) - len(shown)
    text = tr("Mean readiness per team and dimension on a 1-5 scale in the survey round '{round}'").format(
        round=findings.survey_round
    )
    if shown:
        low = min(shown, key=lambda s: s.mean or 0.0)
        text += tr("; the lowest is {team} on {dimension} ({mean})").format(
            team=low.team, dimension=low.dimension, mean=rounded(low.mean)
        )
    return text + (
        plural(
            withheld,
            "; %n result withheld (fewer than 3 answers).",
            "; %n results withheld (fewer than 3 answers).",
        )
        if withheld
        else "."
    )


def _alt_perception_gap(findings: WorkshopFindings) -> str:
    gaps = [g for g in findings.gaps if g.gap is not None and g.survey_round == findings.survey_round]
    if not gaps:
        return tr(NO_ANSWERS) if findings.survey_round is None else tr("No managers' estimates to compare.")
    widest = max(gaps, key=lambda g: abs(g.gap or 0.0))
    clear = sum(g.clear for g in gaps)
    # Two whole sentences, not one with a word put in: "above" and "below" may reorder the sentence.
    sentence = (
        tr("The widest gap: managers rate {team} {points} points above the team's own view on {dimension}")
        if (widest.gap or 0.0) > 0
        else tr(
            "The widest gap: managers rate {team} {points} points below the team's own view on {dimension}"
        )
    )
    how_many = plural(clear, "; %n gap is clear.", "; %n gaps are clear.")
    return (
        sentence.format(team=widest.team, points=abs(widest.gap or 0.0), dimension=widest.dimension)
        + how_many
    )


def _alt_priority_readiness(findings: WorkshopFindings) -> str:
    placed = [p for p in findings.placements if p.placement is not None]
    if not placed:
        return tr(NO_PLACEMENTS)
    counts = Counter(str(p.placement) for p in placed)
    return tr("Opportunities by priority and readiness: {counts}.").format(
        counts=", ".join(
            tr("{count} {placement}").format(count=counts[name], placement=tr(name))
            for name in ("quick win", "prepare first", "reconsider", "long shot")
        )
    )


def _alt_pilot_timeline(findings: WorkshopFindings) -> str:
    pilots = [p for w in findings.record.workflows for p in w.pilots if p.starts_on and p.ends_on]
    if not pilots:
        return tr(NO_PILOTS)
    first, last = min(p.starts_on for p in pilots if p.starts_on), max(p.ends_on for p in pilots if p.ends_on)
    checkpoints = sum(len(p.checkpoints) for p in pilots)
    return plural(
        len(pilots),
        "%n pilot from {first} to {last} with {checkpoints} marked by their decision.",
        "%n pilots from {first} to {last} with {checkpoints} marked by their decision.",
    ).format(
        first=calendar_day(first),
        last=calendar_day(last),
        checkpoints=plural(checkpoints, "%n checkpoint", "%n checkpoints"),
    )


def _alt_caution_flags(findings: WorkshopFindings) -> str:
    flags = findings.record.flags
    if not flags:
        return tr(NO_FLAGS)
    severe = sum(str(getattr(f.severity, "value", f.severity)) in ("high", "critical") for f in flags)
    common, count = Counter(str(getattr(f.category, "value", f.category)) for f in flags).most_common(1)[0]
    return plural(
        len(flags),
        "%n caution flag, {severe} high or critical; the most common category is {common} ({count}).",
        "%n caution flags, {severe} high or critical; the most common category is {common} ({count}).",
    ).format(severe=severe, common=common, count=count)


def _alt_audit_candidates(findings: WorkshopFindings) -> str:
    if not findings.candidates or not any(t.hours_per_week and t.ai_potential for t in findings.record.tasks):
        return tr(NO_TASKS)
    best = findings.candidates[0]
    return tr(
        "{count} audited tasks by hours per week and AI potential; "
        "the best candidate is {best} (score {score} of 100)."
    ).format(count=len(findings.record.tasks), best=best.title, score=rounded(best.score, 0))


def _alt_points(findings: WorkshopFindings) -> str:
    result = findings.points
    if result is None:
        return tr(NO_POINTS)
    if result.ballots < MIN_GROUP:
        return tr(TOO_FEW_BALLOTS).format(round=findings.points_round)
    top = result.items[0]
    return tr(
        "Over {ballots} the most points went to {top}, {mean} points per manager on average ({share} of all)."
    ).format(
        ballots=plural(result.ballots, "%n ballot", "%n ballots"),
        top=top.item,
        mean=rounded(top.mean or 0.0),
        share=f"{top.share or 0.0:.0%}",
    )


def _alt_impact_effort(findings: WorkshopFindings) -> str:
    result = findings.impact_effort
    if result is None:
        return tr(NO_IMPACT_EFFORT)
    placed = placed_items(result)
    if not placed:
        return tr(NOTHING_PLACED)
    counts = Counter(r.quadrant for r in placed)
    return tr("Over {ballots}, by mean impact and effort (cut at {cut}): {counts}.").format(
        ballots=plural(result.ballots, "%n ballot", "%n ballots"),
        cut=rounded(result.cut),
        counts=", ".join(
            tr("{quadrant}: {count}").format(quadrant=word(quadrant.value), count=counts[quadrant])
            for quadrant, *_ in QUADRANTS
        ),
    )


_ALT_TEXT: dict[str, Callable[[WorkshopFindings], str]] = {
    "consensus": _alt_consensus,
    "agreement": _alt_agreement,
    "rank_distribution": _alt_rank_distribution,
    "readiness": _alt_readiness,
    "perception_gap": _alt_perception_gap,
    "readiness_trend": alt_readiness_trend,
    "adkar": alt_adkar,
    "priority_readiness": _alt_priority_readiness,
    "pilot_timeline": _alt_pilot_timeline,
    "caution_flags": _alt_caution_flags,
    "audit_candidates": _alt_audit_candidates,
    "points": _alt_points,
    "impact_effort": _alt_impact_effort,
    "capacity": alt_capacity,
}
