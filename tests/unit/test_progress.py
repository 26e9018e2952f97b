"""Each phase's progress (not started, in progress, done) follows from what the workshop holds."""

from __future__ import annotations

from dataclasses import fields, replace

from hypothesis import given
from hypothesis import strategies as st

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.progress import Progress, WorkshopCounts, phase_progress, workshop_progress
from workshop.model.views import ALIGNMENT, AUDIT, PHASES, PRIORITIES, REPORT, SETUP

counts = st.builds(WorkshopCounts, **{f.name: st.integers(0, 40) for f in fields(WorkshopCounts)})


def test_an_empty_workshop_has_every_phase_not_started():
    assert set(phase_progress(WorkshopCounts()).values()) == {Progress.NOT_STARTED}


@given(counts)
def test_every_phase_has_exactly_one_progress(found):
    progress = phase_progress(found)
    assert list(progress) == list(PHASES)
    assert all(isinstance(stage, Progress) for stage in progress.values())


@given(counts)
def test_the_report_is_done_exactly_when_every_other_phase_is(found):
    progress = phase_progress(found)
    others = [stage for phase, stage in progress.items() if phase != REPORT]
    assert (progress[REPORT] is Progress.DONE) == all(stage is Progress.DONE for stage in others)
    assert (progress[REPORT] is Progress.NOT_STARTED) == all(s is Progress.NOT_STARTED for s in others)


@given(counts)
def test_adding_rows_never_moves_a_phase_back_to_not_started(found):
    grown = replace(found, **{f.name: getattr(found, f.name) + 1 for f in fields(WorkshopCounts)})
    before, after = phase_progress(found), phase_progress(grown)
    assert not [
        p for p in PHASES if before[p] is not Progress.NOT_STARTED and after[p] is Progress.NOT_STARTED
    ]


def test_audit_is_in_progress_until_every_task_is_scored():
    assert phase_progress(WorkshopCounts(tasks=3))[AUDIT] is Progress.IN_PROGRESS
    assert phase_progress(WorkshopCounts(tasks=3, scored_tasks=2))[AUDIT] is Progress.IN_PROGRESS
    assert phase_progress(WorkshopCounts(tasks=3, scored_tasks=3))[AUDIT] is Progress.DONE


def test_priorities_and_alignment_follow_the_rounds_from_the_file(store):
    def progress() -> dict[str, Progress]:
        with store.reading() as session:
            return workshop_progress(session)

    assert progress()[PRIORITIES] is Progress.NOT_STARTED
    with store.transaction() as s:
        ops.participant_named(s, "Ana", team=ops.team_named(s, "Sales"), role=e.Role.MANAGER)
        ops.opportunity_titled(s, "Invoice triage")
        ops.opportunity_titled(s, "Call summaries")
        s.add(e.Task(title="Sort invoices"))
    with store.transaction() as s:
        round_id = ballots.start_round(s, name="First round")
    stages = progress()
    assert (stages[SETUP], stages[AUDIT]) == (Progress.DONE, Progress.IN_PROGRESS)
    assert (stages[PRIORITIES], stages[ALIGNMENT]) == (Progress.IN_PROGRESS, Progress.NOT_STARTED)
    with store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    assert progress()[ALIGNMENT] is Progress.IN_PROGRESS
    with store.transaction() as s:
        ballots.reveal_round(s, round_id=round_id)
    assert (progress()[PRIORITIES], progress()[ALIGNMENT]) == (Progress.DONE, Progress.DONE)
    assert progress()[REPORT] is Progress.IN_PROGRESS
