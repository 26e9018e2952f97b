"""The plain sentences that say what each chart shows, for screen readers and the PDF."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from .audit import NO_FLAGS, NO_TASKS
from .ranking import borda_order, ranking_to_show
from .readiness import NO_ANSWERS
from .strategy import NO_PILOTS, NO_PLACEMENTS

if TYPE_CHECKING:
    from workshop.findings import WorkshopFindings

    from .catalogue import ChartSpec


def alt_text(spec: ChartSpec, findings: WorkshopFindings) -> str:
    """Gives one or two plain sentences saying what the chart shows, for screen readers and the PDF."""
    return f"{spec.title}. {_ALT_TEXT[spec.key](findings)}"


def _alt_consensus(findings: WorkshopFindings) -> str:
    ranking, reason = ranking_to_show(findings)
    if ranking is None:
        return reason
    order = [item for _, item in borda_order(ranking)]
    divided = sum(s.dissent for s in ranking.spreads)
    return (
        f"Over {ranking.ballots} ballots the top priority is {order[0]} and the lowest is {order[-1]}; "
        f"{divided} of {len(order)} opportunities divide the room."
    )


def _alt_agreement(findings: WorkshopFindings) -> str:
    ranking, reason = ranking_to_show(findings)
    if ranking is None:
        return reason
    camps = ranking.agreement.camps
    sizes = ", ".join(str(len(c.voters)) for c in camps)
    found = f"{len(camps)} camps of {sizes} managers" if camps else "no separate camps"
    return f"Agreement between each pair of the {ranking.ballots} managers' rankings shows {found}."


def _alt_rank_distribution(findings: WorkshopFindings) -> str:
    ranking, reason = ranking_to_show(findings)
    if ranking is None:
        return reason
    return (
        f"For each of the {len(ranking.items)} opportunities, how many of the {ranking.ballots} managers "
        "gave it each place, in consensus order."
    )


def _alt_readiness(findings: WorkshopFindings) -> str:
    shown = [s for s in findings.readiness if s.mean is not None]
    if findings.survey_round is None or not findings.readiness:
        return NO_ANSWERS
    withheld = len(findings.readiness) - len(shown)
    text = (
        f"Mean readiness per team and dimension on a 1-5 scale in the survey round '{findings.survey_round}'"
    )
    if shown:
        low = min(shown, key=lambda s: s.mean or 0.0)
        text += f"; the lowest is {low.team} on {low.dimension} ({low.mean:.1f})"
    return text + (f"; {withheld} result(s) withheld (fewer than 3 answers)." if withheld else ".")


def _alt_perception_gap(findings: WorkshopFindings) -> str:
    gaps = [g for g in findings.gaps if g.gap is not None and g.survey_round == findings.survey_round]
    if not gaps:
        return NO_ANSWERS if findings.survey_round is None else "No managers' estimates to compare."
    widest = max(gaps, key=lambda g: abs(g.gap or 0.0))
    clear = sum(g.clear for g in gaps)
    direction = "above" if (widest.gap or 0.0) > 0 else "below"
    return (
        f"The widest gap: managers rate {widest.team} {abs(widest.gap or 0.0):.1f} points {direction} the "
        f"team's own view on {widest.dimension}; {clear} gap(s) are clear."
    )


def _alt_priority_readiness(findings: WorkshopFindings) -> str:
    placed = [p for p in findings.placements if p.placement is not None]
    if not placed:
        return NO_PLACEMENTS
    counts = Counter(str(p.placement) for p in placed)
    return (
        "Opportunities by priority and readiness: "
        + ", ".join(
            f"{counts[name]} {name}" for name in ("quick win", "prepare first", "reconsider", "long shot")
        )
        + "."
    )


def _alt_pilot_timeline(findings: WorkshopFindings) -> str:
    pilots = [p for w in findings.record.workflows for p in w.pilots if p.starts_on and p.ends_on]
    if not pilots:
        return NO_PILOTS
    first, last = min(p.starts_on for p in pilots if p.starts_on), max(p.ends_on for p in pilots if p.ends_on)
    checkpoints = sum(len(p.checkpoints) for p in pilots)
    return (
        f"{len(pilots)} pilot(s) from {first:%d %B %Y} to {last:%d %B %Y} with {checkpoints} checkpoints "
        "marked by their decision."
    )


def _alt_caution_flags(findings: WorkshopFindings) -> str:
    flags = findings.record.flags
    if not flags:
        return NO_FLAGS
    severe = sum(str(getattr(f.severity, "value", f.severity)) in ("high", "critical") for f in flags)
    common, count = Counter(str(getattr(f.category, "value", f.category)) for f in flags).most_common(1)[0]
    return (
        f"{len(flags)} caution flag(s), {severe} high or critical; "
        f"the most common category is {common} ({count})."
    )


def _alt_audit_candidates(findings: WorkshopFindings) -> str:
    if not findings.candidates or not any(t.hours_per_week and t.ai_potential for t in findings.record.tasks):
        return NO_TASKS
    best = findings.candidates[0]
    return (
        f"{len(findings.record.tasks)} audited tasks by hours per week and AI potential; "
        f"the best candidate is {best.title} (score {best.score:.0f} of 100)."
    )


_ALT_TEXT: dict[str, Callable[[WorkshopFindings], str]] = {
    "consensus": _alt_consensus,
    "agreement": _alt_agreement,
    "rank_distribution": _alt_rank_distribution,
    "readiness": _alt_readiness,
    "perception_gap": _alt_perception_gap,
    "priority_readiness": _alt_priority_readiness,
    "pilot_timeline": _alt_pilot_timeline,
    "caution_flags": _alt_caution_flags,
    "audit_candidates": _alt_audit_candidates,
}
