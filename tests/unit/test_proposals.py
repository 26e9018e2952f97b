"""Caution flags the app proposes from its own data: each kind raised by the data it reads, and only then."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workshop.analysis.adkar import BARRIER_RESPONSES, ELEMENTS, adkar_teams
from workshop.analysis.alignment import analyse_ranking
from workshop.analysis.ranking import RankingBallot
from workshop.analysis.readiness import PerceptionGap, SurveyAnswer
from workshop.findings import WorkshopFindings, gather_findings
from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.model.record import (
    CapacityInfo,
    CheckpointInfo,
    FeedbackInfo,
    FlagInfo,
    OpportunityInfo,
    PilotInfo,
    TeamInfo,
    WorkflowInfo,
    WorkshopInfo,
    WorkshopRecord,
)
from workshop.privacy import MIN_GROUP
from workshop.proposals import (
    RECURRING_FEEDBACK,
    TOP_PRIORITIES,
    Proposal,
    ProposalKind,
    proposed_flags,
)

TEAM = "Warehouse"
WORK = "Proof-of-delivery reading"
OWNER = "Priya Raman"
Expected = tuple[ProposalKind, str]


def _findings(**record: object) -> WorkshopFindings:
    base = WorkshopRecord(
        WorkshopInfo("Test", "", None, "", e.Anonymity.TEAM), (TeamInfo(TEAM, "", 2, 4),), (), (), (),
        (OpportunityInfo(WORK, TEAM, "", "", None, None, ()),), (), (), (), (), (), (),
    )  # fmt: skip
    return WorkshopFindings(
        replace(base, **record), None, None, None, None, None, None, "Spring", (), (), (), (), (), ()
    )


def _workflow(status: str = "running", checkpoints: Sequence[str] = (), owner: str = OWNER) -> WorkflowInfo:
    pilot = PilotInfo(
        WORK, None, None, "", "", status, tuple(CheckpointInfo(None, d, "why") for d in checkpoints)
    )
    return WorkflowInfo(WORK, owner, "", "", e.Oversight.REVIEW_EVERY_OUTPUT, False, (pilot,))


def _flag(category: e.CautionCategory, status: e.FlagStatus, team: str | None = TEAM) -> FlagInfo:
    return FlagInfo(category, e.Severity.LOW, team, None, "seen", "", "", status.value, None)


def _kinds(found: WorkshopFindings, stances: dict[str, str] | None = None) -> list[ProposalKind]:
    return [p.kind for p in proposed_flags(found, stances or {})]


# Readiness lower than thought -------------------------------------------------------------------------


def _gap(gap: float, *, clear: bool = True, withheld: bool = False) -> PerceptionGap:
    return PerceptionGap(TEAM, "confidence", "Spring", withheld, 3, 5, gap, gap - 0.5, gap + 0.5, clear)


def test_a_clear_gap_with_managers_above_their_team_is_proposed_with_its_numbers() -> None:
    found = replace(_findings(), gaps=(_gap(1.2),))
    (proposal,) = proposed_flags(found, {})
    assert proposal.kind is ProposalKind.PERCEPTION_GAP
    assert proposal.category is e.CautionCategory.READINESS_LOWER
    assert proposal.team == TEAM and proposal.key == f"{ProposalKind.PERCEPTION_GAP.value}: {TEAM}"
    assert "1.2" in proposal.evidence and "0.7 to 1.7" in proposal.evidence and "Spring" in proposal.evidence


@given(
    gap=st.floats(-3, 3, allow_nan=False),
    clear=st.booleans(),
    withheld=st.booleans(),
)
def test_a_gap_is_proposed_only_when_clear_shown_and_managers_think_the_team_readier(
    gap: float, clear: bool, withheld: bool
) -> None:
    found = replace(_findings(), gaps=(_gap(gap, clear=clear, withheld=withheld),))
    expected = clear and not withheld and gap > 0
    assert (ProposalKind.PERCEPTION_GAP in _kinds(found)) is expected


# A workflow owned by a skeptic ------------------------------------------------------------------------


@given(stance=st.sampled_from([s.value for s in e.Stance]))
def test_a_workflow_is_proposed_exactly_when_its_owner_is_recorded_as_a_skeptic(stance: str) -> None:
    found = _findings(workflows=(_workflow(status="go"),))
    proposals = proposed_flags(found, {OWNER: stance})
    skeptics = [p for p in proposals if p.kind is ProposalKind.SKEPTIC_OWNER]
    assert bool(skeptics) is (stance == e.Stance.SKEPTIC.value)
    for proposal in skeptics:
        assert proposal.workflow == WORK and OWNER in proposal.evidence and proposal.team == TEAM


# A top priority that divides the room -----------------------------------------------------------------


def _ranking_findings(split_every: int | None, items: int = 6) -> WorkshopFindings:
    """A room of 12 that puts WORK first, but every `split_every`-th voter puts it last."""
    rest = [f"Item {n}" for n in range(1, items)]
    ballots = []
    for voter in range(12):
        dissents = split_every is not None and voter % split_every == split_every - 1
        order = [*rest, WORK] if dissents else [WORK, *rest]
        ballots.append(RankingBallot(f"v{voter}", {item: place for place, item in enumerate(order, 1)}))
    ranking = analyse_ranking([WORK, *rest], ballots)
    return replace(_findings(), ranking_round="Priorities", ranking=ranking)


def test_a_top_priority_the_room_is_split_on_is_proposed() -> None:
    found = _ranking_findings(split_every=3)
    ranking = found.ranking
    assert ranking is not None
    places = [item for tier in ranking.consensus.borda for item in tier]
    assert places.index(WORK) < TOP_PRIORITIES
    (proposal,) = [p for p in proposed_flags(found, {}) if p.kind is ProposalKind.DIVIDED_PRIORITY]
    assert proposal.priority == WORK and proposal.team == TEAM and "Priorities" in proposal.evidence


def test_a_top_priority_the_room_agrees_on_is_not_proposed() -> None:
    assert ProposalKind.DIVIDED_PRIORITY not in _kinds(_ranking_findings(split_every=None))


def test_a_divided_priority_outside_the_top_three_is_not_proposed() -> None:
    found = _ranking_findings(split_every=2, items=9)
    ranking = found.ranking
    assert ranking is not None
    dividing = [s.item for s in ranking.spreads if s.dissent]
    order = [item for tier in ranking.consensus.borda for item in tier]
    assert WORK in dividing and order.index(WORK) >= TOP_PRIORITIES
    assert ProposalKind.DIVIDED_PRIORITY not in _kinds(found)


# Pilot checkpoints ------------------------------------------------------------------------------------


@given(decisions=st.lists(st.sampled_from([d.value for d in e.CheckpointDecision]), max_size=4))
def test_a_pilot_is_proposed_when_a_checkpoint_was_decided_adjust_or_stop(decisions: list[str]) -> None:
    found = _findings(workflows=(_workflow(checkpoints=decisions),))
    proposals = [p for p in proposed_flags(found, {}) if p.kind is ProposalKind.CHECKPOINT]
    worrying = {e.CheckpointDecision.ADJUST.value, e.CheckpointDecision.STOP.value}
    assert bool(proposals) is bool(worrying & set(decisions))
    for proposal in proposals:
        stopped = e.CheckpointDecision.STOP.value in decisions
        assert proposal.severity is (e.Severity.HIGH if stopped else e.Severity.MEDIUM)
        assert proposal.subject == WORK


# Recurring "what does not work" -----------------------------------------------------------------------


@given(complaints=st.integers(0, 6), praise=st.integers(0, 3), people=st.integers(1, 6))
def test_recurring_complaints_from_one_team_are_proposed_only_for_a_team_of_three_or_more(
    complaints: int, praise: int, people: int
) -> None:
    feedback = [FeedbackInfo(None, "form", TEAM, "", "slow", "") for _ in range(complaints)]
    feedback += [FeedbackInfo(None, "form", TEAM, "good", "", "") for _ in range(praise)]
    found = _findings(teams=(TeamInfo(TEAM, "", 1, people - 1),), feedback=tuple(feedback))
    proposals = [p for p in proposed_flags(found, {}) if p.kind is ProposalKind.RECURRING_FEEDBACK]
    assert bool(proposals) is (complaints >= RECURRING_FEEDBACK and people >= MIN_GROUP)
    for proposal in proposals:
        assert f"{complaints} items" in proposal.evidence


# AI as one more burden --------------------------------------------------------------------------------


@given(
    hours=st.sampled_from([0.0, 1.5]),
    dropped=st.sampled_from(["", "  ", "Weekly report dropped"]),
    status=st.sampled_from([s.value for s in e.PilotStatus]),
)
def test_a_pilot_team_without_learning_time_or_dropped_work_is_proposed(
    hours: float, dropped: str, status: str
) -> None:
    found = _findings(
        workflows=(_workflow(status=status),), capacity=(CapacityInfo(TEAM, hours, dropped, "course"),)
    )
    kinds = _kinds(found)
    piloting = status in ("planned", "running", "paused")
    assert (ProposalKind.NO_LEARNING_TIME in kinds) is (piloting and hours == 0)
    assert (ProposalKind.NOTHING_DROPPED in kinds) is (piloting and not dropped.strip())


def test_a_pilot_team_with_no_capacity_plan_is_proposed_for_both() -> None:
    kinds = _kinds(_findings(workflows=(_workflow(),)))
    assert ProposalKind.NO_LEARNING_TIME in kinds and ProposalKind.NOTHING_DROPPED in kinds


def test_a_plan_for_all_teams_counts_for_the_pilot_team_and_another_teams_plan_does_not() -> None:
    for_all = CapacityInfo(None, 2.0, "Monthly report dropped", "course")
    for_sales = CapacityInfo("Sales", 2.0, "Monthly report dropped", "course")
    assert _kinds(_findings(workflows=(_workflow(),), capacity=(for_all,))) == []
    kinds = _kinds(_findings(workflows=(_workflow(),), capacity=(for_sales,)))
    assert ProposalKind.NO_LEARNING_TIME in kinds and ProposalKind.NOTHING_DROPPED in kinds


# Already flagged --------------------------------------------------------------------------------------


@given(status=st.sampled_from(list(e.FlagStatus)), team=st.sampled_from([TEAM, "Sales", None]))
def test_a_proposal_an_unresolved_flag_of_its_team_already_covers_is_left_out(
    status: e.FlagStatus, team: str | None
) -> None:
    flag = _flag(e.CautionCategory.READINESS_LOWER, status, team)
    found = replace(_findings(flags=(flag,)), gaps=(_gap(1.2),))
    covered = status is not e.FlagStatus.RESOLVED and team == TEAM
    assert (ProposalKind.PERCEPTION_GAP in _kinds(found)) is not covered


# The demo ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_proposals(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Proposal, ...], set[Expected]]:
    """The demo's proposals (stances as the facilitator recorded them) and what its rows call for."""
    path = tmp_path_factory.mktemp("demo") / "demo.workshop"
    with create_demo(path) as store, store.reading() as session:
        found = gather_findings(session)
        stances = {p.name: p.stance.value for p in session.scalars(select(e.Participant))}
        return proposed_flags(found, stances), _demo_expected(session, found)


