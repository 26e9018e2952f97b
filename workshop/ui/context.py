"""The open workshop the screens share, its undo history, and the signals telling screens what happened."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from workshop.model.errors import WorkshopError
from workshop.model.store import WorkshopStore
from workshop.model.written import tables_written
from workshop.ui.i18n import tr
from workshop.ui.tasks import Task, Work, run_in_background

T = TypeVar("T")
UI_TURN_S = 0.001  # how long a background thread may keep Python's lock while the UI thread waits for it
# The model layer's database session: the UI only hands it on to model functions.
Session = Any


@dataclass(frozen=True)
class WhatChanged:
    """What a change wrote: the tables (None: anything, as when another workshop is opened) and who did it."""

    tables: frozenset[str] | None
    initiator: object | None = None

    def touches(self, tables: frozenset[str] | None) -> bool:
        """Gives whether a screen showing `tables` (None: every table) may now show something else."""
        return self.tables is None or tables is None or bool(self.tables & tables)


EVERYTHING = WhatChanged(None)


class Change(QUndoCommand):
    """One user change: `apply` and `revert` each run one transaction on the open workshop."""

    def __init__(self, context: WorkshopContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self._applied_on_push = False

    def apply(self, session: Session) -> None:
        raise NotImplementedError

    def revert(self, session: Session) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        # The context applies a change before pushing it, to refuse a bad one; pushing must not repeat it.
        if self._applied_on_push:
            self._applied_on_push = False
            return
        self.context.run(self.apply)

    def undo(self) -> None:
        self.context.run(self.revert)


class WorkshopContext(QObject):
    """Owns the open WorkshopStore and its undo history.

    Every write from the screens goes through it: `perform` for an undoable change, `write` for the rest
    (a ballot, a new round, a merge). Only the context emits `changed`, once per saved change, with a
    WhatChanged naming the tables written, so a screen refreshes only when something it shows changed.
    `failed` carries the sentence to show when a change was refused (nothing was saved then).

    Work on the store off the UI thread runs on the context's one worker (`in_background`), one job at a
    time. While a job writes, the file is held: a change from the screens is refused at once with a
    sentence (`busy_changed` says when that starts and ends), instead of waiting on the file's lock.
    """

    changed = Signal(object)  # WhatChanged
    closing = Signal()  # the open workshop's file is about to be released: whatever still uses it stops now
    failed = Signal(str)
    busy_changed = Signal(str)  # what holds the file, "" when it is free again
    # The round the room now talks about (set by a reveal): the Alignment and Report pages show it.
    discussed_changed = Signal(str)
    # A screen asks for a round (its id) to be revealed and shown; the room tools take the window for it.
    reveal_asked = Signal(int)

    def __init__(self, store: WorkshopStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: WorkshopStore | None = store
        self.undo_stack = QUndoStack(self)
        self.busy = ""
        self.discussed_round: str | None = None
        self.worker = QThreadPool(self)
        self.worker.setMaxThreadCount(1)
        # Qt calls the window's Python code (a table's cells) hundreds of times while it lays out a page;
        # each call waits for the lock Python's threads share, which a busy worker or chart drawer keeps up
        # to the switch interval (5 ms by default): that waiting, not the work, made first visits stall.
        sys.setswitchinterval(UI_TURN_S)

    @property
    def store(self) -> WorkshopStore:
        if self._store is None:
            raise RuntimeError("the workshop is closed")
        return self._store

    def read(self, query: Callable[..., T], *args: Any) -> T:
        """Gives what `query(session, *args)` returns, read in one short session."""
        with self.store.reading() as session:
            return query(session, *args)

    def write(self, action: Callable[..., T], *, initiator: object | None = None, **kwargs: Any) -> T:
        """Gives what `action(session, **kwargs)` returns, run in one transaction (not undoable).

        The screens are told what it wrote; an error (a WorkshopError saying why) reaches the caller."""
        if self.busy:
            raise WorkshopError(self.busy)
        with self._transaction() as (session, written):
            result = action(session, **kwargs)
        self.tell(written, initiator)
        return result

    def perform(self, change: Change) -> bool:
        """Gives whether the change was saved; a saved change can be undone, a refused one says why."""
        if self.busy:
            self.failed.emit(tr("Not saved – {error}").format(error=self.busy))
            return False
        try:
            with self._transaction() as (session, written):
                change.apply(session)
        except WorkshopError as error:
            self.failed.emit(tr("Not saved – {error}").format(error=error))
            return False
        change._applied_on_push = True
        self.undo_stack.push(change)
        self.tell(written, change)
        return True

    def run(self, step: Callable[[Session], None]) -> None:
        """Runs one undo or redo step in a transaction, then tells the screens."""
        written: set[str] | None = None
        try:
            with self._transaction() as (session, written):
                step(session)
        except WorkshopError as error:
            self.failed.emit(tr("Could not undo or redo – {error}").format(error=error))
            written = None  # not knowing how far it got, every screen reads the file again
        self.tell(written, self.undo_stack)

    def tell(self, written: set[str] | None, initiator: object | None = None) -> None:
        """Tells the screens that these tables (None: any table) were written; the one place that does."""
        if written is None:
            self.changed.emit(WhatChanged(None, initiator))
        elif written:
            self.changed.emit(WhatChanged(frozenset(written), initiator))

    @contextmanager
    def _transaction(self) -> Iterator[tuple[Session, set[str]]]:
        with self.store.transaction() as session, tables_written(session) as written:
            yield session, written
            session.flush()  # so that what is still pending counts among the tables written

    def in_background(
        self,
        parent: QWidget,
        title: str,
        work: Work,
        *,
        holding: str = "",
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        cancellable: bool = False,
        quiet: bool = False,
    ) -> Task:
        """Gives the started job running `work(report)` on the store's worker, after the jobs before it.

        A job that writes names what it does in `holding`: until it ends, the file is held (see the class)
        and the undo history ends there, since the job's rows cannot be undone step by step. A `quiet` job
        shows no progress dialog (which would take the keyboard), only a line in the status bar."""
        if holding:
            self.undo_stack.clear()
            self._hold(holding)
        task = run_in_background(
            parent,
            title,
            work,
            on_result=on_result,
            on_error=on_error,
            cancellable=cancellable,
            quiet=quiet,
            pool=self.worker,
        )
        if holding:
            task.done.connect(lambda: self._hold(""))
            task.done.connect(lambda: self.tell(None, task))  # anything may have been written
        return task

    def discuss(self, round_name: str) -> None:
        """Makes the round the one the room discusses; the screens that show a round follow it."""
        self.discussed_round = round_name
        self.discussed_changed.emit(round_name)

    def ask_to_reveal(self, round_id: int) -> None:
        """Asks for the round to be revealed and shown to the room (by whoever shows reveals)."""
        self.reveal_asked.emit(round_id)

    def _hold(self, sentence: str) -> None:
        self.busy = sentence
        self.busy_changed.emit(sentence)

    def replace(self, store: WorkshopStore) -> None:
        """Switches to another open workshop, releasing the previous one's file and forgetting its history."""
        previous, self._store = self._store, store
        self.undo_stack.clear()
        self.discussed_round = None  # a round of the previous workshop
        if previous is not None:
            self.closing.emit()
            previous.close()
        self.tell(None)

    def close(self) -> None:
        """Releases the workshop file; safe to call more than once."""
        self.undo_stack.clear()
        if self._store is not None:
            self.closing.emit()
            self._store.close()
            self._store = None
