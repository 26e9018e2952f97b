"""The phase navigation: the nine phases in order, each with an icon and a word saying how far it has come."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from workshop.model.progress import Progress
from workshop.model.views import PHASES
from workshop.ui.appearance import current_theme
from workshop.ui.i18n import tr
from workshop.ui.style import COLOURS, icon_svg

ICON_NAMES = {
    Progress.DONE: "phase-done",
    Progress.IN_PROGRESS: "phase-in-progress",
    Progress.NOT_STARTED: "phase-not-started",
}


def progress_words() -> dict[Progress, str]:
    """Gives the word a screen reader says for each stage, in the user's language."""
    return {
        Progress.DONE: tr("done"),
        Progress.IN_PROGRESS: tr("in progress"),
        Progress.NOT_STARTED: tr("not started"),
    }


def progress_icon(stage: Progress, theme: str) -> QIcon:
    """Gives the stage's icon in the theme's colours: a filled tick, a half-filled ring, a dashed ring, so
    the shape tells the stage even to someone who cannot tell the colours apart."""
    colours = COLOURS[theme]
    colour = {
        Progress.DONE: colours.done,
        Progress.IN_PROGRESS: colours.in_progress,
        Progress.NOT_STARTED: colours.not_started,
    }[stage]
    pixmap = QPixmap()
    pixmap.loadFromData(icon_svg(ICON_NAMES[stage], colour, colours.window), "SVG")
    return QIcon(pixmap)


class PhaseList(QListWidget):
    """Lists the phases; `show_progress` marks each one done, in progress or not started."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phaseNavigation")  # the style sheet's phase list
        self.setAccessibleName(tr("Workshop phases"))
        self._progress = dict.fromkeys(PHASES, Progress.NOT_STARTED)
        for phase in PHASES:
            self.addItem(QListWidgetItem(tr(phase)))
        self._fit_icons()
        self.show_progress(self._progress)

    def show_progress(self, progress: dict[str, Progress]) -> None:
        """Shows each phase's progress as its icon, its tooltip and the text a screen reader says."""
        self._progress = dict(progress)
        words = progress_words()
        theme = current_theme()
        for row, phase in enumerate(PHASES):
            item = self.item(row)
            assert item is not None  # a row for every phase, from the start
            stage = self._progress[phase]
            said = tr("{phase}: {progress}").format(phase=tr(phase), progress=words[stage])
            item.setIcon(progress_icon(stage, theme))
            item.setToolTip(said)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, said)

    def progress(self, phase: str) -> Progress:
        return self._progress[phase]

    def show_theme(self) -> None:
        """Draws the icons again in the colours of the theme now in use."""
        self.show_progress(self._progress)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_icons()  # projector mode: the icons grow with the text

    def _fit_icons(self) -> None:
        side = round(self.fontMetrics().height() * 1.1)
        self.setIconSize(QSize(side, side))
