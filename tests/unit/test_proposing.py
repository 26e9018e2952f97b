"""Proposed caution flags as the facilitator settles them: accepted into a flag and an action, or dismissed
and remembered – across reopening, undo, merges and backups, and never in an anonymous export."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.findings import gather_findings
from workshop.model import entities as e
from workshop.model.creating import restore_workshop
from workshop.model.errors import WorkshopError
from workshop.model.exporting import export_json, write_backup_json
from workshop.model.merging import merge_workshops
from workshop.model.proposing import (
    Accepted,
    accept_proposal,
    default_due_on,
    dismiss_again,
    dismiss_proposal,
    forget_dismissals,
    open_proposals,
    participant_stances,
    restore_dismissed,
    undo_accept,
)
from workshop.model.store import WorkshopStore, create_workshop, open_workshop
from workshop.proposals import Proposal, ProposalKind, proposed_flags

HELD_ON = dt.date(2026, 10, 14)
TEAM = "Warehouse"
PILOT = "Route re-planning"
SKEPTIC = "Ann Doubt"


def piloting_room(path: Path, *, anonymity: e.Anonymity = e.Anonymity.NAMED) -> WorkshopStore:
    """Gives a workshop whose data calls for flags: a pilot owned by a skeptic, adjusted at a checkpoint,
    in a team with no capacity plan."""
    store = create_workshop(path, title="Depot", held_on=HELD_ON, anonymity=anonymity)
    with store.transaction() as s:
        team = e.Team(name=TEAM)
        s.add(e.Participant(name=SKEPTIC, team=team, role=e.Role.MANAGER, stance=e.Stance.SKEPTIC))
        workflow = e.Workflow(opportunity=e.Opportunity(title=PILOT, team=team), owner=SKEPTIC)
        pilot = e.Pilot(workflow=workflow, status=e.PilotStatus.RUNNING)
        s.add(e.Checkpoint(pilot=pilot, decision=e.CheckpointDecision.ADJUST, notes="routes too long"))
    return store


def open_now(store: WorkshopStore) -> tuple[Proposal, ...]:
    """Gives the open proposals as the Feedback page lists them."""
    with store.reading() as s:
        findings = gather_findings(s)
        return open_proposals(s, proposed_flags(findings, participant_stances(s)))


def flags_and_actions(store: WorkshopStore) -> tuple[list[dict], list[dict]]:
    """Gives the stored caution flags (with their team's name) and actions, as plain values."""
    with store.reading() as s:
        flags = [
            {**_values(flag), "team": flag.team.name if flag.team else None}
            for flag in s.scalars(select(e.CautionFlag))
        ]
        return flags, [_values(action) for action in s.scalars(select(e.Action))]


def _values(row: object) -> dict:
    return {column.name: getattr(row, column.key) for column in row.__table__.columns}  # type: ignore[attr-defined]


def checkpoint_proposal(store: WorkshopStore) -> Proposal:
    return next(p for p in open_now(store) if p.kind is ProposalKind.CHECKPOINT)


@pytest.fixture
def room(tmp_path: Path):
    with piloting_room(tmp_path / "depot.workshop") as store:
        yield store


def test_the_room_proposes_flags_and_none_is_written_until_accepted(room):
    kinds = {p.kind for p in open_now(room)}
    assert {ProposalKind.SKEPTIC_OWNER, ProposalKind.CHECKPOINT} <= kinds
    assert flags_and_actions(room) == ([], [])


def test_accepting_writes_a_flag_with_the_evidence_and_an_action_and_the_proposal_is_no_longer_open(room):
    proposal = checkpoint_proposal(room)
    with room.transaction() as s:
        due = default_due_on(s)
        accept_proposal(s, proposal, " Bo Keen ", "Walk the new routes with drivers", due)
    [flag], [action] = flags_and_actions(room)
    assert (flag["evidence"], flag["response"], flag["category"], flag["severity"]) == (
        proposal.evidence,
        proposal.response,
        proposal.category,
        proposal.severity,
    )
    assert (flag["owner"], flag["status"], flag["raised_on"], flag["proposal_key"]) == (
        "Bo Keen",
        e.FlagStatus.OPEN,
        HELD_ON,
        proposal.key,
    )
    assert flag["team"] == proposal.team == TEAM
    assert (action["title"], action["owner"], action["due_on"], action["flag_id"]) == (
        "Walk the new routes with drivers",
        "Bo Keen",
        HELD_ON + dt.timedelta(weeks=2),
        flag["id"],
    )
    assert proposal.key not in {p.key for p in open_now(room)}


def test_an_accepted_proposal_stays_settled_when_its_flag_is_resolved(room):
    proposal = checkpoint_proposal(room)
    with room.transaction() as s:
        accept_proposal(s, proposal, "Bo Keen", "", None)
    with room.transaction() as s:
        s.scalar(select(e.CautionFlag)).status = e.FlagStatus.RESOLVED
    assert proposal.key not in {p.key for p in open_now(room)}
    _, [action] = flags_and_actions(room)
    assert action["title"] == proposal.response  # an empty title takes the suggested response


def test_accepting_or_dismissing_a_settled_proposal_is_refused_with_a_sentence(room):
    proposal = checkpoint_proposal(room)
    with room.transaction() as s:
        dismiss_proposal(s, proposal.key)
    for settle in (
        lambda s: accept_proposal(s, proposal, "Bo", "", None),
        lambda s: dismiss_proposal(s, proposal.key),
    ):
        with pytest.raises(WorkshopError, match="already accepted or dismissed"), room.transaction() as s:
            settle(s)


def test_undoing_an_accept_removes_both_rows_and_redoing_brings_them_back_with_their_ids(room):
    proposal = checkpoint_proposal(room)
    with room.transaction() as s:
        accepted = accept_proposal(s, proposal, "Bo Keen", "Walk the routes", None)
    with room.transaction() as s:
        undo_accept(s, accepted)
    assert flags_and_actions(room) == ([], [])
    assert proposal.key in {p.key for p in open_now(room)}
    with room.transaction() as s:
        again = accept_proposal(s, proposal, "Bo Keen", "Walk the routes", None, same_ids=accepted)
    assert again == accepted
    flags, actions = flags_and_actions(room)
    assert Accepted(flags[0]["id"], actions[0]["id"]) == accepted


def test_a_dismissal_is_remembered_after_the_file_is_reopened_and_undone_on_request(tmp_path):
    path = tmp_path / "depot.workshop"
    with piloting_room(path) as store:
        proposal = checkpoint_proposal(store)
        with store.transaction() as s:
            dismiss_proposal(s, proposal.key)
    with open_workshop(path) as store:
        assert proposal.key not in {p.key for p in open_now(store)}
        with store.transaction() as s:
            forget_dismissals(s, [proposal.key])
        assert proposal.key in {p.key for p in open_now(store)}


def test_showing_dismissed_proposals_again_brings_all_back_and_its_undo_dismisses_them_again(room):
    proposed = open_now(room)
    with room.transaction() as s:
        for proposal in proposed:
            dismiss_proposal(s, proposal.key)
    assert open_now(room) == ()
    with room.transaction() as s:
        restored = restore_dismissed(s)
    assert open_now(room) == proposed
    with room.transaction() as s:
        dismiss_again(s, restored)
    assert open_now(room) == ()


@given(dismissed=st.lists(st.booleans(), min_size=4, max_size=4))
@settings(max_examples=8, deadline=None)
def test_what_stays_open_is_what_was_proposed_minus_what_was_settled_in_order(dismissed):
    with tempfile.TemporaryDirectory() as folder, piloting_room(Path(folder) / "d.workshop") as store:
        proposed = open_now(store)
        chosen = [p for p, dismiss in zip(proposed, dismissed, strict=False) if dismiss]
        with store.transaction() as s:
            for proposal in chosen:
                dismiss_proposal(s, proposal.key)
        assert open_now(store) == tuple(p for p in proposed if p not in chosen)


def test_a_proposal_dismissed_in_another_room_stays_dismissed_after_a_merge(tmp_path):
    with piloting_room(tmp_path / "a.workshop") as target, piloting_room(tmp_path / "b.workshop") as source:
        proposal = checkpoint_proposal(source)
        with source.transaction() as s:
            dismiss_proposal(s, proposal.key)
        source.close()
        merge_workshops(target, [tmp_path / "b.workshop"])
        assert proposal.key not in {p.key for p in open_now(target)}
        assert ("dismissed proposal", 1) not in merge_workshops(target, [tmp_path / "b.workshop"]).added


def test_a_backup_keeps_dismissed_and_accepted_proposals(room, tmp_path):
    dismissed, accepted = open_now(room)[:2]
    with room.transaction() as s:
        dismiss_proposal(s, dismissed.key)
        accept_proposal(s, accepted, "Bo Keen", "Talk", None)
        write_backup_json(s, tmp_path / "backup.json")
    with restore_workshop(tmp_path / "restored.workshop", tmp_path / "backup.json") as restored:
        still_open = {p.key for p in open_now(restored)}
        assert dismissed.key not in still_open and accepted.key not in still_open
        [flag], _ = flags_and_actions(restored)
        assert flag["proposal_key"] == accepted.key


def test_an_anonymous_export_holds_no_proposal_key_and_counts_what_it_left_out(tmp_path):
    with piloting_room(tmp_path / "a.workshop", anonymity=e.Anonymity.ANONYMOUS) as store:
        skeptic, accepted = open_now(store)[:2]
        with store.transaction() as s:
            dismiss_proposal(s, skeptic.key)
            accept_proposal(s, accepted, "Bo Keen", "Talk", None)
            document = export_json(s)
    text = json.dumps(document["tables"], ensure_ascii=False)
    assert skeptic.key not in text and accepted.key not in text
    assert document["tables"]["dismissed_proposal"] == []
    assert [row["proposal_key"] for row in document["tables"]["caution_flag"]] == [None]
    assert document["withheld"]["dismissed_proposal"] == 1
    assert document["withheld"]["caution_flag.proposal_key"] == 1
