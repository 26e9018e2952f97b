"""The one-page executive summary: what leadership needs to know and decide, in plain words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from workshop.analysis.alignment import RankingAnalysis
from workshop.analysis.consensus import place_rows
from workshop.analysis.readiness import team_readiness
from workshop.decisions import Decision, leadership_decisions
from workshop.findings import WorkshopFindings
from workshop.headlines import numbered, ranking_headlines
from workshop.model import entities as e
from workshop.model.record import FlagInfo, PilotInfo, WorkflowInfo
from workshop.wording import fixed, plural, tr, word

from .evidence import EvidencePage, EvidenceWanted
from .headings import subheading
from .ranking_section import round_described
from .styles import FRAME_HEIGHT, FRAME_WIDTH, styles, table_style
from .text import blank, day, labelled_long, markup, number, para, shorten

SEVERITY_ORDER = (e.Severity.CRITICAL, e.Severity.HIGH, e.Severity.MEDIUM, e.Severity.LOW)
PILOTS_TO_START = ("planned", "running")
SHOWN = 3  # items per list: the summary must stay on one page
LINE_CHARS = 150


def executive_summary(findings: WorkshopFindings, *, as_of: dt.date) -> list[Flowable]:
    """Gives the summary: the decisions leadership must take as a table, then the room's short findings.

    The summary keeps to two pages: the short findings that would run past them are named in one line
    pointing to their sections instead, so no third page holds a lone paragraph.
    """
    table = decision_table(leadership_decisions(findings, as_of))
    room = SUMMARY_PAGES * FRAME_HEIGHT - SUMMARY_SLACK - sum(_height(f) for f in table)
    story: list[Flowable] = [*table]
    left_out: list[str] = []  # "title: see the section" for each block that did not fit
    for title, lines, section in (
        (tr("Top priorities"), priorities(findings), tr("Priorities & Alignment")),
        (tr("Where the managers disagree"), disconnects(findings), tr("Priorities & Alignment")),
        (tr("Readiness"), readiness(findings), tr("Readiness")),
    ):
        block = [Paragraph(markup(title), styles()["heading2"]), *[_bulleted(line) for line in lines]]
        room -= sum(_height(f) for f in block)
        if room >= 0 and not left_out:
            story.append(KeepTogether(block))
        else:
            left_out.append(tr("{title}: see the section “{section}”").format(title=title, section=section))
    if left_out:
        story.append(para("; ".join(left_out) + ".", "small"))
    return story


SUMMARY_PAGES = 2
# Room kept free for the summary's heading, the table's header repeated on its second page and the
# foot of the first page left empty when a row does not fit there.
SUMMARY_SLACK = 120


def _height(flowable: Flowable) -> float:
    """Gives the height a flowable takes across the text frame, over pages if it splits."""
    _, height = flowable.wrap(FRAME_WIDTH, 100 * FRAME_HEIGHT)
    return float(height) + flowable.getSpaceBefore() + flowable.getSpaceAfter()


# The decision table's columns: heading, share of the width, and how many characters a cell shows.
DECISION_COLUMNS = (
    (fixed("Decision"), 0.19, 80),
    (fixed("Why"), 0.19, 70),
    (fixed("Page"), 0.08, 0),
    (fixed("Owner"), 0.14, 40),
    (fixed("Due by"), 0.11, 0),
    (fixed("Hours or cost"), 0.15, 70),
    (fixed("Risk"), 0.14, 45),
)


def decision_table(decisions: Sequence[Decision]) -> list[Flowable]:
    """Gives the decisions as a table whose rows point to the page of their evidence; long texts shortened."""
    if not decisions:
        return [
            para(
                tr(
                    "No decision is asked of leadership yet: no pilot awaits approval, no action is overdue, "
                    "no serious flag is open and no learning time is planned."
                )
            )
        ]
    texts = [_decision_texts(d) for d in decisions]
    # A column no decision fills (say, no hours or cost anywhere) is left out rather than printed as dashes.
    kept = [n for n in range(len(DECISION_COLUMNS)) if n < 3 or not all(blank(t[n]) for t in texts)]
    share = sum(DECISION_COLUMNS[n][1] for n in kept)
    widths = [FRAME_WIDTH * DECISION_COLUMNS[n][1] / share for n in kept]
    head = styles()["head_cell"]
    header = [Paragraph(markup(word(DECISION_COLUMNS[n][0])), head) for n in kept]
    rows = [[_decision_cell(str(row), t, n) for n in kept] for row, t in enumerate(texts, 1)]
    table = Table([header, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(rows=len(rows) + 1))
    wanted = {str(n): d.evidence for n, d in enumerate(decisions, 1)}
    note = para(tr("Each decision in full is in the appendix, under “Decisions in full”."), "small")
    return [EvidenceWanted(wanted), table, note]


def _decision_texts(decision: Decision) -> tuple[str, ...]:
    """Gives a decision's cells as text, in the order of DECISION_COLUMNS ("–" where nothing is known)."""
    return (
        decision.what,
        decision.why,
        "",
        decision.owner or tr("nobody named"),
        day(decision.deadline) if decision.deadline is not None else "–",
        decision.cost or "–",
        decision.risk or "–",
    )


