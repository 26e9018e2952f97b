"""The report's charts: the same PDF whether drawn side by side or one by one, and never a lost report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop.charts import catalogue
from workshop.report import drawing, vector
from workshop.report.figures import BROKEN_CHART
from workshop.report.pdf import CHART_KEYS, write_report

# The demo's impact-effort round is still open, so its report places every chart but that one.
PLACED = tuple(key for key in CHART_KEYS if key != "impact_effort")


def _images(path: Path) -> list[bytes]:
    """Gives the raw pixel data of every image in the PDF, page by page."""
    return [image.image.tobytes() for page in PdfReader(path).pages for image in page.images]


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _charts_shown(path: Path) -> list[str]:
    """Gives the title of every chart whose title the reader finds in the PDF's text."""
    text = " ".join(_text(path).split())
    return [key for key in CHART_KEYS if catalogue.chart_by_key(key).title in text]


def _drawings(path: Path) -> int:
    """Gives how many chart drawings the PDF holds: the forms drawn inside its pages' late forms."""
    count = 0
    for page in PdfReader(path).pages:
        for placed in (page["/Resources"].get("/XObject") or {}).values():
            inner = (placed.get_object().get("/Resources") or {}).get("/XObject") or {}
            count += sum(form.get_object().get("/Subtype") == "/Form" for form in inner.values())
    return count


def test_charts_drawn_side_by_side_make_the_same_report_as_one_by_one(demo_findings, tmp_path):
    together = write_report(demo_findings, tmp_path / "together.pdf", side_by_side=True)
    alone = write_report(demo_findings, tmp_path / "alone.pdf", side_by_side=False)
    assert together.pages == alone.pages and together.warnings == alone.warnings == ()
    assert _text(together.path) == _text(alone.path)
    assert _images(together.path) == _images(alone.path) == []
    assert _charts_shown(together.path) == list(PLACED)
    assert _drawings(together.path) == _drawings(alone.path) == len(PLACED)


@pytest.mark.parametrize("side_by_side", [True, False], ids=["side by side", "one by one"])
def test_a_chart_that_cannot_be_drawn_leaves_a_note_and_a_warning(
    demo_findings, tmp_path, monkeypatch, side_by_side
):
    real = vector.chart_svg

    def failing(spec: catalogue.ChartSpec, *args: object, **kwargs: object) -> bytes:
        if spec.key == "agreement":
            raise ValueError("no room for the labels")
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(vector, "chart_svg", failing)
    result = write_report(demo_findings, tmp_path / "report.pdf", side_by_side=side_by_side)
    title = catalogue.chart_by_key("agreement").title
    assert result.warnings == (
        f"The chart '{title}' could not be drawn (no room for the labels); the report shows a note.",
    )
    assert BROKEN_CHART in _text(result.path)
    assert _charts_shown(result.path) == list(PLACED)  # the broken one by its note
    assert _drawings(result.path) == len(PLACED) - 1


def test_a_worker_that_dies_costs_no_chart(demo_findings, tmp_path, monkeypatch):
    real, report_process = vector.chart_svg, os.getpid()

    def dying(spec: catalogue.ChartSpec, *args: object, **kwargs: object) -> bytes:
        if spec.key == "consensus" and os.getpid() != report_process:
            os._exit(1)  # as if the system killed the worker drawing it
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(vector, "chart_svg", dying)
    result = write_report(demo_findings, tmp_path / "report.pdf", side_by_side=True)
    assert result.warnings == ()
    assert _charts_shown(result.path) == list(PLACED)
    assert _drawings(result.path) == len(PLACED)


def test_the_app_draws_its_charts_one_by_one(qapp):
    # Qt runs threads of its own: forking the app's process is not safe.
    assert not drawing.forking_is_safe()
