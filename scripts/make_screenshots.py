"""Regenerates every picture in docs/screenshots from a freshly made demo workshop.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_screenshots.py [FOLDER]

The pages come from `workshop DEMO --screenshots FOLDER` (each page at 1280x800, Alignment in projector
mode); the ballot room, the reveal (in the window, in projector mode, at 1920x1080 and at 1280x800), phone
voting's dialog and projector screen, the four looks, the welcome screen and the new-workshop wizard are
drawn here, offscreen, on the same demo.
Every PNG is then reduced to 256 colours, which keeps text sharp and the files small enough for a
repository. Pictures in docs/screenshots/before/ show the app as it was and are never rewritten.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from PIL import Image
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from workshop.findings import gather_findings
from workshop.lan.guard import new_room_code, shown_room_code
from workshop.lan.networks import Network
from workshop.model import ballots
from workshop.model.demo import RANKING_ROUND as DEMO_ROUND
from workshop.model.store import open_workshop
from workshop.model.survey_import import question_choices
from workshop.model.survey_sheet import read_sheet
from workshop.model.views import (
    ALIGNMENT,
    AUDIT,
    FEEDBACK,
    PRIORITIES,
    READINESS,
    SETUP,
    SPACE_AND_TIME,
    WORKFLOWS,
)
from workshop.reveal import reveal_steps
from workshop.ui.agenda_dialog import AgendaDialog
from workshop.ui.app import application
from workshop.ui.ballot.reveal import RevealView
from workshop.ui.ballot.room import BallotRoom
from workshop.ui.context import WorkshopContext
from workshop.ui.link_tasks_dialog import LinkTasksDialog
from workshop.ui.main_window import MainWindow
from workshop.ui.oversight_rule_dialog import OversightRuleDialog
from workshop.ui.phone_voting import ProjectorScreen, StartDialog
from workshop.ui.plan_top_dialog import PlanTopDialog
from workshop.ui.screenshots import finish_drawing, projector_in_a_window
from workshop.ui.survey_import_dialog import SurveyImportDialog
from workshop.ui.welcome import WelcomeScreen
from workshop.ui.wizard import NewWorkshopWizard

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)
PROJECTOR_SIZES = ((1920, 1080), (1280, 800))
LOOKS = (
    ("light", "audit-discovery", AUDIT),
    ("dark", "setup", SETUP),
    ("high-contrast", "alignment", ALIGNMENT),
)


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
        save(room, folder / "ballot-2-ranking.png")
        for letter in "CA":  # the voter's first two choices, typed
            QTest.keyClick(QApplication.focusWidget(), letter)
        yield save(room, folder / "ballot-2-ranking.png")
        room.close()
        view = RevealView(reveal_steps(found.ranking_round, found.ranking))
        for step in range(1, 5):
            yield save(view, folder / f"reveal-{step}.png")
            QTest.keyClick(view, Qt.Key.Key_Right)
        view.close()
        context.close()


def window_on(demo: Path, scratch: Path) -> MainWindow:
    """Gives a shown main window on the demo, with settings of its own."""
    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(WorkshopContext(open_workshop(demo)), settings)
    window.resize(*SIZE)
    window.show()
    return window


def projector_reveal_pictures(window: MainWindow, folder: Path) -> Iterator[Path]:
    """Gives the reveal of the demo's ranking round as the room sees it: the whole window in projector mode,
    every step, at each projector size."""
    projector_in_a_window(window)
    try:
        for width, height in PROJECTOR_SIZES:
            window.resize(width, height)
            window.room_tools.start_reveal(DEMO_ROUND).wait()
            QApplication.processEvents()
            view = window.room_tools.reveal
            assert view is not None, "the demo's ranking round has results"
            for step in range(1, len(view.pages) + 1):
                yield save(window, folder / f"reveal-projector-{width}x{height}-{step}.png", None)
                QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
            window.room_tools.leave_reveal()
    finally:
        window.set_projector_mode(False)
        window.showNormal()


def look_pictures(window: MainWindow, folder: Path) -> Iterator[Path]:
    """Gives a page in each look (light, dark, high contrast) and the high-contrast one in projector mode."""
    window.resize(*SIZE)
    for theme, stem, phase in LOOKS:
        window.set_theme(theme)
        window.select_phase(phase)
        finish_drawing(window)
        yield save(window, folder / f"look-{theme}-{stem}.png", None)
    projector_in_a_window(window)
    window.resize(*PROJECTOR_SIZES[0])
    window.select_phase(SETUP)
    finish_drawing(window)
    yield save(window, folder / "look-high-contrast-projector-setup.png", None)
    window.set_projector_mode(False)
    window.set_theme("light")


# The panels the guide explains one by one: (page, the page's attribute holding it, file name).
PANELS = (
    (READINESS, "adkar", "panel-adkar.png"),
    (READINESS, "trend", "panel-readiness-over-time.png"),
    (FEEDBACK, "proposals", "panel-proposed-flags.png"),
    (SPACE_AND_TIME, "ledger", "panel-capacity-ledger.png"),
)
# A survey tool's export as Microsoft Forms gives it, for the picture of the import's mapping step.
SURVEY_EXPORT = (
    "ID,Start time,Completion time,Email,Name,Team,Confidence,Skills,Attitude,"
    "How do you feel about AI in your work?,Effectiveness (team estimate),Comments\n"
    "1,11/25/26 9:00,11/25/26 9:06,anonymous,Ana Ruiz,Sales & Key Accounts,Agree,Neutral,Strongly agree,"
    "Curious,Agree,More time for customers\n"
    "2,11/25/26 9:02,11/25/26 9:07,anonymous,Ben Ode,Sales & Key Accounts,Disagree,Agree,Agree,Worried,,\n"
)


def panel_pictures(window: MainWindow, folder: Path, scratch: Path) -> Iterator[Path]:
    """Gives the panels of ADKAR, readiness over time, proposed caution flags and the capacity ledger as
    they sit on their pages, the Workflows page with the oversight rule's marks, the oversight rule's
    dialog and the survey import's mapping step."""
    window.resize(*SIZE)
    for phase, attribute, name in PANELS:
        window.select_phase(phase)
        finish_drawing(window)
        yield save(getattr(window.page(phase), attribute), folder / name, None)
    window.select_phase(WORKFLOWS)
    finish_drawing(window)
    rule = OversightRuleDialog(window.context, window)
    yield save(rule, folder / "dialog-oversight-rule.png", None)
    rule.close()
    export = scratch / "Readiness pulse (Microsoft Forms).csv"
    export.write_text(SURVEY_EXPORT, encoding="utf-8")
    choices = window.context.read(question_choices)
    mapping = SurveyImportDialog(window.context, export, read_sheet(export), choices, window)
    yield save(mapping, folder / "dialog-survey-import.png", (1100, 620))
    mapping.close()


