"""What the workshop found: the model's facts run through the analysis, as one plain, JSON-ready dict.

The CLI's `analyze` prints it; the app and the PDF read the same dict, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .analysis.adkar import AdkarTeam, adkar_lines, adkar_numbers, latest_adkar
from .analysis.alignment import RankingAnalysis, analyse_ranking
from .analysis.audit import AuditTask, Candidate, champions_and_skeptics, ranked_candidates
from .analysis.capacity import CapacityLine, capacity_ledger, capacity_numbers
from .analysis.consensus import place_rows
from .analysis.ranking import RankingBallot
from .analysis.ratings import (
    ImpactEffort,
    ImpactEffortBallot,
    ImpactEffortResult,
    PointsBallot,
    PointsResult,
    impact_effort_shown,
    points_result,
    points_shown,
)
from .analysis.readiness import (
    GroupScore,
    PerceptionGap,
    SurveyAnswer,
    group_scores,
    perception_gaps,
    team_readiness,
)
from .analysis.readiness_change import (
    ReadinessChange,
    ReadinessTrend,
    change_rows,
    clear_change_lines,
    readiness_changes,
    readiness_trend,
)
from .analysis.strategy import Opportunity as StrategyOpportunity
from .analysis.strategy import OpportunityPlacement, priority_by_readiness
from .analysis.wording import concordance_in_words
from .headlines import plain, ranking_headlines
from .model import entities as e
from .model import gather
from .model.agenda import Agenda, read_agenda
from .model.errors import InputError
from .model.record import WorkshopRecord, workshop_record
from .oversight import OversightCheck, oversight_checks, oversight_numbers
from .rounding import rounded
from .wording import tr, word

RANKING_KEYS = (
    "round",
    "ballots",
    "items",
    "complete_ballots",
    "kendalls_w",
    "agreement",
    "chi_square",
    "df",
    "p_value",
    "consensus_borda",
    "consensus_schulze",
    "methods_disagree_on",
    "dissent",
    "camps",
    "leave_one_out",
    "agreement_beyond_chance",
    "p_value_method",
    "chance_w",
    "partial_ballots",
    "camps_p_value",
    "statements",
)
# The report prints this note beside the readiness results too; each place translates it as it shows it.
WITHHELD_NOTE = "Results of teams with fewer than 3 answers are withheld to protect who said what."


@dataclass(frozen=True)
class WorkshopFindings:
    """Everything the workshop found, ready for the screen, the PDF and `analyze`; private data left out.

    Results of unrevealed rounds are absent (None), readiness of groups below the privacy threshold
    is withheld, and voters are labelled according to the workshop's anonymity level.
    """

    record: WorkshopRecord
    ranking_round: str | None
    ranking: RankingAnalysis | None
    points_round: str | None
    points: PointsResult | None
    impact_round: str | None
    impact_effort: ImpactEffortResult | None
    survey_round: str | None
    readiness: tuple[GroupScore, ...]
    gaps: tuple[PerceptionGap, ...]
    changes: tuple[ReadinessChange, ...]
    candidates: tuple[Candidate, ...]
    placements: tuple[OpportunityPlacement, ...]
    notes: tuple[str, ...]
    adkar_round: str | None = None
    adkar: tuple[AdkarTeam, ...] = ()
    capacity: tuple[CapacityLine, ...] = ()
    oversight: tuple[OversightCheck, ...] = ()
    trend: ReadinessTrend | None = None
    agenda: Agenda | None = None  # the timed agenda, when the workshop has one


def gather_findings(
    session: Session, *, round_name: str | None = None, dissent_threshold: float | None = None
) -> WorkshopFindings:
    """Gives the findings of the workshop, with the named ranking round or the latest revealed one."""
    notes: list[str] = []
    ranking_round, ranking = _ranking(session, round_name, dissent_threshold, notes)
    points_round, points = _points(session)
    impact_round, impact = _impact_effort(session)
    rounds = gather.survey_round_names(session)
    answers = [SurveyAnswer(*answer) for answer in gather.survey_answers(session)]
    latest = [a for a in answers if rounds and a.survey_round == rounds[-1]]
    scores_by_round = group_scores(answers)
    scores = tuple(s for s in scores_by_round if rounds and s.survey_round == rounds[-1])
    if not latest:
        notes.append(tr("No readiness answers yet."))
    elif any(score.withheld for score in scores):
        notes.append(tr(WITHHELD_NOTE))
    tasks = [AuditTask(*task) for task in gather.audit_tasks(session)]
    adkar_rounds = gather.survey_round_names(session, e.SurveyTemplate.ADKAR)
    adkar_round, adkar = latest_adkar(adkar_rounds, gather.survey_answers(session, e.SurveyTemplate.ADKAR))
    owners = gather.opportunity_owners(session)
    placements: tuple[OpportunityPlacement, ...] = ()
    if ranking is not None and ranking.concordance.w is not None:
        means = dict(zip(ranking.items, ranking.consensus.mean_ranks, strict=True))
        placements = priority_by_readiness(
            [StrategyOpportunity(item, owners.get(item), means[item]) for item in ranking.items],
            team_readiness(scores),
            flagged_teams=gather.seriously_flagged_teams(session),
        )
    record = workshop_record(session)
    return WorkshopFindings(
        record=record,
        ranking_round=ranking_round,
        ranking=ranking,
        points_round=points_round,
        points=points,
        impact_round=impact_round,
        impact_effort=impact,
        survey_round=rounds[-1] if latest else None,
        readiness=scores,
        gaps=perception_gaps(latest),
        changes=readiness_changes(answers, rounds),
        candidates=ranked_candidates(tasks),
        placements=placements,
        notes=tuple(notes),
        adkar_round=adkar_round,
        adkar=adkar,
        capacity=capacity_ledger(tasks, *gather.capacity_hours(session)),
        oversight=oversight_checks(record, scores, ranking, ranking_round),
        trend=readiness_trend(answers, rounds),
        agenda=_agenda(session),
    )


def _agenda(session: Session) -> Agenda | None:
    """Gives the timed agenda, or None when the workshop has none."""
    found = read_agenda(session)
    return found if found.lines else None


def findings_for_report(session: Session, *, round_name: str | None = None) -> WorkshopFindings:
    """Gives the findings the strategy PDF describes: with the named ranking round, else the latest revealed.

    A named round not revealed yet is refused: its results stay private, and a report without them would
    not be the report asked for."""
    found = gather_findings(session, round_name=round_name)
    if round_name is not None and found.ranking is None:
        raise InputError(
            "--round",
            tr("the round {name!r} is not revealed yet; reveal it first (Room > Reveal a Round).").format(
                name=round_name
            ),
        )
    return found


def analyze(
    session: Session, *, round_name: str | None = None, dissent_threshold: float | None = None
) -> dict[str, Any]:
    """Gives the findings of a ranking round (the latest revealed one by default) and of readiness."""
    found = gather_findings(session, round_name=round_name, dissent_threshold=dissent_threshold)
    notes = list(found.notes)
    result: dict[str, Any] = dict.fromkeys(RANKING_KEYS)
    result["round"] = found.ranking_round
    if found.ranking is not None:
        result.update(_ranking_numbers(found.ranking, notes))
    result.update(_readiness_numbers(found))
    result["points"] = _points_numbers(found)
    result["impact_effort"] = _impact_effort_numbers(found)
    result["adkar"] = adkar_numbers(found.adkar_round, found.adkar)
    result["readiness_changes"] = change_rows(found.changes)
    result["oversight"] = oversight_numbers(found.oversight)
    result["capacity"] = capacity_numbers(found.capacity)
    result["notes"] = notes
    return result


def _ranking(
    session: Session, name: str | None, threshold: float | None, notes: list[str]
) -> tuple[str | None, RankingAnalysis | None]:
    ballot_round = gather.chosen_round(session, name, e.BallotMethod.RANKING)
    if ballot_round is None and name is not None:
        raise InputError("--round", tr("there is no ballot round named {name!r}.").format(name=name))
    if ballot_round is None:
        notes.append(tr("No ranking round has been revealed yet."))
        return None, None
    if ballot_round.method is not e.BallotMethod.RANKING:
        raise InputError(
            "--round",
            tr("{name!r} is not a ranking round (its method is {method}).").format(
                name=name, method=word(ballot_round.method.value)
            ),
        )
    data = gather.round_ballots(session, ballot_round)
    if not data.revealed:
        notes.append(
            tr(
                "The round {name} is not revealed yet; its results stay private until the facilitator "
                "reveals it."
            ).format(name=repr(data.name))
        )
        return data.name, None
    ballots = [RankingBallot(b.voter, b.ranks) for b in data.ballots]
    return data.name, analyse_ranking(data.items, ballots, dissent_threshold=threshold)


def _points(session: Session, name: str | None = None) -> tuple[str | None, PointsResult | None]:
    """Gives the named (else the latest) revealed 100-point round's result; None when unrevealed."""
    ballot_round = gather.chosen_round(session, name, e.BallotMethod.POINTS)
    if ballot_round is None or ballot_round.method is not e.BallotMethod.POINTS:
        return None, None
    data = gather.round_ballots(session, ballot_round)
    if not data.revealed:
        return None, None
    result = points_result(data.items, [PointsBallot(b.voter, b.points) for b in data.ballots])
    return data.name, points_shown(result)


