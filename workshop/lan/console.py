"""`workshop serve`: phone voting for a room without the app window, from a terminal.

It prints the address with its room code and the QR code, then a line as each ballot comes in ("5 of 12
have voted", never what anyone voted). It stops on Ctrl+C, or once the round has closed and the phones
still on the page have been told so for a while.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy import select

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.errors import InputError, WorkshopError
from workshop.model.store import WorkshopStore
from workshop.wording import tr

from . import serving
from .qr import qr_terminal
from .serving import PhoneVoting, PublicAddressError

Say = Callable[[str], None]


def bind_address(text: str) -> tuple[str, int | None]:
    """Gives (address, port) from "192.168.1.5" or "192.168.1.5:8421"; the port is None when not given."""
    address, colon, port = text.strip().partition(":")
    if not colon:
        return address, None
    if not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise InputError("--bind", tr("{port!r} is not a port from 1 to 65535.").format(port=port))
    return address, int(port)


def round_to_serve(store: WorkshopStore, name: str | None) -> int:
    """Gives the open round named, or the only open one; refuses naming the open rounds to choose from."""
    with store.reading() as session:
        open_ = ballots.open_rounds(session)
        if name is not None:
            found = session.scalar(select(e.BallotRound.id).where(e.BallotRound.name == name))
            if found is None:
                raise InputError("--round", tr("there is no ballot round named {name!r}.").format(name=name))
            return int(found)
    if len(open_) == 1:
        return open_[0].round_id
    if not open_:
        raise InputError(
            "", tr("no round is open for voting; open one in the app first (Room > New Ballot Round).")
        )
    names = ", ".join(repr(r.name) for r in open_)
    raise InputError(
        "--round", tr("several rounds are open ({names}); name one with --round.").format(names=names)
    )


def serve(store: WorkshopStore, *, round_name: str | None, bind: str, allow_public: bool, say: Say) -> None:
    """Serves the round's ballots until Ctrl+C or until the round closes."""
    address, port = bind_address(bind)
    stopped = threading.Event()

    def stop_by_itself(why: str) -> None:
        say(why)
        stopped.set()

    voting = PhoneVoting(
        store,
        round_to_serve(store, round_name),
        address=address,
        port=port,
        allow_public=allow_public,
        on_ballot=lambda: say(voting.progress().sentence),
        on_stop=stop_by_itself,
    )
    try:
        voting.start()
    except PublicAddressError as error:
        raise WorkshopError(f"{error} {tr('To serve there anyway, add --allow-public.')}") from None
    try:
        _announce(voting, say)
        while not stopped.wait(0.5):  # a short wait, so Ctrl+C is taken at once
            pass
        # The round closed: phones still on the page are told so for a while; the server then ends itself.
        say(
            tr(
                "Phones still on the page are told that voting closed; this ends in {seconds} seconds."
            ).format(seconds=round(serving.CLOSED_GRACE_SECONDS))
        )
        while voting.running:
            time.sleep(0.5)
    except KeyboardInterrupt:
        say(tr("Phone voting stopped. The round stays open until it is closed in the app."))
    finally:
        voting.stop()


def _announce(voting: PhoneVoting, say: Say) -> None:
    progress = voting.progress()
    say(tr("Phone voting for {round!r} on {url}").format(round=progress.name, url=voting.url))
    say(qr_terminal(voting.url))
    say(
        tr("Or open http://{address} and type the room code {code}.").format(
            address=voting.address_line, code=voting.room_code
        )
    )
    say(progress.sentence)
    say(tr("Ballots travel as plain HTTP on this network. Press Ctrl+C to stop."))
