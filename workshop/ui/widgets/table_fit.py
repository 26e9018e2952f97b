"""Tables that read in full: text columns share the room and wrap, short columns fit their content.

A column is either text (a task's title, notes, evidence: it takes what room is left and wraps onto more
lines, the row growing to fit) or short (a number, a date, a choice: as wide as its content or the longest
word of its heading, whichever is wider). Each table says which of its columns hold text; the sizes follow
from the room the window gives, again whenever that changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableView,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex

CELL_PADDING = 10  # pixels left and right of a cell's text, as the style draws it
ROW_PADDING = 14  # pixels above and below a row's text, so rows do not look cramped
MAX_ROW_LINES = 6  # a row grows to this many lines at most; the rest is in the tooltip and the row's form
MIN_TEXT_CHARACTERS = 16  # a text column is never narrower than this many average characters
MAIN_TEXT_CHARACTERS = 30  # nor the column naming the row (a task's title) than this many
# Short columns of words (a team) take two lines when the text columns would get less than this each.
COMFORTABLE_TEXT_CHARACTERS = 40
# A text column asks for no more room than its longest cell, up to this many characters: beyond it the text
# wraps, so one long note does not push every other column off the screen.
MAX_TEXT_CHARACTERS = 90
MAX_SHORT_CHARACTERS = 30  # a long choice (an opportunity's title) wraps within this many characters
SIZE_FROM_ROWS = 20  # columns are measured from this many rows, so a big import does not hold up the window
_NUMBER = re.compile(r"[\s\d.,:%+\-–—]*")


def looks_like_number(text: str) -> bool:
    """Gives whether a cell holds a number, a date, a share or a dash rather than words."""
    return bool(_NUMBER.fullmatch(text))


def text_columns_by_content(model: QAbstractItemModel, *, short_up_to: int = 16) -> frozenset[int]:
    """Gives the columns of a read-only table that hold words: some cell longer than a short label."""
    rows = min(model.rowCount(), 200)
    found = set()
    for column in range(model.columnCount()):
        for row in range(rows):
            text = str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
            if len(text) > short_up_to and not looks_like_number(text):
                found.add(column)
                break
    return frozenset(found)


def _on_two_lines(metrics: QFontMetrics, text: str) -> int:
    """Gives the least width that shows the text on at most two lines, broken between words."""
    words = text.split()
    splits = [
        max(
            metrics.horizontalAdvance(" ".join(words[:cut])), metrics.horizontalAdvance(" ".join(words[cut:]))
        )
        for cut in range(1, len(words))
    ]
    return min([metrics.horizontalAdvance(" ".join(words)), *splits])


class FittedTableView(QTableView):
    """A table view whose columns and rows size themselves from what they show and the room they have."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown_rows: int | None = None  # how many rows tall the table is; None: as its layout says
        self.main_column: int | None = None  # the column naming the row, which gets more room
        self._fitted_width = -1
        self._fitting = False
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # A table is one stop of Tab, as in the grid pattern of accessible apps: the arrow keys move between
        # its cells, so Tab reaches the buttons and panels below without walking through every cell.
        self.setTabKeyNavigation(False)
        self._sized_rows: set[int] = set()
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setResizeContentsPrecision(SIZE_FROM_ROWS)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        # A column the facilitator widens by hand re-wraps its rows once the drag pauses.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.fit_rows_and_height)
        header.sectionResized.connect(self.on_section_resized)
        self.verticalScrollBar().valueChanged.connect(self.on_scrolled)

    def text_columns(self) -> frozenset[int]:
        """Gives the columns holding words; the rest are short. Read-only tables judge by their content."""
        model = self.model()
        return frozenset() if model is None else text_columns_by_content(model)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.fit)
            # Sorting, filtering, adding or deleting a row: the rows in view need their heights again.
            for changed in (model.layoutChanged, model.rowsInserted, model.rowsRemoved):
                changed.connect(self._rows_timer.start)

    # --- fitting ----------------------------------------------------------------------------------------

    def fit(self) -> None:
        """Sizes the columns to the room there is, then the rows to their wrapped text, then the height."""
        if self._fitting or self.model() is None:
            return
        self._fitting = True
        try:
            self._fit_columns()
            self._fitted_width = self._room()
        finally:
            self._fitting = False
        self.fit_rows_and_height()

    @contextmanager
    def fits_held(self) -> Iterator[None]:
        """Holds back the fits that changes within would start (a reset of the model fits the table at
        once), for a caller that fits the table once they are all made: measuring it twice is wasted."""
        held, self._fitting = self._fitting, True
        try:
            yield
        finally:
            self._fitting = held

    def fit_rows_and_height(self) -> None:
        """Grows each row to its wrapped text and makes the table tall enough for `shown_rows` rows."""
        if self._fitting:
            return
        self._rows_timer.stop()  # rows sorted or added before now are measured now, not once more later
        self._fitting = True
        try:
            self.verticalHeader().setDefaultSectionSize(self._line_height() + ROW_PADDING)
            self._sized_rows.clear()
            self._size_rows(range(self.shown_rows or 0))
            self._size_rows_in_view()
            self._fit_heading_height()
            if self.shown_rows is not None:
                self.setFixedHeight(self._height_for(self.shown_rows))
        finally:
            self._fitting = False

    def _size_rows_in_view(self) -> None:
        """Grows the rows in view to their wrapped text; the rest wait until they are scrolled to, as
        measuring a thousand rows of text at once would hold up the window."""
        while self.viewport().height() > 0:
            top = max(self.rowAt(0), 0)
            bottom = self.rowAt(self.viewport().height() - 1)
            last = self._row_count() - 1 if bottom < 0 else bottom
            waiting = [row for row in range(top, last + 1) if row not in self._sized_rows]
            if not waiting:
                return
            self._size_rows(waiting)

    def _size_rows(self, rows: Iterable[int]) -> None:
        """Makes each row as tall as its wrapped text, from one line up to MAX_ROW_LINES, plus padding."""
        line = self._line_height()
        for row in rows:
            if row >= self._row_count():
                break
            self._sized_rows.add(row)
            self.resizeRowToContents(row)
            lines_tall = min(max(self.rowHeight(row), line), MAX_ROW_LINES * line)
            self.setRowHeight(row, lines_tall + ROW_PADDING)

    def _row_count(self) -> int:
        model = self.model()
        return 0 if model is None else model.rowCount()

    def on_scrolled(self, _value: int) -> None:
        self._size_rows_in_view()

    def show_rows(self, rows: int) -> None:
        """Makes the table tall enough for its first `rows` rows (at least one row's height)."""
        self.shown_rows = max(rows, 1)
        self.fit_rows_and_height()

    def _room(self) -> int:
        """Gives the width the columns may fill without a horizontal scroll bar."""
        width = self.width() - 2 * self.frameWidth()
        if self.verticalScrollBar().isVisible() or self._needs_vertical_bar():
            width -= self.verticalScrollBar().sizeHint().width()
        if self.verticalHeader().isVisible():
            width -= self.verticalHeader().width()
        return max(width, 0)

    def _needs_vertical_bar(self) -> bool:
        model = self.model()
        return self.shown_rows is not None and model is not None and model.rowCount() > self.shown_rows

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        text = self.text_columns()
        short = [column for column in range(header.count()) if column not in text]
        widths = {column: self._short_width(column, lines=1) for column in short}
        enough = COMFORTABLE_TEXT_CHARACTERS * self._character()
        comfortable = sum(min(self._wanted_text_width(column), enough) for column in text)
        if sum(widths.values()) + comfortable > self._room():
            # Short of room: a choice of several words (a team, a level of oversight) takes two lines.
            widths = {column: self._short_width(column, lines=2) for column in short}
        widths.update(self._text_widths(text, self._room() - sum(widths.values())))
        if not text and widths:
            # Without a text column the last one takes what is left, so the rows reach the table's edge.
            last = header.count() - 1
            widths[last] += max(0, self._room() - sum(widths.values()))
        for column, width in widths.items():
            header.resizeSection(column, width)

    def _short_width(self, column: int, *, lines: int) -> int:
        """Gives a short column's width: its cells on `lines` lines or its heading on two, the wider."""
        content = min(self._content_width(column, lines), MAX_SHORT_CHARACTERS * self._character())
        heading = _on_two_lines(self.horizontalHeader().fontMetrics(), self._heading(column))
        return max(content, heading + 2 * CELL_PADDING + 4, 4 * self._character())  # 4: rounding slack

    def _content_width(self, column: int, lines: int = 1) -> int:
        """Gives the width the column's longest cell (of the first rows) needs on one line (or two)."""
        metrics = self.fontMetrics()
        measure = metrics.horizontalAdvance if lines == 1 else lambda text: _on_two_lines(metrics, text)
        return max((measure(text) for text in self._cell_texts(column)), default=0) + 2 * CELL_PADDING

    def _cell_texts(self, column: int) -> list[str]:
        """Gives the text of the column's first SIZE_FROM_ROWS cells, which its width is measured from."""
        model = self.model()
        rows = 0 if model is None else min(model.rowCount(), SIZE_FROM_ROWS)
        return [str(model.index(row, column).data() or "") for row in range(rows)] if model else []

    def _text_widths(self, columns: Iterable[int], room: int) -> dict[int, int]:
        """Gives text columns their share of `room`, by how much text they hold, none below its least."""
        least = {c: self._least_text_width(c) for c in columns}
        wanted = {c: max(least[c], self._wanted_text_width(c)) for c in least}
        widths: dict[int, int] = {}
        open_columns = dict(wanted)
        while open_columns:
            share = max(room - sum(widths.values()), 0) / sum(open_columns.values())
            narrow = {c for c, want in open_columns.items() if want * share < least[c]}
            if not narrow:
                widths.update({c: int(want * share) for c, want in open_columns.items()})
                break
            for column in narrow:  # too narrow at its share: it keeps its least width, the others share
                widths[column] = least[column]
                del open_columns[column]
        return widths

    def _wanted_text_width(self, column: int) -> int:
        """Gives the width a text column's longest cell needs on one line, up to MAX_TEXT_CHARACTERS."""
        return min(self._content_width(column), MAX_TEXT_CHARACTERS * self._character())

    def _least_text_width(self, column: int) -> int:
        """Gives the narrowest a text column gets: wide enough for its longest word and its heading's, and
        the row's name more than the others (as much as it needs, up to MAIN_TEXT_CHARACTERS) so it reads."""
        character = self._character()
        least = MIN_TEXT_CHARACTERS * character
        if column == self.main_column:
            least = max(least, min(MAIN_TEXT_CHARACTERS * character, self._wanted_text_width(column)))
        longest_word = min(self._longest_word(column), MAX_SHORT_CHARACTERS * character)
        return max(least, longest_word, self._longest_heading_word(column))

    def _longest_word(self, column: int) -> int:
        metrics = self.fontMetrics()
        words = [word for text in self._cell_texts(column) for word in text.split()]
        return max((metrics.horizontalAdvance(word) for word in words), default=0) + 2 * CELL_PADDING

    def _longest_heading_word(self, column: int) -> int:
        metrics = self.horizontalHeader().fontMetrics()
        words = self._heading(column).split()
        return max((metrics.horizontalAdvance(word) for word in words), default=0) + 2 * CELL_PADDING

    def _heading(self, column: int) -> str:
        model = self.model()
        heading = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else ""
        return str(heading or "")

    def _fit_heading_height(self) -> None:
        """Makes the heading tall enough for the most lines any column's wrapped heading needs."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        lines = 1
        for column in range(header.count()):
            room = QRect(0, 0, max(header.sectionSize(column) - 2 * CELL_PADDING, 1), 10_000)
            height = metrics.boundingRect(room, flags, self._heading(column)).height()
            lines = max(lines, round(height / max(metrics.lineSpacing(), 1)))
        header.setMinimumHeight(lines * metrics.lineSpacing() + ROW_PADDING)

    def _height_for(self, rows: int) -> int:
        model = self.model()
        count = 0 if model is None else model.rowCount()
        heights = [self.rowHeight(row) for row in range(min(rows, count))]
        heights += [self.verticalHeader().defaultSectionSize()] * (rows - len(heights))
        height = self.horizontalHeader().minimumHeight() + sum(heights) + 2 * self.frameWidth() + 2
        if self.horizontalHeader().length() > self._room() + 1:
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def _line_height(self) -> int:
        # Right after a change of type size (projector mode) the view still reports its old font.
        font = self.font() if self.testAttribute(Qt.WidgetAttribute.WA_SetFont) else QApplication.font()
        return QFontMetrics(font).height()

    def _character(self) -> int:
        return max(self.fontMetrics().averageCharWidth(), 1)

    # --- events -----------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self._room() != self._fitted_width:
            self.fit()

    def on_section_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._rows_timer.start()
