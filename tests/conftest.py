"""Fixtures shared by every test: the user's own folders kept out of reach, and a fresh workshop file.

Before any test module is imported, HOME and the XDG folders (which platformdirs follows on Linux, and
Qt's settings too) point into one temporary folder for the whole run, and so do QSettings' own paths.
Child processes inherit the environment, so an app a test starts writes there as well: no test run
adds a recent workshop, a window size, a theme or a demo file to the person's real settings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import astuple, dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from PySide6.QtCore import QSettings

# Deadlines would be timing assertions, and these machines are noisy: examples may take their time.
settings.register_profile("workshop", deadline=None)
settings.load_profile("workshop")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


@dataclass(frozen=True)
class UserFolders:
    """Where a program keeps a user's things on Linux: home, settings, data and caches."""

    home: Path
    config: Path
    data: Path
    cache: Path

    @classmethod
    def of(cls, environ: Mapping[str, str]) -> UserFolders:
        """Gives the folders the environment names, with the XDG defaults for the ones it leaves out."""
        home = Path(environ.get("HOME") or Path.home())
        return cls(
            home,
            Path(environ.get("XDG_CONFIG_HOME") or home / ".config"),
            Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share"),
            Path(environ.get("XDG_CACHE_HOME") or home / ".cache"),
        )


@dataclass(frozen=True)
class RunFolders:
    """The person's real folders, as they were named before the run, and the ones the run uses instead."""

    real: UserFolders
    private: UserFolders
    root: Path


FOLDER_VARIABLES = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def _redirect_user_folders() -> RunFolders:
    """Points HOME, the XDG folders and QSettings into a new temporary folder; gives both sets."""
    real = UserFolders.of(os.environ)
    root = Path(tempfile.mkdtemp(prefix="workshop-tests-"))
    private = UserFolders(root / "home", root / "config", root / "data", root / "cache")
    for folder in astuple(private):
        folder.mkdir(parents=True)
    os.environ.update(
        HOME=str(private.home),
        XDG_CONFIG_HOME=str(private.config),
        XDG_DATA_HOME=str(private.data),
        XDG_CACHE_HOME=str(private.cache),
        XDG_STATE_HOME=str(root / "state"),
    )
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(private.config))
    return RunFolders(real, private, root)


# At import, not in the fixture: test modules are imported (and may look up a folder) before any fixture.
_SAVED_ENVIRONMENT = {name: os.environ.get(name) for name in FOLDER_VARIABLES}
TEST_RUN_FOLDERS = _redirect_user_folders()

from sqlalchemy import select  # noqa: E402

from workshop.findings import WorkshopFindings, gather_findings  # noqa: E402
from workshop.model import entities as e  # noqa: E402
from workshop.model.ballots import reveal_round  # noqa: E402
from workshop.model.demo import IMPACT_EFFORT_ROUND, create_demo  # noqa: E402
from workshop.model.store import WorkshopStore, create_workshop  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def private_user_folders() -> Iterator[RunFolders]:
    """Keeps every test of the run, and every process it starts, out of the user's real folders."""
    yield TEST_RUN_FOLDERS
    for name, value in _SAVED_ENVIRONMENT.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shutil.rmtree(TEST_RUN_FOLDERS.root, ignore_errors=True)


@pytest.fixture
def workshop_path(tmp_path: Path) -> Path:
    return tmp_path / "room.workshop"


@pytest.fixture
def store(workshop_path: Path) -> Iterator[WorkshopStore]:
    """An open, empty workshop (with the default readiness dimensions)."""
    opened = create_workshop(workshop_path, title="Test workshop", organisation="Acme")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def demo_findings(tmp_path_factory: pytest.TempPathFactory) -> WorkshopFindings:
    """The demo workshop's findings as the report and the charts read them (its impact-effort round open)."""
    with create_demo(tmp_path_factory.mktemp("demo") / "demo.workshop") as opened, opened.reading() as s:
        return gather_findings(s)


@pytest.fixture(scope="module")
def revealed_demo_findings(tmp_path_factory: pytest.TempPathFactory) -> WorkshopFindings:
    """The demo with its impact-effort round revealed as the facilitator would (it is still open)."""
    with create_demo(tmp_path_factory.mktemp("demo") / "demo.workshop") as opened:
        with opened.transaction() as s:
            round_id = s.scalar(select(e.BallotRound.id).where(e.BallotRound.name == IMPACT_EFFORT_ROUND))
            reveal_round(s, round_id=round_id)
        with opened.reading() as s:
            return gather_findings(s)
