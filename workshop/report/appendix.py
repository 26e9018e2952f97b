"""The report's appendix: the evidence behind every section, table by table."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from workshop.findings import WorkshopFindings
from workshop.rounding import rounded
from workshop.wording import plural, tr, word

from .agenda import appendix_agenda
from .headings import interval, subheading, titled, yes_no
from .ranking_section import appendix_ranking
from .ratings import appendix_points
from .text import Column, data_table, long_text, number, para

WITHHELD = "withheld (fewer than 3 answers)"


def appendix(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the evidence: every task, opportunity, readiness number, spread and workflow step."""
    record = findings.record
    story: list[Flowable] = titled(
        tr("Task inventory"),
        data_table(
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
                    yes_no(t.manual),
                    f"{t.redundancy or '–'}, {t.ai_potential or '–'}",
                    word(t.data_sensitivity),
                ]
                for t in record.tasks
            ],
        ),
    )
    described = [t for t in record.tasks if t.description or t.notes]
    if described:
        story += subheading(tr("Task descriptions and notes"))
        for task in described:
            story.append(para(task.title, "item_title"))
            story += long_text("\n".join(part for part in (task.description, task.notes) if part), "cell")
            story.append(Spacer(1, 6))
    return (
        story
        + _appendix_opportunities(findings)
        + _appendix_numbers(findings)
        + _appendix_steps(findings)
        + _appendix_schedule(findings)
    )


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
                    _described(o.description, o.tasks, o.ideas),
                    o.expected_benefit,
                    f"{o.effort or '–'}, {o.risk or '–'}",
                ]
                for o in opportunities
            ],
        ),
    ]


def _described(description: str, tasks: tuple[str, ...], ideas: tuple[tuple[str | None, str], ...]) -> str:
    listed = tr("Tasks: {tasks}").format(tasks="; ".join(tasks)) if tasks else ""
    return "\n".join(part for part in (description, listed, *from_ideas(ideas)) if part)


def from_ideas(ideas: tuple[tuple[str | None, str], ...]) -> list[str]:
    """Gives a line per team saying which of its ideas an opportunity was made from; who proposed an idea
    is never said."""
    by_team: dict[str | None, list[str]] = {}
    for team, what in ideas:
        by_team.setdefault(team, []).append(what)
    return [
        (
            plural(
                len(whats), "From the idea of {team} (1): {ideas}", "From the ideas of {team} (%n): {ideas}"
            )
            if team
            else plural(len(whats), "From an idea (1): {ideas}", "From ideas (%n): {ideas}")
        ).format(team=team, ideas="; ".join(whats))
        for team, whats in by_team.items()
    ]


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
                        rounded(g.gap, signed=True),
                        interval(g.ci_low, g.ci_high),
                        yes_no(g.clear),
                    ]
                    for g in findings.gaps
                ],
            ),
        ]
    return story + appendix_ranking(findings) + appendix_points(findings)


def _appendix_schedule(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the day's agenda under its subheading, when the workshop planned one."""
    table = appendix_agenda(findings.agenda)
    return [*subheading(tr("Agenda of the day")), *table] if table else []


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
