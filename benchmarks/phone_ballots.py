"""60 phones cast their ballots at once over loopback while the app's window shows the count.

Each simulated phone does what the phone page does (open the page, read the round, ask for its voter's
ballot, cast it) with its own httpx client and address, all started together, in a process of their own.
Phone voting is started as the facilitator starts it (Room > Open Phone Voting…, on loopback), so the
app's window and the projector's screen follow the ballots as they do in a room; a timer beating every
5 ms on the UI thread records the longest stall.

Printed: the median and 99th-percentile time from sending a ballot to its acknowledgement, against the
floor measured in the same run (storing one ballot straight through the model: the raw insert), and the
longest stall of the window (goal: at most 100 ms). The run fails (exit 1) when an acknowledged ballot
was not stored exactly once or a phone was refused.

Run: python benchmarks/phone_ballots.py [--phones 60]   (offscreen)
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from workshop.lan.networks import Network
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import WorkshopStore, create_workshop
from workshop.ui import phone_voting, room_tools
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.phone_voting import PhoneVotingTool, ProjectorScreen

ITEMS = 8
RAW_INSERTS = 60
BEAT_MS = 5
GOAL_MS = 100


def room(path: Path, phones: int) -> tuple[WorkshopStore, list[int], list[int], int, int]:
    """Gives the store, the managers, the items, the phones' round and a round for the raw inserts."""
    store = create_workshop(path, title="Load", organisation="Bench")
    with store.transaction() as s:
        team = ops.team_named(s, "Everyone")
        managers = [
            ops.participant_named(s, f"Manager {i:02d}", team=team, role=e.Role.MANAGER).id
            for i in range(phones)
        ]
        items = [ops.opportunity_titled(s, f"Opportunity {i}").id for i in range(ITEMS)]
        phone_round = ballots.start_round(s, name="Phones")
        raw_round = ballots.start_round(s, name="Raw inserts")
    return store, managers, items, phone_round, raw_round


def raw_insert_seconds(
    store: WorkshopStore, round_id: int, managers: list[int], items: list[int]
) -> list[float]:
    """Gives the time of storing one ballot straight through the model, one transaction each."""
    took = []
    for voter in managers[:RAW_INSERTS]:
        ranks = {item: place for place, item in enumerate(reversed(items), 1)}
        start = time.perf_counter()
        with store.transaction() as s:
            ballots.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
        took.append(time.perf_counter() - start)
    return took


async def one_phone(url: str, voter: int, start: asyncio.Event, phone: int) -> tuple[int, float]:
    """Gives the status of the phone's ballot and the seconds from sending it to the reply.

    Each phone has an address of its own, as on a room's Wi-Fi (all of 127.0.0.0/8 reaches loopback)."""
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.{1 + phone // 250}.{1 + phone % 250}")
    async with httpx.AsyncClient(base_url=url, timeout=60, transport=transport) as client:
        await start.wait()
        await client.get("")
        csrf = (await client.get("api/round")).json()["csrf"]
        headers = {"X-Ballot-Csrf": csrf}
        asked = await client.post("api/sheet", json={"voter": voter}, headers=headers)
        if asked.status_code != 200:
            return asked.status_code, 0.0
        sheet = asked.json()
        ranks = {str(item["id"]): place for place, item in enumerate(sheet["items"], 1)}
        sent = time.perf_counter()
        reply = await client.post("api/ballot", json={"form": sheet["form"], "ranks": ranks}, headers=headers)
        return reply.status_code, time.perf_counter() - sent


async def all_phones(url: str, voters: list[int]) -> list[tuple[int, float]]:
    start = asyncio.Event()
    phones = [asyncio.create_task(one_phone(url, voter, start, n)) for n, voter in enumerate(voters)]
    await asyncio.sleep(0.2)  # every client is ready; then they all go at once
    start.set()
    return list(await asyncio.gather(*phones))


def crowd_of_phones(url: str, voters: list[int]) -> list[tuple[int, float]]:
    return asyncio.run(all_phones(url, voters))


def start_from_the_menu(window: MainWindow) -> PhoneVotingTool:
    """Starts phone voting as the facilitator does, Room > Open Phone Voting…, on this laptop's loopback."""
    phone_voting.networks = lambda: (Network("lo", "127.0.0.1"),)
    phone_voting.StartDialog.exec = lambda dialog: (dialog.start_button.click(), dialog.result())[1]
    room_tools.QInputDialog.getItem = staticmethod(lambda *args: (args[3][0], True))  # the one open round
    window.room_tools.on_phone_voting_triggered()
    assert window.room_tools.phones is not None
    return window.room_tools.phones


def shown_count(screen: ProjectorScreen) -> int:
    """Gives N of the projector's "N of M have voted"."""
    found = re.search(r"(\d+) of \d+ have voted", screen.text())
    return int(found.group(1)) if found else 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=60)
    phones = parser.parse_args().phones
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        store, managers, items, phone_round, raw_round = room(Path(folder) / "load.workshop", phones)
        context = WorkshopContext(store)
        window = MainWindow(context, QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        floor = raw_insert_seconds(store, raw_round, managers, items)
        with store.transaction() as s:  # one round open, so the menu asks no question
            ballots.close_round(s, round_id=raw_round)
        tool = start_from_the_menu(window)
        server, screen = tool.voting, tool.screen
        assert server is not None and screen is not None
        # The phones run in a process of their own, as phones are: their work does not hold this one's lock.
        crowd = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")).submit(
            crowd_of_phones, server.url, managers
        )
        longest, last = 0.0, time.perf_counter()

        def beat() -> None:
            nonlocal longest, last
            now = time.perf_counter()
            longest, last = max(longest, now - last), now

        heart = QTimer(interval=BEAT_MS)
        heart.setTimerType(Qt.TimerType.PreciseTimer)
        heart.timeout.connect(beat)
        heart.start()
        while not crowd.done() or shown_count(screen) < sum(
            1 for status, _ in crowd.result() if status == 200
        ):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        results = crowd.result()
        heart.stop()
        last_shown = screen.text()
        tool.stop()
        with store.reading() as s:
            stored = dict(
                s.execute(
                    select(e.Ballot.participant_id, func.count())
                    .where(e.Ballot.round_id == phone_round)
                    .group_by(e.Ballot.participant_id)
                ).all()
            )
        window.close()
        app.processEvents()
        store.close()
    acknowledged = [seconds for status, seconds in results if status == 200]
    refused = [status for status, _ in results if status != 200]
    once = len(stored) == len(acknowledged) and set(stored.values()) <= {1}
    raw = statistics.median(floor)
    median, p99 = statistics.median(acknowledged), percentile(acknowledged, 0.99)
    print(f"raw insert through the model (floor): median {raw * 1000:.1f} ms over {len(floor)} ballots")
    print(f"{phones} phones at once: {len(acknowledged)} acknowledged, {len(refused)} refused {refused[:5]}")
    print(
        f"time to acknowledge: median {median * 1000:.0f} ms ({median / raw:.1f}x the raw insert), "
        f"99th percentile {p99 * 1000:.0f} ms ({p99 / raw:.1f}x)"
    )
    print(f"stored exactly once: {'yes' if once else 'NO'} ({len(stored)} voters with a ballot)")
    said = " / ".join(line for line in last_shown.splitlines() if "voted" in line)
    print(f"window: longest stall {longest * 1000:.0f} ms (goal <= {GOAL_MS} ms); the projector says: {said}")
    return 0 if once and not refused else 1


if __name__ == "__main__":
    sys.exit(main())
