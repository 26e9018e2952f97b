"""The server listens only where the facilitator chose, refuses a public address unless confirmed, and
stops when the round closes; the QR code holds the address shown."""

from __future__ import annotations

import threading

import httpx
import pytest
import segno
from phone_room import Phone, serves_room, serving

from workshop.lan import networks as nets
from workshop.lan.guard import Guard, typed_room_code
from workshop.lan.qr import qr_matrix, qr_terminal
from workshop.lan.serving import PhoneVoting, PublicAddressError
from workshop.model import ballots
from workshop.model.errors import WorkshopError


def test_networks_are_named_and_ordered_for_choosing():
    found = nets.networks()
    assert found and found[-1].loopback  # every machine has loopback, offered last
    assert all(not n.address.startswith("169.254.") for n in found)
    assert nets.Network("wlan0", "192.168.4.23").label == "wlan0 — 192.168.4.23"
    assert nets.Network("eth0", "203.0.113.0").public is False  # documentation range: not routed
    assert nets.Network("eth0", "8.8.4.4").public is True
    assert "public address" in nets.Network("eth0", "8.8.4.4").label
    assert "This laptop only" in nets.Network("lo", "127.0.0.1").label


def test_the_room_network_comes_before_virtual_ones(monkeypatch):
    class Adapter:
        def __init__(self, name, address):
            self.nice_name, self.ips = name, [type("IP", (), {"ip": address})()]

    found = [
        Adapter("docker0", "172.17.0.1"),
        Adapter("virbr0", "192.168.122.1"),
        Adapter("lo", "127.0.0.1"),
        Adapter("eth0", "10.20.0.7"),
        Adapter("wlp2s0", "192.168.1.34"),
        Adapter("tun0", "10.8.0.2"),
        Adapter("enp0s31f6", "8.8.4.4"),
        Adapter("wlp2s0", "169.254.3.3"),
    ]
    monkeypatch.setattr(nets.ifaddr, "get_adapters", lambda: found)
    assert [n.name for n in nets.networks()] == [
        "wlp2s0",
        "eth0",
        "virbr0",
        "docker0",
        "tun0",
        "enp0s31f6",
        "lo",
    ]


@pytest.mark.parametrize("address", ["0.0.0.0", "10.99.99.99", "not an address", "::1"])
def test_the_server_binds_only_to_an_address_of_this_laptop(room, address):
    round_id = room.start_round()
    with pytest.raises(WorkshopError) as refused:
        PhoneVoting(room.store, round_id, address=address).start()
    assert address.split()[0] in str(refused.value) or "IPv4" in str(refused.value)


def test_a_public_address_needs_the_facilitators_confirmation(room, monkeypatch):
    public = nets.Network("lo", "127.0.0.1")
    monkeypatch.setattr(nets.Network, "public", property(lambda self: True))
    monkeypatch.setattr(nets, "networks", lambda: (public,))
    round_id = room.start_round()
    with pytest.raises(PublicAddressError, match="reached from the internet"):
        PhoneVoting(room.store, round_id, address="127.0.0.1").start()
    confirmed = PhoneVoting(room.store, round_id, address="127.0.0.1", allow_public=True)
    confirmed.start()
    try:
        assert httpx.get(confirmed.url).status_code == 200
    finally:
        confirmed.stop()


def test_a_round_that_takes_no_ballots_is_not_served(room):
    round_id = room.start_round()
    with room.store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    with pytest.raises(WorkshopError, match="does not take ballots"):
        PhoneVoting(room.store, round_id, address="127.0.0.1").start()


def test_closing_the_round_stops_the_server_and_says_why(room):
    round_id = room.start_round()
    said: list[str] = []
    stopped = threading.Event()
    server = PhoneVoting(
        room.store, round_id, address="127.0.0.1", on_stop=lambda why: (said.append(why), stopped.set())
    )
    server.start()
    assert httpx.get(server.url).status_code == 200
    with room.store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    assert stopped.wait(10)
    server.stop()
    assert "closed" in said[0]
    assert not serves_room(server.url)


def test_two_rooms_at_once_get_different_ports_and_codes(room):
    first_round = room.start_round(name="One")
    second_round = room.start_round(name="Two")
    with serving(room.store, first_round) as one, serving(room.store, second_round) as two:
        assert one.address_line != two.address_line and one.room_code != two.room_code
        assert httpx.get(f"http://{one.address_line}/{two.guard.room_code}/").status_code == 404


def test_ballots_are_told_as_they_arrive(room, phones):
    round_id = room.start_round()
    told = []
    with serving(room.store, round_id, on_ballot=lambda: told.append(1)) as server:
        assert server.progress().sentence == "0 of 6 have voted"
        phone = Phone(server.url)
        phones.append(phone)
        phone.vote_ranking(room.managers[0], room.items)
        assert told == [1] and server.progress().sentence == "1 of 6 have voted"


def test_the_qr_code_holds_the_address_shown():
    url = "http://192.168.4.23:8421/K7QMX4TR/"
    matrix = qr_matrix(url)
    assert len(matrix) == len(matrix[0]) == 25  # version 2: large modules, read from the back of a room
    expected = segno.make_qr(url.upper(), error="m", boost_error=False).matrix
    assert matrix == tuple(tuple(bool(m) for m in row) for row in expected)
    assert len(qr_terminal(url).splitlines()) >= 25 // 2


def test_room_codes_are_read_as_typed():
    guard = Guard("K7QMX4TR")
    for typed in ("k7qm-x4tr", " K7QM X4TR ", "K7QMX4TR"):
        assert guard.room_matches(typed)
    assert not guard.room_matches("K7QMX4T")
    assert typed_room_code("k7qm–x4tr") == "K7QMX4TR"


def test_limits_forget_after_a_minute_and_forms_are_used_once():
    now = [0.0]
    guard = Guard("K7QMX4TR", clock=lambda: now[0])
    assert all(guard.admit("10.0.0.5") for _ in range(guard_limit()))
    assert not guard.admit("10.0.0.5") and guard.admit("10.0.0.6")  # another phone is not held up
    now[0] += 61
    assert guard.admit("10.0.0.5")
    form = guard.new_form(voter_id=3)
    assert guard.form(form).voter_id == 3
    assert guard.use_form(form) and not guard.use_form(form) and guard.form(form) is None
    csrf = guard.new_csrf()
    assert guard.csrf_known(csrf) and not guard.csrf_known("") and not guard.csrf_known(csrf + "x")


def guard_limit() -> int:
    from workshop.lan import guard

    return guard.REQUESTS_PER_WINDOW


def test_after_the_round_closes_phones_still_on_the_page_hear_so(room, phones):
    round_id = room.start_round()
    with serving(room.store, round_id) as server:
        phone = Phone(server.url)
        phones.append(phone)
        phone.open_page()
        form = phone.sheet(room.managers[0])["form"]
        with room.store.transaction() as s:
            ballots.close_round(s, round_id=round_id)
        server.stop(grace=30)
        room.store.close()  # nothing of the winding-down server touches the file any more
        assert phone.http.get("").status_code == 410  # the page still loads, and says voting closed
        for reply in (
            phone.http.get("api/round"),
            phone.post("api/sheet", {"voter": room.managers[1]}),
            phone.cast(form, "ranks", {item: place for place, item in enumerate(room.items, 1)}),
        ):
            assert reply.status_code == 410 and "closed" in reply.json()["error"]
        assert phone.http.get("api/status").json() == {"open": False}
