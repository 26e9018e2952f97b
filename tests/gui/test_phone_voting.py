"""Phone voting from the window: started from the Room menu, shown on the projector, stopped with it."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox

from workshop.lan.networks import Network
from workshop.lan.qr import qr_matrix
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop
from workshop.ui import phone_voting, room_tools
from workshop.ui.phone_voting import PhoneVotingTool, ProjectorScreen, StartDialog
from workshop.ui.qr_view import QUIET_MODULES, QrView

LOOPBACK = Network("lo", "127.0.0.1")
PUBLIC = Network("eth0", "5.5.5.5")  # reachable from the internet, and not this laptop's


def open_round(store, name: str = "Priorities", pin: str | None = None) -> int:
    with store.transaction() as s:
        for i in range(3):
            ops.participant_named(s, f"Manager {i}", role=e.Role.MANAGER)
        for title in ("Invoices", "Replies", "Summaries"):
            ops.opportunity_titled(s, title)
        return ballots.start_round(s, name=name, method=e.BallotMethod.RANKING, pin=pin)


def progress(store, round_id: int) -> ballots.RoundProgress:
    with store.reading() as s:
        return ballots.round_progress(s, round_id=round_id)


@pytest.fixture
def offered(monkeypatch) -> list[Network]:
    """The networks the start dialog offers: by default only this laptop's loopback."""
    found = [LOOPBACK]
    monkeypatch.setattr(phone_voting, "networks", lambda: tuple(found))
    return found


@pytest.fixture
def started(monkeypatch) -> list[StartDialog]:
    """Makes every start dialog press Start at once, on the network it proposes (the first offered)."""
    shown: list[StartDialog] = []

    def press_start(dialog: StartDialog) -> int:
        shown.append(dialog)
        dialog.start_button.click()
        return dialog.result()

    monkeypatch.setattr(StartDialog, "exec", press_start)
    return shown


@pytest.fixture
def one_round_picked(monkeypatch) -> None:
    monkeypatch.setattr(room_tools.QInputDialog, "getItem", staticmethod(lambda *args: (args[3][0], True)))


def start_from_menu(window) -> PhoneVotingTool:
    action = next(a for a in window.room_tools.menu.actions() if a.text() == "Open &Phone Voting…")
    action.trigger()
    tool = window.room_tools.phones
    assert tool is not None
    return tool


def cast_from_a_phone(url: str) -> None:
    """Casts a ranking ballot for the first voter listed, as the phone page does."""
    with httpx.Client(base_url=url) as phone:
        facts = phone.get("api/round").json()
        headers = {"X-Ballot-Csrf": facts["csrf"]}
        sheet = phone.post("api/sheet", json={"voter": facts["voters"][0]["id"]}, headers=headers).json()
        ranks = {str(item["id"]): place for place, item in enumerate(sheet["items"], start=1)}
        saved = phone.post("api/ballot", json={"form": sheet["form"], "ranks": ranks}, headers=headers)
    assert saved.json()["saved"] is True


def refuses_connections(url: str) -> bool:
    """Gives whether nothing serves this room any more. Another test's server may take the freed port at
    once (tests run side by side), but never with this room's random code."""
    try:
        return httpx.get(url, timeout=2).status_code != 200
    except httpx.ConnectError:
        return True


def test_no_open_round_says_how_to_open_one(window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: told.append(args[2])))
    action = next(a for a in window.room_tools.menu.actions() if a.text() == "Open &Phone Voting…")
    action.trigger()
    assert len(told) == 1 and "New Ballot Round" in told[0] and "Ctrl+Shift+B" in told[0]
    assert window.room_tools.phones is None


def test_the_projector_shows_the_way_in_and_counts_a_phones_ballot(
    window, store, qtbot, offered, started, one_round_picked
):
    round_id = open_round(store)
    tool = start_from_menu(window)
    screen, voting = tool.screen, tool.voting
    assert isinstance(screen, ProjectorScreen) and voting is not None and voting.running
    qtbot.waitExposed(screen)
    shown = screen.text()
    assert voting.address_line in shown and voting.room_code in shown and "Priorities" in shown
    assert progress(store, round_id).sentence in shown and progress(store, round_id).voted == 0
    cast_from_a_phone(voting.url)
    assert progress(store, round_id).voted == 1
    qtbot.waitUntil(lambda: progress(store, round_id).sentence in screen.text())
    tool.stop()


