"""The decisions leadership must take: read off the store's pilots, actions, flags and capacity plans."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from workshop.decisions import DecisionKind, leadership_decisions
from workshop.findings import WorkshopFindings, gather_findings
from workshop.model import demo
from workshop.model import entities as e
from workshop.model.record import ActionInfo
from workshop.model.store import WorkshopStore
from workshop.report.glossary import glossary
from workshop.report.pdf import write_report

AS_OF = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkshopStore]:
    store = demo.create_demo(Path(tmp_path_factory.mktemp("demo")) / "demo.workshop")
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo_findings(demo_store: WorkshopStore) -> WorkshopFindings:
    with demo_store.reading() as session:
        return gather_findings(session)


def _rows(findings: WorkshopFindings, kind: DecisionKind) -> list[str]:
    return [d.evidence.text for d in leadership_decisions(findings, AS_OF) if d.kind is kind]


def test_only_planned_pilots_are_to_approve_and_paused_ones_await_go_or_no_go(demo_store, demo_findings):
    with demo_store.reading() as session:
        pilots = session.scalars(select(e.Pilot)).all()
        planned = sorted(p.workflow.opportunity.title for p in pilots if p.status is e.PilotStatus.PLANNED)
        paused = sorted(p.workflow.opportunity.title for p in pilots if p.status is e.PilotStatus.PAUSED)
        running = {p.workflow.opportunity.title for p in pilots if p.status is e.PilotStatus.RUNNING}
    assert sorted(_rows(demo_findings, DecisionKind.APPROVE_PILOT)) == planned
    assert sorted(_rows(demo_findings, DecisionKind.GO_NO_GO)) == paused
    assert running, "the demo runs pilots"
    everything = " ".join(d.what for d in leadership_decisions(demo_findings, AS_OF))
    assert not any(f"pilot {title}" in everything for title in running - set(planned) - set(paused))


def test_open_actions_overdue_or_for_a_critical_flag_are_decisions(demo_store, demo_findings):
    with demo_store.reading() as session:
        actions = session.scalars(select(e.Action)).all()
        expected = sorted(
            a.title
            for a in actions
            if a.status not in (e.ActionStatus.DONE, e.ActionStatus.DROPPED)
            and (
                (a.due_on is not None and a.due_on < AS_OF)
                or (
                    a.flag_id is not None
                    and session.get(e.CautionFlag, a.flag_id).severity is e.Severity.CRITICAL
                )
            )
        )
    assert expected, "the demo has an overdue critical action"
    assert sorted(_rows(demo_findings, DecisionKind.ACTION)) == expected


def test_open_high_and_critical_flags_are_decisions_with_their_owners(demo_store, demo_findings):
    with demo_store.reading() as session:
        flags = session.scalars(select(e.CautionFlag)).all()
        expected = sorted(
            (f.evidence, f.owner)
            for f in flags
            if f.status is not e.FlagStatus.RESOLVED and f.severity in (e.Severity.HIGH, e.Severity.CRITICAL)
        )
    found = sorted(
        (d.evidence.text, d.owner)
        for d in leadership_decisions(demo_findings, AS_OF)
        if d.kind is DecisionKind.FLAG
    )
    assert found == expected


def test_learning_time_is_funded_per_person_and_per_team(demo_store, demo_findings):
    with demo_store.reading() as session:
        plans = session.scalars(select(e.CapacityPlan)).all()
        people = {
            p.team.name: [m for m in p.team.participants if m.role in (e.Role.MANAGER, e.Role.EMPLOYEE)]
            for p in plans
            if p.team is not None
        }
        expected = {
            p.team.name: (p.hours_per_week, p.hours_per_week * len(people[p.team.name])) for p in plans
        }
    decisions = [
        d for d in leadership_decisions(demo_findings, AS_OF) if d.kind is DecisionKind.LEARNING_TIME
    ]
    assert {d.evidence.text for d in decisions} == set(expected)
    for d in decisions:
        person, team = expected[d.evidence.text]
        assert f"{person:.1f} h a week per person" in d.cost
        assert f"{team:.1f} h for the team of {len(people[d.evidence.text])}" in d.cost


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=st.sampled_from(list(e.PilotStatus)),
    action_status=st.sampled_from(list(e.ActionStatus)),
    severity=st.sampled_from(list(e.Severity)),
    days_late=st.integers(-30, 30),
)
def test_a_pilot_is_a_decision_only_before_it_starts_or_while_paused_and_an_action_only_while_pressing(
    demo_findings, status, action_status, severity, days_late
):
    workflow = demo_findings.record.workflows[0]
    pilot = replace(workflow.pilots[0], opportunity="Invented pilot", status=status.value)
    action = ActionInfo(
        "Invented action", "Someone", AS_OF - dt.timedelta(days=days_late), action_status.value, "", severity
    )
    record = replace(
        demo_findings.record, workflows=(replace(workflow, pilots=(pilot,)),), actions=(action,), flags=()
    )
    decisions = leadership_decisions(replace(demo_findings, record=record), AS_OF)
    pilots = [d for d in decisions if d.evidence.text == "Invented pilot"]
    assert len(pilots) == (status in (e.PilotStatus.PLANNED, e.PilotStatus.PAUSED))
    open_ = action_status in (e.ActionStatus.OPEN, e.ActionStatus.IN_PROGRESS)
    pressing = open_ and (days_late > 0 or severity is e.Severity.CRITICAL)
    assert len([d for d in decisions if d.evidence.text == "Invented action"]) == pressing


@pytest.fixture(scope="module")
def demo_pages(demo_findings, tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("report") / "report.pdf"
    write_report(demo_findings, out, side_by_side=False, as_of=AS_OF)
    return [page.extract_text() for page in PdfReader(out).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_decision_row_names_the_page_that_holds_its_evidence(demo_findings, demo_pages):
    contents = next(n for n, text in enumerate(demo_pages) if "Contents" in map(str.strip, text.splitlines()))
    lines = [line.strip() for text in demo_pages[1 : contents + 1] for line in text.splitlines()]
    summary = lines[: lines.index("Contents")]
    pages = [int(line) for line in summary if re.fullmatch(r"\d{1,3}", line)]  # the table's page column
    decisions = leadership_decisions(demo_findings, AS_OF)
    assert len(pages) == len(decisions)
    for decision, page in zip(decisions, pages, strict=True):
        assert page > contents
        assert _flat(decision.evidence.text)[:40] in _flat(demo_pages[page - 1]), decision.what


def test_the_as_of_date_is_on_the_cover_and_every_page(demo_pages):
    assert "Report as of: 1 Dec 2026" in _flat(demo_pages[0])
    assert all("As of 1 Dec 2026" in text for text in demo_pages)


def test_the_glossary_is_listed_in_the_contents_and_explains_the_terms_the_report_uses(demo_pages):
    contents = next(text for text in demo_pages if "Contents" in map(str.strip, text.splitlines()))
    assert "Glossary" in contents
    start = max(n for n, text in enumerate(demo_pages) if "Glossary" in map(str.strip, text.splitlines()))
    glossary = _flat(" ".join(demo_pages[start:]))
    for term in (
        "Kendall's W",
        "Schulze",
        "Borda",
        "tau-b",
        "IQR",
        "SD",
        "95% interval",
        "rwg",
        "Perception gap",
    ):
        assert term in glossary


def test_an_order_the_ballots_do_not_settle_and_disputed_priorities_are_decisions(demo_findings):
    ranking = demo_findings.ranking
    assert ranking is not None
    kinds = [d.kind for d in leadership_decisions(demo_findings, AS_OF)]
    assert (DecisionKind.SETTLE_ORDER in kinds) == (not ranking.concordance.beyond_chance)
    disputed = [s.item for s in ranking.spreads if s.dissent]
    assert (DecisionKind.SETTLE_DISPUTE in kinds) == bool(disputed)


def test_the_glossary_explains_only_what_the_report_shows(demo_findings):
    def terms(findings: WorkshopFindings) -> str:
        return " ".join(p.getPlainText() for p in glossary(findings))

    assert "rwg" in terms(demo_findings) and "Perception gap" in terms(demo_findings)
    without_survey = replace(demo_findings, readiness=(), gaps=(), placements=())
    assert "rwg" not in terms(without_survey) and "Perception gap" not in terms(without_survey)
    assert "Rounding" in terms(replace(without_survey, ranking=None, points=None, impact_effort=None))
