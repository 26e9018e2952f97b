"""The strategy report's story: cover, summary, contents, one section per phase and the appendix.

Every function here receives the findings and returns flowables; none of them reads the workshop file.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, TableStyle

from workshop.findings import WITHHELD_NOTE, WorkshopFindings
from workshop.model import entities as e
from workshop.wording import plural, tr, word

from .figures import chart_flowable
from .late import Contents
from .ranking_section import appendix_ranking, ranking_story
from .ratings import ratings_section
from .styles import FRAME_WIDTH, styles
from .summary import executive_summary, open_flags
from .text import Column, data_table, day, labelled_long, long_text, markup, number, para

ChartMaker = Callable[[str], Flowable]

PHASES = (
    "Audit & Discovery",
    "Readiness",
    "Priorities & Alignment",
    "Workflows & Pilots",
    "Space & Time",
    "Feedback & Resistance",
)
# In English: tests and the outline compare these; each is translated where it is printed.
APPENDIX = "Appendix: the data"
SUMMARY = "Executive summary"
CONTENTS = "Contents"
PRIVATE_ROUND = "results private until revealed"
WITHHELD = "withheld (fewer than 3 answers)"
BEST_CANDIDATES = 8


class Heading(Paragraph):
    """A section or subsection title: listed in the contents and the PDF outline at its level."""

    def __init__(self, title: str, level: int, *, listed: bool = True) -> None:
        super().__init__(markup(title), styles()["heading1" if level == 0 else "heading2"])
        self.title = title
        self.level = level
        self.listed = listed
        self.key = ""  # its bookmark, given when the report is laid out


SUBHEADING_ROOM = 110  # a subheading starts a new page unless its first rows fit below it


def subheading(title: str) -> list[Flowable]:
    """Gives a subsection title that is never left alone at the foot of a page."""
    return [CondPageBreak(SUBHEADING_ROOM), Heading(title, 1)]


def report_story(findings: WorkshopFindings, chart: ChartMaker | None = None) -> list[Flowable]:
    """Gives the whole report as flowables; `chart(key)` gives a chart (by default rendered here)."""

    def draw(key: str) -> Flowable:
        return chart(key) if chart is not None else chart_flowable(key, findings, FRAME_WIDTH)

    story = [*cover(findings), *summary_page(findings), *contents()]
    for phase, section in zip(PHASES, SECTIONS, strict=True):
        story += [Heading(tr(phase), 0), *section(findings, draw), PageBreak()]
    return [*story, Heading(tr(APPENDIX), 0), *appendix(findings)]


def cover(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the cover: title, organisation, date, facilitator and how private the answers are."""
    info = findings.record.info
    privacy = {
        e.Anonymity.ANONYMOUS: tr("Ballots and survey answers are anonymous."),
        e.Anonymity.TEAM: tr("Ballots and survey answers are shown by team, never by name."),
        e.Anonymity.NAMED: tr("Participants agreed to be named with their answers."),
    }[info.anonymity]
    lines = [
        (tr("Organisation"), info.organisation),
        (tr("Workshop held on"), day(info.held_on)),
        (tr("Facilitator"), info.facilitator),
    ]
    return [
        Spacer(1, 150),
        para(tr("AI strategy workshop: report for leadership"), "cover_line"),
        Spacer(1, 6),
        # A title or name of any length is printed whole, in pieces that lay out in linear time.
        *long_text(info.title, "cover_title"),
        Spacer(1, 24),
        *[
            piece
            for label, value in lines
            for piece in labelled_long(label, value or tr("not given"), "cover_line")
        ],
        Spacer(1, 36),
        para(privacy, "small"),
        PageBreak(),
    ]