def test_the_page_showing_progress_hears_of_each_phones_ballot(
    window, store, qtbot, offered, started, one_round_picked
):
    open_round(store)
    tool = start_from_menu(window)
    heard = []
    window.context.changed.connect(heard.append)
    cast_from_a_phone(tool.voting.url)
    qtbot.waitUntil(lambda: any(what.touches(frozenset({"ballot"})) for what in heard))
    tool.stop()


def test_closing_the_round_in_the_app_stops_phone_voting(
    window, store, qtbot, offered, started, one_round_picked, monkeypatch
):
    round_id = open_round(store)
    tool = start_from_menu(window)
    url = tool.voting.url
    monkeypatch.setattr(room_tools, "reveal_now_wanted", lambda *args: False)
    window.room_tools.close_round(round_id)
    assert not tool.running and tool.screen is None
    assert refuses_connections(url)


def test_closing_the_window_stops_phone_voting(window, store, offered, started, one_round_picked):
    open_round(store)
    tool = start_from_menu(window)
    url = tool.voting.url
    window.close()
    assert not tool.running
    assert refuses_connections(url)


def test_stopping_from_the_projector_asks_first(
    window, store, qtbot, offered, started, one_round_picked, monkeypatch
):
    open_round(store)
    tool = start_from_menu(window)
    url = tool.voting.url
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args: answers.pop(0)))
    tool.screen.stop_button.click()
    assert tool.running and not refuses_connections(url)
    tool.screen.close()  # closing the projector's window asks the same
    assert tool.running and tool.screen.isVisible() and not refuses_connections(url)
    tool.screen.stop_button.click()
    assert not tool.running and refuses_connections(url)


def test_with_a_pin_only_the_facilitator_stops_phone_voting(
    window, store, offered, started, one_round_picked, monkeypatch
):
    open_round(store, pin="4711")
    tool = start_from_menu(window)
    url = tool.voting.url
    typed = iter([("1234", True), ("0000", True), ("9999", True), ("4711", True)])
    monkeypatch.setattr(phone_voting.QInputDialog, "getText", staticmethod(lambda *args: next(typed)))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: said.append(args[2])))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: said.append(args[2])))
    for _ in range(3):
        tool.screen.stop_button.click()
    assert tool.running and not refuses_connections(url)
    assert said[0] == "That PIN is not right." and "Try again in 5 seconds" in said[2]
    tool.screen.stop_button.click()  # the right PIN, but within the wait: not taken yet
    assert tool.running and "Too many wrong tries" in said[3]
    tool.screen.pin_lockout.passed()  # the wait is over
    tool.screen.stop_button.click()
    assert not tool.running and refuses_connections(url)


def test_a_public_address_is_served_only_after_the_facilitator_confirms(
    window, store, offered, started, one_round_picked, monkeypatch
):
    open_round(store)
    offered[:] = [PUBLIC, LOOPBACK]
    made = []
    real = phone_voting.PhoneVoting

    def recorded(*args, **kwargs):
        made.append(kwargs["allow_public"])
        return real(*args, **kwargs)

    monkeypatch.setattr(phone_voting, "PhoneVoting", recorded)
    asked = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *args: asked.append(args[2]) or answers.pop(0))
    )
    tool = start_from_menu(window)
    assert len(asked) == 1 and PUBLIC.address in asked[0] and made == [] and not tool.running
    tool = start_from_menu(window)
    dialog = started[-1]
    # This laptop has no such address: the server cannot start, and the dialog says why and stays open.
    assert made == [True] and not tool.running
    assert dialog.result() != StartDialog.DialogCode.Accepted
    assert dialog.problem.isVisibleTo(dialog) and dialog.problem.text()


