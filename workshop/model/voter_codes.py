"""Voter codes: a personal code for each voter of a round, printed on a card and typed before voting.

A code is made of letters and digits nobody misreads, unique in its round; whatever the voter types
around it (lower case, spaces, dashes) still matches. Each function runs inside the caller's one
transaction.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import entities as e
from .ballots import RoundProgress, eligible_voters, open_rounds, round_progress

# Letters and digits nobody misreads on a printed card: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
CODE_CHARACTERS = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


@dataclass(frozen=True)
class VoterCard:
    """What one cut-out card says: whose it is, for which round, and the code to type."""

    voter: str
    team: str | None
    round_name: str
    code: str  # as printed: "K7Q-2MX"


def typed_code(text: str) -> str:
    """Gives a code as stored, whatever the voter typed around it: capitals, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch not in " -\u2010\u2011\u2013\u2014\t")


def shown_code(code: str) -> str:
    """Gives a stored code in two groups of three, as printed and read aloud: "K7Q-2MX"."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def issue_codes(session: Session, *, round_id: int) -> int:
    """Gives how many codes were made: one for each of the round's voters who has none yet, unique in
    the round (voters added to the workshop after the round opened get theirs when cards are printed)."""
    held = _codes(session, round_id)
    taken = set(held.values())
    made = 0
    for voter in eligible_voters(session, round_id=round_id):
        if voter.id in held:
            continue
        code = _new_code(taken)
        taken.add(code)
        session.add(e.VoterCode(round_id=round_id, participant_id=voter.id, code=code))
        made += 1
    session.flush()
    return made


def _codes(session: Session, round_id: int) -> dict[int, str]:
    query = select(e.VoterCode.participant_id, e.VoterCode.code).where(e.VoterCode.round_id == round_id)
    return {participant: code for participant, code in session.execute(query)}


def _new_code(taken: set[str]) -> str:
    while True:  # 25^6 codes: a clash with a room's few dozen is rare, and simply drawn again
        code = "".join(secrets.choice(CODE_CHARACTERS) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def code_matches(session: Session, *, round_id: int, participant_id: int, code: str) -> bool:
    """Gives whether `code` (as typed) is the voter's code for the round."""
    stored = session.scalar(
        select(e.VoterCode.code).where(
            e.VoterCode.round_id == round_id, e.VoterCode.participant_id == participant_id
        )
    )
    return stored is not None and hmac.compare_digest(stored, typed_code(code))


def voter_cards(session: Session, *, round_id: int) -> tuple[VoterCard, ...]:
    """Gives a card for each of the round's voters who has a code, by name."""
    name = round_progress(session, round_id=round_id).name  # refuses a round that does not exist
    codes = _codes(session, round_id)
    return tuple(
        VoterCard(voter.name, voter.team, name, shown_code(codes[voter.id]))
        for voter in eligible_voters(session, round_id=round_id)
        if voter.id in codes
    )


def rounds_with_codes(session: Session) -> tuple[RoundProgress, ...]:
    """Gives the open rounds whose voters type a code, newest first: those whose cards may be printed."""
    return tuple(progress for progress in open_rounds(session) if progress.uses_codes)
