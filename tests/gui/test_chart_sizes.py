"""A chart on a page reads like the page: its text has the window's body size at any width, and no label
overlaps another or leaves the picture, however long the labels are."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.text import Text

from workshop.charts.catalogue import CHARTS
from workshop.charts.style import wrap
from workshop.findings import WorkshopFindings
from workshop.ui.widgets.chart_canvas import ChartCanvas, ChartRequest, body_points, draw_chart

WIDTHS = (1280, 1920)  # the chart as wide as a page in windows this wide


def shown_chart(qtbot, key: str, findings: WorkshopFindings, width: int) -> ChartCanvas:
    chart = ChartCanvas(key)
    qtbot.addWidget(chart)
    chart.resize(width, 600)
    chart.show()
    chart.show_findings(findings)
    qtbot.waitUntil(chart.drawn, timeout=60_000)
    assert chart.figure is not None, chart.canvas.text()
    return chart


def tick_labels(fig: Figure) -> list[list[Text]]:
    """Gives the drawn tick labels of each axis of the chart's plots (a colour bar's scale is a key)."""
    plots = [ax for ax in fig.axes if ax.axison and not hasattr(ax, "_colorbar")]
    return [
        [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text().strip() and in_view(t, axis)]
        for ax in plots
        for axis in (ax.xaxis, ax.yaxis)
    ]


def in_view(label: Text, axis) -> bool:
    low, high = sorted(axis.get_view_interval())
    position = label.get_position()[0 if axis.axis_name == "x" else 1]
    return low - 1e-9 <= position <= high + 1e-9


def drawn_texts(fig: Figure) -> list[Text]:
    """Gives every text the reader sees (tick labels of ticks beyond the axis exist but are not drawn)."""
    hidden = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in axis.get_ticklabels()}
    shown = {id(t) for labels in tick_labels(fig) for t in labels}
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and (id(t) not in hidden or id(t) in shown)
    ]


def assert_readable(fig: Figure) -> None:
    """No two tick labels of an axis overlap, and every text lies inside the picture."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for labels in tick_labels(fig):
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels]
        for (one, a), (other, b) in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), (one, other)
    picture = fig.bbox.padded(1)
    for text in drawn_texts(fig):
        box = text.get_window_extent(renderer)
        assert picture.x0 <= box.x0 and box.x1 <= picture.x1, text.get_text()
        assert picture.y0 <= box.y0 and box.y1 <= picture.y1, text.get_text()


@pytest.mark.parametrize("spec", CHARTS, ids=lambda spec: spec.key)
def test_a_chart_has_the_windows_body_text_at_any_width_and_no_label_overlaps(
    spec, revealed_demo_findings, qtbot
):
    seen = {}
    for width in WIDTHS:
        chart = shown_chart(qtbot, spec.key, revealed_demo_findings, width)
        body = body_points(chart.font(), chart.canvas.logicalDpiY())
        labels = [t for axis in tick_labels(chart.figure) for t in axis]
        assert labels
        assert [t.get_fontsize() for t in labels] == pytest.approx([body] * len(labels))
        assert_readable(chart.figure)
        seen[width] = sorted(t.get_fontsize() for t in drawn_texts(chart.figure))
    assert seen[WIDTHS[0]] == seen[WIDTHS[1]]  # titles, notes and keys too: nothing grows with the width


def test_many_rows_make_the_chart_taller_instead_of_smaller(revealed_demo_findings, qtbot):
    few = shown_chart(qtbot, "points", revealed_demo_findings, WIDTHS[0])
    points = revealed_demo_findings.points
    assert points is not None
    more = tuple(dataclasses.replace(p, item=f"{p.item} ({k})") for k in range(3) for p in points.items)
    many = dataclasses.replace(revealed_demo_findings, points=dataclasses.replace(points, items=more))
    taller = shown_chart(qtbot, "points", with_opportunities(many, [p.item for p in more]), WIDTHS[0])
    assert taller.canvas.height() > few.canvas.height()
    assert {t.get_fontsize() for t in tick_labels(taller.figure)[1]} == {
        t.get_fontsize() for t in tick_labels(few.figure)[1]
    }
    assert_readable(taller.figure)


def with_opportunities(findings: WorkshopFindings, titles: list[str]) -> WorkshopFindings:
    """Gives the findings with the workshop's opportunities named `titles` (each chart colours them)."""
    first = findings.record.opportunities[0]
    opportunities = tuple(dataclasses.replace(first, title=title) for title in titles)
    return dataclasses.replace(
        findings, record=dataclasses.replace(findings.record, opportunities=opportunities)
    )


ODD_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)),  # a lone surrogate cannot be stored as text
    min_size=1,
    max_size=200,
).filter(lambda title: wrap(title).strip())  # an opportunity's title has something to show


@pytest.fixture(scope="module")
def the_demo(revealed_demo_findings) -> Callable[[], WorkshopFindings]:
    """Gives the demo's findings on request (a failing example then names the function, not the findings)."""
    return lambda: revealed_demo_findings


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(ODD_TEXT, min_size=1, max_size=12, unique=True), width=st.sampled_from(WIDTHS))
def test_bar_labels_of_any_length_wrap_shorten_and_never_overlap(titles, width, the_demo, qapp):
    revealed_demo_findings = the_demo()
    points = revealed_demo_findings.points
    assert points is not None
    items = tuple(
        dataclasses.replace(points.items[k % len(points.items)], item=t) for k, t in enumerate(titles)
    )
    findings = with_opportunities(
        dataclasses.replace(revealed_demo_findings, points=dataclasses.replace(points, items=items)), titles
    )
    drawn = draw_chart(ChartRequest(1, "points", "points", findings, width - 280, 440, 1.0, 96.0, 10.0))
    assert not isinstance(drawn, str)
    rows = tick_labels(drawn.figure)[1]
    assert len(rows) == len(titles)
    assert all(t.get_text().count("\n") <= 2 for t in rows)  # at most three lines, then "…"
    assert {t.get_fontsize() for t in rows} == {10.0}
    assert_readable(drawn.figure)
