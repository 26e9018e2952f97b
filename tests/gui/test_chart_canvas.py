"""A chart is drawn off the UI thread, says so until its picture arrives, and lets the page scroll."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.pages_helpers import shown_with_findings
from workshop.charts import catalogue
from workshop.model.demo import create_demo
from workshop.model.store import create_workshop
from workshop.model.views import ALIGNMENT
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.pages.findings_page import gather
from workshop.ui.widgets.chart_canvas import ChartCanvas


@pytest.fixture
def demo_store(tmp_path: Path):
    with create_demo(tmp_path / "demo.workshop") as store:
        yield store


@pytest.fixture
def demo_window(demo_store, settings, qtbot):
    shown = MainWindow(WorkshopContext(demo_store), settings)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    yield shown
    shown.close()


@pytest.fixture
def chart(qtbot) -> ChartCanvas:
    shown = ChartCanvas("points")
    qtbot.addWidget(shown)
    shown.resize(900, 600)
    shown.show()
    return shown


def test_the_chart_is_drawn_off_the_ui_thread_with_a_placeholder_until_then(
    chart, demo_store, qtbot, monkeypatch
):
    drawn_on: list[threading.Thread] = []
    spec = catalogue.chart_by_key("points")

    def recording(figure, findings):
        drawn_on.append(threading.current_thread())
        spec.draw(figure, findings)

    monkeypatch.setattr(catalogue, "chart_by_key", lambda key: replace(spec, draw=recording))
    chart.show_findings(gather(demo_store, None, None))
    assert chart.canvas.text() == "Drawing the chart…" and not chart.drawn()
    qtbot.waitUntil(chart.drawn, timeout=60_000)
    assert drawn_on and threading.main_thread() not in drawn_on
    picture = chart.canvas.pixmap()
    assert not picture.isNull()
    assert round(picture.width() / picture.devicePixelRatio()) == chart.canvas.width()
    assert "the most points went to" in chart.alt_text()
    assert len(chart.numbers().rows) == 10


def test_a_newer_request_replaces_an_older_one(chart, demo_store, tmp_path, qtbot):
    with create_workshop(tmp_path / "blank.workshop", title="Blank") as blank:
        first, second = gather(demo_store, None, None), gather(blank, None, None)
    chart.show_findings(first)
    chart.show_findings(second)
    qtbot.waitUntil(chart.drawn, timeout=60_000)
    assert chart.alt_text() == catalogue.alt_text(catalogue.chart_by_key("points"), second)
    assert chart.alt_text() != catalogue.alt_text(catalogue.chart_by_key("points"), first)


def test_a_wider_chart_is_drawn_again_at_its_new_width(chart, demo_store, qtbot):
    chart.show_findings(gather(demo_store, None, None))
    qtbot.waitUntil(chart.drawn, timeout=60_000)
    chart.resize(1300, 600)
    qtbot.waitUntil(
        lambda: (
            chart.drawn()
            and round(chart.canvas.pixmap().width() / chart.canvas.pixmap().devicePixelRatio())
            == chart.canvas.width()
        ),
        timeout=60_000,
    )
    assert chart.canvas.width() > 1000


def test_the_wheel_scrolls_the_page_over_a_chart(demo_window, qtbot):
    page = shown_with_findings(demo_window, ALIGNMENT)
    picture = page.charts["agreement"].canvas
    page.ensureWidgetVisible(picture, 0, 0)
    QApplication.processEvents()
    bar = page.verticalScrollBar()
    before = bar.value()
    assert before < bar.maximum()
    middle = picture.mapTo(demo_window, picture.rect().center())
    assert demo_window.childAt(middle) is picture
    # Through the window system, as the mouse would: Qt gives the wheel to the widget under the pointer.
    QTest.wheelEvent(demo_window.windowHandle(), QPointF(middle), QPoint(0, -120))  # a notch: down
    QApplication.processEvents()
    assert bar.value() > before


LOADING = """
import sys, threading
from pathlib import Path
first_loaded_on = {{}}

class Watch:
    def find_spec(self, name, path=None, target=None):
        first_loaded_on.setdefault(name, threading.current_thread().name)

sys.meta_path.insert(0, Watch())
from workshop.ui.app import run_app
run_app(Path(sys.argv[1]), quit_when_ready=True)
for thread in threading.enumerate():
    if thread.name == "loading libraries":
        thread.join(120)
print(",".join(name for name in {heavy!r} if first_loaded_on.get(name) == "MainThread"))
print(",".join(name for name in {heavy!r} if name in sys.modules))
"""


def test_the_heavy_libraries_load_off_the_ui_thread_once_the_window_shows(tmp_path):
    heavy = ("scipy", "matplotlib", "reportlab", "workshop.findings", "workshop.charts.catalogue")
    create_demo(tmp_path / "demo.workshop").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-c", LOADING.format(heavy=heavy), str(tmp_path / "demo.workshop")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    on_ui_thread, loaded = done.stdout.splitlines()[-2:]
    assert on_ui_thread == "", f"loaded on the UI thread: {on_ui_thread}"
    assert set(loaded.split(",")) == set(heavy)


def test_the_numbers_are_measured_only_once_asked_for_and_then_shown_in_full(chart, demo_store, qtbot):
    chart.show_findings(gather(demo_store, None, None))
    qtbot.waitUntil(chart.drawn, timeout=60_000)
    # Hidden, the numbers' table reads nothing: a new chart's numbers cost the window no time.
    assert chart.numbers_view.model() is None and len(chart.numbers().rows) == 10
    chart.toggle.click()
    shown = chart.numbers_view.model()
    assert chart.numbers_view.isVisible() and shown is not None and shown.rowCount() == 10
    assert [shown.index(0, c).data() for c in range(shown.columnCount())] == list(chart.numbers().rows[0])
    chart.toggle.click()
    assert not chart.numbers_view.isVisible()
