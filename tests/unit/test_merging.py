"""Merging room files into one workshop: everything arrives once, near-duplicates and conflicts are asked."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from workshop import cli
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import WorkshopFileError
from workshop.model.merging import MergeConflict, fold, merge_workshops, plan_merge
from workshop.model.store import create_workshop, open_workshop, table_counts

FIXTURES = Path(__file__).parent.parent / "fixtures"
ITEMS = ("Invoice triage", "Draft replies", "Summaries")
ROUND = "Opportunity ranking"


def room_file(path: Path, votes: dict[str, tuple[int, ...]], *, team: str = "Operations") -> Path:
    """Writes a room's workshop: one ranking round, each voter's ranks of ITEMS in that order."""
    with create_workshop(path, title=path.stem) as store, store.transaction() as session:
        team_row = ops.team_named(session, team)
        items = [ops.opportunity_titled(session, title) for title in ITEMS]
        round_id = ballots.start_round(session, name=ROUND)
        for name, ranks in votes.items():
            voter = ops.participant_named(session, name, team=team_row, role=e.Role.MANAGER)
            ballots.cast_ranking(
                session,
                round_id=round_id,
                participant_id=voter.id,
                ranks={item.id: rank for item, rank in zip(items, ranks, strict=True)},
            )
        session.add(e.Idea(what=f"Ideas from {path.stem}", team=team_row))
        session.add(e.CautionFlag(evidence="Fear of errors", team=team_row, raised_on=dt.date(2026, 11, 29)))
    return path


def ballots_of(store) -> dict[tuple[str, str | None], tuple[int | None, ...]]:
    """Gives each voter's ranks of ITEMS in the round, as the target now holds them."""
    with store.reading() as session:
        return {
            (
                ballot.participant.name,
                ballot.participant.team.name if ballot.participant.team else None,
            ): tuple(next(x.rank for x in ballot.entries if x.opportunity.title == title) for title in ITEMS)
            for ballot in session.scalars(select(e.Ballot))
        }


@pytest.fixture
def rooms(tmp_path):
    target = room_file(tmp_path / "room-a.workshop", {"Ann Lee": (1, 2, 3), "Bo Chen": (2, 1, 3)})
    source = room_file(tmp_path / "room-b.workshop", {"Cy Diaz": (3, 2, 1), "Di Ford": (1, 3, 2)})
    return target, source


def test_ballots_ideas_and_flags_of_another_room_arrive_with_their_origin(rooms):
    target, source = rooms
    with open_workshop(target) as store:
        done = merge_workshops(store, [source])
        assert ballots_of(store) == {
            ("Ann Lee", "Operations"): (1, 2, 3),
            ("Bo Chen", "Operations"): (2, 1, 3),
            ("Cy Diaz", "Operations"): (3, 2, 1),
            ("Di Ford", "Operations"): (1, 3, 2),
        }
        counts = table_counts(store)
        with store.reading() as session:
            origins = set(session.scalars(select(e.Ballot.origin)))
    assert counts["team"] == 1 and counts["opportunity"] == 3 and counts["ballot_round"] == 1
    # The flag typed alike in both rooms is two rows (two people saw it), not one.
    assert counts["idea"] == 2 and counts["caution_flag"] == 2
    assert dict(done.added) == {"participant": 2, "idea": 1, "caution flag": 1, "ballot": 2}
    assert None in origins and any(o and o.startswith("room-b.workshop, created 20") for o in origins)


def test_merging_the_same_file_twice_adds_nothing_and_later_ballots_add_only_themselves(rooms):
    target, source = rooms
    with open_workshop(target) as store:
        merge_workshops(store, [source])
        once = table_counts(store)
        assert merge_workshops(store, [source, source]).added == ()
        assert table_counts(store) == once
    with open_workshop(source) as room_b, room_b.transaction() as session:
        team = ops.team_named(session, "Operations")
        voter = ops.participant_named(session, "Ed Gray", team=team, role=e.Role.MANAGER)
        items = [ops.opportunity_titled(session, title) for title in ITEMS]
        ballots.cast_ranking(
            session, round_id=1, participant_id=voter.id, ranks={i.id: n for n, i in enumerate(items, 1)}
        )
    with open_workshop(target) as store:
        assert merge_workshops(store, [source]).added == (("participant", 1), ("ballot", 1))


def test_near_duplicate_names_are_listed_and_joined_unless_kept_apart(tmp_path):
    target = room_file(tmp_path / "a.workshop", {"Zoë Martin": (1, 2, 3)})
    source = room_file(tmp_path / "b.workshop", {"zoe  martin": (1, 2, 3)}, team="operations")
    apart = shutil.copy(target, tmp_path / "apart.workshop")
    with open_workshop(target) as store:
        plan = plan_merge(store, [source])
        assert [d.line() for d in plan.near_duplicates] == [
            "team 'operations' in b.workshop ~ 'Operations'",
            "participant 'zoe  martin' (Operations) in b.workshop ~ 'Zoë Martin'",
        ]
        assert table_counts(store)["participant"] == 1  # planning changes nothing
        merge_workshops(store, [source])
        assert ballots_of(store) == {("Zoë Martin", "Operations"): (1, 2, 3)}
    with open_workshop(apart) as store:
        merge_workshops(store, [source], keep_apart="all")
        assert set(ballots_of(store)) == {("Zoë Martin", "Operations"), ("zoe  martin", "operations")}


