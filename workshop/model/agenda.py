"""The workshop's timed agenda: activities in order, each with its minutes and phase, and when each starts.

Start times follow from the workshop's start (`workshop.starts_at`); without one they are told from the
start of the day ("+0:45"). Each function here runs inside the caller's transaction (one user action).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from workshop.wording import tr

from . import entities as e
from .errors import InputError
from .views import (
    ALIGNMENT,
    AUDIT,
    FEEDBACK,
    PRIORITIES,
    READINESS,
    REPORT,
    SETUP,
    SPACE_AND_TIME,
    WORKFLOWS,
)

AGENDA_TABLES = frozenset({"agenda_item", "workshop"})
_TIME_OF_DAY = re.compile(r"(\d{1,2})[:.h](\d{2})")
Draft = tuple[str, int, str | None]  # an item to be: title, minutes, phase (None: a break)

# Templates to start from, built from the method's phases and the guide's durations (docs/user-guide.md:
# audit 45-60 min, readiness 20-30, priorities 60-90, workflows 45, space and time 20, feedback 20).
TEMPLATES: dict[str, tuple[Draft, ...]] = {
    "Half day (4 h)": (
        ("Welcome, goals and how answers stay anonymous", 15, SETUP),
        ("Audit in small groups", 45, AUDIT),
        ("Readiness survey", 20, READINESS),
        ("Break", 15, None),
        ("Ideas and ranking ballots", 40, PRIORITIES),
        ("The reveal: where the room agrees", 25, ALIGNMENT),
        ("Workflow and pilot design", 45, WORKFLOWS),
        ("Space and time to learn", 20, SPACE_AND_TIME),
        ("Feedback, resistance and next steps", 15, FEEDBACK),
    ),
    "Full day (7 h)": (
        ("Welcome, goals and how answers stay anonymous", 20, SETUP),
        ("Audit in small groups", 60, AUDIT),
        ("Break", 15, None),
        ("Readiness survey and its results", 30, READINESS),
        ("Ideas and ranking ballots", 45, PRIORITIES),
        ("Lunch", 60, None),
        ("The reveal and discussion of the results", 45, ALIGNMENT),
        ("Workflow and pilot design", 60, WORKFLOWS),
        ("Break", 15, None),
        ("Space and time: hours freed and learning", 30, SPACE_AND_TIME),
        ("Feedback and resistance", 25, FEEDBACK),
        ("Decisions, owners and the report", 15, REPORT),
    ),
    "Leadership 90 minutes": (
        ("Goals and how answers stay anonymous", 5, SETUP),
        ("The audit's best candidates for AI", 15, AUDIT),
        ("Readiness at a glance", 10, READINESS),
        ("Ranking ballots", 15, PRIORITIES),
        ("The reveal and discussion", 20, ALIGNMENT),
        ("Pilots: owners and oversight", 15, WORKFLOWS),
        ("Decisions and next steps", 10, REPORT),
    ),
}


@dataclass(frozen=True)
class AgendaLine:
    """One activity as the agenda shows it: when it starts (text and minutes from the start) and its box."""

    item_id: int
    title: str
    minutes: int
    phase: str | None
    notes: str
    starts: str
    offset: int  # minutes from the workshop's start


@dataclass(frozen=True)
class Agenda:
    """The agenda in order, the workshop's start time (None: not set) and the time it ends."""

    starts_at: dt.time | None
    lines: tuple[AgendaLine, ...]

    @property
    def total_minutes(self) -> int:
        return sum(line.minutes for line in self.lines)

    @property
    def ends(self) -> str:
        return start_text(self.starts_at, self.total_minutes)


def start_text(starts_at: dt.time | None, offset: int) -> str:
    """Gives the time of day `offset` minutes after the start ('09:45'), or '+0:45' with no start time."""
    if starts_at is None:
        hours, minutes = divmod(offset, 60)
        return f"+{hours}:{minutes:02d}"
    moment = dt.datetime.combine(dt.date(2000, 1, 1), starts_at) + dt.timedelta(minutes=offset)
    return f"{moment:%H:%M}"


def duration_text(minutes: int) -> str:
    """Gives a length as '4:00 h' style text: hours and minutes, as a printed agenda says it."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d} h"


def time_of_day(text: str) -> dt.time | None:
    """Gives the time of day typed as '9:00', '09.30' or '14h00' (None for nothing typed)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    found = _TIME_OF_DAY.fullmatch(cleaned)
    if found is None or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise InputError(
            tr("start time"), tr("{text!r} is not a time of day; write it as 09:00.").format(text=cleaned)
        )
    return dt.time(int(found.group(1)), int(found.group(2)))


def read_agenda(session: Session) -> Agenda:
    """Gives the workshop's agenda in order, each activity with its start."""
    starts_at = session.execute(select(e.Workshop.starts_at)).scalar()
    items = session.execute(select(e.AgendaItem).order_by(e.AgendaItem.position, e.AgendaItem.id)).scalars()
    lines, offset = [], 0
    for item in items:
        lines.append(
            AgendaLine(
                item.id,
                item.title,
                item.minutes,
                item.phase,
                item.notes,
                start_text(starts_at, offset),
                offset,
            )
        )
        offset += item.minutes
    return Agenda(starts_at, tuple(lines))


def next_position(session: Session) -> int:
    """Gives the position after the last activity: where a new one goes."""
    last = session.execute(select(func.max(e.AgendaItem.position))).scalar()
    return 0 if last is None else int(last) + 1


def move_item(session: Session, *, item_id: int, by: int) -> bool:
    """Gives whether the activity moved `by` places (-1: up, 1: down); at either end it stays."""
    ids = list(
        session.execute(select(e.AgendaItem.id).order_by(e.AgendaItem.position, e.AgendaItem.id)).scalars()
    )
    here = ids.index(item_id)
    there = here + by
    if not 0 <= there < len(ids):
        return False
    ids[here], ids[there] = ids[there], ids[here]
    _number(session, ids)
    return True


def _number(session: Session, ids: Sequence[int]) -> None:
    for position, row_id in enumerate(ids):
        session.execute(update(e.AgendaItem).where(e.AgendaItem.id == row_id).values(position=position))


def agenda_rows(session: Session) -> list[dict[str, Any]]:
    """Gives every activity's stored values (ids and uids too): what undoing a replacement puts back."""
    table = e.AgendaItem.__table__
    return [dict(row) for row in session.execute(select(table).order_by(table.c.position)).mappings()]


def put_agenda(session: Session, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Gives the activities there were after replacing them all with `rows`."""
    before = agenda_rows(session)
    session.execute(delete(e.AgendaItem))
    if rows:
        session.execute(insert(e.AgendaItem), [dict(row) for row in rows])
    return before


def template_rows(name: str) -> list[dict[str, Any]]:
    """Gives the template's activities as rows to store, their titles in the user's language."""
    return [
        {"position": position, "title": tr(title), "minutes": minutes, "phase": phase, "notes": ""}
        for position, (title, minutes, phase) in enumerate(TEMPLATES[name])
    ]