def _decision_cell(key: str, texts: tuple[str, ...], column: int) -> Flowable:
    """Gives one cell: the page of the evidence (known only once laid out), else the text, shortened."""
    if column == 2:
        return EvidencePage(key)
    limit = DECISION_COLUMNS[column][2]
    return Paragraph(markup(shorten(texts[column], limit) if limit else texts[column]), styles()["cell"])


def decisions_in_full(findings: WorkshopFindings, as_of: dt.date) -> list[Flowable]:
    """Gives every decision of the summary's table with its texts whole, for the appendix."""
    decisions = leadership_decisions(findings, as_of)
    if not decisions:
        return []
    story: list[Flowable] = subheading(tr("Decisions in full"))
    for n, d in enumerate(decisions, 1):
        said = (
            (tr("Why"), d.why),
            (tr("Owner"), d.owner or tr("nobody named")),
            (tr("Hours or cost"), d.cost),
        )
        story += [
            Paragraph(
                tr("<b>{number}. {decision}</b>").format(number=n, decision=markup(d.what)), styles()["body"]
            ),
            *[
                piece
                for label, text in (*said, (tr("Risk"), d.risk))
                if text
                for piece in labelled_long(label, text, "small")
            ],
        ]
    return story


def _bulleted(line: str) -> Paragraph:
    """Gives a summary line as a bullet point; a line starting "1. " is numbered instead."""
    number_, _, rest = line.partition(". ")
    if number_.isdigit():
        return Paragraph(rest, styles()["bullet"], bulletText=f"{number_}.")
    return Paragraph(line, styles()["bullet"], bulletText="•")


def priorities(findings: WorkshopFindings) -> list[str]:
    """Gives the top of the consensus ranking and how far it is the room's, as markup lines."""
    ranking = findings.ranking
    if ranking is None:
        return [markup(tr("No ranking round has been revealed yet, so there is no agreed order."))]
    described = markup(round_described(findings))  # leadership reads which vote the order comes from
    if ranking.concordance.w is None:
        return [
            described,
            markup(tr("Agreement cannot be measured: {reason}.").format(reason=ranking.concordance.reason)),
        ]
    said = ranking_headlines(ranking)
    rows = place_rows(ranking.consensus.borda)
    top = [row for row in rows if row[0] <= SHOWN]
    lines = [described, said.agreement]
    lines += numbered(top) if said.settled else [plain_numbered(place, item) for place, item in top]
    if len(rows) > len(top):
        lines.append(_more_in(len(rows) - len(top), tr("Priorities & Alignment")))
    return lines + [line for line in (said.top_methods, said.partial) if line]


def plain_numbered(place: int, item: str) -> str:
    """Gives a "place. item" line without emphasis: an order the room has not settled."""
    return f"{place}. {markup(item)}"


def disconnects(findings: WorkshopFindings) -> list[str]:
    """Gives every opportunity that divides the managers beyond chance (or how many more) and the camps."""
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return [markup(tr("Nothing to compare yet."))]
    said = ranking_headlines(ranking)
    lines = list(said.divides[:SHOWN])
    if len(said.divides) > SHOWN:
        lines.append(_more_in(len(said.divides) - SHOWN, tr("Priorities & Alignment")))
    return lines + list(said.camps)


def readiness(findings: WorkshopFindings) -> list[str]:
    """Gives the readiness headline (lowest and highest team) and the biggest clear perception gap."""
    by_team = team_readiness(findings.readiness)
    if not by_team:
        return [
            markup(
                tr(
                    "No readiness results to show yet "
                    "(no answers, or every team below the privacy threshold)."
                )
            )
        ]
    low = min(by_team, key=by_team.__getitem__)
    high = max(by_team, key=by_team.__getitem__)
    average = sum(by_team.values()) / len(by_team)
    lines = [
        tr(
            "Teams rate their readiness {average} of 5 on average; lowest <b>{low}</b> ({low_score}), "
            "highest <b>{high}</b> ({high_score})."
        ).format(
            average=number(average),
            low=markup(low),
            low_score=number(by_team[low]),
            high=markup(high),
            high_score=number(by_team[high]),
        )
    ]
    clear = [g for g in findings.gaps if g.clear and g.gap is not None]
    if clear:
        gap = max(clear, key=lambda g: abs(g.gap or 0.0))
        sentence = (
            tr(
                "Biggest perception gap: managers rate <b>{team}</b> on {dimension} {points} points higher "
                "than the team rates itself."
            )
            if (gap.gap or 0) > 0
            else tr(
                "Biggest perception gap: managers rate <b>{team}</b> on {dimension} {points} points lower "
                "than the team rates itself."
            )
        )
        lines.append(
            sentence.format(
                team=markup(gap.team), dimension=markup(gap.dimension), points=number(abs(gap.gap or 0))
            )
        )
    else:
        lines.append(markup(tr("No clear gap between managers' view and the teams' own view.")))
    cut = next((p.readiness_cut for p in findings.placements if p.readiness_cut is not None), None)
    if cut is not None:
        lines.append(
            markup(tr("Where to start: readiness cut {cut}, the median team.").format(cut=number(cut)))
        )
    return lines


