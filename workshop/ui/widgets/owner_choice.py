"""Owners to pick: the participants, champions first and marked, skeptics marked; any other name may still
be typed (an owner outside the room).

Only a person's reading (champion or skeptic) is shown, never their readiness answers.
"""

from __future__ import annotations

from workshop.findings import OwnerChoice, owner_choices
from workshop.ui.context import WorkshopContext
from workshop.ui.i18n import tr

MARKED = {"champion": "{name} — champion", "skeptic": "{name} — skeptic"}  # the words for tr() below


def owner_text(choice: OwnerChoice) -> str:
    """Gives how a participant appears in the list: their name, marked when champion or skeptic."""
    marked = MARKED.get(choice.stance)
    return tr(marked).format(name=choice.name) if marked else choice.name


def owner_offers(context: WorkshopContext) -> list[tuple[str, object, str]]:
    """Gives the participants as (text, name, tooltip) for an owner cell, in `owner_choices`' order."""
    return [(owner_text(choice), choice.name, "") for choice in context.read(owner_choices)]
