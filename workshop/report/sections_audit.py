"""The report's sections on where the organisation stands: the audit of its tasks and its readiness."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from workshop.charts.readiness_trend import (
    CHANGE_COLUMNS,
    ONE_ROUND,
    change_cells,
    changes_in_words,
    changes_to_show,
)
from workshop.findings import WITHHELD_NOTE, WorkshopFindings
from workshop.model import entities as e
from workshop.rounding import rounded
from workshop.wording import plural, tr, word

from .adkar_section import adkar_story
from .headings import ChartMaker, interval, nothing_to_say, subheading, team_group, titled
from .text import Column, data_table, number, para

BEST_CANDIDATES = 8


def audit_section(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the audit: the task inventory in numbers, the best AI candidates, teams and ideas."""
    record = findings.record
    if not (record.tasks or record.teams or record.ideas):
        return nothing_to_say(tr("no tasks, teams or ideas recorded yet"))
    story = _tasks(findings, chart) + titled(tr("Teams"), _teams(findings))
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
                [[team_group(i.team, i.group), i.what, i.how, i.why] for i in record.ideas],
            ),
        ]
    return story + _people(findings)


def charted(findings: WorkshopFindings) -> bool:
    """Tells whether the audit chart has a task to place (hours and AI potential both given)."""
    return any(t.hours_per_week is not None and t.ai_potential is not None for t in findings.record.tasks)


def _tasks(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the task inventory in numbers, its chart and the best AI candidates (nothing without tasks)."""
    record = findings.record
    if not record.tasks:
        return []
    hours = sum(t.hours_per_week or 0 for t in record.tasks)
    manual = sum(t.manual for t in record.tasks)
    return [
        para(
            tr(
                "The teams listed {tasks} tasks taking {hours} hours a week in all; "
                "{manual} of them are done by hand."
            ).format(tasks=len(record.tasks), hours=number(hours), manual=manual)
        ),
        *([chart("audit_candidates")] if charted(findings) else []),
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
                [c.title, c.team or "", rounded(c.score, 0), ", ".join(c.unknown) or "–"]
                for c in findings.candidates[:BEST_CANDIDATES]
            ],
        ),
    ]


def _teams(findings: WorkshopFindings) -> list[Flowable]:
    return data_table(
        tr("Teams"),
        [
            Column(tr("Team"), 0.25),
            Column(tr("What it does"), 0.48),
            Column(tr("Managers"), 0.13),
            Column(tr("Employees"), 0.15),
        ],
        [[t.name, t.description, str(t.managers), str(t.employees)] for t in findings.record.teams],
    )


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
    """Gives readiness per team, the perception gaps, the change since the earlier survey and ADKAR."""
    adkar = adkar_story(findings, chart)
    if findings.survey_round is None and adkar:
        return adkar
    return _five_dimensions(findings, chart) + adkar


def _five_dimensions(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives readiness per team, the perception gaps and the change since the earlier survey."""
    if findings.survey_round is None:
        return nothing_to_say(tr("no readiness answers yet"))
    story: list[Flowable] = [
        para(
            tr("Survey round: {round}. Scores run from 1 (not ready) to 5 (ready).").format(
                round=findings.survey_round
            )
        ),
        *_withheld_note(findings),
        chart("readiness"),
        *([chart("perception_gap")] if _gaps_charted(findings) else []),
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
            [
                [g.team, g.dimension, rounded(g.gap, signed=True), interval(g.ci_low, g.ci_high)]
                for g in clear
            ],
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
    return story + _over_time(findings, chart)


def _over_time(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives readiness over time: the chart, what stands out from the noise, and every change."""
    changes = changes_to_show(findings)
    if not changes:
        return [*subheading(tr("Readiness over time")), para(tr(ONE_ROUND))]
    widths = (0.17, 0.16, 0.12, 0.13, 0.11, 0.14, 0.17)
    return [
        # The heading, what stands out and the chart start a page together: the chart is most of a page.
        KeepTogether(
            [
                *subheading(tr("Readiness over time")),
                para(changes_in_words(findings)),
                chart("readiness_trend"),
            ]
        ),
        *data_table(
            tr("Changes between survey rounds"),
            [Column(tr(name), width) for name, width in zip(CHANGE_COLUMNS, widths, strict=True)],
            [change_cells(c) for c in changes],
        ),
    ]


def _gaps_charted(findings: WorkshopFindings) -> bool:
    """Tells whether the perception-gap chart has a team to show in the latest survey round."""
    return any(not g.withheld for g in findings.gaps if g.survey_round == findings.survey_round)


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
