"""The undoable changes a facilitator makes: add, change, delete a row, and link rows to others."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workshop.model import editing
from workshop.ui.context import Change, Session, WorkshopContext


class AddRow(Change):
    """Adds a row; redoing adds it again with the same id, so later changes still find it."""

    def __init__(
        self, context: WorkshopContext, text: str, *, entity: str, values: Mapping[str, Any]
    ) -> None:
        super().__init__(context, text)
        self.entity = entity
        self.values = dict(values)
        self.row_id: int | None = None

    def apply(self, session: Session) -> None:
        values = self.values if self.row_id is None else {**self.values, "id": self.row_id}
        self.row_id = editing.add_row(session, entity=self.entity, values=values)

    def revert(self, session: Session) -> None:
        assert self.row_id is not None
        editing.delete_row(session, entity=self.entity, row_id=self.row_id)


class UpdateFields(Change):
    """Sets one or more fields of a row; undoing puts the old values back."""

    def __init__(
        self, context: WorkshopContext, text: str, *, entity: str, row_id: int, values: Mapping[str, Any]
    ) -> None:
        super().__init__(context, text)
        self.entity = entity
        self.row_id = row_id
        self.values = dict(values)
        self.old: dict[str, Any] = {}

    def _set(self, session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
        return {
            field: editing.update_field(
                session, entity=self.entity, row_id=self.row_id, field=field, value=value
            )
            for field, value in values.items()
        }

    def apply(self, session: Session) -> None:
        self.old = self._set(session, self.values)

    def revert(self, session: Session) -> None:
        self._set(session, self.old)


class DeleteRow(Change):
    """Deletes a row and what depends on it; undoing brings all of it back with the same ids."""

    def __init__(self, context: WorkshopContext, text: str, *, entity: str, row_id: int) -> None:
        super().__init__(context, text)
        self.entity = entity
        self.row_id = row_id
        self.snapshot: editing.RowSnapshot | None = None

    def apply(self, session: Session) -> None:
        self.snapshot = editing.delete_row(session, entity=self.entity, row_id=self.row_id)

    def revert(self, session: Session) -> None:
        assert self.snapshot is not None
        editing.restore_rows(session, self.snapshot)


class SetLinks(Change):
    """Links a row to exactly a set of other rows (an opportunity to its audit tasks)."""

    def __init__(
        self,
        context: WorkshopContext,
        text: str,
        *,
        link_table: str,
        owner_field: str,
        owner_id: int,
        target_field: str,
        targets: set[int],
    ) -> None:
        super().__init__(context, text)
        self.where: dict[str, Any] = {
            "link_table": link_table,
            "owner_field": owner_field,
            "owner_id": owner_id,
            "target_field": target_field,
        }
        self.targets = set(targets)
        self.before: set[int] = set()

    def apply(self, session: Session) -> None:
        self.before = editing.set_links(session, **self.where, targets=self.targets)

    def revert(self, session: Session) -> None:
        editing.set_links(session, **self.where, targets=self.before)
