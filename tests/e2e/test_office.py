"""The deck and the workbook open in LibreOffice (Impress, Calc) and say what the strategy PDF says."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from workshop.analysis.consensus import place_rows
from workshop.cli import main
from workshop.findings import findings_for_report
from workshop.model import demo
from workshop.model.snapshot import open_to_read

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed: `make office` (as root) installs Impress and Calc"
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo written by `workshop export` as the PDF, the deck and the workbook."""
    folder = tmp_path_factory.mktemp("office")
    demo.create_demo(folder / "demo.workshop").close()
    files = {suffix: folder / f"out.{suffix}" for suffix in ("pdf", "pptx", "xlsx")}
    for path in files.values():
        with mock.patch("sys.stdout"):
            assert main(["export", str(folder / "demo.workshop"), "-o", str(path)]) == 0
    files["workshop"] = folder / "demo.workshop"
    return files


def converted(path: Path, folder: Path) -> str:
    """Gives the text of the file as LibreOffice prints it to PDF, whitespace made single spaces."""
    # A profile of its own, so tests running side by side never share LibreOffice's lock.
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    command = [str(SOFFICE), profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    reader = PdfReader(folder / f"{path.stem}.pdf")
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def in_order(text: str, parts: list[str]) -> bool:
    """Gives whether every part is in the text, each after the one before."""
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
    return True


def test_the_deck_opens_in_impress_with_the_pdfs_priorities_agreement_and_counts(exported, tmp_path):
    with open_to_read(exported["workshop"], tell=print) as store, store.reading() as session:
        ranking = findings_for_report(session).ranking
    assert ranking is not None
    top = [f"{place}. {item}" for place, item in place_rows(ranking.consensus.borda) if place <= 3]
    report, deck = pdf_text(exported["pdf"]), converted(exported["pptx"], tmp_path)
    assert in_order(report, top) and in_order(deck, top)
    [agreement] = set(re.findall(r"Kendall's W = \d\.\d\d, where chance alone gives about \d\.\d\d", report))
    counts = re.search(r"\d+ ballots over \d+ opportunities", report)
    assert counts and counts.group() in deck and agreement in deck


def test_the_workbook_opens_in_calc_with_every_opportunity_and_the_ballots_counted(exported, tmp_path):
    book = load_workbook(exported["xlsx"])
    sheet = converted(exported["xlsx"], tmp_path)
    header = [cell.value for cell in book["opportunity"][1]]
    titles = [
        row[header.index("title")] for row in book["opportunity"].iter_rows(min_row=2, values_only=True)
    ]
    assert titles and all(" ".join(title.split()) in sheet for title in titles)
    report = pdf_text(exported["pdf"])
    found = re.search(r"(\d+) ballots over", report)
    assert found
    ballots = int(found.group(1))
    rounds = {row[0]: row[1] for row in book["ballot_round"].iter_rows(min_row=2, values_only=True)}
    with open_to_read(exported["workshop"], tell=print) as store, store.reading() as session:
        described = findings_for_report(session).ranking_round
    ranking_id = next(key for key, name in rounds.items() if name == described)
    header = [cell.value for cell in book["ballot"][1]]
    cast = book["ballot"].iter_rows(min_row=2, values_only=True)
    assert sum(row[header.index("round_id")] == ranking_id for row in cast) == ballots