def _impact_effort(session: Session, name: str | None = None) -> tuple[str | None, ImpactEffortResult | None]:
    """Gives the named (else the latest) revealed impact-effort round's result; None when unrevealed."""
    ballot_round = gather.chosen_round(session, name, e.BallotMethod.IMPACT_EFFORT)
    if ballot_round is None or ballot_round.method is not e.BallotMethod.IMPACT_EFFORT:
        return None, None
    data = gather.round_ballots(session, ballot_round)
    if not data.revealed:
        return None, None
    ballots = [
        ImpactEffortBallot(
            b.voter, {item: ImpactEffort(b.impact.get(item), b.effort.get(item)) for item in data.items}
        )
        for b in data.ballots
    ]
    return data.name, impact_effort_shown(data.items, ballots)


def findings_of_round(session: Session, round_name: str) -> WorkshopFindings:
    """Gives the findings with the named revealed round's results, whatever its method.

    A ranking round is analysed as `gather_findings` does; a 100-point or impact-effort round takes the
    place of the latest revealed one of its method. An unrevealed round's results stay absent.
    """
    ballot_round = gather.chosen_round(session, round_name, e.BallotMethod.RANKING)
    if ballot_round is None or ballot_round.method is e.BallotMethod.RANKING:
        return gather_findings(session, round_name=round_name)
    found = gather_findings(session)
    if ballot_round.method is e.BallotMethod.POINTS:
        points_round, points = _points(session, round_name)
        return replace(found, points_round=points_round, points=points)
    impact_round, impact = _impact_effort(session, round_name)
    return replace(found, impact_round=impact_round, impact_effort=impact)


