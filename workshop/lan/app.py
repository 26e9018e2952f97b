"""The ballot server's web application: the phone page, the round's rules, a clean ballot, casting.

Every database step runs in a worker thread (SQLite blocks); ballots are stored one at a time, each in one
transaction through `model.ballots`, so a phone's ballot and the laptop's are bound by the same rules.
Nothing here reads a ballot back: no endpoint could serve a result or anyone's ballot.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from anyio import to_thread
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workshop.model import ballots, voter_codes
from workshop.model import entities as e
from workshop.model.errors import InputError, WorkshopError
from workshop.model.store import WorkshopStore
from workshop.wording import tr

from .forms import MAX_BODY_BYTES, BallotRequest, Refused, ballot_request, json_object, refuse_incomplete
from .forms import sheet_request as read_sheet_request
from .guard import Guard, typed_room_code
from .texts import phone_texts

STATIC = Path(__file__).with_name("static")
SECURITY_HEADERS = {
    "cache-control": "no-store",
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
_SECURITY_HEADER_BYTES = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
BUSY_RETRIES = 3  # a laptop ballot may hold the file for a moment; the phone's is tried again meanwhile
# The kinds of ballot as the phone page names them (the stored values carry spaces and dashes).
METHOD_NAMES = {
    e.BallotMethod.RANKING: "ranking",
    e.BallotMethod.POINTS: "points",
    e.BallotMethod.IMPACT_EFFORT: "impact_effort",
}


@dataclass(frozen=True)
class RoundBook:
    """What the server knows of its round between looks at the file (once a second, and after each of its
    own ballots): the rules, the voters and the ballot's items, and who has voted. A ballot is checked
    against the file itself when it is stored."""

    rules: dict[str, Any]
    uses_codes: bool
    top_k: int | None
    voters: dict[int, ballots.Voter]
    items: tuple[tuple[int, str], ...]
    progress: ballots.RoundProgress
    voted: frozenset[int]

    @classmethod
    def read(cls, session: Session, round_id: int) -> RoundBook | None:
        found = session.get(e.BallotRound, round_id)
        if found is None:
            return None
        voters = ballots.eligible_voters(session, round_id=round_id)
        return cls(
            _rules(found),
            bool(found.uses_codes),
            found.top_k,
            {voter.id: voter for voter in voters},
            ballots.ballot_items(session, found),
            ballots.round_progress(session, round_id=round_id),
            frozenset(ballots.voted_ids(session, round_id=round_id)),
        )

    def with_vote_of(self, voter_id: int) -> RoundBook:
        voted = self.voted | {voter_id}
        return replace(
            self, voted=voted, progress=replace(self.progress, voted=len(voted & set(self.voters)))
        )


class BallotServer:
    """The state behind the endpoints: the open workshop, the round, the guard, and who to tell."""

    def __init__(
        self,
        store: WorkshopStore,
        round_id: int,
        guard: Guard,
        on_ballot: Callable[[], None] = lambda: None,
    ) -> None:
        self.store = store
        self.round_id = round_id
        self.guard = guard
        self.on_ballot = on_ballot
        # One step at a time on the file, reads too: inside SQLite a step that meets another waits by
        # sleeping, so sixty phones at once would queue far longer there than in this lock.
        self._database = threading.Lock()
        self._book: RoundBook | None = None
        # Set when voting has ended: every phone still on the page is told so, and the file is not touched
        # again (it may be closed by then).
        self.closed = False

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._database, self.store.reading() as session:
            yield session

    # --- reading ----------------------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Reads the round from the file again (ballots from the laptop count too); gives whether it still
        takes ballots."""
        with self._reading() as session:
            self._book = RoundBook.read(session, self.round_id)
            return _takes_ballots(session, self.round_id)

    def book(self) -> RoundBook:
        if self.closed:
            raise Refused(410, _closed())
        if self._book is None:
            self.refresh()
        if self._book is None:
            raise Refused(410, tr("This round is no longer in the workshop."))
        return self._book

    def progress(self) -> ballots.RoundProgress:
        """Gives the count as of the last ballot stored here or the last look at the file."""
        return self.book().progress

    def round_facts(self) -> dict[str, Any]:
        book = self.book()
        voters = [{"id": v.id, "name": v.name, "team": v.team} for v in book.voters.values()]
        facts = {**book.rules, "uses_codes": book.uses_codes, "open": self.is_open(), "voters": voters}
        return {**facts, "texts": phone_texts()}  # the page's sentences in the laptop's language

    def is_open(self) -> bool:
        if self.closed:
            return False
        with self._reading() as session:
            return _takes_ballots(session, self.round_id)

    def sheet(self, voter_id: int, code: str, address: str) -> dict[str, Any]:
        """Gives a clean ballot for the voter, after their code when the round uses codes."""
        book = self.book()
        with self._reading() as session:
            if not _takes_ballots(session, self.round_id):
                raise Refused(410, _closed())
            if book.uses_codes:
                self._check_code(session, voter_id, code, address)
        voter = book.voters.get(voter_id)
        if voter is None:
            raise Refused(403, tr("This person is not among the voters of the round."))
        items = ballots.neutral_order(self.round_id, voter_id, book.items)
        return {
            "form": self.guard.new_form(voter_id),
            "voter": {"id": voter.id, "name": voter.name},
            **book.rules,
            "items": [{"id": item, "title": title} for item, title in items],
        }

    def _check_code(self, session: Session, voter_id: int, code: str, address: str) -> None:
        lockout = self.guard.code_lockout(address, voter_id)
        if lockout.locked:
            raise Refused(429, tr("Too many wrong tries. Try again in a moment."))
        if not voter_codes.code_matches(session, round_id=self.round_id, participant_id=voter_id, code=code):
            lockout.refused()
            raise Refused(403, tr("That code is not right. Check your card and type it again."))
        lockout.passed()

    # --- casting ----------------------------------------------------------------------------------------
    def cast(self, request: BallotRequest) -> None:
        """Stores the ballot of the form's voter in one transaction and uses the form up; a replayed or
        unknown form, a closed round or a ballot against the rules changes nothing."""
        book = self.book()
        with self._database:
            form = self.guard.form(request.form)
            if form is None:
                raise Refused(
                    409,
                    tr("This ballot was already cast or has expired. Choose your name again to vote again."),
                )
            refuse_incomplete(request, frozenset(item for item, _ in book.items), book.top_k)
            for attempt in range(BUSY_RETRIES + 1):
                try:
                    with self.store.transaction(tr("ballot")) as session:
                        self._store(session, form.voter_id, request)
                    break
                except (Refused, InputError):
                    raise
                except (
                    WorkshopError
                ) as error:  # the file busy, the disk full: the laptop's trouble, not the ballot's
                    if attempt == BUSY_RETRIES:
                        raise Refused(503, _laptop_trouble(error)) from None
                    time.sleep(0.05 * 2**attempt)
            self.guard.use_form(request.form)
            self._book = self.book().with_vote_of(form.voter_id)
        self.on_ballot()

    def _store(self, session: Session, voter_id: int, request: BallotRequest) -> None:
        """Casts through the model, which checks the round, the voter and the items against the file."""
        if not _takes_ballots(session, self.round_id):
            raise Refused(410, _closed())
        try:
            _CASTING[request.method](session, self.round_id, voter_id, request.entries)
        except InputError as error:
            raise Refused(400, _sentence(error)) from None


