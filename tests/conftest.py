"""Fixtures shared by every test: a fresh workshop file in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Deadlines would be timing assertions, and these machines are noisy: examples may take their time.
settings.register_profile("workshop", deadline=None)
settings.load_profile("workshop")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from workshop.model.store import WorkshopStore, create_workshop  # noqa: E402


@pytest.fixture
def workshop_path(tmp_path: Path) -> Path:
    return tmp_path / "room.workshop"


@pytest.fixture
def store(workshop_path: Path) -> Iterator[WorkshopStore]:
    """An open, empty workshop (with the default readiness dimensions)."""
    opened = create_workshop(workshop_path, title="Test workshop", organisation="Acme")
    yield opened
    opened.close()