def summary_page(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the executive summary heading and its one page."""
    heading = Heading(tr(SUMMARY), 0)
    _, height = heading.wrap(FRAME_WIDTH, 1000)
    return [heading, executive_summary(findings, heading_height=height + 12), PageBreak()]


def contents() -> list[Flowable]:
    """Gives the table of contents, filled in from the headings as the document is built."""
    toc = Contents([styles()["toc1"], styles()["toc2"]])
    toc.tableStyle = TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP")]
        + [
            (side, (0, 0), (-1, -1), 0)
            for side in ("TOPPADDING", "BOTTOMPADDING", "LEFTPADDING", "RIGHTPADDING")
        ]
    )
    return [Heading(tr(CONTENTS), 0, listed=False), toc, PageBreak()]


def audit_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the audit: the task inventory in numbers, the best AI candidates, teams and ideas."""
    record = findings.record
    hours = sum(t.hours_per_week or 0 for t in record.tasks)
    manual = sum(t.manual for t in record.tasks)
    story: list[Flowable] = [
        para(
            tr(
                "The teams listed {tasks} tasks taking {hours} hours a week in all; "
                "{manual} of them are done by hand."
            ).format(tasks=len(record.tasks), hours=number(hours), manual=manual)
        ),
        chart("audit_candidates"),
        *subheading(tr("Best candidates for AI")),
        para(
            tr(
                "Score 0-100 from hours, frequency, manual work, redundancy and AI potential, "
                "lowered for sensitive data."
            ),
            "small",
        ),
        *data_table(
            tr("Best candidates"),
            [
                Column(tr("Task"), 0.44),
                Column(tr("Team"), 0.26),
                Column(tr("Score"), 0.1),
                Column(tr("Not known"), 0.2),
            ],
            [
                [c.title, c.team or "", f"{c.score:.0f}", ", ".join(c.unknown) or "–"]
                for c in findings.candidates[:BEST_CANDIDATES]
            ],
        ),
        *subheading(tr("Teams")),
        *data_table(
            tr("Teams"),
            [
                Column(tr("Team"), 0.25),
                Column(tr("What it does"), 0.48),
                Column(tr("Managers"), 0.13),
                Column(tr("Employees"), 0.15),
            ],
            [[t.name, t.description, str(t.managers), str(t.employees)] for t in record.teams],
        ),
    ]
    if record.ideas:
        story += [
            *subheading(tr("Where the teams think AI could help")),
            *data_table(
                tr("Ideas"),
                [
                    Column(tr("Team / group"), 0.2),
                    Column(tr("What"), 0.26),
                    Column(tr("How"), 0.28),
                    Column(tr("Why"), 0.26),
                ],
                [[_team_group(i.team, i.group), i.what, i.how, i.why] for i in record.ideas],
            ),
        ]
    return story + _people(findings)


def _team_group(team: str | None, group: str) -> str:
    return " / ".join(part for part in (team, group) if part)


def _people(findings: WorkshopFindings) -> list[Flowable]:
    """Gives champions and skeptics by name, only in a workshop whose participants agreed to be named."""
    people = findings.record.people
    if findings.record.info.anonymity is not e.Anonymity.NAMED or not people:
        return []
    return [
        *subheading(tr("Champions and skeptics")),
        *data_table(
            tr("People"),
            [
                Column(tr("Name"), 0.34),
                Column(tr("Team"), 0.3),
                Column(tr("Role"), 0.18),
                Column(tr("Stance"), 0.18),
            ],
            [[p.name, p.team or "", word(p.role), word(p.stance)] for p in people],
        ),
    ]


def readiness_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives readiness per team, the perception gaps and the change since the earlier survey."""
    if findings.survey_round is None:
        return [para(tr("No readiness answers yet."))]
    story: list[Flowable] = [
        para(
            tr("Survey round: {round}. Scores run from 1 (not ready) to 5 (ready).").format(
                round=findings.survey_round
            )
        ),
        *_withheld_note(findings),
        chart("readiness"),
        chart("perception_gap"),
        *_withheld_gaps_note(findings),
        *subheading(tr("Clear perception gaps")),
    ]
    clear = [g for g in findings.gaps if g.clear]
    story += (
        data_table(
            tr("Perception gaps"),
            [
                Column(tr("Team"), 0.32),
                Column(tr("Dimension"), 0.24),
                Column(tr("Managers minus team"), 0.22),
                Column(tr("95% interval"), 0.22),
            ],
            [[g.team, g.dimension, f"{g.gap:+.1f}", _interval(g.ci_low, g.ci_high)] for g in clear],
        )
        if clear
        else [
            para(
                tr(
                    "Managers and teams see readiness alike: no gap is clear (1 point or more, "
                    "with an interval that excludes zero)."
                )
            )
        ]
    )
    moved = sorted((c for c in findings.changes if c.change is not None), key=lambda c: -abs(c.change or 0))
    if moved:
        story += [
            *subheading(tr("Largest changes since the earlier survey")),
            *data_table(
                tr("Changes"),
                [
                    Column(tr("Team"), 0.32),
                    Column(tr("Dimension"), 0.24),
                    Column(tr("Rounds"), 0.3),
                    Column(tr("Change"), 0.14),
                ],
                [
                    [c.team, c.dimension, f"{c.earlier_round} → {c.later_round}", f"{c.change:+.1f}"]
                    for c in moved[:6]
                ],
            ),
        ]
    return story


def _withheld_gaps_note(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the note naming how many teams' perception gaps are withheld, when any are."""
    shown = {g.team for g in findings.gaps if not g.withheld}
    hidden = {g.team for g in findings.gaps} - shown
    if not hidden:
        return []
    sentence = plural(
        len(hidden),
        "The perception gaps of %n team are not shown: fewer than 3 managers' estimates or own answers, "
        "and a gap beside the team's mean would give away a person's answer.",
        "The perception gaps of %n teams are not shown: each has fewer than 3 managers' estimates or own "
        "answers, and a gap beside the team's mean would give away a person's answer.",
    )
    return [para(sentence, "small")]


def _withheld_note(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the note that small groups' results are withheld, when any of the latest round's are."""
    return [para(tr(WITHHELD_NOTE), "small")] if any(s.withheld for s in findings.readiness) else []


def _interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "–"
    return tr("{low} to {high}").format(low=f"{low:+.1f}", high=f"{high:+.1f}")


def priorities_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the consensus ranking, agreement, camps, disconnects, placements and the ballot rounds."""
    story = (
        ranking_story(findings, chart, subheading)
        if findings.ranking is not None
        else [para(tr("No ranking round has been revealed yet: the order of priorities is still private."))]
    )
    return story + ratings_section(findings, chart, subheading) + _rounds(findings)


def _yes_no(value: bool) -> str:
    return tr("yes") if value else tr("no")


def _rounds(findings: WorkshopFindings) -> list[Flowable]:
    """Gives every ballot round by name and status; an unrevealed round shows nothing of its results."""
    rows = [
        [r.name, word(r.method), word(r.status), str(r.ballots)]
        if r.status == "revealed"
        else [r.name, word(r.method), f"{word(r.status)} - {tr(PRIVATE_ROUND)}", "–"]
        for r in findings.record.rounds
    ]
    if not rows:
        return []
    return [
        *subheading(tr("Ballot rounds")),
        *data_table(
            tr("Ballot rounds"),
            [
                Column(tr("Round"), 0.34),
                Column(tr("Method"), 0.18),
                Column(tr("Status"), 0.36),
                Column(tr("Ballots"), 0.12),
            ],
            rows,
        ),
    ]


def workflows_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives each workflow's owner, platform and oversight, and the pilots with their checkpoints."""
    workflows = findings.record.workflows
    if not workflows:
        return [para(tr("No workflow has been proposed yet."))]
    pilots = [(w, p) for w in workflows for p in w.pilots]
    checkpoints = [(p, c) for _, p in pilots for c in p.checkpoints]
    story: list[Flowable] = [
        chart("pilot_timeline"),
        *subheading(tr("Workflows and human oversight")),
        *data_table(
            tr("Workflows"),
            [
                Column(tr("Opportunity"), 0.28),
                Column(tr("Owner"), 0.18),
                Column(tr("AI platform"), 0.26),
                Column(tr("Oversight"), 0.28),
            ],
            [
                [
                    w.opportunity,
                    w.owner,
                    w.ai_platform,
                    word(w.oversight.value) + (tr("; stricter review") if w.stricter_review else ""),
                ]
                for w in workflows
            ],
        ),
        *subheading(tr("Pilots")),
        *data_table(
            tr("Pilots"),
            [
                Column(tr("Pilot"), 0.24),
                Column(tr("Runs"), 0.17),
                Column(tr("Status"), 0.1),
                Column(tr("Success measures"), 0.25),
                Column(tr("Go / no-go"), 0.24),
            ],
            [
                [
                    p.opportunity,
                    f"{day(p.starts_on)} – {day(p.ends_on)}",
                    word(p.status),
                    p.success_metrics,
                    p.go_no_go_criteria,
                ]
                for _, p in pilots
            ],
        ),
    ]
    if checkpoints:
        story += [
            *subheading(tr("Checkpoints: planned pauses to look at results")),
            *data_table(
                tr("Checkpoints"),
                [
                    Column(tr("Pilot"), 0.3),
                    Column(tr("Due"), 0.14),
                    Column(tr("Decision"), 0.18),
                    Column(tr("Notes"), 0.38),
                ],
                [[p.opportunity, day(c.due_on), word(c.decision), c.notes] for p, c in checkpoints],
            ),
        ]
    return story


def capacity_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the time each team gets back to learn, what is dropped for it, and the training."""
    capacity = findings.record.capacity
    if not capacity:
        return [para(tr("No capacity plan yet: nothing shows where the time to learn comes from."))]
    total = sum(c.hours_per_week for c in capacity)
    return [
        para(
            tr(
                "The plans give {hours} hours a week back for learning, so AI does not become "
                "one more burden on top of the usual work."
            ).format(hours=number(total))
        ),
        *data_table(
            tr("Capacity"),
            [
                Column(tr("Team"), 0.22),
                Column(tr("Hours a week"), 0.12),
                Column(tr("Dropped or deferred"), 0.33),
                Column(tr("Training"), 0.33),
            ],
            [
                [c.team or tr("all teams"), number(c.hours_per_week), c.dropped_or_deferred, c.training]
                for c in capacity
            ],
        ),
    ]


def feedback_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the caution flags (resistance as signal), the actions and the feedback log."""
    record = findings.record
    named = record.info.anonymity is e.Anonymity.NAMED
    story: list[Flowable] = [chart("caution_flags")]
    if record.flags:
        flags = open_flags(findings) + [f for f in record.flags if f.status == e.FlagStatus.RESOLVED.value]
        story += [
            *subheading(tr("Caution flags")),
            *data_table(
                tr("Caution flags"),
                [
                    Column(tr("Severity"), 0.12),
                    Column(tr("Flag"), 0.19),
                    Column(tr("Evidence"), 0.26),
                    Column(tr("Response"), 0.25),
                    Column(tr("Owner, status"), 0.18),
                ],
                [
                    [
                        word(f.severity.value),
                        _flag_label(word(f.category.value), f.team, f.person if named else None),
                        f.evidence,
                        f.response,
                        f"{f.owner or tr('no owner')}, {word(f.status)}",
                    ]
                    for f in flags
                ],
            ),
        ]
    if record.actions:
        story += [
            *subheading(tr("Actions")),
            *data_table(
                tr("Actions"),
                [
                    Column(tr("Action"), 0.36),
                    Column(tr("Owner"), 0.18),
                    Column(tr("Due"), 0.13),
                    Column(tr("Status"), 0.11),
                    Column(tr("For"), 0.22),
                ],
                [
                    [a.title, a.owner, day(a.due_on), word(a.status), a.linked_to or "–"]
                    for a in record.actions
                ],
            ),
        ]
    if record.feedback:
        story += [
            *subheading(tr("Feedback log")),
            *data_table(
                tr("Feedback"),
                [
                    Column(tr("Received"), 0.16),
                    Column(tr("What works"), 0.28),
                    Column(tr("What does not"), 0.28),
                    Column(tr("Change made"), 0.28),
                ],
                [
                    [
                        f"{day(f.received_on)}, {_team_group(f.team, f.channel)}",
                        f.what_works,
                        f.what_does_not,
                        f.change_made,
                    ]
                    for f in record.feedback
                ],
            ),
        ]
    return story


def _flag_label(category: str, team: str | None, person: str | None) -> str:
    return ", ".join(part for part in (category, team, person) if part)


SECTIONS: tuple[Callable[[WorkshopFindings, ChartMaker], list[Flowable]], ...] = (
    audit_section,
    readiness_section,
    priorities_section,
    workflows_section,
    capacity_section,
    feedback_section,
)


def appendix(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the evidence: every task, opportunity, readiness number, spread and workflow step."""
    record = findings.record
    story: list[Flowable] = [
        *subheading(tr("Task inventory")),
        *data_table(
            tr("Tasks"),
            [
                Column(tr("Task"), 0.3),
                Column(tr("Team"), 0.19),
                Column(tr("How often"), 0.11),
                Column(tr("Hours a week"), 0.1),
                Column(tr("By hand"), 0.08),
                Column(tr("Repeats, AI (1-5)"), 0.12),
                Column(tr("Data"), 0.1),
            ],
            [
                [
                    t.title,
                    t.team or "",
                    word(t.frequency),
                    number(t.hours_per_week),
                    _yes_no(t.manual),
                    f"{t.redundancy or '–'}, {t.ai_potential or '–'}",
                    word(t.data_sensitivity),
                ]
                for t in record.tasks
            ],
        ),
    ]
    described = [t for t in record.tasks if t.description or t.notes]
    if described:
        story += subheading(tr("Task descriptions and notes"))
        for task in described:
            story.append(para(task.title, "item_title"))
            story += long_text("\n".join(part for part in (task.description, task.notes) if part), "cell")
            story.append(Spacer(1, 6))
    return story + _appendix_opportunities(findings) + _appendix_numbers(findings) + _appendix_steps(findings)


def _appendix_opportunities(findings: WorkshopFindings) -> list[Flowable]:
    opportunities = findings.record.opportunities
    if not opportunities:
        return []
    return [
        *subheading(tr("Opportunities")),
        *data_table(
            tr("Opportunities"),
            [
                Column(tr("Opportunity"), 0.2),
                Column(tr("Team"), 0.15),
                Column(tr("Description and tasks"), 0.33),
                Column(tr("Expected benefit"), 0.22),
                Column(tr("Effort, risk (1-5)"), 0.1),
            ],
            [
                [
                    o.title,
                    o.team or "",
                    _described(o.description, o.tasks),
                    o.expected_benefit,
                    f"{o.effort or '–'}, {o.risk or '–'}",
                ]
                for o in opportunities
            ],
        ),
    ]


def _described(description: str, tasks: tuple[str, ...]) -> str:
    listed = tr("Tasks: {tasks}").format(tasks="; ".join(tasks)) if tasks else ""
    return "\n".join(part for part in (description, listed) if part)


def _appendix_numbers(findings: WorkshopFindings) -> list[Flowable]:
    story: list[Flowable] = []
    if findings.readiness:
        story += [
            *subheading(tr("Readiness by team and dimension")),
            *data_table(
                tr("Readiness"),
                [
                    Column(tr("Team"), 0.28),
                    Column(tr("Dimension"), 0.2),
                    Column(tr("Answers"), 0.12),
                    Column(tr("Mean"), 0.12),
                    Column(tr("SD"), 0.12),
                    Column(tr("Agreement"), 0.16),
                ],
                [
                    [s.team, s.dimension, tr(WITHHELD), "", "", ""]
                    if s.withheld
                    else [s.team, s.dimension, str(s.n), number(s.mean), number(s.sd), number(s.rwg, 2)]
                    for s in findings.readiness
                ],
            ),
        ]
    if findings.gaps:
        story += [
            *subheading(tr("Perception gap by team and dimension")),
            *data_table(
                tr("Perception gaps"),
                [
                    Column(tr("Team"), 0.28),
                    Column(tr("Dimension"), 0.2),
                    Column(tr("Managers, team"), 0.16),
                    Column(tr("Gap"), 0.1),
                    Column(tr("95% interval"), 0.16),
                    Column(tr("Clear"), 0.1),
                ],
                [
                    [g.team, g.dimension, tr(WITHHELD), "", "", ""]
                    if g.withheld
                    else [
                        g.team,
                        g.dimension,
                        f"{g.managers_n}, {g.team_n}",
                        f"{g.gap:+.1f}",
                        _interval(g.ci_low, g.ci_high),
                        _yes_no(g.clear),
                    ]
                    for g in findings.gaps
                ],
            ),
        ]
    return story + appendix_ranking(findings, subheading)


def _appendix_steps(findings: WorkshopFindings) -> list[Flowable]:
    workflows = [w for w in findings.record.workflows if w.steps]
    if not workflows:
        return []
    story: list[Flowable] = subheading(tr("Workflow steps"))
    for workflow in workflows:
        story.append(para(workflow.opportunity, "item_title"))
        story += long_text(workflow.steps, "cell")
        story.append(Spacer(1, 6))
    return story
