"""A room of managers and opportunities, the ballot server on 127.0.0.1, and phones that talk to it as
the phone page does (the same requests, in the same order)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select

from workshop.lan.serving import PhoneVoting
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import WorkshopStore


@dataclass
class Room:
    store: WorkshopStore
    managers: list[int]
    items: list[int]

    def start_round(self, method: e.BallotMethod = e.BallotMethod.RANKING, **kwargs: Any) -> int:
        with self.store.transaction() as s:
            return ballots.start_round(s, name=kwargs.pop("name", "Priorities"), method=method, **kwargs)

    def stored(self) -> list[tuple]:
        """Gives every stored ballot row and entry, and every recorded replacement: what a bad request must
        leave as it was."""
        with self.store.reading() as s:
            rows = [
                tuple(r) for r in s.execute(select(e.Ballot.id, e.Ballot.participant_id, e.Ballot.round_id))
            ]
            rows += [
                tuple(r)
                for r in s.execute(
                    select(
                        e.BallotEntry.ballot_id,
                        e.BallotEntry.opportunity_id,
                        e.BallotEntry.rank,
                        e.BallotEntry.points,
                        e.BallotEntry.impact,
                        e.BallotEntry.effort,
                    )
                )
            ]
            rows += [tuple(r) for r in s.execute(select(e.BallotReplacement.id))]
            return rows


def build_room(store: WorkshopStore, *, teams: int = 2, per_team: int = 3, items: int = 5) -> Room:
    with store.transaction() as s:
        managers = []
        for t in range(teams):
            team = ops.team_named(s, f"Team {t + 1}")
            managers += [
                ops.participant_named(s, f"Manager {t + 1}.{i + 1}", team=team, role=e.Role.MANAGER).id
                for i in range(per_team)
            ]
        ops.participant_named(s, "Employee", team=team, role=e.Role.EMPLOYEE)
        found = [ops.opportunity_titled(s, f"Opportunity {chr(65 + i)}").id for i in range(items)]
    return Room(store, managers, found)


@contextmanager
def serving(store: WorkshopStore, round_id: int, **kwargs: Any) -> Iterator[PhoneVoting]:
    server = PhoneVoting(store, round_id, address="127.0.0.1", **kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def serves_room(url: str) -> bool:
    """Gives whether the room at `url` is still served. Another test's server may take the freed port at
    once (tests run side by side), but never with this room's random code."""
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.ConnectError:
        return False


class Phone:
    """One phone on the room's network: opens the page, picks a name, gets a ballot and casts it."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=10)
        self.csrf = ""

    def open_page(self) -> dict[str, Any]:
        assert self.http.get("").status_code == 200
        facts = self.http.get("api/round").json()
        self.csrf = facts["csrf"]
        return facts

    def post(self, path: str, body: object, **headers: str) -> httpx.Response:
        sent = {"X-Ballot-Csrf": self.csrf, "Content-Type": "application/json", **headers}
        return self.http.post(path, content=json.dumps(body).encode("utf-8"), headers=sent)

    def sheet(self, voter: int, code: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"voter": voter} | ({"code": code} if code is not None else {})
        reply = self.post("api/sheet", body)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def cast(self, form: str, kind: str, entries: dict[int, Any]) -> httpx.Response:
        return self.post("api/ballot", {"form": form, kind: {str(k): v for k, v in entries.items()}})

    def vote_ranking(self, voter: int, order: list[int]) -> httpx.Response:
        """Casts the voter's ranking: `order` best first."""
        if not self.csrf:
            self.open_page()
        form = self.sheet(voter)["form"]
        return self.cast(form, "ranks", {item: place for place, item in enumerate(order, 1)})

    def close(self) -> None:
        self.http.close()
