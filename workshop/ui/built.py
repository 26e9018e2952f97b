"""Widgets and menu actions made in one call; widgets with their Qt properties set, checked by mypy.

PySide6 accepts any Qt property as a keyword argument of a widget's constructor (QLabel(wordWrap=True));
its type stubs list none of them. `built(QLabel(), wordWrap=True)` calls the same setters by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

W = TypeVar("W", bound=QObject)


def built(widget: W, **properties: Any) -> W:
    """Gives the widget after calling its setter for each property: accessibleName -> setAccessibleName."""
    for name, value in properties.items():
        getattr(widget, f"set{name[0].upper()}{name[1:]}")(value)
    return widget


def menu_action(
    menu: QMenu,
    parent: QObject,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | None,
    slot: Callable[[], object],
) -> QAction:
    """Gives a new action at the end of `menu` that calls `slot` (without Qt's `checked` argument)."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action
