"""Automatic backups in the window: snapshots taken every few minutes, and the dialog that restores one.

The snapshots themselves (where, how many, checked how) are the model's (`workshop.model.autosave`); this
module only times them, runs them off the UI thread and lists them for the facilitator.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop.model.autosave import (
    SNAPSHOT_EVERY_S,
    AutomaticBackup,
    backups_folder,
    list_backups,
    recovered_path,
    restore_backup,
    take_snapshot,
    what_it_holds,
    when_taken,
)
from workshop.model.errors import WorkshopError
from workshop.model.store import SUFFIX
from workshop.ui.app import ORGANISATION
from workshop.ui.context import WhatChanged, WorkshopContext
from workshop.ui.file_tools import FILE_FILTER
from workshop.ui.i18n import tr
from workshop.ui.tasks import Report, Task, run_in_background
from workshop.ui.wizard import fit_to_screen

COLUMNS = ("Workshop", "Taken", "Holds", "Original file")


def user_data_folder() -> Path:
    """Gives this user's data folder, where the demo and the automatic backups live."""
    return platformdirs.user_data_path(ORGANISATION)


class AutomaticBackups(QObject):
    """Takes a snapshot of the open workshop file every few minutes and when it is closed.

    Snapshots run on the store's worker, after any import or export, and never hold up typing. A failure
    (a full disk) is said once in the status bar, never in a dialog. A workshop on a server has no file,
    so it gets no snapshots."""

    def __init__(self, window: QMainWindow, context: WorkshopContext, user_data: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.user_data = user_data or user_data_folder()
        self.failure = ""  # the status bar's line about the last failed snapshot, while it stands
        self._watched = self._open_file()
        self.timer = QTimer(self)
        self.timer.setInterval(SNAPSHOT_EVERY_S * 1000)
        self.timer.timeout.connect(self.take_now)
        self.timer.start()
        context.changed.connect(self.on_workshop_changed)

    def _open_file(self) -> Path | None:
        try:
            store = self.context.store
        except RuntimeError:  # closed
            return None
        return None if store.url else store.path

    def take_now(self) -> Task | None:
        """Starts a snapshot of the open workshop on the store's worker (nothing on a server)."""
        return self._start(self._watched, on_worker=True)

    def take_last(self) -> None:
        """Takes the snapshot of a workshop being closed, before its window goes: there is no later."""
        if self._watched is None:
            return
        # The window is closing: nobody would read a line about a failure, and the file itself is saved.
        with contextlib.suppress(WorkshopError, OSError):
            take_snapshot(self._watched, self.user_data)

    def on_workshop_changed(self, what: WhatChanged) -> None:
        """Takes the last snapshot of a workshop that was just replaced by another one."""
        if what.tables is not None:
            return
        previous, self._watched = self._watched, self._open_file()
        if previous is not None and previous != self._watched:
            self._start(previous, on_worker=False)  # closed now: no need to wait behind the new one's jobs

    def _start(self, path: Path | None, *, on_worker: bool) -> Task | None:
        if path is None:
            return None
        user_data = self.user_data

        def work(_report: Report) -> Path | None:
            return take_snapshot(path, user_data)

        title = tr("Taking an automatic backup")
        if on_worker:
            return self.context.in_background(
                self.window, title, work, on_result=self.on_taken, on_error=self.on_failed, quiet=True
            )
        return run_in_background(
            self.window, title, work, on_result=self.on_taken, on_error=self.on_failed, quiet=True
        )

    def on_taken(self, _snapshot: Path | None) -> None:
        bar = self.window.statusBar()
        if self.failure and bar.currentMessage() == self.failure:
            bar.clearMessage()
        self.failure = ""

    def on_failed(self, reason: str) -> None:
        self.failure = tr("No automatic backup – {reason}").format(reason=reason)
        self.window.statusBar().showMessage(self.failure)


class RecoveryDialog(QDialog):
    """Lists the automatic backups, newest first; restoring one saves it as a new file and opens it."""

    restored = Signal(Path)  # the new file, to be opened

    def __init__(self, parent: QWidget | None = None, user_data: Path | None = None) -> None:
        super().__init__(parent)
        self.user_data = user_data or user_data_folder()
        self.backups: list[AutomaticBackup] = []
        self._rows: list[QTreeWidgetItem] = []  # one per backup, in the same order
        self.task: Task | None = None
        self.setWindowTitle(tr("Recover from an automatic backup"))
        self.listing = QTreeWidget()
        self.listing.setAccessibleName(tr("Automatic backups"))
        self.listing.setRootIsDecorated(False)
        self.listing.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's file name stays in view
        self.listing.setHeaderLabels([tr(column) for column in COLUMNS])
        self.listing.currentItemChanged.connect(self.on_choice_changed)
        self.listing.itemActivated.connect(self.on_restore_clicked)
        self.state = QLabel(tr("Reading the automatic backups…"))
        self.state.setWordWrap(True)
        self.restore_button = QPushButton(tr("&Restore as a New File..."))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.on_restore_clicked)
        self._build_layout()
        self.task = run_in_background(
            self, tr("Reading the automatic backups"), self._read, on_result=self.show_backups, quiet=True
        )

    def _build_layout(self) -> None:
        minutes = SNAPSHOT_EVERY_S // 60
        intro = QLabel(
            tr(
                "While a workshop is open, the app keeps a copy of it every {minutes} minutes and when it "
                "closes: the last few of each workshop, in {folder}. Restoring one saves it as a new file "
                "and opens it; the original file is left as it is."
            ).format(minutes=minutes, folder=backups_folder(self.user_data))
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.listing, 1)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        fit_to_screen(self, characters=140, lines=24, smallest=(720, 420))

    def _read(self, _report: Report) -> list[AutomaticBackup]:
        return list_backups(self.user_data)

    def show_backups(self, backups: list[AutomaticBackup]) -> None:
        """Lists the backups; a damaged one is shown greyed with why, and cannot be chosen."""
        self.backups = backups
        self.listing.clear()
        now = dt.datetime.now()
        self._rows = [self._row(backup, now) for backup in backups]
        self.listing.addTopLevelItems(self._rows)
        header = self.listing.header()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.state.setText("" if backups else tr("There are no automatic backups yet."))
        self.state.setVisible(not backups)
        offered = [row for row, backup in zip(self._rows, backups, strict=True) if backup.damaged is None]
        if offered:
            self.listing.setCurrentItem(offered[0])
        self.listing.setFocus()

    def _row(self, backup: AutomaticBackup, now: dt.datetime) -> QTreeWidgetItem:
        if backup.damaged is None:
            holds, why = what_it_holds(backup), what_it_holds(backup)
        else:
            holds, why = tr("Damaged – not offered"), tr("Damaged: {problem}").format(problem=backup.damaged)
        title = backup.title or backup.original.stem  # a damaged copy's title cannot be read
        row = QTreeWidgetItem([title, when_taken(backup.taken_at, now), holds, str(backup.original)])
        row.setToolTip(3, str(backup.original))
        row.setToolTip(2, why)
        if backup.damaged is not None:
            row.setFlags(Qt.ItemFlag.NoItemFlags)  # listed so nothing seems lost, but not offered
        return row

    def listed_titles(self) -> list[str]:
        """Gives the workshops' titles as listed, top to bottom."""
        return [row.text(0) for row in self._rows]

    def chosen(self) -> AutomaticBackup | None:
        """Gives the backup the facilitator chose, if it may be restored."""
        current = self.listing.currentItem()
        row = self._rows.index(current) if current in self._rows else -1
        if row >= 0 and self.backups[row].damaged is None:
            return self.backups[row]
        return None

    def on_choice_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def on_restore_clicked(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save the recovered workshop as"),
            str(recovered_path(backup)),
            FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # restoring refuses an existing file itself
        )
        if chosen:
            out = Path(chosen)
            self.restore(backup, out if out.suffix == SUFFIX else out.with_name(out.name + SUFFIX))

    def restore(self, backup: AutomaticBackup, out: Path) -> Task:
        """Starts copying the backup to `out`; once it is written, the dialog closes and says so."""

        def work(_report: Report) -> Path:
            return restore_backup(backup.path, out)

        self.task = run_in_background(self, tr("Recovering the workshop"), work, on_result=self.on_restored)
        return self.task

    def on_restored(self, out: Path) -> None:
        self.accept()
        self.restored.emit(out)
