"""The welcome screen and the new-workshop wizard: what a facilitator sees and gets on a first start."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from tests.gui.clipping import clipped_labels
from workshop.model.entities import DEFAULT_DIMENSIONS
from workshop.model.store import create_workshop
from workshop.model.views import entity_labels, workshop_summary
from workshop.ui import app as app_module
from workshop.ui import welcome as welcome_module
from workshop.ui.app import run_app
from workshop.ui.recent import remember
from workshop.ui.welcome import WelcomeScreen
from workshop.ui.wizard import NewWorkshopWizard, team_names


def _welcome(window, qtbot) -> WelcomeScreen:
    screen = WelcomeScreen(window)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_the_demo_is_the_default_focused_choice_and_opens_the_demo(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(welcome_module, "demo_path", lambda: tmp_path / "data" / "demo.workshop")
    screen = _welcome(window, qtbot)
    assert screen.demo_button.isDefault() and screen.focusWidget() is screen.demo_button
    qtbot.keyClick(screen.demo_button, Qt.Key.Key_Return)
    assert window.context.store.path == tmp_path / "data" / "demo.workshop"
    assert window.context.read(workshop_summary).participants > 0
    assert not screen.isVisible()


def test_recent_workshops_are_listed_newest_first_and_open_when_chosen(window, qtbot, tmp_path):
    for name in ("older", "newer"):
        create_workshop(tmp_path / f"{name}.workshop", title=name.title()).close()
        remember(window.settings, tmp_path / f"{name}.workshop")
    screen = _welcome(window, qtbot)
    assert [p.name for p in screen.recent_paths()][:2] == ["newer.workshop", "older.workshop"]
    screen.on_recent_activated(screen.recent.item(1))
    assert window.windowTitle().startswith("Older")


def test_the_wizard_creates_the_workshop_with_its_teams_and_opens_it(window, qtbot, tmp_path):
    screen = _welcome(window, qtbot)
    screen.new_button.click()
    wizard = screen.wizard
    assert isinstance(wizard, NewWorkshopWizard)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a title is needed first
    wizard.details_page.title_box.setText("Spring offsite")
    wizard.details_page.organisation.setText("Northwind")
    wizard.details_page.facilitator.setText("Ada")
    wizard.details_page.held_on.setDate(QDate(2026, 4, 14))
    wizard.next()
    wizard.teams_page.teams.setPlainText("Sales\n\n  Operations \nSales\n")
    wizard.next()
    wizard.anonymity_page.choices.button(1).click()
    wizard.next()
    wizard.save_page.path.setText(str(tmp_path / "spring"))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    created = tmp_path / "spring.workshop"
    assert window.context.store.path == created
    summary = window.context.read(workshop_summary)
    assert (summary.title, summary.organisation, summary.facilitator) == (
        "Spring offsite",
        "Northwind",
        "Ada",
    )
    assert (summary.held_on, summary.anonymity) == ("2026-04-14", "team")
    assert [name for _id, name in window.context.read(entity_labels, "team")] == ["Operations", "Sales"]
    dimensions = [name for _id, name in window.context.read(entity_labels, "readiness_dimension")]
    assert sorted(dimensions) == sorted(name for name, _words in DEFAULT_DIMENSIONS)
    assert not screen.isVisible()


def test_the_wizard_will_not_overwrite_an_existing_file(qtbot, tmp_path):
    create_workshop(tmp_path / "Taken.workshop", title="Taken").close()
    wizard = NewWorkshopWizard(folder=tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.details_page.title_box.setText("Taken")
    for _ in range(3):
        wizard.next()
    assert wizard.save_page.path.text() == str(tmp_path / "Taken.workshop")
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert "already exists" in wizard.save_page.problem.text()
    wizard.save_page.path.setText(str(tmp_path / "fresh.workshop"))
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


@given(st.lists(st.text(alphabet=st.sampled_from("ab \t"), max_size=6), max_size=8))
def test_team_names_are_trimmed_kept_once_and_in_order(lines):
    names = team_names("\n".join(lines))
    expected = [" ".join(line.split()) for line in lines]
    assert list(names) == list(dict.fromkeys(n for n in expected if n))


def _top_level_welcome_screens() -> list[WelcomeScreen]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeScreen) and w.isVisible()]


def _start_without_a_file_and_look(monkeypatch, tmp_path) -> list[bool]:
    """Starts the app with no file named and gives whether the welcome screen was up once it started."""
    monkeypatch.setattr(app_module.platformdirs, "user_data_path", lambda _name: tmp_path / "data")
    seen: list[bool] = []

    def look_then_quit() -> None:
        seen.append(bool(_top_level_welcome_screens()))
        for screen in _top_level_welcome_screens():
            screen.close()
        QApplication.instance().quit()

    # Queued before the app's own start-up timers, so the look happens after them.
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, look_then_quit))
    run_app(None)
    return seen


def test_the_first_start_opens_the_demo_with_the_welcome_screen_in_front(monkeypatch, tmp_path):
    assert _start_without_a_file_and_look(monkeypatch, tmp_path) == [True]
    assert (tmp_path / "data" / "demo.workshop").is_file()
    assert _start_without_a_file_and_look(monkeypatch, tmp_path) == [False]


def test_file_welcome_shows_the_welcome_screen(window, qtbot):
    (action,) = [a for a in window.findChildren(type(window.undo_action)) if a.text() == "&Welcome..."]
    action.trigger()
    screens = window.findChildren(WelcomeScreen)
    assert len(screens) == 1 and screens[0].isVisible()
    screens[0].close()


def _file_new(window) -> NewWorkshopWizard:
    """Chooses File > New in the window's menu and gives the wizard that comes up."""
    (action,) = [a for a in window.files.menu.actions() if a.text() == "&New..."]
    action.trigger()
    (wizard,) = [w for w in window.findChildren(NewWorkshopWizard) if w.isVisible()]
    return wizard