def flow_pictures(window: MainWindow, folder: Path) -> Iterator[Path]:
    """Gives the dialogs that carry the demo from ideas to planned workflows: two ideas made into one
    opportunity, the suggested task links, the top 3 planned in the room's order, the day's agenda."""
    window.resize(*SIZE)
    audit = window.page(AUDIT)
    window.select_phase(AUDIT)
    finish_drawing(window)
    ideas = audit.tables["idea"]
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 1):
        ideas.view.selectionModel().select(ideas.proxy.index(row, 0), flags)
    audit.on_promote_clicked()
    promote = audit.promote_dialog
    assert promote is not None, "the demo has ideas to promote"
    yield save(promote, folder / "dialog-promote-ideas.png", None)
    promote.reject()
    yield from _link_tasks_picture(window, folder)
    window.select_phase(WORKFLOWS)
    finish_drawing(window)
    page = window.page(WORKFLOWS)
    plan = PlanTopDialog(page.context, page.findings, page)
    yield save(plan, folder / "dialog-plan-top.png", None)
    plan.close()
    agenda_dialog = AgendaDialog(window.context, window)  # the demo's own full day, from nine
    yield save(agenda_dialog, folder / "dialog-agenda.png", None)
    agenda_dialog.close()


def _link_tasks_picture(window: MainWindow, folder: Path) -> Iterator[Path]:
    """Gives the Link tasks dialog of the room's first opportunity, as it opens (the dialog is modal)."""
    pictures: list[Path] = []

    def picture(dialog: LinkTasksDialog) -> int:
        pictures.append(save(dialog, folder / "dialog-link-tasks.png", None))
        return QDialog.DialogCode.Rejected

    opened = LinkTasksDialog.exec
    LinkTasksDialog.exec = picture  # type: ignore[method-assign]
    try:
        window.select_phase(PRIORITIES)
        finish_drawing(window)
        page = window.page(PRIORITIES)
        table = page.tables["opportunity"]
        table.select_row_id(table.model.row_at(0).id)
        page.on_link_clicked()
    finally:
        LinkTasksDialog.exec = opened  # type: ignore[method-assign]
    yield from pictures


def start_pictures(window: MainWindow, folder: Path) -> Iterator[Path]:
    """Gives the pictures of the welcome screen over the demo and of the new-workshop wizard's pages."""
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


# Where a laptop on a room's Wi-Fi usually is: the pictures show the address a room would see, not 127.0.0.1.
ROOM_NETWORKS = (Network("Wi-Fi", "192.168.1.23"), Network("lo", "127.0.0.1"))


@dataclass(frozen=True)
class VotingAsInTheRoom:
    """The way in the projector shows, at the room's address, with the demo round's own progress."""

    context: WorkshopContext
    round_id: int
    room_code: str
    address_line: str = f"{ROOM_NETWORKS[0].address}:8421"

    @property
    def url(self) -> str:
        return f"http://{self.address_line}/{self.room_code.replace('-', '')}/"

    def progress(self) -> ballots.RoundProgress:
        return self.context.read(lambda session: ballots.round_progress(session, round_id=self.round_id))


def phone_voting_pictures(window: MainWindow, folder: Path) -> Iterator[Path]:
    """Gives the dialog that starts phone voting in the demo's open round, and the projector's screen."""
    context = window.context
    chosen = context.read(ballots.open_rounds)[0]
    dialog = StartDialog(chosen.name, ROOM_NETWORKS, _not_started, window)
    yield save(dialog, folder / "dialog-phone-voting.png", None)
    dialog.close()
    shown = VotingAsInTheRoom(context, chosen.round_id, shown_room_code(new_room_code()))
    screen = ProjectorScreen(shown, chosen.name, chosen.uses_codes)
    yield save(screen, folder / "projector-phone-voting.png", PROJECTOR_SIZES[0])
    screen.close()


def _not_started(network: Network, allow_public: bool) -> NoReturn:
    raise AssertionError("the dialog's picture is taken before Start is pressed")


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
        written = [*folder.glob("*.png"), *room_pictures(demo, folder)]
        window = window_on(demo, Path(scratch))
        try:
            written += [
                *projector_reveal_pictures(window, folder),
                *look_pictures(window, folder),
                *start_pictures(window, folder),
                *panel_pictures(window, folder, Path(scratch)),
                *flow_pictures(window, folder),
                *phone_voting_pictures(window, folder),
            ]
        finally:
            window.close()
    for png in written:
        shrink(png)
        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
