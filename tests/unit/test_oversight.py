"""The oversight rule: each step alone, the cap, unknown facts, ties at the top-N edge, and that the minimum
never loosens as data grows more sensitive or a team less ready."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph, Spacer, Table
from sqlalchemy import select

from workshop.analysis.alignment import RankingAnalysis, analyse_ranking
from workshop.analysis.ranking import RankingBallot
from workshop.analysis.readiness import GroupScore
from workshop.findings import WorkshopFindings, analyze
from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.model.record import (
    OpportunityInfo,
    OversightRule,
    WorkflowInfo,
    WorkshopInfo,
    WorkshopRecord,
)
from workshop.oversight import LOOSEST_FIRST, OversightCheck, oversight_checks, strictness
from workshop.report.sections_plan import workflows_section

TEAM = "Ops"
WORK = "Invoice matching"
DIMENSIONS = ("Attitude", "Skills", "Confidence", "Support", "Time")
Level = e.Oversight


def _record(
    sensitivity: e.Sensitivity | None = None,
    chosen: e.Oversight = Level.FULLY_AUTOMATED,
    rule: OversightRule | None = None,
    team: str | None = TEAM,
    others: tuple[str, ...] = (),
) -> WorkshopRecord:
    opportunities = (
        OpportunityInfo(WORK, team, "", "", None, None, (), sensitivity),
        *(OpportunityInfo(title, None, "", "", None, None, ()) for title in others),
    )
    workflow = WorkflowInfo(WORK, "", "", "", chosen, False, ())
    info = WorkshopInfo("Test", "", None, "", e.Anonymity.TEAM)
    return WorkshopRecord(
        info, (), (), (), (), opportunities, (), (workflow,), (), (), (), (), rule or OversightRule()
    )


def _readiness(mean: float | None, team: str = TEAM) -> tuple[GroupScore, ...]:
    """Gives a team's scores in the latest round: each dimension at `mean`, or withheld when None."""
    if mean is None:
        return tuple(GroupScore(team, d, "Spring", True) for d in DIMENSIONS)
    return tuple(GroupScore(team, d, "Spring", False, 5, mean, 0.5, 0.8) for d in DIMENSIONS)


def _ranking(orders: list[list[str]]) -> RankingAnalysis:
    """Gives the analysis of ballots that each rank the items in the given order."""
    items = sorted({item for order in orders for item in order})
    ballots = [
        RankingBallot(f"Manager {n}", {item: float(place) for place, item in enumerate(order, 1)})
        for n, order in enumerate(orders)
    ]
    return analyse_ranking(items, ballots)


def _check(
    sensitivity: e.Sensitivity | None = None,
    chosen: e.Oversight = Level.FULLY_AUTOMATED,
    readiness: tuple[GroupScore, ...] = (),
    ranking: RankingAnalysis | None = None,
    rule: OversightRule | None = None,
    others: tuple[str, ...] = (),
) -> OversightCheck:
    record = _record(sensitivity, chosen, rule, others=others)
    (check,) = oversight_checks(record, readiness, ranking, "Round 1")
    return check


def _agreed_order(first: str, rest: tuple[str, ...], voters: int = 6) -> RankingAnalysis:
    return _ranking([[first, *rest]] * voters)


def test_sensitivity_alone_sets_the_workshops_level_and_says_why() -> None:
    for sensitivity, level in (
        (e.Sensitivity.LOW, Level.HANDLE_EXCEPTIONS),
        (e.Sensitivity.MEDIUM, Level.REVIEW_SAMPLES),
        (e.Sensitivity.HIGH, Level.REVIEW_EVERY_OUTPUT),
    ):
        check = _check(sensitivity)
        assert check.minimum is level
        assert check.reasons[0] == f"Handles data rated {sensitivity.value}: at least {level.value}"
        assert check.below


def test_no_linked_task_counts_as_low_sensitivity() -> None:
    check = _check(None, chosen=Level.HANDLE_EXCEPTIONS)
    assert check.minimum is Level.HANDLE_EXCEPTIONS
    assert not check.below
    assert "No linked audit task" in check.reasons[0]


def test_low_readiness_alone_makes_it_one_step_stricter() -> None:
    check = _check(e.Sensitivity.LOW, readiness=_readiness(2.4))
    assert check.minimum is Level.REVIEW_SAMPLES
    assert "Team Ops readiness 2.4, below 3.0: one step stricter" in check.reasons


