"""Automatic backups in the window: snapshots taken while a workshop is open and when it closes, and
recovering one from the welcome screen as a new file, leaving the original as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from workshop.model import entities as e
from workshop.model.autosave import list_backups, take_snapshot
from workshop.model.store import create_workshop
from workshop.model.views import workshop_summary
from workshop.ui import recovery as recovery_module
from workshop.ui.welcome import WelcomeScreen


def _add_card(session, words: str) -> None:
    session.add(e.FeedbackItem(what_works=words))


def _digest(path: Path) -> bytes:
    return path.read_bytes()


def _workshop(path: Path, title: str, cards: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with create_workshop(path, title=title) as store, store.transaction() as session:
        for n in range(cards):
            _add_card(session, f"Card {n}")
    return path


def test_the_window_takes_a_snapshot_when_the_file_changed_and_when_it_closes(window, qtbot, tmp_path):
    backups = window.automatic_backups
    backups.user_data = tmp_path / "data"
    assert backups.take_now().wait()
    window.context.write(_add_card, words="Saved after the first snapshot")
    assert backups.take_now().wait()
    assert backups.take_now().wait()  # nothing changed since: no third snapshot
    assert [b.title for b in list_backups(backups.user_data)] == ["Test workshop"] * 2
    other = _workshop(tmp_path / "other.workshop", "Other workshop", cards=1)
    assert window.files.open_workshop_file(other)
    window.context.write(_add_card, words="Saved in the other workshop")
    window.close()  # the other workshop's last snapshot, taken as the window closes
    qtbot.waitUntil(lambda: len(list_backups(backups.user_data)) == 3)
    assert {b.title for b in list_backups(backups.user_data)} == {"Test workshop", "Other workshop"}


def test_a_failed_snapshot_says_so_in_one_status_bar_line_without_a_dialog(window, tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    window.automatic_backups.user_data = blocked
    assert not window.automatic_backups.take_now().wait()
    said = window.statusBar().currentMessage()
    assert said.startswith("No automatic backup – ") and "\n" not in said
    assert QApplication.activeModalWidget() is None


def test_recovering_lists_backups_newest_first_and_opens_a_new_copy(window, qtbot, tmp_path, monkeypatch):
    user_data = tmp_path / "data"
    monkeypatch.setattr(recovery_module, "user_data_folder", lambda: user_data)
    older = _workshop(tmp_path / "room" / "older.workshop", "Spring offsite", cards=2)
    newer = _workshop(tmp_path / "room" / "newer.workshop", "Autumn review", cards=3)
    take_snapshot(older, user_data)
    take_snapshot(newer, user_data)
    before = _digest(newer)
    screen = WelcomeScreen(window)
    qtbot.addWidget(screen)
    screen.show()
    screen.recover_button.click()
    dialog = screen.recovery
    assert dialog is not None and dialog.task is not None and dialog.task.wait()
    assert dialog.listed_titles() == ["Autumn review", "Spring offsite"]
    assert dialog.chosen() is not None and dialog.restore_button.isEnabled()
    suggested: list[str] = []

    def save_as(_parent, _title, where, _filter, **_options):
        suggested.append(where)
        return where, _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    dialog.restore_button.click()
    assert dialog.task.wait()
    (copy,) = (Path(where) for where in suggested)
    assert copy.parent == newer.parent and copy != newer and copy.name.startswith("newer (recovered ")
    assert window.context.store.path == copy
    assert window.context.read(workshop_summary).title == "Autumn review"
    assert _digest(newer) == before
    assert not screen.isVisible()


def test_a_damaged_backup_is_listed_but_cannot_be_restored(qtbot, tmp_path):
    user_data = tmp_path / "data"
    snapshot = take_snapshot(_workshop(tmp_path / "plan.workshop", "Plan", cards=1), user_data)
    assert snapshot is not None
    snapshot.write_bytes(snapshot.read_bytes()[:200])  # cut off, as a full disk might leave it
    dialog = recovery_module.RecoveryDialog(user_data=user_data)
    qtbot.addWidget(dialog)
    assert dialog.task is not None and dialog.task.wait()
    row = dialog.listing.topLevelItem(0)
    assert row.text(0) == "plan" and row.text(2).startswith("Damaged")
    assert row.toolTip(2).startswith("Damaged: ") and "cut off" in row.toolTip(2)
    assert not row.flags() & Qt.ItemFlag.ItemIsEnabled  # greyed out
    assert dialog.chosen() is None and not dialog.restore_button.isEnabled()
