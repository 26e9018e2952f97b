"""How the window looks: projector mode (large type for the room) and light, dark or high-contrast colours.

The palettes live here; the style sheet, its type scale and spacing are made from tokens in `style.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from workshop.ui.style import DARK, HIGH_CONTRAST, LIGHT, PROJECTOR_BODY_POINTS, style_sheet, tokens

PROJECTOR_POINT_SIZE = PROJECTOR_BODY_POINTS

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
# Text that must stand out - a problem to fix, a time that is up - in a colour each theme's background
# leaves readable: the light theme's dark red and amber would almost vanish on black.
PROBLEM = "problem"
TIME_UP = "time up"
ATTENTION_COLOURS: dict[str, dict[str, str]] = {
    LIGHT: {PROBLEM: "#b00020", TIME_UP: "#9a5b00"},
    DARK: {PROBLEM: "#ff8a80", TIME_UP: "#ffb74d"},
    HIGH_CONTRAST: {PROBLEM: "#ff8080", TIME_UP: HIGH_CONTRAST_COLOURS[QPalette.ColorRole.Highlight]},
}
ATTENTION_PROPERTY = "attention"
THEMES: dict[str, tuple[dict[QPalette.ColorRole, str], str]] = {
    DARK: (DARK_COLOURS, DISABLED_TEXT),
    HIGH_CONTRAST: (HIGH_CONTRAST_COLOURS, HIGH_CONTRAST_DISABLED_TEXT),
}


def palette_of(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    """Gives a palette with these colours, and `disabled_text` for text that cannot be used."""
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    return palette


@dataclass
class _Look:
    """The look in use. Kept in Python, not as properties of the application: reading an unset Qt property
    hands back None, and PySide6 6.12 miscounts those, crashing the interpreter after many reads."""

    theme: str = LIGHT
    projector: bool = False
    styled_for: str = ""  # what the style sheet was last made for


_look = _Look()


def apply_theme(theme: str) -> None:
    """Switches the whole application to light, dark or high-contrast colours (light for unknown names)."""
    app = _application()
    theme = theme if theme in THEMES else LIGHT
    changed = theme != _look.theme
    if changed:
        app.setPalette(palette_of(*THEMES[theme]) if theme in THEMES else app.style().standardPalette())
        _look.theme = theme
    _apply_style_sheet(app)
    if changed:
        _recolour_attention(app)


def _recolour_attention(app: QApplication) -> None:
    # Text already on screen in an attention colour takes the new theme's, or it would vanish on black.
    # Only widgets that have the property are asked for it: see _Look on unset properties.
    name = ATTENTION_PROPERTY.encode()
    for widget in app.allWidgets():
        if name in widget.dynamicPropertyNames():
            kind = widget.property(ATTENTION_PROPERTY)
            if kind in ATTENTION_COLOURS[LIGHT]:
                _colour_text(widget, kind)


def apply_projector_look(on: bool) -> None:
    """Gives titles, sections and spacing the projector's type scale, or the normal one; call it after the
    application's font has its new size (`scale_fonts`), which the scale starts from."""
    _look.projector = on
    _apply_style_sheet(_application())


def _apply_style_sheet(app: QApplication) -> None:
    body = app.font().pointSizeF()
    look = f"{_look.theme} {_look.projector} {body:.2f}"
    if look == _look.styled_for:
        return  # already so: re-styling every widget costs a start-up 50 ms
    app.setStyleSheet(style_sheet(tokens(_look.theme, body, projector=_look.projector), _look.theme))
    _look.styled_for = look


def current_theme() -> str:
    """Gives the theme in use: LIGHT, DARK or HIGH_CONTRAST."""
    return _look.theme


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def attention_colour(kind: str) -> str:
    """Gives the colour for a PROBLEM or TIME_UP text that reads well in the theme now in use."""
    return ATTENTION_COLOURS[current_theme()][kind]


def show_as_attention(widget: QWidget, kind: str) -> None:
    """Gives `widget`'s text the PROBLEM or TIME_UP colour of the theme in use, and of each theme to come.

    The colour is the widget's whole own style sheet: for labels that have none of their own."""
    widget.setProperty(ATTENTION_PROPERTY, kind)
    _colour_text(widget, kind)


def _colour_text(widget: QWidget, kind: str) -> None:
    widget.setStyleSheet(f"color: {attention_colour(kind)};")


def scale_fonts(root: QWidget, ratio: float) -> None:
    """Scales the application's font and every font a widget under `root` set for itself by `ratio`."""
    app = _application()
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * ratio)
    app.setFont(font)
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            own = widget.font()
            own.setPointSizeF(own.pointSizeF() * ratio)
            widget.setFont(own)
