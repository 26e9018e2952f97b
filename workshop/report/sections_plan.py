"""The report's sections on what the room decided and how it goes: priorities, pilots, time, feedback."""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.findings import WorkshopFindings
from workshop.model import entities as e
from workshop.wording import tr, word

from .capacity import ledger_story
from .headings import ChartMaker, nothing_to_say, subheading, team_group, titled
from .oversight_section import oversight_story
from .ranking_section import ranking_story
from .ratings import ratings_section
from .summary import open_flags
from .text import Column, data_table, day, number, para

PRIVATE_ROUND = "results private until revealed"


def priorities_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the consensus ranking, agreement, camps, disconnects, placements and the ballot rounds."""
    if findings.ranking is None and not findings.record.rounds:
        return nothing_to_say(tr("no ballot round yet"))
    story = (
        ranking_story(findings, chart)
        if findings.ranking is not None
        else [para(tr("No ranking round has been revealed yet: the order of priorities is still private."))]
    )
    return story + ratings_section(findings, chart) + _rounds(findings)


def _rounds(findings: WorkshopFindings) -> list[Flowable]:
    """Gives every ballot round by name and status; an unrevealed round shows nothing of its results."""
    rows = [
        [r.name, word(r.method), word(r.status), str(r.ballots)]
        if r.status == "revealed"
        else [r.name, word(r.method), f"{word(r.status)} – {tr(PRIVATE_ROUND)}", "–"]
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
        return nothing_to_say(tr("no workflow proposed yet"))
    pilots = [(w, p) for w in workflows for p in w.pilots]
    checkpoints = [(p, c) for _, p in pilots for c in p.checkpoints]
    timed = any(p.starts_on and p.ends_on for _, p in pilots)
    story: list[Flowable] = [
        *([chart("pilot_timeline")] if timed else []),
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
        *oversight_story(findings),
        *titled(
            tr("Pilots"),
            data_table(
                tr("Pilots"),
                [
                    Column(tr("Pilot"), 0.2),
                    Column(tr("Owner"), 0.14),
                    Column(tr("Runs"), 0.15),
                    Column(tr("Status"), 0.11),
                    Column(tr("Success measures"), 0.2),
                    Column(tr("Go / no-go"), 0.2),
                ],
                [
                    [
                        p.opportunity,
                        p.owner,
                        f"{day(p.starts_on)} – {day(p.ends_on)}",
                        word(p.status),
                        p.success_metrics,
                        p.go_no_go_criteria,
                    ]
                    for _, p in pilots
                ],
            ),
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
    """Gives the capacity ledger, the time each team gets back to learn, what is dropped for it, and the
    training."""
    capacity = findings.record.capacity
    ledger = ledger_story(findings, chart)
    if not capacity:
        reason = tr("no capacity plan yet, so nothing shows where the time to learn comes from")
        return [*ledger, para(reason.capitalize() + ".")] if ledger else nothing_to_say(reason)
    total = sum(c.hours_per_week for c in capacity)
    return [
        *ledger,
        *subheading(tr("Capacity plans")),
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
    if not (record.flags or record.actions or record.feedback):
        return nothing_to_say(tr("no caution flag, action or feedback recorded yet"))
    story: list[Flowable] = []
    if record.flags:
        flags = open_flags(findings) + [f for f in record.flags if f.status == e.FlagStatus.RESOLVED.value]
        story += [
            chart("caution_flags"),
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
                        f"{day(f.received_on)}, {team_group(f.team, f.channel)}",
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