def _cast_ranking(session: Session, round_id: int, voter: int, entries: Mapping[int, Any]) -> None:
    ballots.cast_ranking(session, round_id=round_id, participant_id=voter, ranks=entries)


def _cast_points(session: Session, round_id: int, voter: int, entries: Mapping[int, Any]) -> None:
    ballots.cast_points(session, round_id=round_id, participant_id=voter, points=entries)


def _cast_ratings(session: Session, round_id: int, voter: int, entries: Mapping[int, Any]) -> None:
    ballots.cast_impact_effort(session, round_id=round_id, participant_id=voter, ratings=entries)


_CASTING = {
    e.BallotMethod.RANKING: _cast_ranking,
    e.BallotMethod.POINTS: _cast_points,
    e.BallotMethod.IMPACT_EFFORT: _cast_ratings,
}


def _rules(found: e.BallotRound) -> dict[str, Any]:
    return {
        "round": found.name,
        "method": METHOD_NAMES[found.method],
        "allow_ties": bool(found.allow_ties),
        "top_k": found.top_k,
        "points_budget": ballots.POINTS_BUDGET,
        "rating_range": [int(v) for v in ballots.RATING_RANGE],
    }


def _closed() -> str:
    return tr("Voting in this round is closed. Thank you.")


_ROUND_DATES = select(e.BallotRound.opened_at, e.BallotRound.closed_at)


def _takes_ballots(session: Session, round_id: int) -> bool:
    found = session.execute(_ROUND_DATES.where(e.BallotRound.id == round_id)).one_or_none()
    return found is not None and found.opened_at is not None and found.closed_at is None


def _sentence(error: InputError) -> str:
    reason = error.reason
    return reason[:1].upper() + reason[1:]


def _laptop_trouble(error: WorkshopError) -> str:
    said = str(error)
    return tr("The laptop could not save your ballot ({reason}). Try again in a moment.").format(
        reason=said[:1].lower() + said[1:].rstrip(".")
    )


