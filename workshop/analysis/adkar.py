"""ADKAR per team: the mean of each element, where people's barrier points fall, and whether they gather.

A person's barrier point (Prosci) is the first element, in the order Awareness, Desire, Knowledge,
Ability, Reinforcement, scored 3 or below. A skipped answer is not a score: it is passed over, so the
barrier is the first *answered* element at 3 or below, and a person whose answered elements are all above
3 has "no barrier found among the answered elements" (a skip may hide a low score; we do not guess it).
A person counts among a team's people when they answered at least one element of the round.

Privacy: a team with fewer than `MIN_GROUP` people answering is withheld whole – no means, no counts, no
barrier. In a team of at least `MIN_GROUP`, the counts per element are shown (a count of one among three or
more people does not say who), and an element's mean is given only when at least `MIN_GROUP` people scored
it, else None.

Against chance: "the barrier concentrates at Knowledge" is said only when more people stop there than a
room without that structure gives. The null keeps each person's own answers (their scores and skips) and
deals them to the five elements at random – so a random room, where early elements catch most people by
construction, is judged against itself. The statistic is the largest standardised excess over the
elements, max_j (count_j - chance_j) / sqrt(chance_j), and its Monte Carlo p-value comes from the same
maximum over random rooms (a max-statistic test, so naming the element after looking is paid for).
The team's barrier is the element holding the most barrier points (the earlier one on a tie), named only
when it is also the element of that largest excess and p <= `LEVEL`; otherwise the barrier points are
called spread.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from workshop.privacy import MIN_GROUP
from workshop.rounding import rounded
from workshop.wording import fixed, plural, tr, word

from .chance import LEVEL
from .readiness import SurveyAnswer

ELEMENTS: tuple[str, ...] = (
    fixed("Awareness"),
    fixed("Desire"),
    fixed("Knowledge"),
    fixed("Ability"),
    fixed("Reinforcement"),
)
BARRIER_AT_MOST = 3  # Prosci: an element scored 3 or below on 1-5 is where the change stalls
DRAWS = 1999  # random rooms per team; the p-value's own error near 0.05 is then about 0.005


@dataclass(frozen=True)
class AdkarTeam:
    """A team's ADKAR results in one round, or withheld (no numbers) when fewer than 3 people answered.

    `means`: (element, mean) in ADKAR order, the mean None when fewer than 3 people scored it.
    `barrier_people`: (element, how many people have their barrier point there), in ADKAR order.
    `barrier`: the element where the barrier points gather beyond chance, None when they are spread.
    `chance_count`: how many people chance alone puts at that element; `p_value` of the concentration.
    """

    team: str
    survey_round: str
    withheld: bool
    people: int
    means: tuple[tuple[str, float | None], ...] = ()
    barrier: str | None = None
    barrier_people: tuple[tuple[str, int], ...] = ()
    no_barrier: int = 0
    chance_count: float | None = None
    p_value: float | None = None

    @property
    def stopped(self) -> int:
        """Gives how many people have a barrier point at all."""
        return sum(count for _, count in self.barrier_people)

    @property
    def most_at(self) -> str:
        """Gives the element holding the most barrier points (the earlier one on a tie)."""
        counts = [count for _, count in self.barrier_people]
        return self.barrier_people[counts.index(max(counts))][0]

    def at(self, element: str) -> int:
        """Gives how many people have their barrier point at the element."""
        return dict(self.barrier_people).get(element, 0)


def barrier_point(scores: Sequence[int | None]) -> str | None:
    """Gives the person's barrier point: the first answered element (in ADKAR order) scored 3 or below,
    None when no answered element is."""
    for element, score in zip(ELEMENTS, scores, strict=True):
        if score is not None and score <= BARRIER_AT_MOST:
            return element
    return None


def latest_adkar(
    rounds: Sequence[str], answers: Iterable[tuple[Any, ...]]
) -> tuple[str | None, tuple[AdkarTeam, ...]]:
    """Gives the latest ADKAR round that has answers and its teams' results; (None, ()) without any.

    `rounds` are the ADKAR rounds in the order held, `answers` rows of `SurveyAnswer`'s fields."""
    rows = [SurveyAnswer(*answer) for answer in answers]
    held = {a.survey_round for a in rows if not a.is_team_estimate}
    answered = [r for r in rounds if r in held]
    if not answered:
        return None, ()
    latest = answered[-1]
    return latest, adkar_teams(a for a in rows if a.survey_round == latest)


def adkar_teams(answers: Iterable[SurveyAnswer]) -> tuple[AdkarTeam, ...]:
    """Gives each team's ADKAR results per round, sorted by round then team (see the module's notes)."""
    people: dict[tuple[str, str], dict[str, list[int | None]]] = defaultdict(dict)
    for a in answers:
        if a.is_team_estimate or a.dimension not in ELEMENTS:
            continue
        scores = people[(a.survey_round, a.team)].setdefault(a.participant, [None] * len(ELEMENTS))
        scores[ELEMENTS.index(a.dimension)] = a.score
    return tuple(
        _team(team, survey_round, list(by_person.values()))
        for (survey_round, team), by_person in sorted(people.items())
    )


def _team(team: str, survey_round: str, people: list[list[int | None]]) -> AdkarTeam:
    answering = [p for p in people if any(score is not None for score in p)]
    if len(answering) < MIN_GROUP:
        return AdkarTeam(team, survey_round, True, len(answering))
    matrix = np.array([[np.nan if s is None else s for s in p] for p in answering], dtype=float)
    counts = _barrier_counts(matrix[None])[0]
    barrier, chance, p = _concentration(matrix, counts)
    return AdkarTeam(
        team,
        survey_round,
        False,
        len(answering),
        means=tuple(zip(ELEMENTS, _means(matrix), strict=True)),
        barrier=barrier,
        barrier_people=tuple((element, int(c)) for element, c in zip(ELEMENTS, counts, strict=True)),
        no_barrier=len(answering) - int(counts.sum()),
        chance_count=chance,
        p_value=p,
    )


