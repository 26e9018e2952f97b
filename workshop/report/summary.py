"""The one-page executive summary: what leadership needs to know and decide, in plain words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepInFrame, Paragraph

from workshop.analysis.readiness import team_readiness
from workshop.analysis.wording import agreement_in_words
from workshop.findings import WorkshopFindings
from workshop.model import entities as e
from workshop.model.record import FlagInfo, PilotInfo, WorkflowInfo

from .styles import FRAME_HEIGHT, FRAME_WIDTH, styles
from .text import day, markup, number, shorten

SEVERITY_ORDER = (e.Severity.CRITICAL, e.Severity.HIGH, e.Severity.MEDIUM, e.Severity.LOW)
PILOTS_TO_START = ("planned", "running")
SHOWN = 3  # items per list: the summary must stay on one page
LINE_CHARS = 150


def executive_summary(findings: WorkshopFindings, *, heading_height: float) -> Flowable:
    """Gives the summary's blocks in one frame that shrinks to fit the rest of the page if it must."""
    blocks: list[Flowable] = []
    for title, lines in (
        ("Top priorities", priorities(findings)),
        ("Where the managers disagree", disconnects(findings)),
        ("Readiness", readiness(findings)),
        ("Pilots to start", pilots(findings)),
        ("Caution flags", flags(findings)),
        ("Decisions needed from leadership", decisions(findings)),
    ):
        blocks.append(Paragraph(markup(title), styles()["heading2"]))
        blocks += [_bulleted(line) for line in lines]
    return KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - heading_height, blocks, mode="shrink")


def _bulleted(line: str) -> Paragraph:
    """Gives a summary line as a bullet point; a line starting "1. " is numbered instead."""
    number_, _, rest = line.partition(". ")
    if number_.isdigit():
        return Paragraph(rest, styles()["bullet"], bulletText=f"{number_}.")
    return Paragraph(line, styles()["bullet"], bulletText="•")


def priorities(findings: WorkshopFindings) -> list[str]:
    """Gives the top of the consensus ranking and how strongly the managers agree, as markup lines."""
    ranking = findings.ranking
    if ranking is None:
        return ["No ranking round has been revealed yet, so there is no agreed order."]
    w = ranking.concordance.w
    if w is None:
        return [markup(f"Agreement cannot be measured: {ranking.concordance.reason}.")]
    lines = [
        f"{place}. <b>{markup(' = '.join(tier))}</b>"
        for place, tier in enumerate(ranking.consensus.borda[:SHOWN], 1)
    ]
    p = ranking.concordance.p_value
    lines.append(
        f"The {ranking.ballots} managers show <b>{agreement_in_words(w)}</b> on this order "
        f"(Kendall's W = {w:.2f}{'' if p is None else f', p = {p:.2g}'})."
    )
    return lines


def disconnects(findings: WorkshopFindings) -> list[str]:
    """Gives the opportunities that divide the managers most and the camps, as markup lines."""
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return ["Nothing to compare yet."]
    divided = sorted((s for s in ranking.spreads if s.dissent), key=lambda s: -s.spread)[:SHOWN]
    lines = [
        f"<b>{markup(s.item)}</b>: ranked anywhere from near the top to near the bottom"
        f"{' (the room is split into two sides)' if s.polarised else ''}."
        for s in divided
    ] or ["No opportunity clearly divides the managers."]
    camps = ranking.agreement.camps
    if camps:
        firsts = "; ".join(
            f"{len(camp.voters)} managers put {markup(' = '.join(camp.consensus[0]))} first" for camp in camps
        )
        lines.append(f"The room falls into {len(camps)} camps: {firsts}.")
    return lines


