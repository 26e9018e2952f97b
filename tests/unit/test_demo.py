"""The demo workshop: what a facilitator finds in it, that it is the same every time, and that it scales."""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from statistics import mean

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.analysis.readiness import SurveyAnswer, group_scores, team_readiness
from workshop.model import demo, demo_content, gather
from workshop.model import entities as e
from workshop.model.errors import InputError
from workshop.model.store import WorkshopStore, open_workshop, table_counts


@pytest.fixture(scope="module")
def default_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkshopStore]:
    """The demo with its default size and seed, made once for the read-only tests."""
    store = demo.create_demo(tmp_path_factory.mktemp("demo") / "demo.workshop")
    yield store
    store.close()


@pytest.fixture
def session(default_demo: WorkshopStore) -> Iterator[Session]:
    with default_demo.reading() as reading:
        yield reading


def _people(session: Session, role: e.Role) -> list[e.Participant]:
    return list(session.scalars(select(e.Participant).where(e.Participant.role == role)))


def _round(session: Session, name: str) -> e.BallotRound:
    found = session.scalar(select(e.BallotRound).where(e.BallotRound.name == name))
    assert found is not None, f"no round {name!r}"
    return found


def test_the_default_demo_holds_a_whole_workshop(default_demo: WorkshopStore) -> None:
    counts = table_counts(default_demo)
    assert counts["team"] == 5
    assert counts["task"] == 24
    assert counts["opportunity"] == 10
    assert 10 <= counts["idea"] <= 14
    assert counts["survey_round"] == 3  # baseline, follow-up and the ADKAR round
    assert counts["workflow"] == 4
    assert counts["pilot"] == 4
    assert counts["capacity_plan"] == 5
    assert counts["feedback_item"] == 8
    assert counts["caution_flag"] == 7
    assert counts["action"] == 8


def test_the_room_has_managers_of_every_stance_employees_a_facilitator_and_leaders(session: Session) -> None:
    managers = _people(session, e.Role.MANAGER)
    assert len(managers) == 8
    assert len(_people(session, e.Role.EMPLOYEE)) == 30
    assert len(_people(session, e.Role.FACILITATOR)) == 1
    assert 1 <= len(_people(session, e.Role.LEADER)) <= 2
    assert {m.stance for m in managers} == {e.Stance.CHAMPION, e.Stance.NEUTRAL, e.Stance.SKEPTIC}
    teams = session.scalars(select(e.Team)).all()
    assert all(any(p.role == e.Role.EMPLOYEE for p in team.participants) for team in teams)


def test_the_workshop_row_describes_the_demo_firm(session: Session) -> None:
    workshop = session.scalar(select(e.Workshop))
    assert workshop is not None
    assert workshop.organisation == demo.ORGANISATION
    assert workshop.anonymity == e.Anonymity.TEAM
    assert workshop.held_on == demo.HELD_ON


def test_each_ranking_ballot_ranks_every_item_once_and_the_round_is_revealed(session: Session) -> None:
    ranking = _round(session, demo.RANKING_ROUND)
    assert ranking.method == e.BallotMethod.RANKING
    assert ranking.closed_at is not None and ranking.revealed_at is not None
    assert len(ranking.ballots) == 8
    for ballot in ranking.ballots:
        assert ballot.participant.role == e.Role.MANAGER
        assert sorted(entry.rank for entry in ballot.entries) == list(range(1, 11))
        assert len({entry.opportunity_id for entry in ballot.entries}) == 10


def test_every_points_ballot_gives_away_exactly_100_points(session: Session) -> None:
    points = _round(session, demo.POINTS_ROUND)
    assert points.method == e.BallotMethod.POINTS
    assert points.revealed_at is not None
    assert len(points.ballots) == 8
    for ballot in points.ballots:
        assert sum(entry.points or 0 for entry in ballot.entries) == 100
        assert all(0 <= (entry.points or 0) <= 100 for entry in ballot.entries)


def test_the_impact_effort_round_is_still_open_and_unrevealed(session: Session) -> None:
    impact = _round(session, demo.IMPACT_EFFORT_ROUND)
    assert impact.method == e.BallotMethod.IMPACT_EFFORT
    assert impact.closed_at is None and impact.revealed_at is None
    assert 0 < len(impact.ballots) < 8
    scores = [(entry.impact, entry.effort) for ballot in impact.ballots for entry in ballot.entries]
    assert all(
        impact is not None and effort is not None and 1 <= impact <= 5 and 1 <= effort <= 5
        for impact, effort in scores
    )