def _means(matrix: np.ndarray) -> list[float | None]:
    scored = (~np.isnan(matrix)).sum(axis=0)
    return [float(np.nanmean(matrix[:, j])) if scored[j] >= MIN_GROUP else None for j in range(len(ELEMENTS))]


def _barrier_counts(rooms: np.ndarray) -> np.ndarray:
    """Gives (rooms x elements): how many people of each room have their barrier point at each element."""
    low = rooms <= BARRIER_AT_MOST  # a skip (NaN) is never low
    first = low.argmax(axis=2)
    found = low.any(axis=2)
    return np.stack([((first == j) & found).sum(axis=1) for j in range(len(ELEMENTS))], axis=1)


def _concentration(matrix: np.ndarray, counts: np.ndarray) -> tuple[str | None, float | None, float | None]:
    """Gives (barrier element or None, the count chance puts there, the p-value) of the gathering test."""
    if counts.sum() == 0:
        return None, None, None
    rooms = _random_rooms(matrix)
    chance = _barrier_counts(rooms).astype(float)
    expected = chance.mean(axis=0)
    observed_excess = _excess(counts[None].astype(float), expected)[0]
    largest = float(observed_excess.max())
    p = float((1 + np.sum(_excess(chance, expected).max(axis=1) >= largest - 1e-12)) / (1 + DRAWS))
    most = int(np.argmax(counts))  # argmax takes the earliest on a tie, as Prosci's order asks
    gathered = int(np.argmax(observed_excess)) == most and p <= LEVEL
    return (ELEMENTS[most] if gathered else None), float(expected[most]), p


def _excess(counts: np.ndarray, expected: np.ndarray) -> np.ndarray:
    # An element chance never reaches (expected 0) and no one reached either has no excess.
    return (counts - expected) / np.sqrt(np.maximum(expected, 1e-9))


def _random_rooms(matrix: np.ndarray) -> np.ndarray:
    """Gives DRAWS rooms in which each person's own answers are dealt to the five elements at random."""
    # Seeded from the answers in a fixed order of people: one team, one answer, however it is read.
    filled = np.nan_to_num(matrix, nan=0.0)
    rows = filled[np.lexsort(filled.T[::-1])]
    digest = hashlib.sha256(np.ascontiguousarray(rows).tobytes())
    rng = np.random.default_rng(int.from_bytes(digest.digest()[:8], "little"))
    return rng.permuted(np.broadcast_to(matrix, (DRAWS, *matrix.shape)).copy(), axis=2)


# --- in words: the same sentence on the page, in the PDF and in `analyze` --------------------------------


def team_sentence(team: AdkarTeam) -> str:
    """Gives the team's barrier in one sentence, counts only where the team is large enough to show them."""
    if team.withheld:
        return tr(
            "{team}: withheld – fewer than 3 people answered, so their answers could be traced."
        ).format(team=team.team)
    who = tr("{team} ({people})").format(team=team.team, people=plural(team.people, "%n person", "%n people"))
    if team.stopped == 0:
        return tr("{who}: no barrier found – every answered element is above 3.").format(who=who)
    if team.barrier is None:
        most = team.most_at
        return tr(
            "{who}: no clear barrier – most stop at {element} ({count} of {people}), no more than chance "
            "gives when each person's low scores could fall on any element."
        ).format(who=who, element=word(most), count=team.at(most), people=team.people)
    return tr("{who}: barrier at {element} – {count} of {people} stop there (chance gives {chance}).").format(
        who=who,
        element=word(team.barrier),
        count=team.at(team.barrier),
        people=team.people,
        chance=rounded(team.chance_count),
    )


def adkar_numbers(survey_round: str | None, teams: Sequence[AdkarTeam]) -> dict[str, Any] | None:
    """Gives the latest ADKAR round as plain numbers for `analyze --json`; None without an ADKAR round."""
    if survey_round is None:
        return None
    return {
        "round": survey_round,
        "teams": [
            {
                "team": t.team,
                "withheld": t.withheld,
                "people": None if t.withheld else t.people,
                "means": None if t.withheld else dict(t.means),
                "barrier": t.barrier,
                "barrier_people": None if t.withheld else dict(t.barrier_people),
                "no_barrier": None if t.withheld else t.no_barrier,
                "chance_count": t.chance_count,
                "p_value": t.p_value,
                "statement": team_sentence(t),
            }
            for t in teams
        ],
    }


def adkar_lines(numbers: dict[str, Any] | None) -> list[str]:
    """Gives `analyze`'s ADKAR sentences for the terminal, one per team."""
    if not numbers:
        return []
    return [f"ADKAR {numbers['round']!r}: {team['statement']}" for team in numbers["teams"]]


# What a barrier at each element calls for (Prosci's remedies), suggested with a proposed caution flag.
BARRIER_RESPONSES: dict[str, str] = {
    "Awareness": "Explain why the change is needed – the reasons and the risk of standing still – before "
    "asking the team for more.",
    "Desire": "Hear what the team fears to lose; involve it in shaping the pilot and show what is in it "
    "for them.",
    "Knowledge": "Training before rollout: show how the new way of working goes, with time to practise.",
    "Ability": "Coaching on the job and time to practise on real work before the pilot widens.",
    "Reinforcement": "Recognise early successes, and find and fix what pulls people back to the old way.",
}
