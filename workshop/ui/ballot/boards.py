"""The three kinds of ballot a voter fills in: a ranking, 100 points, or impact and effort per item.

Each board shows only the voter's own, fresh ballot and offers `ballot()` (what to store) and `summary()`
(plain lines for the one confirmation before casting).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop.model.ballots import POINTS_BUDGET
from workshop.ui.ballot.draft import RankingDraft
from workshop.ui.built import built
from workshop.ui.i18n import tr

ITEM_ID = Qt.ItemDataRole.UserRole
DIGIT_WAIT_MS = 900  # time to type the second digit of a place above 9


class RankingBoard(QListWidget):
    """The voter's ranking, best first: drag items, or select one and type its place (1, 2, ...).

    Ctrl+Up / Ctrl+Down move the selected item; '=' ties it with the item above when the round
    allows ties; Enter asks to cast the ballot.
    """

    submit_requested = Signal()

    def __init__(
        self, items: Sequence[tuple[int, str]], *, allow_ties: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Your ranking, best first"))
        self._titles = dict(items)
        self.draft = RankingDraft([item for item, _ in items], allow_ties=allow_ties)
        self._typed = ""
        self._digit_timer = QTimer(self, singleShot=True, interval=DIGIT_WAIT_MS)
        self._digit_timer.timeout.connect(self._place_typed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSpacing(2)
        self.model().rowsMoved.connect(self.on_rows_moved)
        self._show(select=self.draft.entry_order[0])

    def ranks(self) -> dict[int, int]:
        return self.draft.ranks()

    def summary(self) -> list[str]:
        ranks = self.draft.ranks()
        return [f"{ranks[item]}. {self._titles[item]}" for item in self.draft.order]

    def current_item_id(self) -> int | None:
        item = self.currentItem()
        return int(item.data(ITEM_ID)) if item is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if text.isdigit() and not control:
            self._type_digit(text)
        elif control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._move_current(-1 if key == Qt.Key.Key_Up else 1)
        elif text == "=":
            self._toggle_tie()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._place_typed()
            self.submit_requested.emit()
        else:
            super().keyPressEvent(event)

    def on_rows_moved(self, *_args: QModelIndex | int) -> None:
        order = [int(self.item(row).data(ITEM_ID)) for row in range(self.count())]
        if order != self.draft.order:
            self.draft.reorder(order)
            self._show(select=self.current_item_id())

    def _type_digit(self, digit: str) -> None:
        self._typed += digit
        if int(self._typed) * 10 > len(self.draft.order):  # no further digit could make a valid place
            self._place_typed()
        else:
            self._digit_timer.start()

    def _place_typed(self) -> None:
        self._digit_timer.stop()
        typed, self._typed = self._typed, ""
        item = self.current_item_id()
        if not typed or item is None or not 1 <= int(typed) <= len(self.draft.order):
            return
        self.draft.place(item, int(typed))
        self._show(select=self.draft.next_to_type(item))

    def _move_current(self, step: int) -> None:
        item = self.current_item_id()
        if item is not None:
            self.draft.move(item, step)
            self._show(select=item)

    def _toggle_tie(self) -> None:
        item = self.current_item_id()
        if item is not None:
            self.draft.toggle_tie(item)
            self._show(select=item)

    def _show(self, *, select: int | None) -> None:
        self.blockSignals(True)
        self.clear()
        ranks = self.draft.ranks()
        for item in self.draft.order:
            tie = tr("  (tied with the one above)") if self.draft.is_tied_to_above(item) else ""
            row = QListWidgetItem(f"{ranks[item]:>2}.  {self._titles[item]}{tie}")
            row.setData(ITEM_ID, item)
            self.addItem(row)
            if item == select:
                self.setCurrentItem(row)
        self.blockSignals(False)


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
            ("Opportunity", "Impact (1 low - 5 high)", "Effort (1 low - 5 high)")
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