def _scores_by_team(session: Session, survey: str, team_estimates: bool) -> dict[str, list[int]]:
    answers = session.scalars(
        select(e.ReadinessAnswer)
        .join(e.SurveyRound)
        .where(e.SurveyRound.name == survey, e.ReadinessAnswer.is_team_estimate == team_estimates)
    )
    by_team: dict[str, list[int]] = defaultdict(list)
    for answer in answers:
        role = answer.participant.role
        counts = role == e.Role.MANAGER if team_estimates else role == e.Role.EMPLOYEE
        if counts and answer.score is not None and answer.participant.team is not None:
            by_team[answer.participant.team.name].append(answer.score)
    return by_team


def test_one_team_reports_far_lower_readiness_than_its_managers_believe(session: Session) -> None:
    estimates = _scores_by_team(session, demo_content.BASELINE_SURVEY, team_estimates=True)
    own = _scores_by_team(session, demo_content.BASELINE_SURVEY, team_estimates=False)
    gaps = {team: mean(estimates[team]) - mean(own[team]) for team in own}
    gap_team = demo.PERCEPTION_GAP_TEAM
    assert mean(estimates[gap_team]) >= 3.9
    assert mean(own[gap_team]) <= 2.9
    assert gaps[gap_team] >= 1.2
    assert all(gap < gaps[gap_team] - 0.5 for team, gap in gaps.items() if team != gap_team)


def test_the_follow_up_survey_shows_employees_more_ready(session: Session) -> None:
    before = _scores_by_team(session, demo_content.BASELINE_SURVEY, team_estimates=False)
    after = _scores_by_team(session, demo_content.FOLLOW_UP_SURVEY, team_estimates=False)
    assert mean(itertools.chain(*after.values())) > mean(itertools.chain(*before.values())) + 0.2


def test_every_person_answers_the_survey_and_managers_also_estimate_their_own_team(session: Session) -> None:
    dimensions = len(e.DEFAULT_DIMENSIONS)
    readiness_rounds = select(e.SurveyRound.id).where(e.SurveyRound.template == e.SurveyTemplate.READINESS)
    answers = session.scalars(
        select(e.ReadinessAnswer).where(e.ReadinessAnswer.survey_round_id.in_(readiness_rounds))
    ).all()
    per_person: dict[tuple[int, int, bool], int] = defaultdict(int)
    for answer in answers:
        per_person[answer.survey_round_id, answer.participant_id, answer.is_team_estimate] += 1
    people = _people(session, e.Role.EMPLOYEE) + _people(session, e.Role.MANAGER)
    assert len(per_person) == 2 * (len(people) + len(_people(session, e.Role.MANAGER)))
    typed = [count for (round_id, _, _), count in per_person.items() if round_id == _baseline_id(session)]
    assert set(typed) == {dimensions}, "the typed baseline keeps a skipped question as a blank answer"
    assert set(per_person.values()) <= set(range(1, dimensions + 1)), "an imported blank is not stored"
    assert any(answer.score is None for answer in answers), "some questions are skipped"


def _baseline_id(session: Session) -> int:
    return session.scalar(select(e.SurveyRound.id).where(e.SurveyRound.name == demo_content.BASELINE_SURVEY))


def test_the_follow_up_survey_came_in_as_a_survey_export_and_the_baseline_was_typed(session: Session) -> None:
    origins = session.execute(
        select(e.SurveyRound.name, e.ReadinessAnswer.origin).join(e.SurveyRound).distinct()
    ).all()
    assert set(origins) == {
        (demo_content.BASELINE_SURVEY, None),
        (demo_content.FOLLOW_UP_SURVEY, demo_content.FOLLOW_UP_EXPORT),
        (demo_content.ADKAR_SURVEY, None),
    }
    held = dict(session.execute(select(e.SurveyRound.name, e.SurveyRound.held_on)).all())
    assert held[demo_content.FOLLOW_UP_SURVEY] == demo_content.FOLLOW_UP_ON


def test_the_managers_fall_into_two_camps_and_one_dissenter(session: Session) -> None:
    camps = {m.name: m.camp for m in demo.MANAGERS}
    rankings = {
        ballot.participant.name: [
            entry.rank for entry in sorted(ballot.entries, key=lambda x: x.opportunity_id)
        ]
        for ballot in _round(session, demo.RANKING_ROUND).ballots
    }
    within, across, with_dissenter = [], [], []
    for first, second in itertools.combinations(rankings, 2):
        rho = spearmanr(rankings[first], rankings[second]).statistic
        if demo_content.DISSENTER in (camps[first], camps[second]):
            with_dissenter.append(rho)
        else:
            (within if camps[first] == camps[second] else across).append(rho)
    assert {camps[name] for name in rankings} == {demo.EFFICIENCY, demo.CUSTOMER, demo_content.DISSENTER}
    assert mean(within) > 0.6
    assert mean(across) < 0.0
    assert mean(within) - mean(across) > 0.8
    assert mean(with_dissenter) < 0.0


