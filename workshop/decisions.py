"""The decisions leadership must take, read off the workshop: pilots, overdue actions, flags, learning time.

Pure Python over the findings, so the PDF's decision table and the slide deck list the same rows. Each row
says where its evidence is (a section, a part of it and a text to find there), so a report can print the
page that holds it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from .findings import WorkshopFindings
from .headlines import plain, ranking_headlines
from .model import entities as e
from .model.record import ActionInfo, CapacityInfo, FlagInfo, OpportunityInfo, PilotInfo, WorkflowInfo
from .rounding import rounded
from .wording import plural, tr, word

# The sections of the report where the evidence stands, in English as the report's headings are written.
PILOTS_SECTION = ("Workflows & Pilots", "Pilots")
ACTIONS_SECTION = ("Feedback & Resistance", "Actions")
FLAGS_SECTION = ("Feedback & Resistance", "Caution flags")
CAPACITY_SECTION = ("Space & Time", "")
RANKING_SECTION = ("Priorities & Alignment", "")
DIVIDES_SECTION = ("Priorities & Alignment", "What divides the managers")
SHOWN_ITEMS = 3  # disputed priorities named in a decision; the rest counted
SERIOUS = (e.Severity.CRITICAL, e.Severity.HIGH)
CLOSED_ACTIONS = (e.ActionStatus.DONE.value, e.ActionStatus.DROPPED.value)


class DecisionKind(enum.StrEnum):
    APPROVE_PILOT = "approve pilot"
    GO_NO_GO = "go or no-go"
    ACTION = "overdue or critical action"
    FLAG = "open caution flag"
    SETTLE_ORDER = "order of priorities"
    SETTLE_DISPUTE = "disputed priorities"
    LEARNING_TIME = "learning time"


@dataclass(frozen=True)
class Evidence:
    """Where the reader finds what a decision rests on: a section, a part of it ("" for the section itself)
    and a text printed there (a pilot's opportunity, an action's title, a flag's evidence, a team)."""

    section: str
    part: str
    text: str


@dataclass(frozen=True)
class Decision:
    """One decision leadership must take, in the user's language; texts are whole (shorten where shown)."""

    kind: DecisionKind
    what: str
    why: str
    evidence: Evidence
    owner: str  # "" when nobody is named
    deadline: dt.date | None
    cost: str  # hours or effort in words, "" when the workshop says nothing about it
    risk: str


def leadership_decisions(findings: WorkshopFindings, as_of: dt.date) -> tuple[Decision, ...]:
    """Gives the decisions the workshop asks of leadership on `as_of`, the most pressing kinds first."""
    record = findings.record
    efforts = {o.title: o for o in record.opportunities}
    pilots = [(w, p) for w in record.workflows for p in w.pilots]
    return (
        *[_approve(w, p, efforts.get(w.opportunity)) for w, p in pilots if p.status == e.PilotStatus.PLANNED],
        *[_go_no_go(w, p, as_of) for w, p in pilots if p.status == e.PilotStatus.PAUSED],
        *[_action(a, as_of) for a in record.actions if pressing(a, as_of)],
        *[_flag(f) for f in serious_flags(findings)],
        *_ranking_decisions(findings),
        *[_learning_time(c, _team_size(findings, c)) for c in record.capacity if c.hours_per_week > 0],
    )


def pressing(action: ActionInfo, as_of: dt.date) -> bool:
    """Gives whether an action still open is overdue on `as_of` or serves a critical caution flag."""
    return action.status not in CLOSED_ACTIONS and (overdue(action, as_of) or critical(action))


def overdue(action: ActionInfo, as_of: dt.date) -> bool:
    return action.due_on is not None and action.due_on < as_of and action.status not in CLOSED_ACTIONS


def critical(action: ActionInfo) -> bool:
    return action.flag_severity is e.Severity.CRITICAL


def serious_flags(findings: WorkshopFindings) -> list[FlagInfo]:
    """Gives the high and critical caution flags not yet resolved, critical first."""
    active = [f for f in findings.record.flags if f.status != e.FlagStatus.RESOLVED.value]
    return sorted((f for f in active if f.severity in SERIOUS), key=lambda f: SERIOUS.index(f.severity))


def _approve(workflow: WorkflowInfo, pilot: PilotInfo, opportunity: OpportunityInfo | None) -> Decision:
    effort = opportunity.effort if opportunity is not None else None
    risk = opportunity.risk if opportunity is not None else None
    oversight = word(workflow.oversight.value) + (tr(", stricter review") if workflow.stricter_review else "")
    return Decision(
        DecisionKind.APPROVE_PILOT,
        tr("Approve the pilot {pilot}").format(pilot=pilot.opportunity),
        tr("Planned, not started; go if: {criteria}").format(
            criteria=pilot.go_no_go_criteria or tr("not set")
        ),
        Evidence(*PILOTS_SECTION, pilot.opportunity),
        workflow.owner,
        pilot.starts_on,
        _weeks(pilot) + (tr("; effort {effort} of 5").format(effort=effort) if effort is not None else ""),
        (tr("risk {risk} of 5; ").format(risk=risk) if risk is not None else "") + oversight,
    )


def _weeks(pilot: PilotInfo) -> str:
    if pilot.starts_on is None or pilot.ends_on is None:
        return tr("length not set")
    weeks = max(1, round((pilot.ends_on - pilot.starts_on).days / 7))
    return plural(weeks, "runs %n week", "runs %n weeks")


def _go_no_go(workflow: WorkflowInfo, pilot: PilotInfo, as_of: dt.date) -> Decision:
    pending = [c for c in pilot.checkpoints if c.decision == e.CheckpointDecision.PENDING.value]
    due = min((c.due_on for c in pending if c.due_on is not None), default=None)
    return Decision(
        DecisionKind.GO_NO_GO,
        tr("Decide go or no-go for the paused pilot {pilot}").format(pilot=pilot.opportunity),
        tr("Paused; go if: {criteria}").format(criteria=pilot.go_no_go_criteria or tr("not set")),
        Evidence(*PILOTS_SECTION, pilot.opportunity),
        workflow.owner,
        due if due is not None else pilot.ends_on,
        _weeks(pilot),
        tr("stalled while paused") + (tr("; checkpoint overdue") if due is not None and due < as_of else ""),
    )


def _action(action: ActionInfo, as_of: dt.date) -> Decision:
    risks = []
    if overdue(action, as_of) and action.due_on is not None:
        days = (as_of - action.due_on).days
        risks.append(plural(days, "overdue by %n day", "overdue by %n days"))
    if critical(action):
        risks.append(tr("serves a critical caution flag"))
    return Decision(
        DecisionKind.ACTION,
        tr("See through: {action}").format(action=action.title),
        tr("Still {status}; for {linked}").format(status=word(action.status), linked=action.linked_to)
        if action.linked_to
        else tr("Still {status}").format(status=word(action.status)),
        Evidence(*ACTIONS_SECTION, action.title),
        action.owner,
        action.due_on,
        "",
        "; ".join(risks),
    )


def _flag(flag: FlagInfo) -> Decision:
    where = f" ({flag.team})" if flag.team else ""
    return Decision(
        DecisionKind.FLAG,
        tr("Respond to the {severity} flag on {category}{where}").format(
            severity=word(flag.severity.value), category=word(flag.category.value), where=where
        ),
        flag.evidence,
        Evidence(*FLAGS_SECTION, flag.evidence),
        flag.owner,
        None,
        "",
        tr("{severity}, {status}; response so far: {response}").format(
            severity=word(flag.severity.value),
            status=word(flag.status),
            response=flag.response or tr("none"),
        ),
    )


def _ranking_decisions(findings: WorkshopFindings) -> list[Decision]:
    """Gives what a ranking round leaves to leadership: an order the ballots do not settle, disputed items."""
    ranking = findings.ranking
    if ranking is None or ranking.concordance.w is None:
        return []
    said = ranking_headlines(ranking)
    found = []
    if not said.settled:
        agreement = plain(said.agreement)
        found.append(
            Decision(
                DecisionKind.SETTLE_ORDER,
                tr("Decide the order of priorities"),
                agreement,
                Evidence(*RANKING_SECTION, agreement),
                tr("leadership"),
                None,
                "",
                tr("the ballots do not settle the order: pilots may start on the wrong priority"),
            )
        )
    if said.divides_items:
        items = said.divides_items
        more = len(items) - SHOWN_ITEMS
        listed = ", ".join(items[:SHOWN_ITEMS]) + (
            plural(more, " and %n more", " and %n more") if more > 0 else ""
        )
        divides = plain(said.divides[0])
        found.append(
            Decision(
                DecisionKind.SETTLE_DISPUTE,
                tr("Settle the disputed priorities: {items}").format(items=listed),
                divides,
                Evidence(*DIVIDES_SECTION, divides),
                tr("leadership"),
                None,
                "",
                tr("managers pull in different directions on these"),
            )
        )
    return found


def _team_size(findings: WorkshopFindings, plan: CapacityInfo) -> int:
    """Gives how many people the plan's hours are for: its team, or everyone when it names no team."""
    teams = [t for t in findings.record.teams if plan.team is None or t.name == plan.team]
    return sum(t.managers + t.employees for t in teams)


def _learning_time(plan: CapacityInfo, people: int) -> Decision:
    team = plan.team or tr("all teams")
    per_person = tr("{hours} h a week per person").format(hours=rounded(plan.hours_per_week))
    per_team = plural(people, "{hours} h for the team of %n", "{hours} h for the team of %n").format(
        hours=rounded(plan.hours_per_week * people)
    )
    return Decision(
        DecisionKind.LEARNING_TIME,
        tr("Fund learning time for {team}").format(team=team),
        tr("Training: {training}").format(training=plan.training or tr("not planned yet")),
        Evidence(*CAPACITY_SECTION, team),
        tr("leadership"),
        None,
        f"{per_person}; {per_team}" if people else per_person,
        tr("dropped or deferred: {what}").format(what=plan.dropped_or_deferred)
        if plan.dropped_or_deferred
        else tr("nothing dropped to make room"),
    )