def test_the_demo_proposes_what_its_stored_rows_call_for(
    demo_proposals: tuple[tuple[Proposal, ...], set[Expected]],
) -> None:
    proposals, expected = demo_proposals
    assert {(p.kind, p.subject) for p in proposals} == expected
    assert len({p.key for p in proposals}) == len(proposals)
    assert all(p.evidence and p.response for p in proposals)


def test_the_demo_shows_a_facilitator_proposals_to_consider(
    demo_proposals: tuple[tuple[Proposal, ...], set[Expected]],
) -> None:
    """The demo has pilots decided "adjust and continue", so whoever opens it sees proposals."""
    proposals, _ = demo_proposals
    assert any(p.kind is ProposalKind.CHECKPOINT for p in proposals)


def _demo_expected(session: Session, found: WorkshopFindings) -> set[Expected]:
    """Reads what the demo should raise straight from its rows; gaps and divisions from the analysis."""
    covered = {
        (f.category, f.team.name if f.team else None)
        for f in session.scalars(select(e.CautionFlag).options(selectinload(e.CautionFlag.team)))
        if f.status is not e.FlagStatus.RESOLVED
    }
    expected: set[Expected] = set()

    def expect(kind: ProposalKind, subject: str, category: e.CautionCategory, team: str | None) -> None:
        if (category, team) not in covered:
            expected.add((kind, subject))

    for gap in found.gaps:
        if gap.clear and not gap.withheld and (gap.gap or 0) > 0:
            expect(ProposalKind.PERCEPTION_GAP, gap.team, e.CautionCategory.READINESS_LOWER, gap.team)
    for adkar in found.adkar:
        if adkar.barrier is not None and not adkar.withheld:
            expect(ProposalKind.ADKAR_BARRIER, adkar.team, e.CautionCategory.READINESS_LOWER, adkar.team)
    stances = {p.name: p.stance for p in session.scalars(select(e.Participant))}
    teams = {o.title: (o.team.name if o.team else None) for o in session.scalars(select(e.Opportunity))}
    if found.ranking is not None:
        order = [item for tier in found.ranking.consensus.borda for item in tier]
        for spread in found.ranking.spreads:
            if spread.dissent and order.index(spread.item) < TOP_PRIORITIES:
                expect(
                    ProposalKind.DIVIDED_PRIORITY, spread.item, e.CautionCategory.OTHER, teams[spread.item]
                )
    piloting = set()
    for workflow in session.scalars(select(e.Workflow)):
        title = workflow.opportunity.title
        if stances.get(workflow.owner) is e.Stance.SKEPTIC:
            expect(ProposalKind.SKEPTIC_OWNER, title, e.CautionCategory.ROLLOUT_FLAW, teams[title])
        for pilot in workflow.pilots:
            decided = {c.decision for c in pilot.checkpoints}
            if decided & {e.CheckpointDecision.ADJUST, e.CheckpointDecision.STOP}:
                expect(ProposalKind.CHECKPOINT, title, e.CautionCategory.ROLLOUT_FLAW, teams[title])
            if pilot.status in (e.PilotStatus.PLANNED, e.PilotStatus.RUNNING, e.PilotStatus.PAUSED):
                piloting.add(teams[title])
    complaints = Counter(
        f.team.name for f in session.scalars(select(e.FeedbackItem)) if f.team and f.what_does_not.strip()
    )
    members = select(e.Participant).where(e.Participant.role.in_([e.Role.MANAGER, e.Role.EMPLOYEE]))
    sizes = Counter(p.team.name for p in session.scalars(members) if p.team)
    for team, count in complaints.items():
        if count >= RECURRING_FEEDBACK and sizes[team] >= MIN_GROUP:
            expect(ProposalKind.RECURRING_FEEDBACK, team, e.CautionCategory.ROLLOUT_FLAW, team)
    plans = list(session.scalars(select(e.CapacityPlan)))
    for team in piloting - {None}:
        own = [c for c in plans if c.team is None or c.team.name == team]
        if not any(c.hours_per_week > 0 for c in own):
            expect(ProposalKind.NO_LEARNING_TIME, team, e.CautionCategory.WORKLOAD, team)
        if not any(c.dropped_or_deferred.strip() for c in own):
            expect(ProposalKind.NOTHING_DROPPED, team, e.CautionCategory.WORKLOAD, team)
    return expected