def test_workflows_go_to_top_ranked_opportunities_with_varied_oversight(session: Session) -> None:
    totals: dict[int, int] = defaultdict(int)
    for ballot in _round(session, demo.RANKING_ROUND).ballots:
        for entry in ballot.entries:
            totals[entry.opportunity_id] += entry.rank or 0
    top_four = set(sorted(totals, key=totals.__getitem__)[:4])
    workflows = session.scalars(select(e.Workflow)).all()
    assert {w.opportunity_id for w in workflows} == top_four
    assert len({w.oversight for w in workflows}) >= 3
    for workflow in workflows:
        assert workflow.owner and workflow.ai_platform and "\n" in workflow.steps
        (pilot,) = workflow.pilots
        assert pilot.starts_on is not None and pilot.ends_on is not None and pilot.starts_on < pilot.ends_on
        assert pilot.success_metrics and pilot.go_no_go_criteria
        assert 2 <= len(pilot.checkpoints) <= 3


def test_follow_through_links_actions_to_flags_pilots_and_feedback(session: Session) -> None:
    flags = session.scalars(select(e.CautionFlag)).all()
    assert len({f.category for f in flags}) >= 4 and len({f.severity for f in flags}) >= 3
    assert all(f.evidence and f.response and f.owner for f in flags)
    actions = session.scalars(select(e.Action)).all()
    assert all(a.owner and a.due_on for a in actions)
    assert any(a.flag_id for a in actions) and any(a.pilot_id for a in actions)
    assert any(a.feedback_id for a in actions)


# Fresh in every file, whatever the seed: a row's identity across files and the workshop's secret salt.
FRESH_EACH_TIME = {"uid", "label_salt"}


