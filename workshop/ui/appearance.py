"""How the window looks: projector mode (large type for the room) and light or dark colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

PROJECTOR_POINT_SIZE = 20.0
LIGHT = "light"
DARK = "dark"

# Dark colours with strong contrast between text and background (well above WCAG AA for body text).
DARK_COLOURS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#1e1f22",
    QPalette.ColorRole.WindowText: "#f2f2f2",
    QPalette.ColorRole.Base: "#121314",
    QPalette.ColorRole.AlternateBase: "#25272b",
    QPalette.ColorRole.Text: "#f2f2f2",
    QPalette.ColorRole.Button: "#2c2e33",
    QPalette.ColorRole.ButtonText: "#f2f2f2",
    QPalette.ColorRole.ToolTipBase: "#2c2e33",
    QPalette.ColorRole.ToolTipText: "#f2f2f2",
    QPalette.ColorRole.PlaceholderText: "#a8a8a8",
    QPalette.ColorRole.Highlight: "#5eb1ff",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#8cc8ff",
    QPalette.ColorRole.BrightText: "#ffffff",
}
DISABLED_TEXT = "#8a8a8a"


def dark_palette() -> QPalette:
    """Gives a dark palette with high-contrast text."""
    palette = QPalette()
    for role, colour in DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return palette


def apply_theme(theme: str) -> None:
    """Switches the whole application to light or dark colours."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setPalette(dark_palette() if theme == DARK else app.style().standardPalette())


def scale_fonts(root: QWidget, ratio: float) -> None:
    """Scales the application's font and every font a widget under `root` set for itself by `ratio`."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * ratio)
    app.setFont(font)
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            own = widget.font()
            own.setPointSizeF(own.pointSizeF() * ratio)
            widget.setFont(own)
