"""The oversight rule in the report: the rule as the workshop set it, each workflow's minimum with the
reasons, and a plain line for each workflow that has less oversight than the rule asks."""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.findings import WorkshopFindings
from workshop.model.record import OversightRule
from workshop.rounding import rounded
from workshop.wording import plural, tr, word

from .headings import subheading
from .text import Column, data_table, para


def oversight_story(findings: WorkshopFindings) -> list[Flowable]:
    """Gives the rule, a line per workflow below it, and the table of minimums with their reasons."""
    checks = findings.oversight
    if not checks:
        return []
    below = [c for c in checks if c.below]
    story: list[Flowable] = [
        *subheading(tr("Oversight by rule")),
        para(rule_in_words(findings.record.oversight_rule)),
    ]
    if below:
        story.append(
            para(
                plural(
                    len(below),
                    "%n workflow has less oversight than the rule asks:",
                    "%n workflows have less oversight than the rule asks:",
                )
            )
        )
        story += [
            para(
                tr("Below the rule: {workflow} has {chosen}; the rule asks at least {minimum}.").format(
                    workflow=c.workflow, chosen=word(c.chosen.value), minimum=word(c.minimum.value)
                )
            )
            for c in below
        ]
    else:
        story.append(para(tr("Every workflow has at least the oversight the rule asks.")))
    return story + data_table(
        tr("Oversight by rule"),
        [
            Column(tr("Workflow"), 0.22),
            Column(tr("Has"), 0.17),
            Column(tr("Rule asks at least"), 0.17),
            Column(tr("Why"), 0.44),
        ],
        [
            [
                c.workflow,
                word(c.chosen.value) + (" – " + tr("below the rule") if c.below else ""),
                word(c.minimum.value),
                "; ".join(c.reasons),
            ]
            for c in checks
        ],
    )


def rule_in_words(rule: OversightRule) -> str:
    """Gives the workshop's rule in one paragraph, with its own levels and numbers."""
    return tr(
        "The rule: a workflow needs at least {low} when its tasks' data is rated low (or it has no linked "
        "task), {medium} for medium and {high} for high; one step stricter when its team's readiness is "
        "below {limit} in the latest survey round, and one more when it is among the room's top {top} "
        "priorities in the latest revealed ranking. Never stricter than AI-assist only. A step whose facts "
        "are unknown (readiness withheld or not surveyed, no revealed ranking) is not applied."
    ).format(
        low=word(rule.low.value),
        medium=word(rule.medium.value),
        high=word(rule.high.value),
        limit=rounded(rule.readiness_below),
        top=rule.top_priorities,
    )
