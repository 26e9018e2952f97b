"""The Alignment page shows the latest revealed 100-point and impact-effort rounds, never unrevealed ones."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.pages_helpers import shown_with_findings
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model.demo import IMPACT_EFFORT_ROUND, POINTS_ROUND, create_demo
from workshop.model.views import ALIGNMENT
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow

SHOTS = os.environ.get("WORKSHOP_SHOTS")  # a folder: the page is also saved there as PNGs to look at


@pytest.fixture
def demo_store(tmp_path: Path):
    with create_demo(tmp_path / "demo.workshop") as store:
        yield store


@pytest.fixture
def demo_window(demo_store, settings, qtbot) -> Iterator[MainWindow]:
    shown = MainWindow(WorkshopContext(demo_store), settings)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    yield shown
    shown.close()


def reveal(store, name: str) -> None:
    with store.transaction() as s:
        round_id = s.query(e.BallotRound.id).filter_by(name=name).scalar()
        ballots.reveal_round(s, round_id=round_id)


def alignment(window: MainWindow):
    window.select_phase(ALIGNMENT)
    window.page(ALIGNMENT).refresh()
    return shown_with_findings(window, ALIGNMENT)


def test_the_demo_shows_its_points_round_but_not_its_unrevealed_impact_effort_round(demo_window):
    page = alignment(demo_window)
    points, impact = page.ratings.points, page.ratings.impact_effort
    assert points.isVisible() and not impact.isVisible()
    assert points.heading.text() == f"How the managers spent 100 points – round '{POINTS_ROUND}'"
    assert "the most points went to" in points.chart.alt_text()
    assert points.chart.numbers().columns == ("Opportunity", "Mean points", "Share", "Spread (SD)")
    assert len(points.chart.numbers().rows) == 10


def test_once_revealed_the_2x2_appears_with_its_quadrants_and_numbers(demo_window, demo_store, qtbot):
    reveal(demo_store, IMPACT_EFFORT_ROUND)
    page = alignment(demo_window)
    impact = page.ratings.impact_effort
    assert impact.isVisible()
    assert impact.heading.text() == f"Impact against effort – round '{IMPACT_EFFORT_ROUND}'"
    said = impact.chart.alt_text()
    assert "cut at 3.0" in said and "quick win: " in said and "thankless task: " in said
    rows = impact.chart.numbers().rows
    assert len(rows) == 10 and {row[4] for row in rows} <= {
        "quick win",
        "major project",
        "fill-in",
        "thankless task",
    }
    figure_text = " ".join(
        t.get_text() for t in impact.chart.figure.findobj(lambda a: hasattr(a, "get_text"))
    )
    assert "quick win" in figure_text and "major project" in figure_text
    if SHOTS:
        for width, height in ((1280, 800), (1920, 1080)):
            demo_window.resize(width, height)
            qtbot.wait(50)
            page.ensureWidgetVisible(impact, 0, 0)
            qtbot.wait(50)
            demo_window.grab().save(str(Path(SHOTS) / f"alignment-ratings-{width}.png"))
            page.ensureWidgetVisible(page.ratings.points, 0, 0)
            qtbot.wait(50)
            demo_window.grab().save(str(Path(SHOTS) / f"alignment-points-{width}.png"))
