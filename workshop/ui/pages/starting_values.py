"""How new rows start on the pages: today's date, the first row they must belong to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from workshop.model.errors import InputError
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
    """Gives a starting-values function that sets `field` to today (and the other values given)."""

    def start(_context: WorkshopContext) -> dict[str, Any]:
        return {field: dt.date.today(), **values}

    return start
