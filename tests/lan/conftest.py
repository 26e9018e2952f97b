"""The fixtures of the phone voting tests; the room and the phones themselves are in phone_room.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from phone_room import Phone, Room, build_room

from workshop.model.store import WorkshopStore


@pytest.fixture
def room(store: WorkshopStore) -> Room:
    return build_room(store)


@pytest.fixture
def phones() -> Iterator[list[Phone]]:
    """Phones made during the test with `Phone(url)`, appended here, closed at the end."""
    made: list[Phone] = []
    yield made
    for phone in made:
        phone.close()