def test_readiness_at_the_threshold_adds_no_step() -> None:
    check = _check(e.Sensitivity.LOW, readiness=_readiness(3.0))
    assert check.minimum is Level.HANDLE_EXCEPTIONS
    assert "Team Ops readiness 3.0, not below 3.0: no step" in check.reasons


def test_a_top_priority_alone_makes_it_one_step_stricter() -> None:
    ranking = _agreed_order("Chatbot", (WORK, "Forecasts", "Rostering"))
    check = _check(e.Sensitivity.LOW, ranking=ranking, others=("Chatbot", "Forecasts", "Rostering"))
    assert check.minimum is Level.REVIEW_SAMPLES
    assert "Priority 2 of the room: one step stricter" in check.reasons


def test_a_priority_outside_the_top_adds_no_step() -> None:
    ranking = _agreed_order("Chatbot", ("Forecasts", "Rostering", WORK))
    check = _check(e.Sensitivity.LOW, ranking=ranking, others=("Chatbot", "Forecasts", "Rostering"))
    assert check.minimum is Level.HANDLE_EXCEPTIONS
    assert "Priority 4 of the room, outside the top 3: no step" in check.reasons


def test_all_steps_together_are_capped_at_ai_assist_only() -> None:
    rule = OversightRule(high=Level.AI_ASSIST_ONLY)
    ranking = _agreed_order(WORK, ("Chatbot", "Forecasts"))
    others = ("Chatbot", "Forecasts")
    check = _check(e.Sensitivity.HIGH, Level.REVIEW_EVERY_OUTPUT, _readiness(1.5), ranking, rule, others)
    assert check.minimum is Level.AI_ASSIST_ONLY
    assert check.reasons[-1] == "Capped at AI-assist only, the strictest level"
    assert check.below


def test_unknown_readiness_and_no_ranking_apply_no_step_and_say_so() -> None:
    withheld = _check(e.Sensitivity.MEDIUM, readiness=_readiness(None))
    no_survey = _check(e.Sensitivity.MEDIUM)
    for check in (withheld, no_survey):
        assert check.minimum is Level.REVIEW_SAMPLES
        assert any("the priority step is not applied" in r for r in check.reasons)
    assert any("withheld" in r and "not applied" in r for r in withheld.reasons)
    assert any("No readiness survey of team Ops" in r for r in no_survey.reasons)


def test_a_ranking_with_too_few_ballots_applies_no_priority_step() -> None:
    ranking = _agreed_order(WORK, ("Chatbot", "Forecasts"), voters=1)
    assert ranking.concordance.w is None
    check = _check(e.Sensitivity.LOW, ranking=ranking, others=("Chatbot", "Forecasts"))
    assert check.minimum is Level.HANDLE_EXCEPTIONS
    assert any("the priority step is not applied" in r for r in check.reasons)


def test_a_tie_that_starts_inside_the_top_counts_and_one_that_starts_outside_does_not() -> None:
    # "Chatbot" first on every ballot; the workflow's opportunity and "Forecasts" share second place.
    orders = [["Chatbot", WORK, "Forecasts", "Rostering"], ["Chatbot", "Forecasts", WORK, "Rostering"]] * 4
    ranking = _ranking(orders)
    others = ("Chatbot", "Forecasts", "Rostering")
    inside = _check(e.Sensitivity.LOW, ranking=ranking, rule=OversightRule(top_priorities=2), others=others)
    outside = _check(e.Sensitivity.LOW, ranking=ranking, rule=OversightRule(top_priorities=1), others=others)
    assert inside.minimum is Level.REVIEW_SAMPLES
    assert "Priority 2 of the room: one step stricter" in inside.reasons
    assert outside.minimum is Level.HANDLE_EXCEPTIONS


def test_no_priority_step_when_the_rule_counts_no_top_priorities() -> None:
    ranking = _agreed_order(WORK, ("Chatbot", "Forecasts"))
    check = _check(
        e.Sensitivity.LOW, ranking=ranking, rule=OversightRule(top_priorities=0), others=("Chatbot",)
    )
    assert check.minimum is Level.HANDLE_EXCEPTIONS


