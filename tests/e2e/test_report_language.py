"""The strategy PDF in the user's language: headings, columns, footer, cover and summary, values intact."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from pypdf import PdfReader

from workshop import wording
from workshop.findings import WorkshopFindings, gather_findings
from workshop.model import demo
from workshop.report import pdf as report_pdf
from workshop.report.figures import _framed_note
from workshop.report.story import APPENDIX, PHASES, SUMMARY
from workshop.report.summary import open_flags
from workshop.rounding import rounded


def _shouting(source: str) -> str:
    return re.sub(r"(\{[^}]*\}|%n)|([^{%]+|%)", lambda m: m.group(1) or m.group(2).upper(), source)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def shouted_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[WorkshopFindings, list[str]]:
    """The demo's findings and its report's pages as text, written with a shouting translation installed."""
    folder = tmp_path_factory.mktemp("shouted")
    earlier = wording.install_translator(_shouting)
    try:
        with demo.create_demo(folder / "demo.workshop") as store, store.reading() as session:
            findings = gather_findings(session)
        # Framed notes instead of charts: the report's own words are under test, not the chart drawing.
        with mock.patch.object(
            report_pdf, "chart_flowable", lambda key, found, width, *rest: _framed_note(key, "", width)
        ):
            result = report_pdf.write_report(findings, folder / "report.pdf", side_by_side=False)
    finally:
        wording.install_translator(earlier)
    return findings, [_flat(page.extract_text()) for page in PdfReader(result.path).pages]


def test_headings_come_out_in_the_installed_language(shouted_report):
    _, pages = shouted_report
    text = " ".join(pages)
    for heading in (SUMMARY, "Contents", *PHASES, APPENDIX):
        assert heading.upper() in text
        assert heading not in text
    assert "CAUTION FLAGS" in text and "BEST CANDIDATES FOR AI" in text


def test_every_page_says_its_number_and_the_total_in_the_installed_language(shouted_report):
    _, pages = shouted_report
    for number, page in enumerate(pages, 1):
        assert f"PAGE {number} OF {len(pages)}" in page


def test_the_cover_names_the_organisation_as_typed_beside_translated_labels(shouted_report):
    findings, pages = shouted_report
    cover = pages[0]
    assert "AI STRATEGY WORKSHOP: REPORT FOR LEADERSHIP" in cover
    assert f"ORGANISATION: {findings.record.info.organisation}" in cover
    assert f"FACILITATOR: {findings.record.info.facilitator}" in cover


def _summary(pages: list[str]) -> str:
    """Gives the pages between the cover and the contents: the decision table and the short findings."""
    return " ".join(pages[1:]).split(" CONTENTS ")[0]


def test_the_summary_speaks_the_installed_language_with_its_numbers_and_names(shouted_report):
    findings, pages = shouted_report
    summary = _summary(pages)
    ranking = findings.ranking
    assert ranking is not None and ranking.concordance.w is not None
    assert f"THE {ranking.ballots} MANAGERS' AGREEMENT ON THIS ORDER" in summary
    assert f"(KENDALL'S W = {rounded(ranking.concordance.w, 2)}" in summary
    assert f"1. {' = '.join(ranking.consensus.borda[0])}" in summary
    assert "EXECUTIVE SUMMARY DECISION WHY PAGE OWNER DUE BY HOURS OR COST RISK" in summary
    assert "APPROVE THE PILOT" in summary and "H A WEEK PER PERSON" in summary


def test_a_caution_flags_severity_and_category_come_out_in_the_installed_language(shouted_report):
    findings, pages = shouted_report
    flag = open_flags(findings)[0]
    team = f" ({flag.team})" if flag.team else ""
    said = f"RESPOND TO THE {flag.severity.value.upper()} FLAG ON {flag.category.value.upper()}{team}"
    assert said in _summary(pages)


def test_table_columns_and_values_come_out_in_the_installed_language(shouted_report):
    findings, pages = shouted_report
    text = " ".join(pages)
    assert "SEVERITY FLAG EVIDENCE RESPONSE OWNER, STATUS" in text
    assert "TASK TEAM HOW OFTEN HOURS A WEEK BY HAND REPEATS, AI (1-5) DATA" in text
    revealed = [r for r in findings.record.rounds if r.status == "revealed"]
    assert f"{revealed[0].name} {revealed[0].method.upper()} REVEALED {revealed[0].ballots}" in text
    assert f"{demo.IMPACT_EFFORT_ROUND} IMPACT-EFFORT OPEN – RESULTS PRIVATE UNTIL REVEALED –" in text


def test_writing_the_report_says_what_it_does_in_the_installed_language(tmp_path):
    said: list[str] = []
    earlier = wording.install_translator(_shouting)
    try:
        with demo.create_demo(tmp_path / "demo.workshop") as store, store.reading() as session:
            findings = gather_findings(session)
        with mock.patch.object(
            report_pdf, "chart_flowable", lambda key, found, width, *rest: _framed_note(key, "", width)
        ):
            report_pdf.write_report(
                findings,
                Path(tmp_path / "r.pdf"),
                progress=lambda what, share: said.append(what),
                side_by_side=False,
            )
    finally:
        wording.install_translator(earlier)
    assert said[0] == "LAYING OUT THE PAGES" and said[-2:] == ["SAVING THE FILE", "DONE"]
