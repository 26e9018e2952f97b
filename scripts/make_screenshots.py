"""Regenerates every picture in docs/screenshots from a freshly made demo workshop.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_screenshots.py [FOLDER]

The pages come from `workshop DEMO --screenshots FOLDER` (each page at 1280x800, Alignment in projector
mode); the ballot room, the reveal, the welcome screen and the new-workshop wizard are drawn here,
offscreen, on the same demo. Every PNG is then reduced to 256 colours, which keeps text sharp and the
files small enough for a repository.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from workshop.findings import gather_findings
from workshop.model import ballots
from workshop.model.store import open_workshop
from workshop.reveal import reveal_steps
from workshop.ui.app import application
from workshop.ui.ballot.reveal import RevealView
from workshop.ui.ballot.room import BallotRoom
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow
from workshop.ui.welcome import WelcomeScreen
from workshop.ui.wizard import NewWorkshopWizard

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)


def save(widget: QWidget, target: Path, size: tuple[int, int] | None = SIZE) -> Path:
    """Gives the PNG written of `widget`, shown at `size` (its own size when None)."""
    if size is not None:
        widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    if not widget.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    return target


def room_pictures(demo: Path, folder: Path) -> Iterator[Path]:
    """Gives the pictures of the ballot room (who is voting, a ballot) and of the reveal's four steps."""
    with open_workshop(demo) as store:
        with store.transaction() as session:
            round_id = ballots.start_round(session, name="Which pilots first?")
        with store.reading() as session:
            found = gather_findings(session)
        context = WorkshopContext(store)
        room = BallotRoom(context, round_id)
        yield save(room, folder / "ballot-1-who-is-voting.png")
        room.voter_list.setCurrentRow(0)  # as after the first voter's Down arrow: no name is pre-chosen
        room.start_ballot()
        yield save(room, folder / "ballot-2-ranking.png")
        room.close()
        view = RevealView(reveal_steps(found.ranking_round, found.ranking))
        for step in range(1, 5):
            yield save(view, folder / f"reveal-{step}.png")
            QTest.keyClick(view, Qt.Key.Key_Right)
        view.close()
        context.close()


def start_pictures(demo: Path, folder: Path, scratch: Path) -> Iterator[Path]:
    """Gives the pictures of the welcome screen over the demo and of the new-workshop wizard's pages."""
    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(WorkshopContext(open_workshop(demo)), settings)
    window.resize(*SIZE)
    window.show()
    welcome = WelcomeScreen(window)
    yield save(welcome, folder / "welcome.png", None)
    wizard = NewWorkshopWizard(window, folder=Path.home())
    wizard.details_page.title_box.setText("AI strategy offsite")
    wizard.details_page.organisation.setText("Northwind Logistics")
    wizard.details_page.facilitator.setText("Kim Sørensen")
    wizard.show()
    yield save(wizard, folder / "wizard-1-details.png", None)
    wizard.next()
    wizard.teams_page.teams.setPlainText("Sales\nOperations\nCustomer service\nFinance")
    yield save(wizard, folder / "wizard-2-teams.png", None)
    wizard.next()
    yield save(wizard, folder / "wizard-3-anonymity.png", None)
    wizard.close()
    welcome.close()
    window.close()


def shrink(png: Path) -> None:
    """Rewrites the PNG with at most 256 colours, optimised."""
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def main(argv: list[str]) -> int:
    """Gives the exit code after regenerating every screenshot in the folder (docs/screenshots by default)."""
    folder = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    application()
    with tempfile.TemporaryDirectory() as scratch:
        demo = Path(scratch) / "demo.workshop"
        workshop = [sys.executable, "-m", "workshop"]
        subprocess.run([*workshop, "demo", str(demo)], check=True, capture_output=True)
        subprocess.run([*workshop, str(demo), "--screenshots", str(folder)], check=True, capture_output=True)
        written = [
            *folder.glob("*.png"),
            *room_pictures(demo, folder),
            *start_pictures(demo, folder, Path(scratch)),
        ]
    for png in written:
        shrink(png)
        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