def _ranking_numbers(result: RankingAnalysis, notes: list[str]) -> dict[str, Any]:
    concordance = result.concordance
    if concordance.w is None:
        notes.append(concordance.reason)
    notes.extend(concordance.notes)
    enough = concordance.w is not None
    return {
        "ballots": result.ballots,
        "items": len(result.items),
        "complete_ballots": result.complete_ballots,
        "kendalls_w": concordance.w,
        "agreement": concordance_in_words(concordance),
        "agreement_beyond_chance": concordance.beyond_chance,
        "p_value_method": concordance.p_method or None,
        "chance_w": concordance.chance_w,
        "partial_ballots": result.ballots - result.complete_ballots,
        "chi_square": concordance.chi_square,
        "df": concordance.df,
        "p_value": concordance.p_value,
        "consensus_borda": [list(tier) for tier in result.consensus.borda] if enough else None,
        "consensus_schulze": [list(tier) for tier in result.consensus.schulze] if enough else None,
        "methods_disagree_on": [d.item for d in result.consensus.disagreements] if enough else None,
        "dissent": [
            {
                "item": s.item,
                "mean_rank": s.mean_rank,
                "sd": s.sd,
                "iqr": s.iqr,
                "normalized_sd": s.spread,
                "flagged": s.dissent,
                "polarised": s.polarised,
                "kind": s.kind or None,
                "chance_spread": s.chance_spread,
            }
            for s in result.spreads
        ]
        if enough
        else None,
        "camps": [list(camp.voters) for camp in result.agreement.camps] if enough else None,
        "camps_p_value": result.agreement.camp_p if enough else None,
        "leave_one_out": {entry.voter: entry.w_without for entry in result.leave_one_out} if enough else None,
        "statements": [plain(line) for line in statement_lines(result)] if enough else None,
    }


def statement_lines(ranking: RankingAnalysis) -> list[str]:
    """Gives the round's findings as the summary, the Alignment page and the reveal state them."""
    said = ranking_headlines(ranking)
    return [line for line in (said.agreement, said.partial, said.top_methods) if line] + [
        *said.divides,
        *said.camps,
    ]


def _points_numbers(found: WorkshopFindings) -> dict[str, Any] | None:
    """Gives the latest revealed 100-point round as plain numbers; a head-count, never who was off budget."""
    if found.points is None:
        return None
    return {
        "round": found.points_round,
        "ballots": found.points.ballots,
        "off_budget_voters": len(found.points.off_budget_voters),
        "items": [{"item": p.item, "mean": p.mean, "sd": p.sd, "share": p.share} for p in found.points.items],
    }


