"""Checks, before Qt starts, that this machine can show a window, and says what to do when it cannot.

Qt itself aborts with a terse plugin error on a machine without a screen or without its X11 libraries;
a facilitator should read what is missing and how to fix it instead.
"""

from __future__ import annotations

import ctypes.util
import os
import subprocess
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


def missing_packages(find_library: Callable[[str], str | None] | None = None) -> list[str]:
    """Gives the Debian packages whose libraries Qt needs on X11 but the system lacks."""
    find = find_library or library_finder()
    return [package for library, package in QT_SYSTEM_LIBRARIES if find(library) is None]


def library_finder() -> Callable[[str], str | None]:
    """Gives what finds a library by name: one look at the linker's list (`ldconfig -p`) where there is one.

    ctypes' find_library runs ldconfig (and for a missing library even a compiler) for each name: tens of
    milliseconds each, before the first window could paint.
    """
    listing = _linker_listing()
    if listing is None:
        return ctypes.util.find_library
    names = {line.split()[0] for line in listing.splitlines()[1:] if line.strip()}
    return lambda library: next((name for name in sorted(names) if name.startswith(f"lib{library}.so")), None)


def _linker_listing() -> str | None:
    ldconfig = next((path for path in LDCONFIG_PLACES if os.access(path, os.X_OK)), None)
    if ldconfig is None:
        return None
    try:
        done = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


LDCONFIG_PLACES = ("/sbin/ldconfig", "/usr/sbin/ldconfig")


def display_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    find_library: Callable[[str], str | None] | None = None,
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
