"""The open workshop the screens share, and the one signal telling them it changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from workshop.model.store import WorkshopStore

T = TypeVar("T")


class WorkshopContext(QObject):
    """Owns the open WorkshopStore; `changed` fires whenever what the screens show may differ."""

    changed = Signal()

    def __init__(self, store: WorkshopStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: WorkshopStore | None = store

    @property
    def store(self) -> WorkshopStore:
        if self._store is None:
            raise RuntimeError("the workshop is closed")
        return self._store

    def read(self, query: Callable[..., T], *args: Any) -> T:
        """Gives what `query(session, *args)` returns, read in one short session."""
        with self.store.reading() as session:
            return query(session, *args)

    def replace(self, store: WorkshopStore) -> None:
        """Switches to another open workshop, releasing the previous one's file."""
        previous, self._store = self._store, store
        if previous is not None:
            previous.close()
        self.changed.emit()

    def close(self) -> None:
        """Releases the workshop file; safe to call more than once."""
        if self._store is not None:
            self._store.close()
            self._store = None