def modules_seen(view: QrView) -> list[list[bool]]:
    """Gives whether each module drawn (quiet zone included) is dark at its centre in the grabbed picture."""
    picture = view.grab().toImage()
    area, module = view.code_rect(), view.module_px()
    centres = [module * i + module // 2 for i in range(view.modules())]
    return [
        [QColor(picture.pixel(area.left() + x, area.top() + y)).lightness() < 128 for x in centres]
        for y in centres
    ]


def with_quiet_zone(matrix) -> list[list[bool]]:
    side = len(matrix) + 2 * QUIET_MODULES
    quiet_rows = [[False] * side for _ in range(QUIET_MODULES)]
    margin = [False] * QUIET_MODULES
    return quiet_rows + [margin + list(row) + margin for row in matrix] + quiet_rows


def test_the_qr_code_drawn_is_the_servers_address(window, store, qtbot, offered, started, one_round_picked):
    open_round(store)
    tool = start_from_menu(window)
    screen, voting = tool.screen, tool.voting
    for size in ((1280, 800), (1920, 1080)):
        screen.resize(*size)
        assert modules_seen(screen.qr) == with_quiet_zone(qr_matrix(voting.url))
    tool.stop()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    address=st.from_regex(
        r"http://(10|192)\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}:[0-9]{4,5}/[A-Z2-9]{8}/", fullmatch=True
    ),
    width=st.integers(120, 1400),
    height=st.integers(120, 1000),
)
def test_any_address_is_drawn_module_for_module_in_whole_pixels(qtbot, address, width, height):
    view = QrView(qr_matrix(address))
    qtbot.addWidget(view)
    view.resize(width, height)
    area = view.code_rect()
    assert view.rect().contains(area) and area.width() == view.module_px() * view.modules()
    assert modules_seen(view) == with_quiet_zone(qr_matrix(address))


def test_a_round_closed_elsewhere_stops_phone_voting_and_says_so(
    window, store, qtbot, offered, started, one_round_picked, monkeypatch
):
    round_id = open_round(store)
    tool = start_from_menu(window)
    url = tool.voting.url
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: told.append(args[2])))
    with store.transaction() as s:  # as another laptop sharing the file, or the command line, would
        ballots.close_round(s, round_id=round_id)
    qtbot.waitUntil(lambda: not tool.running, timeout=10_000)
    assert len(told) == 1 and told[0]
    assert refuses_connections(url)


def test_opening_another_workshop_stops_phone_voting(
    window, store, tmp_path, offered, started, one_round_picked, monkeypatch
):
    open_round(store)
    tool = start_from_menu(window)
    url = tool.voting.url
    running_when_released = []
    release = store.close
    monkeypatch.setattr(store, "close", lambda: (running_when_released.append(tool.running), release()))
    window.context.replace(create_workshop(tmp_path / "other.workshop", title="Other", organisation="Acme"))
    assert running_when_released == [False]  # stopped before the file was let go, never after
    assert not tool.running and tool.screen is None
    assert refuses_connections(url)


def test_a_ballot_cast_on_the_laptop_counts_on_the_projector_too(
    window, store, qtbot, offered, started, one_round_picked
):
    round_id = open_round(store)
    tool = start_from_menu(window)
    with store.reading() as s:
        voter = ballots.eligible_voters(s, round_id=round_id)[0].id
        items = [i for i, _ in ballots.ballot_sheet(s, round_id=round_id, participant_id=voter).items]
    ranks = {item: place for place, item in enumerate(items, start=1)}
    window.context.write(ballots.cast_ranking, round_id=round_id, participant_id=voter, ranks=ranks)
    assert progress(store, round_id).voted == 1
    assert progress(store, round_id).sentence in tool.screen.text()
    tool.stop()


def test_f11_fills_the_screen_and_gives_it_back(window, store, qtbot, offered, started, one_round_picked):
    open_round(store)
    tool = start_from_menu(window)
    tool.screen.activateWindow()  # the facilitator works on the projector's window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tool.screen)
    qtbot.keyClick(tool.screen, Qt.Key.Key_F11)
    assert tool.screen.isFullScreen() and not window.projector_mode()
    qtbot.keyClick(tool.screen, Qt.Key.Key_F11)
    assert not tool.screen.isFullScreen()
    tool.stop()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform has no stacking
def test_asking_again_while_phones_vote_brings_their_window_forward(
    window, store, qtbot, offered, started, one_round_picked
):
    open_round(store)
    tool = start_from_menu(window)
    voting, screen = tool.voting, tool.screen
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start_from_menu(window)
    assert len(started) == 1 and tool.voting is voting and tool.screen is screen
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    tool.stop()


def test_a_late_word_from_a_stopped_server_leaves_the_next_one_running(
    window, store, qtbot, offered, started, one_round_picked, monkeypatch
):
    open_round(store)
    tool = start_from_menu(window)
    first = tool.started
    tool.stop()
    start_from_menu(window)
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: told.append(args[2])))
    tool.signals.stopped_itself.emit(first, "Voting in the round closed, so phone voting stopped.")
    tool.signals.ballot_stored.emit(first)
    assert tool.running and told == [] and not refuses_connections(tool.voting.url)
    tool.stop()
