"""Checks, before Qt starts, that this machine can show a window, and says what to do when it cannot.

Qt itself aborts with a terse plugin error on a machine without a screen or without its X11 libraries;
a facilitator should read what is missing and how to fix it instead.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping

NO_DISPLAY_MESSAGE = (
    "No display found: this machine has no screen the app can open a window on "
    "(neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "Run it on a desktop, or for a headless check: "
    "QT_QPA_PLATFORM=offscreen workshop PATH --quit-when-ready\n"
    "The CLI commands work without a screen: workshop --help"
)

# The library name find_library looks for, and the Debian/Ubuntu package that provides it.
QT_SYSTEM_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-shape", "libxcb-shape0"),
    ("EGL", "libegl1"),
    ("GL", "libgl1"),
    ("fontconfig", "libfontconfig1"),
    ("dbus-1", "libdbus-1-3"),
)


def missing_packages(find_library: Callable[[str], str | None] = ctypes.util.find_library) -> list[str]:
    """Gives the Debian packages whose libraries Qt needs on X11 but the system lacks."""
    return [package for library, package in QT_SYSTEM_LIBRARIES if find_library(library) is None]


def display_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
) -> str | None:
    """Gives a message saying why no window can be shown here and what to do, or None when all is well."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return NO_DISPLAY_MESSAGE
    if not environ.get("DISPLAY"):
        return None
    missing = missing_packages(find_library)
    if not missing:
        return None
    return (
        "The app cannot open its window: some system libraries Qt needs to draw on X11 are missing.\n"
        f"Install them with: sudo apt install {' '.join(missing)}\n"
        "The CLI commands work without them: workshop --help"
    )