# ADKAR barrier -------------------------------------------------------------------------------------------


def _adkar(rows: Sequence[Sequence[int]]) -> WorkshopFindings:
    answers = [
        SurveyAnswer(f"p{i}", TEAM, element, score, False, "May")
        for i, row in enumerate(rows)
        for element, score in zip(ELEMENTS, row, strict=True)
    ]
    return replace(_findings(), adkar_round="May", adkar=adkar_teams(answers))


@given(st.integers(5, 20), st.integers(0, len(ELEMENTS) - 1))
def test_a_team_whose_barrier_points_gather_at_one_element_is_proposed_with_its_response(
    size: int, planted: int
) -> None:
    rows = [[2 if j == planted else 5 for j in range(len(ELEMENTS))] for _ in range(size)]
    [proposal] = [p for p in proposed_flags(_adkar(rows), {}) if p.kind is ProposalKind.ADKAR_BARRIER]
    assert proposal.team == TEAM and proposal.category is e.CautionCategory.READINESS_LOWER
    assert f"{size} of {size} have their barrier point at {ELEMENTS[planted]}" in proposal.evidence
    assert proposal.response == BARRIER_RESPONSES[ELEMENTS[planted]]


def test_a_team_without_a_barrier_or_with_barrier_points_spread_is_not_proposed() -> None:
    spread = [[2 if j == i % len(ELEMENTS) else 5 for j in range(len(ELEMENTS))] for i in range(10)]
    for rows in ([[5, 4, 5, 4, 5]] * 6, spread):
        assert ProposalKind.ADKAR_BARRIER not in _kinds(_adkar(rows))


def test_a_team_under_the_privacy_floor_is_never_proposed() -> None:
    rows = [[5, 5, 1, 5, 5]] * (MIN_GROUP - 1)
    assert ProposalKind.ADKAR_BARRIER not in _kinds(_adkar(rows))
