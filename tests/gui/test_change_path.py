"""One change path: every write goes through the context, which alone tells the screens what changed."""

from __future__ import annotations

import re
from pathlib import Path

from tests.gui.pages_helpers import table_on
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.views import AUDIT, SETUP
from workshop.model.written import tables_written
from workshop.ui.context import WhatChanged

PACKAGE = Path(__file__).resolve().parents[2] / "workshop"


def test_a_change_names_the_tables_it_wrote(window, qtbot):
    tasks = table_on(window, AUDIT, "task")
    with qtbot.waitSignal(window.context.changed) as told:
        tasks.add({"title": "Answer e-mails"})
    (what,) = told.args
    assert isinstance(what, WhatChanged) and what.tables == frozenset({"task"})
    assert what.touches(frozenset({"task", "team"})) and not what.touches(frozenset({"participant"}))


def test_deleting_a_team_counts_the_tables_that_point_at_it(store):
    with store.transaction() as session:
        ops.participant_named(session, "Ana", team=ops.team_named(session, "Sales"))
    with store.transaction() as session, tables_written(session) as written:
        session.delete(session.query(e.Team).one())
        session.flush()
    assert {"team", "participant", "task", "opportunity"} <= written


def test_a_page_whose_tables_did_not_change_is_not_read_again(window, monkeypatch):
    window.select_phase(SETUP)
    setup = window.page(SETUP)
    reads: list[str] = []
    monkeypatch.setattr(setup, "refresh", lambda: reads.append("setup"))
    window.select_phase(AUDIT)
    table_on(window, AUDIT, "task").add({"title": "Answer e-mails"})
    window.select_phase(SETUP)
    assert reads == []
    window.context.write(lambda s: ops.participant_named(s, "Ben"))
    assert reads == ["setup"]


def test_only_the_context_tells_the_screens_that_the_workshop_changed():
    telling = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"context\.changed\.emit\(", path.read_text(encoding="utf-8"))
    ]
    assert telling == []
    assert "self.changed.emit(" in (PACKAGE / "ui" / "context.py").read_text(encoding="utf-8")
