"""The list of recently opened workshops, kept in the app's settings."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEY = "files/recent"
MAX_RECENT = 8


def _stored(settings: QSettings) -> list[str]:
    # Stored as JSON text: QSettings turns a one-item list into a plain string on some back ends.
    raw = settings.value(RECENT_KEY, "[]")
    try:
        paths = json.loads(raw) if isinstance(raw, str) else []
    except json.JSONDecodeError:
        return []
    return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


def _store(settings: QSettings, paths: list[Path]) -> None:
    settings.setValue(RECENT_KEY, json.dumps([str(p) for p in paths]))


def recent_files(settings: QSettings) -> list[Path]:
    """Gives the recent workshops that still exist, newest first, forgetting the ones that are gone."""
    stored = [Path(p) for p in _stored(settings)]
    existing = [p for p in stored if p.is_file()]
    if existing != stored:
        _store(settings, existing)
    return existing


def remember(settings: QSettings, path: Path) -> list[Path]:
    """Gives the recent list after putting `path` first (once, at most MAX_RECENT entries).

    Only files are remembered: a shared workshop on a server is reached by its address, not a path.
    """
    if not path.is_file():
        return recent_files(settings)
    path = path.resolve()
    paths = [path, *(p for p in recent_files(settings) if p.resolve() != path)][:MAX_RECENT]
    _store(settings, paths)
    return paths