def readiness(findings: WorkshopFindings) -> list[str]:
    """Gives the readiness headline (lowest and highest team) and the biggest clear perception gap."""
    by_team = team_readiness(findings.readiness)
    if not by_team:
        return ["No readiness results to show yet (no answers, or every team below the privacy threshold)."]
    low = min(by_team, key=by_team.__getitem__)
    high = max(by_team, key=by_team.__getitem__)
    average = sum(by_team.values()) / len(by_team)
    lines = [
        f"Teams rate their readiness {average:.1f} of 5 on average; lowest <b>{markup(low)}</b> "
        f"({by_team[low]:.1f}), highest <b>{markup(high)}</b> ({by_team[high]:.1f})."
    ]
    clear = [g for g in findings.gaps if g.clear and g.gap is not None]
    if clear:
        gap = max(clear, key=lambda g: abs(g.gap or 0.0))
        direction = "higher" if (gap.gap or 0) > 0 else "lower"
        lines.append(
            f"Biggest perception gap: managers rate <b>{markup(gap.team)}</b> on {markup(gap.dimension)} "
            f"{abs(gap.gap or 0):.1f} points {direction} than the team rates itself."
        )
    else:
        lines.append("No clear gap between managers' view and the teams' own view.")
    return lines


def pilots_to_start(findings: WorkshopFindings) -> list[tuple[WorkflowInfo, PilotInfo]]:
    """Gives the planned and running pilots with their workflow, earliest start first."""
    found = [(w, p) for w in findings.record.workflows for p in w.pilots if p.status in PILOTS_TO_START]
    return sorted(found, key=lambda pair: pair[1].starts_on or dt.date.max)


def pilots(findings: WorkshopFindings) -> list[str]:
    """Gives the pilots to start with their oversight level, as markup lines."""
    found = pilots_to_start(findings)
    lines = [
        f"<b>{markup(shorten(w.opportunity, 80))}</b> ({p.status}, from {day(p.starts_on)}): "
        f"{markup(w.oversight.value)}{', stricter review' if w.stricter_review else ''}; "
        f"owner {markup(shorten(w.owner, 50) or 'not named')}."
        for w, p in found[:SHOWN]
    ]
    if len(found) > SHOWN:
        lines.append(f"…and {len(found) - SHOWN} more in Workflows & Pilots.")
    return lines or ["No pilot is planned yet."]


def open_flags(findings: WorkshopFindings) -> list[FlagInfo]:
    """Gives the caution flags not yet resolved, most severe first."""
    active = [f for f in findings.record.flags if f.status != e.FlagStatus.RESOLVED.value]
    return sorted(active, key=lambda f: SEVERITY_ORDER.index(f.severity))


def flags(findings: WorkshopFindings) -> list[str]:
    """Gives the most severe open caution flags, as markup lines."""
    active = open_flags(findings)
    lines = [
        f"<b>{f.severity.value.capitalize()}</b> – {markup(f.category.value)}"
        f"{f' ({markup(f.team)})' if f.team else ''}: {markup(shorten(f.evidence, LINE_CHARS))}"
        for f in active[:SHOWN]
    ]
    if len(active) > SHOWN:
        lines.append(f"…and {len(active) - SHOWN} more in Feedback & Resistance.")
    return lines or ["No open caution flags."]


def decisions(findings: WorkshopFindings) -> list[str]:
    """Gives the decisions the findings ask of leadership, derived from pilots, capacity and flags."""
    lines: list[str] = []
    found = pilots_to_start(findings)
    if found:
        lines.append(f"Approve {_count(found, 'pilot')} with the oversight levels and checkpoints above.")
    capacity = findings.record.capacity
    if capacity:
        hours = sum(c.hours_per_week for c in capacity)
        lines.append(
            f"Fund {number(hours)} hours a week of learning time across {_count(capacity, 'team')}, "
            "as the capacity plans set out."
        )
    serious = [f for f in open_flags(findings) if f.severity in (e.Severity.CRITICAL, e.Severity.HIGH)]
    if serious:
        lines.append(f"Respond to {_count(serious, 'high or critical caution flag')} and name who acts.")
    ranking = findings.ranking
    if ranking is not None and ranking.concordance.w is not None:
        divided = [s.item for s in ranking.spreads if s.dissent and s.polarised]
        if divided:
            lines.append(f"Settle the disputed priorities: {markup(', '.join(divided[:SHOWN]))}.")
    return lines or ["None yet: the workshop has not produced pilots, capacity plans or flags."]


def _count(things: Sequence[object], word: str) -> str:
    return f"{len(things)} {word}" if len(things) == 1 else f"{len(things)} {word}s"