def _table_rows(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {}
        for name in names:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')]
            kept = ", ".join(f'"{column}"' for column in columns if column not in FRESH_EACH_TIME)
            rows[name] = sorted(map(repr, conn.execute(f'SELECT {kept} FROM "{name}"')))
        return rows


def _uids(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {
            row[0] for row in conn.execute("SELECT uid FROM feedback_item UNION ALL SELECT uid FROM task")
        }


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(tmp_path: Path) -> None:
    paths = {name: tmp_path / f"{name}.workshop" for name in ("first", "again", "other")}
    for name, seed in (("first", 7), ("again", 7), ("other", 8)):
        demo.create_demo(paths[name], seed=seed).close()
    first = _table_rows(paths["first"])
    assert first == _table_rows(paths["again"])
    assert _uids(paths["first"]).isdisjoint(_uids(paths["again"]))  # two demos are typed apart
    other = _table_rows(paths["other"])
    assert other["ballot_entry"] != first["ballot_entry"]
    assert other["readiness_answer"] != first["readiness_answer"]


def test_a_big_room_gives_every_manager_a_full_ballot(tmp_path: Path) -> None:
    with demo.create_demo(tmp_path / "big.workshop", managers=300, items=60) as store, store.reading() as s:
        ranking = _round(s, demo.RANKING_ROUND)
        assert len(ranking.ballots) == 300
        assert all(sorted(en.rank for en in b.entries) == list(range(1, 61)) for b in ranking.ballots)
        assert len(_people(s, e.Role.MANAGER)) == 300
        assert len(_people(s, e.Role.EMPLOYEE)) == 30 + 4 * 292
        titles = s.scalars(select(e.Opportunity.title)).all()
        assert len(titles) == len(set(titles)) == 60


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(managers=st.integers(1, 14), items=st.integers(1, 16), seed=st.integers(0, 10_000))
def test_any_size_of_demo_gives_complete_ballots(managers: int, items: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = demo.create_demo(Path(folder) / "any.workshop", managers=managers, items=items, seed=seed)
        with store, store.reading() as s:
            titles = s.scalars(select(e.Opportunity.title)).all()
            assert len(set(titles)) == items
            ranking = _round(s, demo.RANKING_ROUND)
            assert len(ranking.ballots) == managers
            assert all(
                sorted(en.rank for en in b.entries) == list(range(1, items + 1)) for b in ranking.ballots
            )
            points = _round(s, demo.POINTS_ROUND)
            assert all(sum(en.points or 0 for en in b.entries) == 100 for b in points.ballots)
            assert len(s.scalars(select(e.Workflow)).all()) == min(4, items)


def test_names_and_notes_come_back_exactly_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "typed.workshop"
    demo.create_demo(path).close()
    with open_workshop(path) as store, store.reading() as s:
        names = set(s.scalars(select(e.Participant.name)))
        notes = set(s.scalars(select(e.Task.notes)))
    assert {
        "Νίκος Παπαδόπουλος",
        "Анна Смирнова",
        "Łukasz Nowak",
        "Søren Albrechtsen",
        "Ana-María Castillo",
    } <= names
    assert demo.FACILITATOR in names
    assert any("R&D and AT&T contract <draft>" in note for note in notes)
    assert any("\n" in note for note in notes)


def test_a_failing_demo_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "_add_follow_through", broken)
    path = tmp_path / "half.workshop"
    with pytest.raises(RuntimeError):
        demo.create_demo(path)
    assert not path.exists()


def test_the_demo_refuses_a_workshop_that_already_has_people(store: WorkshopStore) -> None:
    with store.transaction() as s:
        s.add(e.Participant(name="Alice", role=e.Role.MANAGER))
    with pytest.raises(InputError, match="empty"), store.transaction() as s:
        demo.populate_demo(s)
    assert table_counts(store)["participant"] == 1


def test_the_demo_needs_at_least_one_manager_and_one_item(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at least 1 manager"):
        demo.create_demo(tmp_path / "none.workshop", managers=0)
    assert not (tmp_path / "none.workshop").exists()


def test_the_readiness_flag_quotes_the_baseline_survey_as_the_app_shows_it(session: Session) -> None:
    answers = [SurveyAnswer(*answer) for answer in gather.survey_answers(session)]
    baseline = [
        a
        for a in answers
        if a.survey_round == demo_content.BASELINE_SURVEY and a.team == demo_content.WAREHOUSE
    ]
    own = team_readiness(group_scores(baseline))[demo_content.WAREHOUSE]
    estimates = [a for a in baseline if a.is_team_estimate]
    by_dimension = defaultdict(list)
    for answer in estimates:
        if answer.score is not None:
            by_dimension[answer.dimension].append(answer.score)
    managers = mean(mean(scores) for scores in by_dimension.values())
    flag = session.scalar(
        select(e.CautionFlag).where(e.CautionFlag.category == e.CautionCategory.READINESS_LOWER)
    )
    assert flag is not None
    assert flag.evidence == (
        f"Baseline survey: managers estimate the team's readiness at {managers:.1f}; "
        f"the team rates itself {own:.1f}"
    )
    assert managers - own >= 1.0, "the flag is raised about a real gap"


def test_the_adkar_round_stops_each_team_but_finance_at_one_element(session: Session) -> None:
    answers = gather.survey_answers(session, e.SurveyTemplate.ADKAR)
    assert gather.survey_round_names(session, e.SurveyTemplate.ADKAR) == (demo_content.ADKAR_SURVEY,)
    scores: dict[tuple[str, str], list[int]] = defaultdict(list)
    for _, team, element, score, _, _ in answers:
        scores[team, element].append(score)
    elements = [name for name, _ in e.ADKAR_DIMENSIONS]
    for team, _ in demo_content.TEAMS:
        means = [mean(scores[team, element]) for element in elements]
        assert all(len(scores[team, element]) >= 3 for element in elements)
        low = [element for element, value in zip(elements, means, strict=True) if value <= 3]
        assert (low == []) == (team == demo_content.FINANCE), (team, means)


def test_every_pilot_is_run_by_a_participant_and_the_started_ones_expect_to_free_hours(
    session: Session,
) -> None:
    names = set(session.scalars(select(e.Participant.name)))
    pilots = session.execute(select(e.Pilot.owner, e.Pilot.status, e.Pilot.hours_freed_per_week)).all()
    assert pilots and all(owner in names for owner, _, _ in pilots)
    for _, status, hours in pilots:
        assert (hours is None) == (status is e.PilotStatus.PLANNED)


def test_the_demo_day_starts_at_nine_with_a_full_day_agenda(session: Session) -> None:
    workshop = session.scalar(select(e.Workshop))
    minutes = session.scalars(select(e.AgendaItem.minutes).order_by(e.AgendaItem.position)).all()
    assert workshop is not None and workshop.starts_at == demo_content.STARTS_AT
    assert sum(minutes) == 7 * 60
