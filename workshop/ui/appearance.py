"""How the window looks: projector mode (large type for the room) and light, dark or high-contrast colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

PROJECTOR_POINT_SIZE = 20.0
LIGHT = "light"
DARK = "dark"
HIGH_CONTRAST = "high-contrast"

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
# The dark palette alone draws check boxes and input frames nearly black on black; these keep them at least
# 3:1 against the window, as WCAG asks of the edges of controls.
DARK_STYLE = """
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView { border: 1px solid #6b6e75; }
QCheckBox::indicator, QAbstractItemView::indicator {
    width: 12px; height: 12px; border: 1px solid #a8a8a8; background: #121314;
}
QAbstractItemView::indicator { margin: 0 4px 0 1px; }
QListView::item { padding: 2px 0; }
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked { background: #5eb1ff; }
QCheckBox::indicator:disabled { border-color: #6b6e75; }
"""

# For people who need the strongest contrast: white on black, with the selection and focus in yellow.
HIGH_CONTRAST_COLOURS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.AlternateBase: "#1c1c1c",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#000000",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#c8c8c8",
    QPalette.ColorRole.Highlight: "#ffff00",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#00ffff",
    QPalette.ColorRole.BrightText: "#ffffff",
}
HIGH_CONTRAST_DISABLED_TEXT = "#a0a0a0"
# Palettes cannot draw a thicker focus frame; the style sheet does, in the same yellow as the selection.
HIGH_CONTRAST_STYLE = """
QPushButton, QToolButton { border: 2px solid #ffffff; padding: 4px 10px; }
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit,
QAbstractItemView { border: 1px solid #ffffff; padding: 1px 3px; }
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {
    width: 14px; height: 14px; border: 2px solid #ffffff; background: #000000;
}
QRadioButton::indicator { border-radius: 9px; }
QAbstractItemView::indicator { width: 11px; height: 11px; margin: 0 4px 0 1px; }
QListView::item { padding: 3px 0; }
QCheckBox::indicator:checked, QRadioButton::indicator:checked, QAbstractItemView::indicator:checked {
    background: #ffff00;
}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-color: #a0a0a0; }
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus,
QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QDateEdit:focus, QAbstractItemView:focus,
QCheckBox:focus, QRadioButton:focus, QSlider:focus { border: 3px solid #ffff00; }
QAbstractItemView::item:selected { background: #ffff00; color: #000000; }
"""
# Text that must stand out - a problem to fix, a time that is up - in a colour each theme's background
# leaves readable: the light theme's dark red and amber would almost vanish on black.
PROBLEM = "problem"
TIME_UP = "time up"
ATTENTION_COLOURS: dict[str, dict[str, str]] = {
    LIGHT: {PROBLEM: "#b00020", TIME_UP: "#9a5b00"},
    DARK: {PROBLEM: "#ff8a80", TIME_UP: "#ffb74d"},
    HIGH_CONTRAST: {PROBLEM: "#ff8080", TIME_UP: HIGH_CONTRAST_COLOURS[QPalette.ColorRole.Highlight]},
}
THEME_PROPERTY = "workshopTheme"
ATTENTION_PROPERTY = "attention"
THEMES: dict[str, tuple[dict[QPalette.ColorRole, str], str, str]] = {
    DARK: (DARK_COLOURS, DISABLED_TEXT, DARK_STYLE),
    HIGH_CONTRAST: (HIGH_CONTRAST_COLOURS, HIGH_CONTRAST_DISABLED_TEXT, HIGH_CONTRAST_STYLE),
}


def palette_of(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    """Gives a palette with these colours, and `disabled_text` for text that cannot be used."""
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    return palette


def apply_theme(theme: str) -> None:
    """Switches the whole application to light, dark or high-contrast colours (light for unknown names)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if (theme if theme in THEMES else LIGHT) == (app.property(THEME_PROPERTY) or LIGHT):
        return  # already so (an app starts light): re-styling every widget costs a start-up 50 ms
    if theme in THEMES:
        colours, disabled_text, style = THEMES[theme]
        app.setPalette(palette_of(colours, disabled_text))
    else:
        app.setPalette(app.style().standardPalette())
        style = ""
    app.setStyleSheet(style)
    app.setProperty(THEME_PROPERTY, theme if theme in THEMES else LIGHT)
    # Text already on screen in an attention colour takes the new theme's, or it would vanish on black.
    for widget in app.allWidgets():
        kind = widget.property(ATTENTION_PROPERTY)
        if kind in ATTENTION_COLOURS[LIGHT]:
            _colour_text(widget, kind)


def attention_colour(kind: str) -> str:
    """Gives the colour for a PROBLEM or TIME_UP text that reads well in the theme now in use."""
    app = QApplication.instance()
    theme = app.property(THEME_PROPERTY) if app is not None else None
    return ATTENTION_COLOURS[theme if theme in ATTENTION_COLOURS else LIGHT][kind]


def show_as_attention(widget: QWidget, kind: str) -> None:
    """Gives `widget`'s text the PROBLEM or TIME_UP colour of the theme in use, and of each theme to come.

    The colour is the widget's whole own style sheet: for labels that have none of their own."""
    widget.setProperty(ATTENTION_PROPERTY, kind)
    _colour_text(widget, kind)


def _colour_text(widget: QWidget, kind: str) -> None:
    widget.setStyleSheet(f"color: {attention_colour(kind)};")


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