def _describe(wizard: NewWorkshopWizard, *, title: str, teams: str, file: str) -> None:
    wizard.details_page.title_box.setText(title)
    wizard.next()
    wizard.teams_page.teams.setPlainText(teams)
    wizard.next()
    wizard.anonymity_page.choices.button(2).click()
    wizard.next()
    wizard.save_page.path.setText(file)


def test_file_new_asks_the_wizard_and_opens_the_new_workshop_on_setup(window, qtbot, tmp_path):
    window.select_phase("Alignment")
    wizard = _file_new(window)
    assert wizard.windowTitle() == "New workshop"
    assert wizard.currentPage() is wizard.details_page  # the questions start at the title
    _describe(wizard, title="Board offsite", teams="Finance\nSales", file=str(tmp_path / "board"))
    assert wizard.save_page.chosen().parent == tmp_path  # beside the open workshop, not in Documents
    wizard.button(QWizard.WizardButton.FinishButton).click()
    created = tmp_path / "board.workshop"
    assert window.context.store.path == created
    assert window.windowTitle().startswith("Board offsite")
    assert window.current_phase() == "Setup" and window.navigation.currentItem().text() == "Setup"
    assert window.page("Setup").isVisible()
    summary = window.context.read(workshop_summary)
    assert (summary.title, summary.anonymity) == ("Board offsite", "named")
    assert [name for _id, name in window.context.read(entity_labels, "team")] == ["Finance", "Sales"]
    assert window.files.recent_menu_paths()[0] == created
    assert not wizard.isVisible()


def test_cancelling_file_new_keeps_the_open_workshop_where_it_was(window, qtbot, tmp_path, workshop_path):
    window.select_phase("Alignment")
    wizard = _file_new(window)
    _describe(wizard, title="Never made", teams="", file=str(tmp_path / "never"))
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not (tmp_path / "never.workshop").exists()
    assert window.context.store.path == workshop_path
    assert window.current_phase() == "Alignment"


def test_the_welcome_screens_new_workshop_also_opens_on_setup(window, qtbot, tmp_path):
    window.select_phase("Report")
    screen = _welcome(window, qtbot)
    screen.new_button.click()
    assert screen.wizard is not None
    _describe(screen.wizard, title="Spring", teams="Ops", file=str(tmp_path / "spring"))
    screen.wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.context.store.path == tmp_path / "spring.workshop"
    assert window.current_phase() == "Setup"
    assert not screen.isVisible()


def test_every_choice_and_its_description_can_be_read_in_full_as_the_screen_opens(window, qtbot):
    screen = WelcomeScreen(window)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    assert clipped_labels(screen) == []
