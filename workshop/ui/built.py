"""Widgets made with their Qt properties set, as PySide6's keyword arguments do, but checked by mypy.

PySide6 accepts any Qt property as a keyword argument of a widget's constructor (QLabel(wordWrap=True));
its type stubs list none of them. `built(QLabel(), wordWrap=True)` calls the same setters by name.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def built(widget: W, **properties: Any) -> W:
    """Gives the widget after calling its setter for each property: accessibleName -> setAccessibleName."""
    for name, value in properties.items():
        getattr(widget, f"set{name[0].upper()}{name[1:]}")(value)
    return widget
