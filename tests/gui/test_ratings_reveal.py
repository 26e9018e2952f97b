"""Revealing a 100-point or impact-effort round to the room: large type step by step, then its chart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.demo import IMPACT_EFFORT_ROUND, POINTS_ROUND, create_demo
from workshop.ui.ballot.ratings_reveal import ChartRevealView
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow

SHOTS = os.environ.get("WORKSHOP_SHOTS")  # a folder: each step is also saved there as a PNG to look at


@pytest.fixture
def window(tmp_path: Path, settings, qtbot):
    with create_demo(tmp_path / "demo.workshop") as store:
        with store.transaction() as s:
            round_id = s.query(e.BallotRound.id).filter_by(name=IMPACT_EFFORT_ROUND).scalar()
            ballots.reveal_round(s, round_id=round_id)
        shown = MainWindow(WorkshopContext(store), settings)
        qtbot.addWidget(shown)
        shown.resize(1920, 1080)
        shown.show()
        yield shown
        shown.close()


def walk(view: ChartRevealView, qtbot, name: str) -> list[tuple[str, str, str]]:
    qtbot.waitUntil(view.isVisible)  # a new central widget is shown on the next pass of the event loop
    seen = []
    for number in range(len(view.steps)):
        qtbot.waitUntil(view.drawn)  # a chart step's chart is drawn off the UI thread
        seen.append((view.step_label.text(), view.headline.text(), view.body.text()))
        if SHOTS:
            qtbot.wait(20)
            view.window().grab().save(str(Path(SHOTS) / f"reveal-{name}-{view.width()}-{number + 1}.png"))
        qtbot.keyClick(view, Qt.Key.Key_Right)
    return seen


def test_the_room_menu_offers_every_revealed_round_and_reveals_the_2x2_quadrant_by_quadrant(
    window, qtbot, monkeypatch
):
    from workshop.ui.ballot.reveal_chooser import RevealChooser

    offered = []

    def choose(chooser: RevealChooser) -> int:
        offered.extend(choice.name for choice in chooser.rounds if choice.may_be_shown)
        names = [choice.name for choice in chooser.rounds]
        chooser.list.setCurrentRow(names.index(IMPACT_EFFORT_ROUND))
        return RevealChooser.DialogCode.Accepted

    monkeypatch.setattr(RevealChooser, "exec", choose)
    window.room_tools.on_reveal_triggered()
    assert POINTS_ROUND in offered and IMPACT_EFFORT_ROUND in offered
    qtbot.waitUntil(lambda: window.room_tools.reveal is not None)  # the round is analysed off the UI thread
    view = window.centralWidget()
    assert isinstance(view, ChartRevealView)
    seen = walk(view, qtbot, "impact")
    titles = [title for title, _, _ in seen]
    assert titles[0] == f"Step 1 of 5: Quick win – {IMPACT_EFFORT_ROUND}"
    assert titles[1:4] == [
        "Step 2 of 5: Major project",
        "Step 3 of 5: Fill-in",
        "Step 4 of 5: Thankless task",
    ]
    assert seen[0][1] == "1 quick win"
    assert seen[0][2].startswith("Impact 3.0 or more, effort under 3.0\n")
    assert "Draft replies to shipment e-mails: impact 4.3, effort 2.2" in seen[0][2]
    assert seen[1][1] == "5 major projects" and seen[1][2].startswith("Impact and effort 3.0 or more\n")
    assert seen[3][2].startswith("Impact under 3.0, effort 3.0 or more\n")
    assert titles[4] == "Step 5 of 5: The whole picture" and seen[4][1] == "5 ballots"
    assert view.picture.isVisible() and not view.picture.pixmap().isNull()
    assert view.picture.pixmap().width() > 1200
    assert "quick win: 1" in view.picture.accessibleDescription()
    assert QFontInfo(view.body.font()).pixelSize() >= 28
    with qtbot.waitSignal(view.left):
        qtbot.keyClick(view, Qt.Key.Key_Escape)


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280", "1920"])
def test_a_points_round_is_revealed_most_points_first_then_its_chart(window, qtbot, size):
    window.resize(*size)
    assert window.room_tools.start_reveal(POINTS_ROUND).wait()
    view = window.room_tools.reveal
    assert isinstance(view, ChartRevealView)
    seen = walk(view, qtbot, "points")
    assert seen[0][0] == f"Step 1 of 3: How you spent 100 points – {POINTS_ROUND}"
    assert seen[0][1] == "Most points: Draft replies to shipment e-mails"
    assert seen[0][2].startswith("1. Draft replies to shipment e-mails: 19.9 points on average (20%)")
    assert "give or take" in seen[1][2]
    assert seen[2][0] == "Step 3 of 3: The whole picture" and seen[2][1] == "8 ballots"
    assert not view.picture.pixmap().isNull() and not view.body.isVisible()
    assert view.picture.pixmap().height() <= view.picture.height()


def test_the_chart_step_says_the_chart_is_being_drawn_until_its_picture_arrives(window, qtbot):
    assert window.room_tools.start_reveal(POINTS_ROUND).wait()
    view = window.room_tools.reveal
    assert isinstance(view, ChartRevealView)
    qtbot.waitUntil(view.isVisible)
    for _ in range(len(view.steps) - 1):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    # The window goes on answering while the chart is laid out; the room sees a line saying so.
    assert view.picture.isVisible() and view.picture.text() == "Drawing the chart…"
    assert view.picture.pixmap().isNull()
    qtbot.waitUntil(view.drawn)
    assert not view.picture.pixmap().isNull()
    assert view.picture.accessibleDescription()