ORDERED_RULES = st.lists(st.integers(0, 4), min_size=3, max_size=3).map(sorted)
SENSITIVITIES = (None, e.Sensitivity.LOW, e.Sensitivity.MEDIUM, e.Sensitivity.HIGH)


@settings(max_examples=40)  # each example works out two rooms' findings
@given(
    levels=ORDERED_RULES,
    threshold=st.floats(1, 5),
    readier=st.floats(1, 5),
    drop=st.floats(0, 4),
    less=st.integers(0, 3),
    more=st.integers(0, 3),
    top=st.integers(0, 5),
)
def test_the_minimum_never_loosens_as_data_grows_more_sensitive_or_a_team_less_ready(
    levels: list[int], threshold: float, readier: float, drop: float, less: int, more: int, top: int
) -> None:
    low, medium, high = (LOOSEST_FIRST[n] for n in levels)
    rule = OversightRule(low, medium, high, threshold, top)
    ranking = _agreed_order("Chatbot", (WORK, "Forecasts"))
    less, more = sorted((less, more))
    less_ready = max(1.0, readier - drop)

    def minimum(sensitivity: e.Sensitivity | None, mean: float) -> int:
        check = _check(
            sensitivity, readiness=_readiness(mean), ranking=ranking, rule=rule, others=("Chatbot",)
        )
        return strictness(check.minimum)

    assert minimum(SENSITIVITIES[less], readier) <= minimum(SENSITIVITIES[more], readier)
    assert minimum(SENSITIVITIES[less], readier) <= minimum(SENSITIVITIES[less], less_ready)


def test_analyze_states_each_demo_workflows_minimum_and_reasons(workshop_path: Path) -> None:
    with create_demo(workshop_path) as opened, opened.reading() as session:
        found = json.loads(json.dumps(analyze(session)))
        workflows = set(session.scalars(select(e.Opportunity.title).join(e.Workflow)))
    assert {c["workflow"] for c in found["oversight"]} == workflows
    for check in found["oversight"]:
        assert check["minimum"] in {level.value for level in Level}
        assert check["reasons"]
        assert check["below"] == (strictness(Level(check["chosen"])) < strictness(Level(check["minimum"])))


def test_the_workshops_own_rule_is_read_from_the_file(workshop_path: Path) -> None:
    with create_demo(workshop_path) as opened:
        with opened.transaction() as session:
            workshop = session.scalars(select(e.Workshop)).one()
            strictest = Level.AI_ASSIST_ONLY
            workshop.oversight_low = workshop.oversight_medium = workshop.oversight_high = strictest
        with opened.reading() as session:
            found = analyze(session)
    assert found["oversight"]
    assert all(check["minimum"] == Level.AI_ASSIST_ONLY.value for check in found["oversight"])


def _report_text(findings: WorkshopFindings) -> str:
    """Gives the words of the Workflows & Pilots section: its paragraphs and its tables' cells."""
    story = workflows_section(findings, lambda key: Spacer(1, 1))
    texts = [f.getPlainText() for f in story if isinstance(f, Paragraph)]
    for table in (f for f in story if isinstance(f, Table)):
        texts += [c.getPlainText() for row in table._cellvalues for c in row if isinstance(c, Paragraph)]
    return "\n".join(texts)


def test_the_report_gives_a_line_for_each_workflow_below_the_rule_and_the_reasons(
    demo_findings: WorkshopFindings,
) -> None:
    below = [c for c in demo_findings.oversight if c.below]
    assert below, "the demo holds a workflow below the rule"
    text = _report_text(demo_findings)
    count = "1 workflow has" if len(below) == 1 else f"{len(below)} workflows have"
    assert f"{count} less oversight than the rule asks:" in text
    for check in below:
        line = f"Below the rule: {check.workflow} has {check.chosen.value}; the rule asks at least "
        assert line + f"{check.minimum.value}." in text
    for check in demo_findings.oversight:
        assert check.reasons[0] in text


def test_the_report_says_so_when_every_workflow_meets_the_rule(demo_findings: WorkshopFindings) -> None:
    met = tuple(replace(c, chosen=c.minimum) for c in demo_findings.oversight)
    text = _report_text(replace(demo_findings, oversight=met))
    assert "Every workflow has at least the oversight the rule asks." in text
    assert "Below the rule:" not in text
