"""Starting the app: check the screen, make the QApplication, open a workshop, show the window."""

from __future__ import annotations

import functools
import gc
import importlib
import sys
import threading
import traceback
from importlib.resources import as_file, files
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from workshop.memory import existing_objects_set_aside
from workshop.model.errors import WorkshopFileError
from workshop.ui.i18n import install_translation
from workshop.ui.opening import APP_TITLE, OpeningWindow, when_painted
from workshop.ui.preflight import display_problem

if TYPE_CHECKING:  # the database and the pages load after the opening window shows
    from workshop.model.store import WorkshopStore
    from workshop.ui.main_window import MainWindow

ORGANISATION = "ai-strategy-workshop"
EXIT_OK = 0
EXIT_CANNOT_START = 2
LONGEST_WAIT_FOR_READY_MS = 10_000
# What the pages, the reveal and the PDF need beyond the window, slowest first: the numbers (scipy), the
# charts (matplotlib) and the report (reportlab). Loaded on first use they froze the window for 1-2 s.
HEAVY_MODULES = (
    "workshop.findings",
    "workshop.charts.catalogue",
    "workshop.reveal",
    "workshop.report.pdf",
)


def demo_path() -> Path:
    """Gives where the demo workshop lives for this user."""
    return platformdirs.user_data_path(ORGANISATION) / "demo.workshop"


def open_or_create_demo(path: Path) -> WorkshopStore:
    """Gives the demo workshop at `path`, creating it with its sample data the first time."""
    from workshop.model.store import open_workshop

    if path.exists():
        return open_workshop(path)
    from workshop.model.demo import create_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    return create_demo(path)


def application() -> QApplication:
    """Gives the running QApplication (made once), named so QSettings finds this app's settings."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_TITLE)
    install_translation(app)
    with as_file(files("workshop") / "resources" / "app-icon.svg") as icon:
        app.setWindowIcon(QIcon(QIcon(str(icon)).pixmap(256)))
    return app


CRASH_MESSAGE = "Something went wrong. Nothing you entered is lost – every change was already saved."


def show_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Tells the facilitator an unexpected error happened, that nothing was lost, and gives the details."""
    details = "".join(traceback.format_exception(kind, error, trace))
    print(details, file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, CRASH_MESSAGE)
    box.setInformativeText(f"{kind.__name__}: {error}\n\nYou can keep working; the workshop file is intact.")
    box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    """Shows every uncaught error in a dialog instead of ending the app."""
    sys.excepthook = show_unexpected_error


def _write_screenshots(window: MainWindow, folder: Path) -> int:
    """Gives the exit code after writing a PNG of every page (and Alignment for the projector)."""
    from workshop.ui.screenshots import save_app_screenshots

    try:
        for written in save_app_screenshots(window, folder):
            print(written)
    finally:
        window.close()
    return EXIT_OK


def _shown_name(path: Path | None) -> str:
    """Gives the name the opening window shows: the file's name (a server address may hold a password)."""
    if path is None:
        return demo_path().name
    return path.name if isinstance(path, Path) else "the shared workshop"


class LibraryLoading:
    """The heavy libraries being loaded on a thread of their own; `finished` says when they are there."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self.thread = threading.Thread(target=self._load, name="loading libraries", daemon=True)

    def _load(self) -> None:
        try:
            # The libraries make some 100,000 objects; collections walking the window's own objects
            # among them would hold Python's lock for 50-100 ms at a time.
            with existing_objects_set_aside():
                for module in HEAVY_MODULES:
                    importlib.import_module(module)
        except Exception:  # a page that needs a missing library says so when it is shown
            traceback.print_exc()
        finally:
            self._done.set()

    def finished(self) -> bool:
        return self._done.is_set()


def start_loading_libraries() -> LibraryLoading:
    """Gives the started loading of the libraries the pages need, off the UI thread.

    Python holds its lock through parts of an import, but it hands the lock over every few milliseconds,
    so the window keeps painting meanwhile (benchmarks/page_stalls.py measures it). A page shown before
    the loading ends waits only for the modules it needs; nothing else loads them on the UI thread.
    """
    loading = LibraryLoading()
    loading.thread.start()
    return loading


def _shown(quit_when_ready: bool) -> None:
    gc.enable()
    start_loading_libraries()
    if quit_when_ready:
        # Queued, so the quit lands in the running event loop even when the paint came before it started.
        QTimer.singleShot(0, QCoreApplication.quit)


def _main_window(path: Path | None) -> MainWindow:
    """Gives the main window on the workshop at `path` (the demo when None), not yet shown."""
    from workshop.model.store import open_workshop
    from workshop.ui.context import WorkshopContext
    from workshop.ui.main_window import MainWindow

    store = open_workshop(path) if path is not None else open_or_create_demo(demo_path())
    return MainWindow(WorkshopContext(store))


def run_app(path: Path | None, *, quit_when_ready: bool = False, screenshots: Path | None = None) -> int:
    """Gives the exit code after running the app on `path` (the demo workshop when None)."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_CANNOT_START
    # Loading the libraries makes some 100,000 objects that live as long as the app; collecting garbage
    # among them again and again only delays the window. Collections resume once the workshop is shown.
    gc.disable()
    try:
        return _run_app(path, quit_when_ready=quit_when_ready, screenshots=screenshots)
    finally:
        gc.enable()


def _run_app(path: Path | None, *, quit_when_ready: bool, screenshots: Path | None) -> int:
    # An embedder that made the QApplication (a test, a script) may have queued calls for after start-up,
    # so only a start that makes it waits for the opening window to paint before loading the rest.
    embedded = QApplication.instance() is not None
    app = application()
    # A first start (no file named, no demo yet) opens the demo as always, with the welcome screen in front.
    first_start = path is None and not demo_path().exists()
    opening = OpeningWindow(_shown_name(path))
    if embedded:
        opening.show()
    else:
        opening.show_until_painted()
    try:
        window = _main_window(path)
    except WorkshopFileError as error:
        from workshop.ui.file_tools import report_file_error

        opening.close()
        report_file_error(None, error)
        return EXIT_CANNOT_START
    when_painted(window, "shown", functools.partial(_shown, quit_when_ready))
    window.show()
    opening.close()
    if screenshots is not None:
        return _write_screenshots(window, screenshots)
    if first_start and not quit_when_ready:
        QTimer.singleShot(0, window.on_welcome_triggered)
    previous_hook = sys.excepthook
    install_excepthook()
    # Normally the app ends at the window's first paint; one that never paints ends all the same.
    too_long = QTimer(singleShot=True, interval=LONGEST_WAIT_FOR_READY_MS)
    too_long.timeout.connect(app.quit)
    if quit_when_ready:
        too_long.start()
    try:
        code = app.exec()
    finally:
        too_long.stop()
        sys.excepthook = previous_hook
    window.close()
    window.deleteLater()
    # A quit request left over from closing the window would end the next event loop at once
    # (the app's embedders, e.g. tests, may run more loops after this one).
    QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
    return EXIT_OK if quit_when_ready else code
