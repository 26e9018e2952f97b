"""The three kinds of ballot a voter fills in: a ranking, 100 points, or impact and effort per item.

Each board shows only the voter's own, fresh ballot and offers `ballot()` (what to store) and `summary()`
(plain lines for the one confirmation before casting).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from workshop.model.ballots import POINTS_BUDGET
from workshop.ui.ballot.draft import RankingDraft
from workshop.ui.built import built
from workshop.ui.i18n import tr
from workshop.wording import plural

ITEM_ID = Qt.ItemDataRole.UserRole
ROW_PARTS = Qt.ItemDataRole.UserRole + 1  # (place, key, title) of a ranked row, drawn in three columns


class ColumnsDelegate(QStyledItemDelegate):
    """Draws a ranking row as three aligned columns (place, letter, title), so titles start at one edge
    whatever the widths of the letters before them; rows without parts are drawn as Qt draws them."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        parts = index.data(ROW_PARTS)
        if not parts:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(option.font)
        painter.setPen(option.palette.color(role))
        rect: QRect = option.rect.adjusted(8, 0, -8, 0)
        place_width, key_width = _column_widths(option.font)
        middle = Qt.AlignmentFlag.AlignVCenter
        place, key, title = parts
        painter.drawText(
            rect.adjusted(0, 0, -(rect.width() - place_width), 0), middle | Qt.AlignmentFlag.AlignRight, place
        )
        key_rect = rect.adjusted(place_width, 0, 0, 0)
        key_rect.setWidth(key_width)
        painter.drawText(key_rect, middle | Qt.AlignmentFlag.AlignHCenter, key)
        title_rect = rect.adjusted(place_width + key_width, 0, 0, 0)
        metrics = QFontMetrics(option.font)
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, middle | Qt.TextFlag.TextSingleLine, shown)
        painter.restore()


def _column_widths(font: QFont) -> tuple[int, int]:
    """Gives the widths of the place column ('10.') and the letter column ('[W]'), with their gaps,
    measured in bold so that chosen (bold) rows and the others line up."""
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    gap = metrics.horizontalAdvance(" ")
    return metrics.horizontalAdvance("10.") + gap, metrics.horizontalAdvance("[W]") + 2 * gap


