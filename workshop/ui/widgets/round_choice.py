"""A choice of revealed ranking rounds that follows the round the room is discussing.

After a reveal, every screen showing a ranking round shows the one just revealed; the facilitator may still
pick another, and the choice stays until the next reveal.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from workshop.ui.context import WorkshopContext


class RoundChoice(QComboBox):
    """The revealed ranking rounds to choose from; `picked` says which one the screen should show."""

    picked = Signal(str)

    def __init__(self, context: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wanted = context.discussed_round
        context.discussed_changed.connect(self.on_discussed_changed)
        self.currentTextChanged.connect(self.on_current_text_changed)

    def offered(self) -> list[str]:
        return [self.itemText(i) for i in range(self.count())]

    def set_rounds(self, names: list[str]) -> None:
        """Offers these rounds, keeping the one wanted (the discussed or picked one) when it is among them,
        else the latest revealed (first); says nothing, since the caller shows the round itself."""
        current = self.wanted if self.wanted in names else self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItems(names)
        self.setCurrentIndex(names.index(current) if current in names else 0)
        self.blockSignals(False)

    def on_discussed_changed(self, name: str) -> None:
        self.wanted = name
        if name in self.offered():
            self.setCurrentText(name)  # `picked` follows when it is not shown already

    def on_current_text_changed(self, name: str) -> None:
        if name:
            self.wanted = name
            self.picked.emit(name)