# --- the web layer ------------------------------------------------------------------------------------------
def build_app(server: BallotServer) -> ASGIApp:
    """Gives the ASGI application: the routes inside the guard of headers, rate and size limits."""

    async def enter_page(request: Request) -> Response:
        return FileResponse(STATIC / "enter.html")

    async def enter(request: Request) -> Response:
        code = request.query_params.get("code", "")[:64]
        if not _room_known(server.guard, code, _address(request)):
            return RedirectResponse("/?wrong=1", status_code=303)
        return RedirectResponse(f"/{server.guard.room_code}/", status_code=303)

    async def ballot_page(request: Request) -> Response:
        room = request.path_params["room"]
        if room != server.guard.room_code or not request.url.path.endswith("/"):
            # Typed in small letters, with a dash, or without the last slash: the page's own addresses
            # (api/round, ...) are relative, so it must be served at exactly /ROOMCODE/.
            return RedirectResponse(f"/{server.guard.room_code}/", status_code=303)
        # After voting ended the page still loads, and then says voting is closed.
        return FileResponse(STATIC / "index.html", status_code=410 if server.closed else 200)

    async def round_facts(request: Request) -> Response:
        facts = await to_thread.run_sync(server.round_facts)
        return JSONResponse({**facts, "csrf": server.guard.new_csrf()})

    async def status(request: Request) -> Response:
        return JSONResponse({"open": await to_thread.run_sync(server.is_open)})

    async def sheet(request: Request) -> Response:
        asked = read_sheet_request(await _posted(request, server.guard))
        address = _address(request)
        return JSONResponse(await to_thread.run_sync(server.sheet, asked.voter_id, asked.code, address))

    async def cast(request: Request) -> Response:
        posted = ballot_request(await _posted(request, server.guard))
        await to_thread.run_sync(server.cast, posted)
        return JSONResponse({"saved": True, "message": tr("Thank you — your ballot is saved.")})

    routes = [
        Route("/", enter_page),
        Route("/enter", enter),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/{room}", ballot_page),
        Route("/{room}/", ballot_page),
        Route("/{room}/api/round", round_facts),
        Route("/{room}/api/status", status),
        Route("/{room}/api/sheet", sheet, methods=["POST"]),
        Route("/{room}/api/ballot", cast, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={Refused: _refusal, 404: _not_found, 405: _not_allowed, 500: _failed},
    )
    return Guarded(app, server.guard)


async def _posted(request: Request, guard: Guard) -> dict[str, Any]:
    """Gives the JSON object posted; refuses a post without the page's CSRF token, from another site,
    not JSON, or larger than a ballot can be (read no further than that)."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"http://{request.headers.get('host', '')}":
        raise Refused(403, tr("This ballot came from another page. Open the address on the screen again."))
    if not guard.csrf_known(request.headers.get("x-ballot-csrf", "")):
        raise Refused(403, tr("This page has expired. Reload it and vote again."))
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Refused(415, tr("The request could not be read. Reload the page and try again."))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise Refused(413, tr("The ballot is too large to be taken."))
    return json_object(bytes(body))


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _room_known(guard: Guard, typed: str, address: str) -> bool:
    if guard.room_matches(typed):
        return True
    guard.wrong_room(address)
    return False


async def _refusal(request: Request, error: Exception) -> Response:
    assert isinstance(error, Refused)
    return JSONResponse({"error": error.sentence}, status_code=error.status, headers=_retry(error.status))


async def _not_found(request: Request, error: Exception) -> Response:
    return JSONResponse({"error": tr("There is nothing at this address.")}, status_code=404)


async def _not_allowed(request: Request, error: Exception) -> Response:
    return JSONResponse({"error": tr("There is nothing at this address.")}, status_code=405)


async def _failed(request: Request, error: Exception) -> Response:
    sentence = tr("Something went wrong on the laptop; nothing was saved. Tell the facilitator.")
    return JSONResponse({"error": sentence}, status_code=500)


class Guarded:
    """Adds the security headers to every reply, refuses an address that asks too often, and lets through
    only requests for this room (or the shared page and files). A wrong room code is counted against the
    address that tried it, so nobody can try codes one after another."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app, self.guard = app, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.decode().lower() not in SECURITY_HEADERS
                ]
                message = {**message, "headers": kept + _SECURITY_HEADER_BYTES}
            await send(message)

        refusal = self._refusal(scope["path"].strip("/").split("/")[0], scope)
        if refusal is not None:
            await _send(with_headers, *refusal)
        else:
            await self.app(scope, receive, with_headers)

    def _refusal(self, first: str, scope: Scope) -> tuple[int, str] | None:
        """Gives the status and sentence refusing the request, or None to let it through."""
        address = scope["client"][0] if scope.get("client") else "?"
        if not self.guard.admit(address):
            return 429, tr("Too many requests from this phone. Wait a minute, then try again.")
        if first in ("", "enter", "static"):
            return None
        if first == "favicon.ico":  # asked by browsers on their own: no room code was typed
            return 404, tr("There is nothing at this address.")
        if self.guard.guessing_rooms(address):
            return 429, tr("Too many wrong addresses. Wait a minute, then type the room code again.")
        if not _room_known(self.guard, typed_room_code(first), address):
            return 404, tr("There is no ballot at this address. Check the address on the screen.")
        return None


async def _send(send: Send, status: int, sentence: str) -> None:
    response = JSONResponse({"error": sentence}, status_code=status, headers=_retry(status))
    await response({"type": "http"}, _no_body, send)


def _retry(status: int) -> dict[str, str] | None:
    return {"retry-after": "60"} if status == 429 else None


async def _no_body() -> Message:
    return {"type": "http.disconnect"}
