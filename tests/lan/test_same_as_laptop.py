"""A round voted from phones, from the laptop, or from both at once gives the same findings as the same
ballots imported from a CSV file; a voter on the laptop and a phone at the same moment ends with one
ballot."""

from __future__ import annotations

import csv
import random
import threading
import time
from pathlib import Path

import pytest
from phone_room import Phone, build_room, serving
from sqlalchemy import func, select, update

from workshop.findings import analyze
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.importing import import_ballots
from workshop.model.store import create_workshop

ROUND = "Priorities"


def named_room(path: Path):
    store = create_workshop(path, title="Room", organisation="Acme")
    with store.transaction() as s:  # labels by name, so two files' findings can be compared line by line
        s.execute(update(e.Workshop).values(anonymity=e.Anonymity.NAMED))
    return build_room(store, teams=3, per_team=4, items=6)


def rankings(room, seed: int) -> dict[int, list[int]]:
    """Gives each manager's order, best first: two camps that disagree, and noise around them."""
    chance = random.Random(seed)
    ballots_ = {}
    for place, manager in enumerate(room.managers):
        order = list(room.items) if place % 2 else list(reversed(room.items))
        i, j = chance.sample(range(len(order)), 2)
        order[i], order[j] = order[j], order[i]
        ballots_[manager] = order
    return ballots_


def cast_on_laptop(room, round_id: int, voter: int, order: list[int]) -> None:
    """What ballot mode stores when the voter casts: one transaction through the model."""
    with room.store.transaction() as s:
        ranks = {item: place for place, item in enumerate(order, 1)}
        ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)


def findings_from_csv(tmp_path: Path, room, orders: dict[int, list[int]]) -> dict:
    other = named_room(tmp_path / "from-csv.workshop")
    with room.store.reading() as s:
        names = dict(s.execute(select(e.Participant.id, e.Participant.name)).all())
        titles = dict(s.execute(select(e.Opportunity.id, e.Opportunity.title)).all())
    path = tmp_path / "ballots.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["participant", "item", "rank"])
        for voter, order in orders.items():
            writer.writerows([names[voter], titles[item], place] for place, item in enumerate(order, 1))
    with other.store.transaction() as s:
        import_ballots(s, path, round_name=ROUND)
    with other.store.reading() as s:
        found = analyze(s, round_name=ROUND)
    other.store.close()
    return found


def revealed_findings(room, round_id: int) -> dict:
    with room.store.transaction() as s:
        ballots.reveal_round(s, round_id=round_id)
    with room.store.reading() as s:
        return analyze(s, round_name=ROUND)


@pytest.mark.parametrize("where", ["phones", "laptop", "both"])
def test_the_findings_are_those_of_the_same_ballots_from_csv(tmp_path, phones, where):
    room = named_room(tmp_path / "room.workshop")
    orders = rankings(room, seed=len(where))
    with room.store.transaction() as s:
        round_id = ballots.start_round(s, name=ROUND, allow_ties=True)  # as a CSV import's round
    with serving(room.store, round_id) as server:
        for place, (voter, order) in enumerate(orders.items()):
            on_phone = where == "phones" or (where == "both" and place % 2 == 0)
            if on_phone:
                phone = Phone(server.url)
                phones.append(phone)
                assert phone.vote_ranking(voter, order).status_code == 200
            else:
                cast_on_laptop(room, round_id, voter, order)
        # Ballots from the laptop reach the server's count at its next look at the file, within a second.
        deadline = time.monotonic() + 10
        while server.progress().voted < len(orders) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.progress().voted == len(orders)
    from_room = revealed_findings(room, round_id)
    assert from_room["ballots"] == len(orders) and from_room["kendalls_w"] is not None
    assert from_room == findings_from_csv(tmp_path, room, orders)
    room.store.close()


def test_a_voter_on_the_laptop_and_a_phone_at_once_ends_with_one_ballot(room, phones):
    round_id = room.start_round()
    voter = room.managers[0]
    with serving(room.store, round_id) as server:
        phone = Phone(server.url)
        phones.append(phone)
        phone.open_page()
        for attempt in range(8):
            form = phone.sheet(voter)["form"]
            order = room.items if attempt % 2 else list(reversed(room.items))
            start = threading.Barrier(2)
            replies = []

            def from_phone(form=form, order=order, start=start, replies=replies):
                start.wait()
                replies.append(phone.cast(form, "ranks", {item: p for p, item in enumerate(order, 1)}))

            thread = threading.Thread(target=from_phone)
            thread.start()
            start.wait()
            cast_on_laptop(room, round_id, voter, list(reversed(order)))
            thread.join()
            assert replies[0].status_code == 200, replies[0].text
            with room.store.reading() as s:
                count = s.scalar(
                    select(func.count()).select_from(e.Ballot).where(e.Ballot.round_id == round_id)
                )
            assert count == 1
        with room.store.reading() as s:
            replaced = s.scalar(select(func.count()).select_from(e.BallotReplacement))
        assert replaced == 2 * 8 - 1  # every ballot after the first replaced the one before