class RankingBoard(QListWidget):
    """The voter's ranking, best first: press the letters of the items in your order of preference.

    No key waits for another: each letter puts its item at the next place at once, and the typed line
    above the rows says what was typed and what comes next. Backspace takes back the last choice, Escape
    starts again; dragging, Ctrl+Up / Ctrl+Down and '=' (a tie with the item above, when the round
    allows ties) work at any time; Enter asks to cast the ballot shown.
    """

    submit_requested = Signal()

    def __init__(
        self,
        items: Sequence[tuple[int, str]],
        *,
        allow_ties: bool,
        top_k: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Your ranking, best first"))
        self._titles = dict(items)
        self.draft = RankingDraft([item for item, _ in items], allow_ties=allow_ties, top_k=top_k)
        self._note = ""  # what the last key did not do, said once on the typed line
        # The typed line lives in the list's own top margin: the list keeps the keyboard, and the line
        # can never be scrolled away or left behind by the page around it.
        self.typed_line = built(QLabel(self), objectName="typedLine", wordWrap=True)
        self.typed_line.setTextFormat(Qt.TextFormat.PlainText)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setItemDelegate(ColumnsDelegate(self))
        self.model().rowsMoved.connect(self.on_rows_moved)
        self._show(select=self.draft.order[0])

    def ranks(self) -> dict[int, int]:
        return self.draft.ranks()

    def summary(self) -> list[str]:
        ranks = self.draft.ranks()
        return [f"{ranks[item]}. {self._titles[item]}" for item in self.draft.order if item in ranks]

    def current_item_id(self) -> int | None:
        row = self.currentItem()
        item = row.data(ITEM_ID) if row is not None else None
        return int(item) if item is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._typed_key(event):
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_typed_line()

    def _typed_key(self, event: QKeyEvent) -> bool:
        """Gives whether the key was the board's: a letter, Backspace, Escape, '=', Ctrl+arrow, Enter."""
        key, text = event.key(), event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        plain = not modifiers & ~Qt.KeyboardModifier.ShiftModifier
        if control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._move_current(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit_requested.emit()
        elif not plain:
            return False
        elif key == Qt.Key.Key_Backspace:
            self._take_back()
        elif key == Qt.Key.Key_Escape:
            self.draft.clear()
            self._show(select=self.draft.order[0])
        elif text == "=":
            self._toggle_tie()
        elif len(text) == 1 and text.isalnum():
            self._press(text)
        else:
            return False
        return True

    def on_rows_moved(self, *_args: QModelIndex | int) -> None:
        rows = (self.item(row).data(ITEM_ID) for row in range(self.count()))
        order = [int(item) for item in rows if item is not None]
        if order != self.draft.order:
            self.draft.reorder(order)
        self._show(select=self.current_item_id())  # also puts the top-k line back under place k

    def _press(self, key: str) -> None:
        item = self.draft.item_for_key(key)
        if item is None:
            self._note = tr("{key} is not the letter of an opportunity here.").format(key=key.upper())
        elif not self.draft.choose(item):
            self._note = self._why_not_chosen(item)
        self._show(select=item if item is not None else self.current_item_id())

    def _why_not_chosen(self, item: int) -> str:
        if item in self.draft.chosen():
            return tr("{key} already has place {place}.").format(
                key=self.draft.key_of(item), place=self.draft.ranks()[item]
            )
        return tr("Every place is chosen.")

    def _take_back(self) -> None:
        if self.draft.undo_choice() is None:
            self._note = tr("Nothing typed yet to take back.")
        chosen = self.draft.chosen()
        self._show(select=chosen[-1] if chosen else self.draft.order[0])

    def _move_current(self, step: int) -> None:
        item = self.current_item_id()
        if item is not None:
            self.draft.move(item, step)
            self._show(select=item)

    def _toggle_tie(self) -> None:
        item = self.current_item_id()
        if item is not None and not self.draft.toggle_tie(item):
            self._note = self._why_no_tie()
        self._show(select=item)

    def _why_no_tie(self) -> str:
        if not self.draft.allow_ties:
            return tr("This round does not allow ties.")
        return tr("Only a placed opportunity below another can share its place.")

    # --- what the voter sees ---------------------------------------------------------------------------
    def _show(self, *, select: int | None) -> None:
        self.blockSignals(True)
        self.clear()
        ranks, chosen = self.draft.ranks(), set(self.draft.chosen())
        for place, item in enumerate(self.draft.order, 1):
            row = QListWidgetItem(self._row_text(item, ranks.get(item)))
            row.setData(ITEM_ID, item)
            row.setData(ROW_PARTS, self._row_parts(item, ranks.get(item)))
            if item in chosen:  # what was typed stands out from what is still in the neutral order
                font = row.font()
                font.setBold(True)
                row.setFont(font)
            self.addItem(row)
            if item == select:
                self.setCurrentItem(row)
            if place == self.draft.top_k:
                self.addItem(self._top_k_line())
        self.blockSignals(False)
        self.typed_line.setText(" ".join(part for part in (self._note, typed_sentence(self.draft)) if part))
        self._note = ""
        self._fit_typed_line()

    def _fit_typed_line(self) -> None:
        """Keeps the typed line above the rows, as tall as its wrapped text needs at this width."""
        frame = self.frameWidth()
        width = self.width() - 2 * frame - 16
        height = self.typed_line.heightForWidth(width) + 12
        self.setViewportMargins(0, height, 0, 0)
        self.typed_line.setGeometry(frame + 8, frame + 6, width, height - 12)

    def _row_text(self, item: int, rank: int | None) -> str:
        _place, key, title = self._row_parts(item, rank)
        place = f"{rank:>2}." if rank is not None else " – "
        return f"{place}   {key or '   '}   {title}"

    def _row_parts(self, item: int, rank: int | None) -> tuple[str, str, str]:
        """Gives the row's place ('3.' or '–'), letter ('[C]' or '') and title, with a tie said in words."""
        key = self.draft.key_of(item)
        tie = tr("  (tied with the one above)") if self.draft.is_tied_to_above(item) and rank else ""
        return (
            (f"{rank}." if rank is not None else "–"),
            (f"[{key}]" if key else ""),
            self._titles[item] + tie,
        )

    def _top_k_line(self) -> QListWidgetItem:
        line = QListWidgetItem(
            plural(
                self.draft.places,
                "Only your first choice counts; the rest stay unranked",
                "Only your top %n count; the rest stay unranked",
            )
        )
        line.setFlags(Qt.ItemFlag.ItemIsEnabled)  # neither selected, dragged nor dropped on
        line.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        font = line.font()
        font.setItalic(True)
        line.setFont(font)
        return line


def typed_sentence(draft: RankingDraft) -> str:
    """Gives the typed line: the choices so far (tied ones joined by '='), then what to press next."""
    chosen = draft.chosen()
    letters = "".join(
        (" = " if draft.is_tied_to_above(item) else ", ") * (n > 0) + (draft.key_of(item) or "?")
        for n, item in enumerate(chosen)
    )
    if not chosen:
        return tr("Press the letter of your first choice, then of your second, and so on.")
    if not draft.complete:
        return tr("Your order so far: {letters} – press the letter for place {place}.").format(
            letters=letters, place=draft.typed + 1
        )
    if draft.top_k is None and len(draft.order) > len(chosen):
        last = draft.order[-1]
        letters += ", " + (draft.key_of(last) or "?")
    return tr("Your order: {letters} – press Enter to cast it, or Backspace to change it.").format(
        letters=letters
    )


class PointsBoard(QWidget):
    """100 points to spread over the items, with a running count of the points left."""

    changed = Signal()

    def __init__(self, items: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = dict(items)
        layout = QVBoxLayout(self)
        self.points_left = QLabel()
        self.points_left.setObjectName("pointsLeft")
        layout.addWidget(self.points_left)
        grid = QGridLayout()
        layout.addLayout(grid)
        layout.addStretch(1)
        self.boxes: dict[int, QSpinBox] = {}
        for row, (item, title) in enumerate(items):
            label = QLabel(title)
            label.setWordWrap(True)
            box = built(
                QSpinBox(), maximum=POINTS_BUDGET, accessibleName=f"Points for {title}", minimumWidth=120
            )
            box.valueChanged.connect(self.on_points_changed)
            label.setBuddy(box)
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            self.boxes[item] = box
        grid.setColumnStretch(0, 1)
        self.on_points_changed()

    def left(self) -> int:
        return POINTS_BUDGET - sum(box.value() for box in self.boxes.values())

    def is_complete(self) -> bool:
        return self.left() == 0

    def points(self) -> dict[int, int]:
        return {item: box.value() for item, box in self.boxes.items()}

    def summary(self) -> list[str]:
        given = sorted(self.points().items(), key=lambda pair: -pair[1])
        return [f"{points} points: {self._titles[item]}" for item, points in given if points]

    def on_points_changed(self) -> None:
        left = self.left()
        if left >= 0:
            self.points_left.setText(
                tr("Points left: {left} of {budget}").format(left=left, budget=POINTS_BUDGET)
            )
        else:
            too_many = tr("{over} points too many: take some back to make {budget}")
            self.points_left.setText(too_many.format(over=-left, budget=POINTS_BUDGET))
        self.changed.emit()


class ImpactEffortBoard(QWidget):
    """For each item, how much it would help (impact) and how hard it would be (effort), 1 to 5."""

    def __init__(self, items: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles = dict(items)
        grid = QGridLayout(self)
        for column, heading in enumerate(
            ("Opportunity", "Impact (1 low – 5 high)", "Effort (1 low – 5 high)")
        ):
            grid.addWidget(QLabel(f"<b>{tr(heading)}</b>"), 0, column)
        self.sliders: dict[int, tuple[QSlider, QSlider]] = {}
        for row, (item, title) in enumerate(items, 1):
            label = QLabel(title)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            pair = (self._slider(f"Impact of {title}"), self._slider(f"Effort of {title}"))
            grid.addWidget(pair[0], row, 1)
            grid.addWidget(pair[1], row, 2)
            self.sliders[item] = pair
        grid.setColumnStretch(0, 2)
        grid.setRowStretch(len(items) + 1, 1)

    def _slider(self, name: str) -> QSlider:
        slider = built(QSlider(Qt.Orientation.Horizontal), minimum=1, maximum=5, value=3, accessibleName=name)
        slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        slider.setPageStep(1)
        return slider

    def ratings(self) -> dict[int, tuple[float, float]]:
        return {item: (float(i.value()), float(e.value())) for item, (i, e) in self.sliders.items()}

    def summary(self) -> list[str]:
        return [
            f"{self._titles[item]}: impact {i:g}, effort {e:g}" for item, (i, e) in self.ratings().items()
        ]