@pytest.mark.parametrize("prefer, expected", [("target", (1, 2, 3)), ("source", (3, 1, 2))])
def test_a_voter_with_two_different_ballots_is_refused_until_told_which_wins(tmp_path, prefer, expected):
    target = room_file(tmp_path / "a.workshop", {"Ann Lee": (1, 2, 3)})
    source = room_file(tmp_path / "b.workshop", {"Ann Lee": (3, 1, 2), "Bo Chen": (1, 2, 3)})
    with open_workshop(target) as store:
        before = table_counts(store)
        with pytest.raises(MergeConflict, match=r"ballot of Ann Lee \(Operations\) in 'Opportunity ranking'"):
            merge_workshops(store, [source])
        assert table_counts(store) == before
        merge_workshops(store, [source], prefer=prefer)
        assert ballots_of(store)[("Ann Lee", "Operations")] == expected
        assert ("Bo Chen", "Operations") in ballots_of(store)


def test_survey_answers_merge_and_a_different_score_is_a_conflict(tmp_path):
    def survey_file(path: Path, scores: dict[str, int]) -> Path:
        with create_workshop(path, title=path.stem) as store, store.transaction() as session:
            survey = e.SurveyRound(name="Before")
            session.add(survey)
            dimension = session.scalars(select(e.ReadinessDimension).limit(1)).one()
            for name, score in scores.items():
                person = ops.participant_named(session, name)
                session.add(
                    e.ReadinessAnswer(
                        survey_round=survey, participant=person, dimension=dimension, score=score
                    )
                )
        return path

    target = survey_file(tmp_path / "a.workshop", {"Ann": 3})
    source = survey_file(tmp_path / "b.workshop", {"Ann": 3, "Bo": 5})
    other = survey_file(tmp_path / "c.workshop", {"Ann": 4})
    with open_workshop(target) as store:
        assert merge_workshops(store, [source]).added == (("participant", 1), ("survey answer", 1))
        assert [c.line() for c in plan_merge(store, [other]).conflicts] == [
            "survey answer of Ann in 'Before, readiness': c.workshop differs"
        ]


def test_files_of_every_schema_version_merge_into_a_new_workshop(tmp_path):
    with create_workshop(tmp_path / "all.workshop", title="All") as store:
        for fixture in sorted(FIXTURES.glob("schema_*.workshop")):
            copy = tmp_path / fixture.name
            shutil.copy(fixture, copy)
            source = sqlite3.connect(copy)
            entries = source.execute("SELECT count(*) FROM ballot_entry").fetchone()[0]
            source.close()
            merge_workshops(store, [copy])
        assert table_counts(store)["ballot_entry"] == entries > 0  # the fixtures hold the same ballots


def test_the_target_itself_and_a_non_workshop_are_refused(rooms, tmp_path):
    target, _ = rooms
    text_file = tmp_path / "notes.workshop"
    text_file.write_text("not a workshop")
    with open_workshop(target) as store:
        with pytest.raises(WorkshopFileError, match="being merged into"):
            merge_workshops(store, [target])
        with pytest.raises(WorkshopFileError, match="not an SQLite database"):
            merge_workshops(store, [text_file])


@given(st.text(alphabet="abcdeéèÅøZ ", min_size=1, max_size=12), st.data())
def test_names_differing_only_in_case_accents_or_spaces_fold_alike(name, data):
    variant = "".join(data.draw(st.sampled_from([c.upper(), c.lower()])) for c in name)
    variant = "  " + variant.replace(" ", "   ") + " "
    assert fold(variant) == fold(name)
    assert fold(name + "x") != fold(name)


def test_the_command_refuses_conflicts_with_a_list_and_reports_near_duplicates(tmp_path, capsys):
    target = room_file(tmp_path / "a.workshop", {"Ann Lee": (1, 2, 3)})
    source = room_file(tmp_path / "b.workshop", {"Ann Lee": (3, 1, 2), "ann lée": (2, 1, 3)})
    assert cli.main(["merge", str(target), str(source)]) == 2
    assert (
        "ballot of Ann Lee (Operations) in 'Opportunity ranking': b.workshop differs"
        in capsys.readouterr().err
    )
    assert cli.main(["merge", str(target), str(source), "--prefer", "source"]) == 0
    out = capsys.readouterr().out
    assert (
        "treated as the same" in out and "participant 'ann lée' (Operations) in b.workshop ~ 'Ann Lee'" in out
    )
    assert "Merged b.workshop into" in out
    with open_workshop(target) as store:
        assert table_counts(store)["participant"] == 1
