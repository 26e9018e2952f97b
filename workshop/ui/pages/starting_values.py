"""How new rows start on the pages: the workshop's date (else today's), the first row they must belong to."""

from __future__ import annotations

from typing import Any

from workshop.model.errors import InputError
from workshop.model.proposing import workshop_day
from workshop.model.views import entity_rows
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr


def first_id(context: WorkshopContext, entity: str, *, needed_for: str, where: str) -> int:
    """Gives the id of the first row of `entity`; without one, says what to add first and where."""
    rows = context.read(entity_rows, entity)
    if not rows:
        name = entity.replace("_", " ")
        article = "an" if name[0] in "aeiou" else "a"
        raise InputError(
            tr(needed_for),
            tr("add {article} {name} first, on {where}.").format(
                article=tr(article), name=tr(name), where=tr(where)
            ),
        )
    return rows[0].id


def dated(field: str, **values: Any) -> Any:
    """Gives a starting-values function that sets `field` to the workshop's date (and the other values
    given): feedback and flags noted during a workshop belong to its day, even when typed in later."""

    def start(context: WorkshopContext) -> dict[str, Any]:
        return {field: context.read(workshop_day), **values}

    return start
