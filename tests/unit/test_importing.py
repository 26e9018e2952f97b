"""What a facilitator gets from imports: their rows, or a message saying where the file is wrong."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.errors import InputError
from workshop.model.exporting import export_json, json_text, write_json
from workshop.model.importing import import_ballots, import_participants, import_tasks
from workshop.model.restoring import import_json
from workshop.model.store import create_workshop, table_counts

PER_FOLDER = settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])


def write_csv(folder: Path, name: str, text: str, *, bom: bool = False) -> Path:
    path = folder / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def refused(store, importer, path, **options) -> InputError:
    """Gives the error of an import that must fail, after checking that the workshop did not change."""
    before = table_counts(store)
    with pytest.raises(InputError) as raised, store.transaction() as session:
        importer(session, path, **options)
    assert table_counts(store) == before
    return raised.value


# --- Participants ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [True, False], ids=["with BOM", "without BOM"])
def test_participants_are_added_with_their_team_role_and_stance(store, tmp_path, bom):
    path = write_csv(
        tmp_path,
        "people.csv",
        "Name,Team,Role,Stance\nZoë,Ventes,Manager,CHAMPION\n\n  Bob , ,employee,\n",
        bom=bom,
    )
    with store.transaction() as session:
        assert import_participants(session, path) == 2
    with store.reading() as session:
        people = {
            p.name: (p.team.name if p.team else None, p.role, p.stance)
            for p in session.scalars(select(e.Participant))
        }
    assert people == {
        "Zoë": ("Ventes", e.Role.MANAGER, e.Stance.CHAMPION),
        "Bob": (None, e.Role.EMPLOYEE, e.Stance.UNKNOWN),
    }


def test_a_participant_imported_again_is_updated_not_duplicated(store, tmp_path):
    with store.transaction() as session:
        import_participants(session, write_csv(tmp_path, "a.csv", "name,team,stance\nZoë,Ventes,skeptic\n"))
    with store.transaction() as session:
        import_participants(session, write_csv(tmp_path, "b.csv", "name,team,stance\nZoë,Ventes,champion\n"))
    with store.reading() as session:
        stances = [p.stance for p in session.scalars(select(e.Participant))]
    assert stances == [e.Stance.CHAMPION]
    assert table_counts(store)["team"] == 1


# --- Tasks -------------------------------------------------------------------------------------------


def test_tasks_read_decimal_commas_yes_no_and_choices(store, tmp_path):
    path = write_csv(
        tmp_path,
        "audit.csv",
        "title;team;hours per week;manual;frequency;redundancy;ai_potential;data_sensitivity;notes\n"
        "Invoices;Finance;1,5;no;Ad-hoc;4;5;HIGH;checked by hand\n"
        "Minutes;;;;;;;;\n",
    )
    with store.transaction() as session:
        assert import_tasks(session, path) == 2
    with store.reading() as session:
        tasks = [
            (t.team.name if t.team else None, t.hours_per_week, t.manual, t.frequency, t.redundancy,
             t.ai_potential, t.data_sensitivity, t.notes)
            for t in session.scalars(select(e.Task).order_by(e.Task.id))
        ]  # fmt: skip
    assert tasks == [
        ("Finance", 1.5, False, e.Frequency.AD_HOC, 4, 5, e.Sensitivity.HIGH, "checked by hand"),
        (None, None, True, e.Frequency.WEEKLY, None, None, e.Sensitivity.LOW, ""),
    ]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("hours_per_week", "-2", "below 0"),
        ("hours_per_week", "lots", "not a number"),
        ("manual", "maybe", "not yes or no"),
        ("redundancy", "7", "not a score from 1 to 5"),
        ("ai_potential", "huge", "not a score from 1 to 5"),
        ("frequency", "hourly", "not a frequency"),
        ("data_sensitivity", "secret", "not a data sensitivity"),
    ],
)
def test_a_bad_task_cell_names_file_line_column_and_value(store, tmp_path, column, value, reason):
    path = write_csv(tmp_path, "audit.csv", f"title,{column}\nGood,\n\nBad,{value}\n")
    error = refused(store, import_tasks, path)
    assert error.where == f"audit.csv, line 4, column {column}"
    assert repr(value) in error.reason and reason in error.reason


def test_a_task_without_a_title_is_refused(store, tmp_path):
    error = refused(store, import_tasks, write_csv(tmp_path, "audit.csv", "title,notes\n,forgot the title\n"))
    assert error.where == "audit.csv, line 2, column title"


# --- Reading CSV files -------------------------------------------------------------------------------


def test_an_empty_file_is_refused(store, tmp_path):
    error = refused(store, import_tasks, write_csv(tmp_path, "audit.csv", "\n  \n", bom=True))
    assert "audit.csv" in str(error) and "empty" in error.reason


def test_a_file_without_a_header_is_refused(store, tmp_path):
    error = refused(store, import_participants, write_csv(tmp_path, "people.csv", "Zoë,Ventes\n"))
    assert error.where == "people.csv, line 1"
    assert "header" in error.reason and "'Zoë'" in error.reason


def test_a_missing_required_column_names_the_columns_found(store, tmp_path):
    error = refused(store, import_ballots, write_csv(tmp_path, "votes.csv", "Participant,Item\nZoë,A\n"))
    assert "rank" in error.reason and "Participant, Item" in error.reason


def test_text_that_is_not_utf8_names_its_line(store, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("name\nZoë\nRenée\n".encode() + "Jérôme\n".encode("latin-1"))
    error = refused(store, import_participants, path)
    assert error.where == "people.csv, line 4"
    assert "UTF-8" in error.reason


def test_a_row_with_more_cells_than_the_header_is_refused(store, tmp_path):
    error = refused(
        store, import_participants, write_csv(tmp_path, "people.csv", "name\nAmir,,\nZoë,Ventes\n")
    )
    assert error.where == "people.csv, line 3"


# --- Ballots -----------------------------------------------------------------------------------------


def ranks_in(store, round_name):
    """Gives {(participant, item): rank} for one round."""
    with store.reading() as session:
        rows = session.execute(
            select(e.Participant.name, e.Opportunity.title, e.BallotEntry.rank)
            .join(e.Ballot, e.Ballot.participant_id == e.Participant.id)
            .join(e.BallotRound)
            .join(e.BallotEntry, e.BallotEntry.ballot_id == e.Ballot.id)
            .join(e.Opportunity)
            .where(e.BallotRound.name == round_name)
        )
        return {(person, item): rank for person, item, rank in rows}


@pytest.mark.parametrize("bom", [True, False], ids=["with BOM", "without BOM"])
def test_ballots_become_one_closed_revealed_round_that_allows_ties(store, tmp_path, bom):
    path = write_csv(
        tmp_path,
        "kickoff votes.csv",
        "participant,team,item,rank\nZoë,Ventes,Chatbot,10\nZoë,Ventes,Summaries,20\nZoë,Ventes,Search,20\n"
        "Zoë,Ventes,Drafts,50\nBob,,Search,1\nBob,,Chatbot,2\n",
        bom=bom,
    )
    with store.transaction() as session:
        imported = import_ballots(session, path)
    assert (imported.name, imported.ballot_count, imported.item_count) == ("kickoff votes", 2, 4)
    assert ranks_in(store, "kickoff votes") == {
        ("Zoë", "Chatbot"): 1,
        ("Zoë", "Summaries"): 2,
        ("Zoë", "Search"): 2,
        ("Zoë", "Drafts"): 4,
        ("Bob", "Search"): 1,
        ("Bob", "Chatbot"): 2,
    }
    with store.reading() as session:
        ballot_round = session.scalar(select(e.BallotRound))
        voters = {p.name: p.role for p in ballot_round.voters}
        assert ballot_round.allow_ties and ballot_round.method == e.BallotMethod.RANKING
        assert ballot_round.closed_at is not None and ballot_round.revealed_at is not None
    assert voters == {"Zoë": e.Role.MANAGER, "Bob": e.Role.MANAGER}


@given(numbers=st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=8))
@settings(max_examples=20, deadline=None)
def test_rank_numbers_keep_their_order_and_equal_numbers_tie(numbers):
    with tempfile.TemporaryDirectory() as folder:
        store = create_workshop(Path(folder) / "w.workshop", title="Ranks")
        lines = "".join(f"Zoë,Item {i},{n}\n" for i, n in enumerate(numbers))
        with store.transaction() as session:
            import_ballots(session, write_csv(Path(folder), "votes.csv", "participant,item,rank\n" + lines))
        ranks = ranks_in(store, "votes")
        store.close()
    for i, a in enumerate(numbers):
        for j, b in enumerate(numbers):
            rank_a, rank_b = ranks[("Zoë", f"Item {i}")], ranks[("Zoë", f"Item {j}")]
            assert (rank_a < rank_b) == (a < b) and (rank_a == rank_b) == (a == b)
    assert min(ranks.values()) == 1


def test_known_participants_are_matched_and_new_ones_take_the_stated_role(store, tmp_path):
    with store.transaction() as session:
        ops.participant_named(session, "Zoë", team=ops.team_named(session, "Ventes"), role=e.Role.LEADER)
    path = write_csv(
        tmp_path, "votes.csv", "participant,item,rank,role\nZoë,A,1,\nAmir,A,1,Employee\nAmir,B,2,employee\n"
    )
    with store.transaction() as session:
        import_ballots(session, path, round_name="Round 2")
    with store.reading() as session:
        people = {p.name: p.role for p in session.scalars(select(e.Participant))}
    assert people == {"Zoë": e.Role.LEADER, "Amir": e.Role.EMPLOYEE}
    assert set(ranks_in(store, "Round 2")) == {("Zoë", "A"), ("Amir", "A"), ("Amir", "B")}


def test_an_item_listed_twice_by_one_participant_names_both_lines(store, tmp_path):
    path = write_csv(
        tmp_path, "votes.csv", "participant,item,rank\nZoë,Chatbot,1\nBob,Chatbot,1\nZoë,Chatbot,2\n"
    )
    error = refused(store, import_ballots, path)
    assert error.where == "votes.csv, line 4, column item"
    assert "'Chatbot'" in error.reason and "lines 2 and 4" in error.reason


def test_a_round_name_already_used_is_refused(store, tmp_path):
    with store.transaction() as session:
        ballots.start_round(session, name="votes")
    error = refused(
        store, import_ballots, write_csv(tmp_path, "votes.csv", "participant,item,rank\nZoë,A,1\n")
    )
    assert "'votes'" in error.reason and "already exists" in error.reason


def test_a_blank_round_name_is_refused_and_a_padded_one_trimmed(store, tmp_path):
    path = write_csv(tmp_path, "votes.csv", "participant,item,rank\nZoë,A,1\n")
    error = refused(store, import_ballots, path, round_name="   ")
    assert (error.where, error.reason) == ("votes.csv", "a round needs a name.")
    with store.transaction() as session:
        assert import_ballots(session, path, round_name="  Spring vote ").name == "Spring vote"
    with store.reading() as session:
        assert session.scalar(select(e.BallotRound.name)) == "Spring vote"


@PER_FOLDER
@given(
    rank=st.text(st.characters(exclude_categories=["Cs", "Cc", "Zs"], exclude_characters=",\"';"), min_size=1)
)
def test_a_rank_that_is_not_a_positive_whole_number_is_refused_by_value(store, tmp_path, rank):
    assume(rank == rank.strip() and not (re.fullmatch(r"\+?[0-9]+", rank) and int(rank) > 0))
    path = write_csv(tmp_path, "votes.csv", f"participant,item,rank\nZoë,A,1\nZoë,B,{rank}\n")
    error = refused(store, import_ballots, path)
    assert error.where == "votes.csv, line 3, column rank"
    assert repr(rank) in error.reason


def test_progress_reaches_all_rows_only_at_the_end(store, tmp_path):
    lines = "".join(f"Voter {v},Item {i},{i + 1}\n" for v in range(300) for i in range(10))
    path = write_csv(tmp_path, "votes.csv", "participant,item,rank\n" + lines)
    seen = []
    with store.transaction() as session:
        import_ballots(session, path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3000, 3000)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert all(total == 3000 for _, total in seen) and len(seen) > 1


# --- Whole workshop from JSON ------------------------------------------------------------------------

ODD_TEXTS = (
    "Zoë 🚀👩🏽‍💻",
    "مرحبا بالعالم",
    "e\u0301 a\u0308 \u05e9\u05b8\u05c1",
    "<b>&amp;</b> <&> \"quoted\" 'single'",
    "line 1\nline 2\r\nline 3\ttab",
    "=1+2",
)
LONG_NOTE = "A long note. " * 7_693 + "e"  # 100,000 characters


def fill_every_table(session) -> None:
    """Adds at least one row to every table, with odd text and every kind of value."""
    when = dt.datetime(2024, 5, 31, 14, 30, 5, 123456)
    day = dt.date(2024, 6, 3)
    workshop = session.scalar(select(e.Workshop))
    workshop.title, workshop.held_on = ODD_TEXTS[0], day
    team = e.Team(name=ODD_TEXTS[1], description=ODD_TEXTS[3])
    alice = e.Participant(name=ODD_TEXTS[0], team=team, role=e.Role.MANAGER, stance=e.Stance.CHAMPION)
    bob = e.Participant(name="Bob", role=e.Role.EMPLOYEE, stance=e.Stance.SKEPTIC)
    task = e.Task(
        title=ODD_TEXTS[3], team=team, hours_per_week=37.5, manual=False, redundancy=4, ai_potential=5,
        data_sensitivity=e.Sensitivity.HIGH, frequency=e.Frequency.AD_HOC, notes=LONG_NOTE,
    )  # fmt: skip
    chatbot = e.Opportunity(title=ODD_TEXTS[2], team=team, effort=2, risk=3, tasks=[task])
    drafts = e.Opportunity(title="Drafts", expected_benefit=ODD_TEXTS[4])
    ballot_round = e.BallotRound(
        name="Round 1", allow_ties=True, pin_hash="pbkdf2$abc", created_at=when, opened_at=when,
        closed_at=when, revealed_at=when, voters=[alice, bob], top_k=2, uses_codes=True,
        items=[chatbot, drafts],
    )  # fmt: skip
    ballot_round.ballots = [
        e.Ballot(participant=alice, submitted_at=when, entries=[
            e.BallotEntry(opportunity=chatbot, rank=1, points=60, impact=4.5, effort=2.5),
            e.BallotEntry(opportunity=drafts, rank=1, points=40),
        ]),
    ]  # fmt: skip
    session.add(ballot_round)
    session.flush()
    session.add_all([
        e.VoterCode(round_id=ballot_round.id, participant_id=alice.id, code="K7-Q2"),
        e.BallotReplacement(
            round_id=ballot_round.id, participant_id=alice.id, earlier_cast_at=when, replaced_at=when
        ),
    ])  # fmt: skip
    dimension = session.scalars(select(e.ReadinessDimension)).first()
    survey = e.SurveyRound(name="Before", held_on=day)
    workflow = e.Workflow(
        opportunity=chatbot, owner=ODD_TEXTS[0], ai_platform="LLM", steps=ODD_TEXTS[4],
        oversight=e.Oversight.REVIEW_SAMPLES, stricter_review=True,
    )  # fmt: skip
    pilot = e.Pilot(
        workflow=workflow,
        starts_on=day,
        ends_on=None,
        success_metrics=ODD_TEXTS[5],
        status=e.PilotStatus.RUNNING,
    )
    pilot.owner, pilot.hours_freed_per_week = ODD_TEXTS[0], 2.5
    survey.template = e.SurveyTemplate.ADKAR
    flag = e.CautionFlag(
        category=e.CautionCategory.FEAR, severity=e.Severity.CRITICAL, team=team, participant=bob,
        evidence=ODD_TEXTS[1], status=e.FlagStatus.MONITORING, raised_on=day,
        proposal_key="workflow owned by a skeptic:" + ODD_TEXTS[2],
    )  # fmt: skip
    workshop.oversight_high, workshop.oversight_top_priorities = e.Oversight.AI_ASSIST_ONLY, 5
    workshop.starts_at = dt.time(9, 30)
    feedback = e.FeedbackItem(received_on=day, channel="form", team=team, anonymous=False, what_works="🙂")
    session.add_all([
        e.Idea(team=team, group_name="Support", what=ODD_TEXTS[2], how="ask", why="time", proposer=bob,
               opportunity_id=chatbot.id),
        ballot_round,
        e.ReadinessAnswer(
            survey_round=survey, participant=alice, dimension=dimension, score=3, is_team_estimate=True
        ),
        e.Checkpoint(pilot=pilot, due_on=day, decision=e.CheckpointDecision.ADJUST, notes=ODD_TEXTS[4]),
        e.CapacityPlan(team=team, hours_per_week=4.0, dropped_or_deferred="weekly report", training="AI"),
        flag,
        feedback,
        e.DismissedProposal(key="pilot team with nothing dropped:" + ODD_TEXTS[1], dismissed_at=when),
        e.AgendaItem(position=1, title=ODD_TEXTS[2], minutes=45, phase="Readiness", notes=ODD_TEXTS[4]),
    ])  # fmt: skip
    session.flush()
    session.add(e.Action(title="Follow up", owner="Zoë", due_on=day, status=e.ActionStatus.IN_PROGRESS,
                         flag_id=flag.id, pilot_id=pilot.id, feedback_id=feedback.id))  # fmt: skip


def exported_text(store) -> str:
    with store.reading() as session:
        return json_text(export_json(session))


def test_a_workshop_restored_from_its_export_exports_the_same_json(store, tmp_path):
    with store.transaction() as session:
        session.scalar(select(e.Workshop)).anonymity = e.Anonymity.NAMED  # a named export keeps every row
        fill_every_table(session)
        write_json(session, tmp_path / "a.json")
    assert all(json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["tables"].values())
    restored = create_workshop(tmp_path / "b.workshop", title="Empty")
    try:
        with restored.transaction() as session:
            import_json(session, tmp_path / "a.json")
        assert exported_text(restored) == (tmp_path / "a.json").read_text(encoding="utf-8")
    finally:
        restored.close()


@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=200), hours=st.floats(0, 1e6))
@settings(max_examples=15, deadline=None)
def test_any_text_and_number_survive_the_round_trip(text, hours):
    with tempfile.TemporaryDirectory() as folder:
        original = create_workshop(Path(folder) / "a.workshop", title=text)
        with original.transaction() as session:
            session.add(e.Task(title=text, notes=text, hours_per_week=hours))
            write_json(session, Path(folder) / "a.json")
        original.close()
        restored = create_workshop(Path(folder) / "b.workshop", title="Empty")
        with restored.transaction() as session:
            import_json(session, Path(folder) / "a.json")
        with restored.reading() as session:
            task = session.scalar(select(e.Task))
            assert (task.title, task.notes, task.hours_per_week) == (text, text, hours)
        assert exported_text(restored) == (Path(folder) / "a.json").read_text(encoding="utf-8")
        restored.close()


def test_importing_into_a_workshop_that_holds_data_is_refused(store, tmp_path):
    with store.reading() as session:
        write_json(session, tmp_path / "a.json")
    with store.transaction() as session:
        ops.team_named(session, "Ventes")
    error = refused(store, import_json, tmp_path / "a.json")
    assert "already holds data" in error.reason and "team" in error.reason


def document_of(store) -> dict:
    with store.reading() as session:
        return export_json(session)


def write_document(folder: Path, document: dict) -> Path:
    path = folder / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_malformed_json_names_line_and_column(store, tmp_path):
    path = write_csv(tmp_path, "export.json", '{\n "format": "ai-strategy-workshop",\n "tables": [,]\n}')
    error = refused(store, import_json, path)
    assert error.where == "export.json, line 3, column 13"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda doc: doc.update(format="something-else"), "not a workshop export"),
        (lambda doc: doc.update(schema="9999_future"), "newer version of the app"),
        (lambda doc: doc.update(format_version=2), "newer version of the app"),
        (lambda doc: doc["tables"].update(gadgets=[]), "table 'gadgets' is unknown"),
        (lambda doc: doc["tables"].pop("workshop"), "exactly one workshop row"),
    ],
    ids=["format", "schema", "format version", "unknown table", "no workshop row"],
)
def test_a_document_this_app_cannot_restore_is_refused(store, tmp_path, change, reason):
    document = document_of(store)
    change(document)
    error = refused(store, import_json, write_document(tmp_path, document))
    assert reason in error.reason


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("readiness_dimension", "position", "first", "'first' is not a whole number"),
        ("readiness_dimension", "name", None, "needs one"),
        ("workshop", "anonymity", "secret", "'secret' is not one of"),
        ("workshop", "created_at", "yesterday", "not a date and time"),
        ("workshop", "held_on", 2024, "2024 is not a date"),
        ("readiness_dimension", "colour", "red", "unknown"),
    ],
)
def test_a_value_of_the_wrong_type_names_table_row_and_column(tmp_path, table, column, value, reason):
    source = create_workshop(tmp_path / "a.workshop", title="A")
    document = document_of(source)
    source.close()
    document["tables"][table][0][column] = value
    target = create_workshop(tmp_path / "b.workshop", title="B")
    try:
        error = refused(target, import_json, write_document(tmp_path, document))
    finally:
        target.close()
    assert error.where == f"export.json, table {table}, row id 1, column {column}"
    assert reason in error.reason


def test_a_row_referring_to_a_missing_row_is_refused(store, tmp_path):
    with store.transaction() as session:
        ops.participant_named(session, "Zoë", team=ops.team_named(session, "Ventes"))
    document = document_of(store)
    document["tables"]["participant"][0]["team_id"] = 42
    target = create_workshop(tmp_path / "b.workshop", title="B")
    try:
        error = refused(target, import_json, write_document(tmp_path, document))
    finally:
        target.close()
    assert error.where == "export.json, table participant, row id 1, column team_id"
    assert "team id 42" in error.reason


def test_a_name_shared_by_two_teams_needs_the_team_column(store, tmp_path):
    with store.transaction() as session:
        for team in ("Ventes", "Support"):
            ops.participant_named(session, "Zoë", team=ops.team_named(session, team))
    error = refused(
        store, import_ballots, write_csv(tmp_path, "votes.csv", "participant,item,rank\nZoë,A,1\n")
    )
    assert error.where == "votes.csv, line 2, column participant"
    assert "team column" in error.reason


def test_one_participant_written_with_and_without_team_is_refused(store, tmp_path):
    with store.transaction() as session:
        ops.participant_named(session, "Zoë", team=ops.team_named(session, "Ventes"))
    path = write_csv(tmp_path, "votes.csv", "participant,team,item,rank\nZoë,Ventes,A,1\nZoë,,B,1\n")
    error = refused(store, import_ballots, path)
    assert "same participant" in error.reason and "line 2" in error.reason
