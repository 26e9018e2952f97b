"""Running the ballot server: bound to the one address the facilitator chose, on a free port, in a thread
of its own, until the facilitator stops it or the round closes.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import threading
from collections.abc import Callable

import uvicorn

from workshop.model import ballots
from workshop.model.errors import WorkshopError
from workshop.model.store import WorkshopStore
from workshop.wording import tr

from .app import BallotServer, build_app
from .guard import Guard, new_room_code, shown_room_code
from .networks import checked_address

PREFERRED_PORTS = range(8421, 8431)  # short to type; any free port when all ten are taken
WATCH_SECONDS = 1.0  # how often the server looks whether the round was closed elsewhere
START_SECONDS = 10.0
CLOSED_GRACE_SECONDS = 30.0  # after the round closes, phones still asking hear so for this long


class PublicAddressError(WorkshopError):
    """The chosen address can be reached from the internet, and the facilitator has not confirmed it."""


class PhoneVoting:
    """The ballot server for one round. `on_ballot` is called after each stored ballot and `on_stop` with a
    sentence when the server stops by itself (the round was closed); both from the server's own thread."""

    def __init__(
        self,
        store: WorkshopStore,
        round_id: int,
        *,
        address: str,
        port: int | None = None,
        allow_public: bool = False,
        on_ballot: Callable[[], None] | None = None,
        on_stop: Callable[[str], None] | None = None,
    ) -> None:
        self._store, self.round_id = store, round_id
        self._address, self._port = address, port
        self._allow_public = allow_public
        self._on_stop = on_stop or (lambda _sentence: None)
        self.guard = Guard(new_room_code())
        self.ballots = BallotServer(store, round_id, self.guard, on_ballot or (lambda: None))
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._watching = threading.Event()
        self._bound_port = 0

    # --- what the room is shown ---------------------------------------------------------------------------
    @property
    def address_line(self) -> str:
        return f"{self._address}:{self._bound_port}"

    @property
    def url(self) -> str:
        return f"http://{self.address_line}/{self.guard.room_code}/"

    @property
    def room_code(self) -> str:
        return shown_room_code(self.guard.room_code)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def progress(self) -> ballots.RoundProgress:
        """Gives "N of M have voted" as of the last ballot or the last look at the file (once a second):
        cheap enough to show after every ballot without touching the file from the window's thread."""
        return self.ballots.progress()

    # --- starting and stopping ------------------------------------------------------------------------------
    def start(self) -> None:
        """Starts serving; returns once phones can connect. Raises WorkshopError with one sentence when the
        round takes no ballots, the address is not the laptop's, is public and not confirmed, or is taken."""
        self._refuse_unless_open()
        self._refuse_address()
        sock = self._bound_socket()
        self._bound_port = sock.getsockname()[1]
        config = uvicorn.Config(
            build_app(self.ballots),
            log_config=None,
            log_level=logging.WARNING,
            access_log=False,  # an access log would keep who asked when: nothing of the sort is kept
            server_header=False,
            lifespan="off",
            timeout_keep_alive=5,
            limit_concurrency=400,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        started = threading.Event()
        while not self._server.started and self._thread.is_alive():
            started.wait(0.01)
        if not self._server.started:
            sock.close()
            raise WorkshopError(tr("the ballot server did not start; nothing was changed."))
        self._watching.set()
        threading.Thread(target=self._watch_round, daemon=True).start()

    def stop(self, *, grace: float = 0.0) -> None:
        """Stops serving (open connections are closed); does nothing when it is not running.

        With a `grace` in seconds it returns at once: meanwhile the file is no longer touched and every
        phone still asking hears that voting is closed, rather than finding the laptop gone."""
        self._watching.clear()
        self.ballots.closed = True
        if grace > 0:
            timer = threading.Timer(grace, self.stop)
            timer.daemon = True
            timer.start()
            return
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=START_SECONDS)
        self._thread = None

    def _watch_round(self) -> None:
        """Stops the server when the round no longer takes ballots (closed from the app or another laptop)."""
        stopped = threading.Event()
        while self._watching.is_set():
            stopped.wait(WATCH_SECONDS)
            if not self._watching.is_set():
                return
            with contextlib.suppress(WorkshopError):  # a busy file is looked at again a second later
                if not self.ballots.refresh():
                    self.stop(grace=CLOSED_GRACE_SECONDS)
                    self._on_stop(tr("Voting in the round closed, so phone voting stopped."))
                    return

    def _refuse_unless_open(self) -> None:
        if not self.ballots.refresh():
            raise WorkshopError(tr("this round does not take ballots; open a round before phone voting."))

    def _refuse_address(self) -> None:
        try:
            network = checked_address(self._address)
        except ValueError as error:
            raise WorkshopError(str(error)) from None
        self._address = network.address
        if network.public and not self._allow_public:
            raise PublicAddressError(
                tr(
                    "{address} can be reached from the internet; ballots would travel unencrypted beyond "
                    "the room. Choose the room's Wi-Fi or the laptop's hotspot, or confirm this address."
                ).format(address=network.address)
            )

    def _bound_socket(self) -> socket.socket:
        ports = [self._port] if self._port else [*PREFERRED_PORTS, 0]
        for port in ports:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            if os.name != "nt":  # a port left waiting by the last server is free again (never on Windows,
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # where it means sharing it)
            try:
                sock.bind((self._address, port))
            except OSError as error:
                sock.close()
                if error.errno == errno.EADDRINUSE and port != ports[-1]:
                    continue
                raise WorkshopError(
                    tr("the ballot server cannot listen on {address}:{port}: {reason}.").format(
                        address=self._address, port=port, reason=error.strerror or error
                    )
                ) from None
            sock.listen(128)
            sock.set_inheritable(True)
            return sock
        raise AssertionError("unreachable: the last port is 0, which the system always gives")
