"""Before Qt starts, a machine without a screen or without Qt's X11 libraries gets a plain explanation."""

from __future__ import annotations

import ctypes.util

from hypothesis import given
from hypothesis import strategies as st

from workshop.ui import app as app_module
from workshop.ui.preflight import QT_SYSTEM_LIBRARIES, display_problem, library_finder

ALL_LIBRARIES = [library for library, _package in QT_SYSTEM_LIBRARIES]


def having(*present: str):
    """Gives a find_library that finds only the named libraries."""
    return lambda name: f"lib{name}.so" if name in present else None


def test_no_display_on_linux_says_how_to_run_headless():
    message = display_problem({}, "linux", having(*ALL_LIBRARIES))
    assert message is not None
    assert message.startswith("No display found")
    assert "QT_QPA_PLATFORM=offscreen workshop PATH --quit-when-ready" in message
    assert "workshop --help" in message


def test_a_chosen_qt_platform_or_another_system_needs_no_check():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", having()) is None
    assert display_problem({}, "win32", having()) is None
    assert display_problem({}, "darwin", having()) is None


def test_wayland_alone_is_a_display():
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", having()) is None


@given(present=st.sets(st.sampled_from(ALL_LIBRARIES)))
def test_on_x11_only_the_missing_packages_are_named(present):
    message = display_problem({"DISPLAY": ":0"}, "linux", having(*present))
    missing = [package for library, package in QT_SYSTEM_LIBRARIES if library not in present]
    if not missing:
        assert message is None
        return
    assert message is not None
    install_line = next(line for line in message.splitlines() if line.startswith("Install them with:"))
    assert install_line == f"Install them with: sudo apt install {' '.join(missing)}"


def test_run_app_without_a_display_explains_and_exits_2(monkeypatch, capsys, tmp_path):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app_module.sys, "platform", "linux")
    assert app_module.run_app(tmp_path / "room.workshop") == 2
    assert "No display found" in capsys.readouterr().err


def test_one_look_at_the_linker_list_finds_what_ctypes_finds():
    found_by_ctypes = [ctypes.util.find_library(library) is not None for library, _ in QT_SYSTEM_LIBRARIES]
    find = library_finder()
    assert [find(library) is not None for library, _ in QT_SYSTEM_LIBRARIES] == found_by_ctypes
