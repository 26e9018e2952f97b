"""Every kind of bad request a shared network may bring gets a clear status and sentence, and changes
nothing that is stored."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phone_room import Phone, serving

from workshop.lan import forms
from workshop.lan.app import SECURITY_HEADERS
from workshop.model import ballots
from workshop.model import entities as e


@pytest.fixture
def voting(room, phones):
    """Gives (room, server, phone) with one ballot already cast, so a bad request has something to spoil."""
    round_id = room.start_round()
    with serving(room.store, round_id) as server:
        phone = Phone(server.url)
        phones.append(phone)
        phone.open_page()
        assert phone.vote_ranking(room.managers[0], room.items).status_code == 200
        yield room, server, phone


def refused(reply: httpx.Response, status: int) -> str:
    assert reply.status_code == status, reply.text
    sentence = reply.json()["error"]
    assert sentence and sentence[0].isupper() and sentence.endswith("."), sentence
    return sentence


def ranks_of(sheet) -> dict[int, int]:
    return {item["id"]: place for place, item in enumerate(sheet["items"], 1)}


def test_a_wrong_room_code_finds_nothing_and_guessing_is_stopped(voting):
    room, server, _ = voting
    before = room.stored()
    base = f"http://{server.address_line}"
    for attempt in range(10):
        reply = httpx.get(f"{base}/AAAA{attempt:04d}/api/round")
        assert "there is no ballot at this address" in refused(reply, 404).lower()
    # The eleventh guess within the minute waits, even with the right code.
    assert refused(httpx.get(f"{server.url}api/round"), 429)
    assert httpx.get(f"{server.url}api/round").headers["retry-after"]
    assert room.stored() == before


def test_the_room_code_is_taken_as_typed_from_the_screen(voting):
    _, server, _ = voting
    typed = server.room_code.lower()  # "k7qm-x4tr"
    reply = httpx.get(f"http://{server.address_line}/enter", params={"code": typed})
    assert reply.status_code == 303 and reply.headers["location"] == f"/{server.guard.room_code}/"
    wrong = httpx.get(f"http://{server.address_line}/enter", params={"code": "NOPE"})
    assert wrong.status_code == 303 and wrong.headers["location"] == "/?wrong=1"


def test_a_voter_off_the_list_gets_no_ballot(voting):
    room, _, phone = voting
    with room.store.reading() as s:
        employee = s.scalar(ops_employee_id())
    before = room.stored()
    assert "not among the voters" in refused(phone.post("api/sheet", {"voter": employee}), 403)
    assert "not among the voters" in refused(phone.post("api/sheet", {"voter": 999_999}), 403)
    assert room.stored() == before


def ops_employee_id():
    from sqlalchemy import select

    return select(e.Participant.id).where(e.Participant.role == e.Role.EMPLOYEE)


def test_tampered_item_ids_are_refused(voting):
    room, _, phone = voting
    before = room.stored()
    sheet = phone.sheet(room.managers[1])
    ranks = ranks_of(sheet)
    swapped = {**{k: v for k, v in list(ranks.items())[1:]}, 987_654: 1}
    for entries in (swapped, {**ranks, 987_654: len(ranks) + 1}, {"x": 1}, {-3: 1}):
        reply = phone.post(
            "api/ballot", {"form": sheet["form"], "ranks": {str(k): v for k, v in entries.items()}}
        )
        refused(reply, 400)
    # A ranking that leaves an item out, ranks past the end, or ranks 0.
    first = next(iter(ranks))
    for entries in (
        {k: v for k, v in ranks.items() if k != first},
        {**ranks, first: 99},
        {**ranks, first: 0},
    ):
        refused(phone.cast(sheet["form"], "ranks", entries), 400)
    assert room.stored() == before
    # The form was not used up by the refusals: the right ballot still goes in.
    assert phone.cast(sheet["form"], "ranks", ranks).status_code == 200


def test_a_replayed_form_is_refused(voting):
    room, _, phone = voting
    sheet = phone.sheet(room.managers[1])
    assert phone.cast(sheet["form"], "ranks", ranks_of(sheet)).status_code == 200
    before = room.stored()
    reversed_ranks = {item: len(sheet["items"]) + 1 - place for item, place in ranks_of(sheet).items()}
    assert "already cast" in refused(phone.cast(sheet["form"], "ranks", reversed_ranks), 409)
    assert "already cast" in refused(phone.cast("made-up-form", "ranks", reversed_ranks), 409)
    assert room.stored() == before


def test_oversized_and_unreadable_bodies_are_refused(voting):
    room, _, phone = voting
    before = room.stored()
    huge = phone.http.post(
        "api/ballot",
        content=b'{"form": "' + b"x" * (forms.MAX_BODY_BYTES + 10) + b'"}',
        headers={"X-Ballot-Csrf": phone.csrf, "Content-Type": "application/json"},
    )
    assert "too large" in refused(huge, 413)
    for body in (b"[1, 2]", b"{", b'{"form": NaN}', '{"form": "\u00e9"}'.encode("latin-1"), b'"text"'):
        reply = phone.http.post(
            "api/ballot",
            content=body,
            headers={"X-Ballot-Csrf": phone.csrf, "Content-Type": "application/json"},
        )
        refused(reply, 400)
    not_json = phone.http.post("api/ballot", data={"form": "x"}, headers={"X-Ballot-Csrf": phone.csrf})
    refused(not_json, 415)
    assert room.stored() == before


def test_posts_without_the_pages_token_or_from_another_site_are_refused(voting):
    room, _, phone = voting
    before = room.stored()
    sheet = phone.sheet(room.managers[1])
    body = {"form": sheet["form"], "ranks": {str(k): v for k, v in ranks_of(sheet).items()}}
    assert "expired" in refused(phone.http.post("api/ballot", json=body), 403)
    assert "expired" in refused(
        phone.http.post("api/ballot", json=body, headers={"X-Ballot-Csrf": "guess"}), 403
    )
    from_elsewhere = phone.post("api/ballot", body, Origin="http://evil.example")
    assert "another page" in refused(from_elsewhere, 403)
    assert room.stored() == before


def test_a_closed_round_takes_nothing_more(voting):
    room, server, phone = voting
    sheet = phone.sheet(room.managers[1])
    with room.store.transaction() as s:
        ballots.close_round(s, round_id=server.round_id)
    before = room.stored()
    assert "closed" in refused(phone.cast(sheet["form"], "ranks", ranks_of(sheet)), 410)
    assert "closed" in refused(phone.post("api/sheet", {"voter": room.managers[2]}), 410)
    assert phone.http.get("api/status").json() == {"open": False}
    assert room.stored() == before


def test_a_ballot_of_another_kind_is_refused(voting):
    room, _, phone = voting
    before = room.stored()
    sheet = phone.sheet(room.managers[1])
    points = {item["id"]: 20 for item in sheet["items"]}
    refused(phone.cast(sheet["form"], "points", points), 400)
    both = {"form": sheet["form"], "ranks": {}, "points": {}}
    refused(phone.post("api/ballot", both), 400)
    assert room.stored() == before


def test_an_address_that_asks_too_often_waits(voting, monkeypatch):
    room, _, phone = voting
    monkeypatch.setattr("workshop.lan.guard.REQUESTS_PER_WINDOW", 5)
    before = room.stored()
    replies = [phone.http.get("api/status") for _ in range(8)]
    assert replies[-1].status_code == 429 and replies[-1].headers["retry-after"]
    assert "too many requests" in refused(replies[-1], 429).lower()
    assert room.stored() == before


def test_every_reply_carries_the_security_headers(voting):
    _, server, phone = voting
    for reply in (
        phone.http.get(""),
        phone.http.get("api/round"),
        phone.http.get("api/nothing"),
        httpx.get(f"http://{server.address_line}/"),
        httpx.get(f"http://{server.address_line}/WRONGROOM/"),
        phone.http.post("api/ballot", json={}),
    ):
        for name, value in SECURITY_HEADERS.items():
            assert reply.headers.get(name) == value, (reply.url, name)
        assert "server" not in reply.headers


def test_a_wrong_voter_code_is_refused_and_repeated_guesses_wait(room, phones):
    round_id = room.start_round(uses_codes=True)
    with serving(room.store, round_id) as server:
        phone = Phone(server.url)
        phones.append(phone)
        assert phone.open_page()["uses_codes"] is True
        voter = room.managers[0]
        assert "not right" in refused(phone.post("api/sheet", {"voter": voter}), 403)
        for _ in range(2):
            refused(phone.post("api/sheet", {"voter": voter, "code": "WRONG1"}), 403)
        assert (
            "too many wrong tries"
            in refused(phone.post("api/sheet", {"voter": voter, "code": "X"}), 429).lower()
        )
        assert room.stored() == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=12,
    )
)
def test_no_malformed_ballot_is_stored(voting, body, monkeypatch):
    monkeypatch.setattr("workshop.lan.guard.REQUESTS_PER_WINDOW", 10_000)  # many examples from one address
    room, _, phone = voting
    sheet = phone.sheet(room.managers[1])
    before = room.stored()
    shaped = {"form": sheet["form"], "ranks": body}
    for sent in (body, shaped):
        reply = phone.post("api/ballot", sent)
        if reply.status_code == 200:  # only a ballot that happens to be whole and right is taken
            assert isinstance(body, dict) and len(body) == len(sheet["items"])
            return
        refused(reply, 400)
    assert room.stored() == before


def test_a_laptop_that_cannot_save_says_so_and_the_form_stays_usable(voting, monkeypatch):
    from workshop.model.errors import DiskFullError

    room, _, phone = voting
    sheet = phone.sheet(room.managers[1])
    before = room.stored()

    def full(*args, **kwargs):
        raise DiskFullError(room.store.path, "the disk is full; nothing of this ballot was saved.")

    with monkeypatch.context() as patched:
        patched.setattr(room.store, "transaction", full)
        patched.setattr("workshop.lan.app.time.sleep", lambda seconds: None)
        said = refused(phone.cast(sheet["form"], "ranks", ranks_of(sheet)), 503)
    assert "disk is full" in said and room.stored() == before
    assert phone.cast(sheet["form"], "ranks", ranks_of(sheet)).status_code == 200  # once there is room