def pilots_to_start(findings: WorkshopFindings) -> list[tuple[WorkflowInfo, PilotInfo]]:
    """Gives the planned and running pilots with their workflow, earliest start first."""
    found = [(w, p) for w in findings.record.workflows for p in w.pilots if p.status in PILOTS_TO_START]
    return sorted(found, key=lambda pair: pair[1].starts_on or dt.date.max)


def pilots(findings: WorkshopFindings) -> list[str]:
    """Gives the pilots to start with their oversight level, as markup lines."""
    found = pilots_to_start(findings)
    lines = [
        tr("<b>{pilot}</b> ({status}, from {start}): {oversight}{review}; owner {owner}.").format(
            pilot=markup(shorten(w.opportunity, 80)),
            status=markup(word(p.status)),
            start=markup(day(p.starts_on)),
            oversight=markup(word(w.oversight.value)),
            review=markup(tr(", stricter review")) if w.stricter_review else "",
            owner=markup(shorten(w.owner, 50) or tr("not named")),
        )
        for w, p in found[:SHOWN]
    ]
    if len(found) > SHOWN:
        lines.append(_more_in(len(found) - SHOWN, tr("Workflows & Pilots")))
    return lines or [markup(tr("No pilot is planned yet."))]


def _more_in(count: int, section: str) -> str:
    """Gives the markup line saying how many more a section of the report lists."""
    return plural(count, "…and %n more in {section}.", "…and %n more in {section}.").format(
        section=markup(section)
    )


def open_flags(findings: WorkshopFindings) -> list[FlagInfo]:
    """Gives the caution flags not yet resolved, most severe first."""
    active = [f for f in findings.record.flags if f.status != e.FlagStatus.RESOLVED.value]
    return sorted(active, key=lambda f: SEVERITY_ORDER.index(f.severity))


def flags(findings: WorkshopFindings) -> list[str]:
    """Gives the most severe open caution flags, as markup lines."""
    active = open_flags(findings)
    lines = [
        f"<b>{markup(_first_upper(word(f.severity.value)))}</b> – {markup(word(f.category.value))}"
        f"{f' ({markup(f.team)})' if f.team else ''}: {markup(shorten(f.evidence, LINE_CHARS))}"
        for f in active[:SHOWN]
    ]
    if len(active) > SHOWN:
        lines.append(_more_in(len(active) - SHOWN, tr("Feedback & Resistance")))
    return lines or [markup(tr("No open caution flags."))]


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def decisions(findings: WorkshopFindings) -> list[str]:
    """Gives the decisions the findings ask of leadership, derived from pilots, capacity and flags."""
    lines: list[str] = []
    found = pilots_to_start(findings)
    if found:
        lines.append(
            plural(
                len(found),
                "Approve %n pilot with the oversight levels and checkpoints above.",
                "Approve %n pilots with the oversight levels and checkpoints above.",
            )
        )
    capacity = findings.record.capacity
    if capacity:
        lines.append(
            plural(
                len(capacity),
                "Fund {hours} hours a week of learning time across %n team, as the capacity plans set out.",
                "Fund {hours} hours a week of learning time across %n teams, as the capacity plans set out.",
            ).format(hours=number(sum(c.hours_per_week for c in capacity)))
        )
    serious = [f for f in open_flags(findings) if f.severity in (e.Severity.CRITICAL, e.Severity.HIGH)]
    if serious:
        lines.append(
            plural(
                len(serious),
                "Respond to %n high or critical caution flag and name who acts.",
                "Respond to %n high or critical caution flags and name who acts.",
            )
        )
    ranking = findings.ranking
    if ranking is not None and ranking.concordance.w is not None:
        lines += _ranking_decisions(ranking)
    return lines or [markup(tr("None yet: the workshop has not produced pilots, capacity plans or flags."))]


def _ranking_decisions(ranking: RankingAnalysis) -> list[str]:
    """Gives the decisions a ranking round leaves open: an unsettled order, disputed opportunities."""
    said = ranking_headlines(ranking)
    lines = []
    if not said.settled:
        lines.append(
            markup(
                tr(
                    "Decide the order of priorities: the managers' ballots do not settle it "
                    "(their agreement is no better than chance)."
                )
            )
        )
    items = said.divides_items
    if items:
        more = len(items) - SHOWN
        listed = ", ".join(items[:SHOWN]) + (plural(more, " and %n more", " and %n more") if more > 0 else "")
        lines.append(tr("Settle the disputed priorities: {items}.").format(items=markup(listed)))
    return lines
