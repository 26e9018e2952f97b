"""Starting the app on a file, on the demo, and on a file that is not a workshop."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication, QMessageBox

from workshop.model import operations as ops
from workshop.model.store import create_workshop, open_workshop
from workshop.model.views import entity_rows, workshop_summary
from workshop.ui import app as app_module
from workshop.ui.app import run_app


def test_run_app_shows_the_workshop_and_returns_0_when_asked_to_quit(workshop_path):
    create_workshop(workshop_path, title="Room").close()
    assert run_app(workshop_path, quit_when_ready=True) == 0
    assert QApplication.applicationName() == "AI Strategy Workshop"
    assert not QApplication.windowIcon().isNull()
    open_workshop(workshop_path).close()  # the app let go of the file


def test_garbage_is_collected_again_once_the_workshop_is_shown(workshop_path, qapp):
    create_workshop(workshop_path, title="Room").close()
    collecting_at_quit: list[bool] = []
    qapp.aboutToQuit.connect(lambda: collecting_at_quit.append(gc.isenabled()))
    assert run_app(workshop_path, quit_when_ready=True) == 0
    assert collecting_at_quit == [True]


def test_launching_on_a_text_file_says_why_and_exits_2(tmp_path, monkeypatch):
    bad = tmp_path / "agenda.workshop"
    bad.write_text("Agenda\n")
    calls = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *args: calls.append(args[2])))
    assert run_app(bad, quit_when_ready=True) == 2
    assert (
        len(calls) == 1 and "agenda.workshop" in calls[0] and "Nothing in the file was changed." in calls[0]
    )
    assert bad.read_text() == "Agenda\n"


def test_without_a_file_the_demo_is_made_once_then_reopened(tmp_path, monkeypatch):
    monkeypatch.setattr(app_module.platformdirs, "user_data_path", lambda _name: tmp_path / "data")
    demo = tmp_path / "data" / "demo.workshop"
    assert run_app(None, quit_when_ready=True) == 0
    with open_workshop(demo) as store, store.transaction() as session:
        assert workshop_summary(session).participants > 0
        ops.team_named(session, "Added after the first start")
    assert run_app(None, quit_when_ready=True) == 0
    with open_workshop(demo) as store, store.reading() as session:
        assert "Added after the first start" in [row.get("name") for row in entity_rows(session, "team")]
