"""`workshop serve`: phone voting from a terminal prints the address, room code and QR code, a line per
ballot that says how many have voted, stops on Ctrl+C or after the round closes, and refuses to serve
where it must not."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from phone_room import Phone, build_room, serves_room

from workshop.cli import main
from workshop.model import ballots
from workshop.model.store import create_workshop


@pytest.fixture
def room_file(tmp_path):
    path = tmp_path / "room.workshop"
    store = create_workshop(path, title="Room", organisation="Acme")
    room = build_room(store)
    room.start_round(name="Priorities")
    store.close()
    return path, room


def test_serving_from_a_terminal_counts_ballots_and_stops_on_ctrl_c(room_file, phones):
    path, room = room_file
    command = [sys.executable, "-m", "workshop", "serve", str(path), "--bind", "127.0.0.1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/[A-Z0-9]{8}/", first).group(0)
        assert "Priorities" in first
        lines = []
        while (line := process.stdout.readline()) and "have voted" not in line:
            lines.append(line)
        assert line == "0 of 6 have voted\n"
        assert any("▀" in line or "█" in line for line in lines)  # the QR code, drawn in blocks
        assert any("type the room code" in line for line in lines)
        phone = Phone(url)
        phones.append(phone)
        assert phone.vote_ranking(room.managers[0], room.items).status_code == 200
        while (line := process.stdout.readline()) and "have voted" not in line:
            pass
        assert line == "1 of 6 have voted\n"
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Phone voting stopped" in out and "Traceback" not in err


def test_serving_where_it_must_not_is_refused_in_one_line(room_file, capsys):
    path, _ = room_file
    assert main(["serve", str(path), "--bind", "0.0.0.0"]) == 2
    said = capsys.readouterr().err
    assert "no network with the address 0.0.0.0" in said and said.count("\n") == 1
    assert main(["serve", str(path), "--bind", "127.0.0.1:99999"]) == 2
    assert "not a port" in capsys.readouterr().err
    assert main(["serve", str(path), "--bind", "127.0.0.1", "--round", "Nope"]) == 2
    assert "no ballot round named 'Nope'" in capsys.readouterr().err


def test_with_no_open_round_it_says_how_to_open_one(tmp_path, capsys):
    path = tmp_path / "room.workshop"
    store = create_workshop(path, title="Room", organisation="Acme")
    room = build_room(store)
    round_id = room.start_round()
    with store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    store.close()
    assert main(["serve", str(path), "--bind", "127.0.0.1"]) == 2
    assert "no round is open for voting" in capsys.readouterr().err


def test_when_the_round_closes_phones_are_told_for_a_while_then_serving_ends(room, monkeypatch):
    from workshop.lan import serving
    from workshop.lan.console import serve

    monkeypatch.setattr(serving, "WATCH_SECONDS", 0.1)
    monkeypatch.setattr(serving, "CLOSED_GRACE_SECONDS", 2.0)
    round_id = room.start_round()
    said: list[str] = []
    where = {"round_name": None, "bind": "127.0.0.1", "allow_public": False, "say": said.append}
    running = threading.Thread(target=serve, args=(room.store,), kwargs=where, daemon=True)
    running.start()
    deadline = time.monotonic() + 10
    while not any("have voted" in line for line in said) and time.monotonic() < deadline:
        time.sleep(0.05)
    url = re.search(r"http://\S+/", said[0]).group(0)
    with room.store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    while not any("told that voting closed" in line for line in said) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert httpx.get(url).status_code == 410  # within the grace: the page says voting closed
    running.join(timeout=10)
    assert not running.is_alive() and not serves_room(url)