def _impact_effort_numbers(found: WorkshopFindings) -> dict[str, Any] | None:
    """Gives the latest revealed impact-effort round as plain numbers, with the cut between its quadrants."""
    result = found.impact_effort
    if result is None:
        return None
    return {
        "round": found.impact_round,
        "ballots": result.ballots,
        "cut": result.cut,
        "items": [
            {
                "item": r.item,
                "impact_mean": r.impact_mean,
                "impact_sd": r.impact_sd,
                "impact_n": r.impact_n,
                "effort_mean": r.effort_mean,
                "effort_sd": r.effort_sd,
                "effort_n": r.effort_n,
                "quadrant": None if r.quadrant is None else r.quadrant.value,
            }
            for r in result.items
        ],
    }


def _readiness_numbers(found: WorkshopFindings) -> dict[str, Any]:
    if found.survey_round is None:
        return {"readiness": None, "perception_gap": None}
    return {
        "survey_round": found.survey_round,
        "readiness": [
            {
                "team": s.team,
                "dimension": s.dimension,
                "withheld": s.withheld,
                "n": s.n,
                "mean": s.mean,
                "sd": s.sd,
                "agreement_rwg": s.rwg,
            }
            for s in found.readiness
        ],
        "perception_gap": [
            {
                "team": g.team,
                "dimension": g.dimension,
                "withheld": g.withheld,
                "managers_n": g.managers_n,
                "team_n": g.team_n,
                "gap": g.gap,
                "ci_low": g.ci_low,
                "ci_high": g.ci_high,
                "clear": g.clear,
            }
            for g in found.gaps
        ],
    }


def summary_lines(found: dict[str, Any]) -> list[str]:
    """Gives a short readable summary of `analyze`'s findings, for the terminal."""
    lines: list[str] = []
    if found["kendalls_w"] is not None:
        lines += [
            f"Round {found['round']!r}: {found['ballots']} ballots over {found['items']} items "
            f"({found['complete_ballots']} complete)",
            found["statements"][0],  # how far the order below is the room's comes before the order
            "Consensus (Borda):   " + _tiers(found["consensus_borda"]),
            "Consensus (Schulze): " + _tiers(found["consensus_schulze"]),
            *found["statements"][1:],
        ]
    clear_gaps = [g for g in found.get("perception_gap") or [] if g["clear"]]
    for gap in clear_gaps:
        estimate = rounded(gap["gap"], signed=True)
        lines.append(
            f"Perception gap: {gap['team']}, {gap['dimension']}: managers' estimate {estimate} "
            f"against the team's own view"
        )
    lines += clear_change_lines(found.get("readiness_changes") or [])
    lines += adkar_lines(found.get("adkar"))
    lines += [f"Note: {note}" for note in found["notes"]]
    return lines


def _tiers(tiers: list[list[str]]) -> str:
    return "  ".join(f"{place}. {item}" for place, item in place_rows(tuple(tuple(t) for t in tiers)))


@dataclass(frozen=True)
class OwnerChoice:
    """A participant offered as an owner, with only their reading (champion, neutral, skeptic, unknown):
    their readiness answers never leave this module."""

    name: str
    stance: str


OWNER_ORDER = {"champion": 0, "neutral": 1, "unknown": 1, "skeptic": 2}


def owner_choices(session: Session) -> tuple[OwnerChoice, ...]:
    """Gives the participants as owners to choose from: champions first, then the others, skeptics last
    (by name within each), so the people most likely to carry a workflow are at hand.

    The reading follows `champions_and_skeptics`: a recorded stance stands; an unknown one is read from
    the person's own attitude and confidence answers in the latest survey round (mean >= 4 champion,
    <= 2 skeptic) – only in a workshop whose participants agreed to be named, as the mark would
    otherwise tell what an anonymous person answered."""
    people = session.execute(select(e.Participant.name, e.Participant.stance)).all()
    stances = {name: stance.value for name, stance in people}
    rounds = gather.survey_round_names(session)
    named = gather.anonymity(session) is e.Anonymity.NAMED
    answers = [SurveyAnswer(*answer) for answer in gather.survey_answers(session)] if named else []
    latest = [a for a in answers if rounds and a.survey_round == rounds[-1]]
    readings = champions_and_skeptics(stances, latest)
    choices = [OwnerChoice(r.participant, r.stance) for r in readings if r.participant in stances]
    return tuple(sorted(choices, key=lambda c: (OWNER_ORDER[c.stance], c.name.casefold())))
