"""The window's look in one place: colour, type and spacing tokens, and the style sheet made from them.

Four looks: light, dark and high contrast, each also in projector mode (a larger type scale and stronger
contrast for a room 4 m from the screen). Widgets say what they are - `objectName="pageTitle"` or the
property `role` ("section", "lead", "note") - and the sheet gives them their type and spacing; no page
carries a style string of its own. The ballot room and the reveal can build their sheets from `tokens`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path

LIGHT = "light"
DARK = "dark"
HIGH_CONTRAST = "high-contrast"
PROJECTOR_BODY_POINTS = 20.0
ROLE = "role"  # the property a widget names its part of the type scale with
SECTION, LEAD, NOTE = "section", "lead", "note"


@dataclass(frozen=True)
class Colours:
    """The colours of one look, by what they are for."""

    text: str
    muted: str  # hints and the header line: quieter than body text, still 4.5:1 on the window
    window: str
    surface: str  # the phase list and sections set off from the window
    border: str
    accent: str  # the chosen phase, focus frames
    on_accent: str
    message: tuple[str, str, str]  # background, border, text of the line saying why a change was refused
    done: str
    in_progress: str
    not_started: str


COLOURS: dict[str, Colours] = {
    LIGHT: Colours(
        text="#1b1f24",
        muted="#4b5563",
        window="#f5f6f8",
        surface="#e9edf3",
        border="#b8c0cc",
        accent="#1f5bd0",
        on_accent="#ffffff",
        message=("#fff4ce", "#c19c00", "#3b2f00"),
        done="#1d7a35",
        in_progress="#9a5b00",
        not_started="#6b7280",
    ),
    DARK: Colours(
        text="#f2f2f2",
        muted="#c4c7cc",
        window="#1e1f22",
        surface="#2a2c31",
        border="#6b6e75",
        accent="#5eb1ff",
        on_accent="#000000",
        message=("#3a3000", "#c19c00", "#fff4ce"),
        done="#81c784",
        in_progress="#ffb74d",
        not_started="#a8a8a8",
    ),
    HIGH_CONTRAST: Colours(
        text="#ffffff",
        muted="#ffffff",
        window="#000000",
        surface="#000000",
        border="#ffffff",
        accent="#ffff00",
        on_accent="#000000",
        message=("#000000", "#ffff00", "#ffffff"),
        done="#7cfc00",
        in_progress="#ffff00",
        not_started="#ffffff",
    ),
}


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in points, from the body text's size."""

    body: float

    @property
    def note(self) -> float:
        return round(self.body * 0.9, 1)

    @property
    def lead(self) -> float:
        return round(self.body * 1.15, 1)

    @property
    def section(self) -> float:
        return round(self.body * 1.3, 1)

    @property
    def page_title(self) -> float:
        return round(self.body * 1.75, 1)


@dataclass(frozen=True)
class Spacing:
    """Spacing steps in pixels; projector mode spreads them so sections read apart from a distance."""

    unit: int = 4

    def step(self, n: int) -> int:
        return self.unit * n


@dataclass(frozen=True)
class Tokens:
    """Everything a style sheet needs: colours, type and spacing, and how thick a line is."""

    colours: Colours
    type: TypeScale
    spacing: Spacing
    line: int  # border width in pixels


def tokens(theme: str, body_points: float, *, projector: bool = False) -> Tokens:
    """Gives the tokens of a look; a projector gets at least 20 pt body text, wider spacing and full-strength
    text for hints (grey text fades on a projector)."""
    colours = COLOURS.get(theme, COLOURS[LIGHT])
    if not projector:
        return Tokens(colours, TypeScale(body_points), Spacing(), 2 if theme == HIGH_CONTRAST else 1)
    return Tokens(
        replace(colours, muted=colours.text),
        TypeScale(max(PROJECTOR_BODY_POINTS, body_points)),
        Spacing(unit=6),
        2,
    )


def icons_folder() -> Path:
    return Path(str(files("workshop") / "resources" / "icons"))


@cache
def icon_svg(name: str, colour: str, on_colour: str) -> bytes:
    """Gives the SVG of a bundled icon drawn in these colours."""
    template = (icons_folder() / f"{name}.svg").read_text(encoding="utf-8")
    return template.replace("{colour}", colour).replace("{on_colour}", on_colour).encode()


def style_sheet(t: Tokens, theme: str) -> str:
    """Gives the application's style sheet for these tokens (`theme` adds the dark or high-contrast
    controls a palette alone cannot draw)."""
    return (
        _typography(t)
        + _chrome(t)
        + {DARK: _dark_controls, HIGH_CONTRAST: _high_contrast_controls}.get(theme, lambda _t: "")(t)
    )


def _typography(t: Tokens) -> str:
    c, s, k = t.colours, t.type, t.spacing
    return f"""
QLabel#pageTitle, QLabel#phaseHeading {{ font-size: {s.page_title}pt; font-weight: bold; color: {c.text}; }}
QLabel#phaseHint, QLabel[role="lead"] {{ font-size: {s.lead}pt; color: {c.muted}; }}
QLabel#tableTitle, QLabel[role="section"] {{
    font-size: {s.section}pt; font-weight: bold; color: {c.text}; padding-top: {k.step(3)}px;
}}
QLabel[role="note"] {{ font-size: {s.note}pt; color: {c.muted}; }}
QLabel#workshopSummary {{ color: {c.muted}; }}
"""


def _chrome(t: Tokens) -> str:
    c, k = t.colours, t.spacing
    background, border, text = c.message
    return f"""
QListWidget#phaseNavigation {{
    background: {c.surface}; border: none; border-right: {t.line}px solid {c.border};
    font-size: {t.type.lead}pt; padding: {k.step(2)}px {k.step(1)}px; outline: none;
}}
QListWidget#phaseNavigation::item {{
    color: {c.text}; padding: {k.step(2)}px {k.step(2)}px; border-radius: {k.step(1)}px; margin: 1px 0;
}}
QListWidget#phaseNavigation::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QListWidget#phaseNavigation:focus {{ border-right: {t.line + 2}px solid {c.accent}; }}
#messageBar {{ background: {background}; border: {t.line}px solid {border}; border-radius: 4px; }}
#messageBar QLabel {{ color: {text}; }}
"""


def _dark_controls(t: Tokens) -> str:
    # The dark palette alone draws check boxes and input frames nearly black on black; these keep them at
    # least 3:1 against the window, as WCAG asks of the edges of controls.
    c = t.colours
    return f"""
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView {{ border: 1px solid {c.border}; }}
QCheckBox::indicator, QAbstractItemView::indicator {{
    width: 12px; height: 12px; border: 1px solid #a8a8a8; background: #121314;
}}
QAbstractItemView::indicator {{ margin: 0 4px 0 1px; }}
QListView::item {{ padding: 2px 0; }}
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {{ background: {c.accent}; }}
QCheckBox::indicator:disabled {{ border-color: {c.border}; }}
{_spin_arrows(c.border)}
"""


def _high_contrast_controls(t: Tokens) -> str:
    # White on black with selection and focus in yellow; palettes cannot draw a thicker focus frame.
    c = t.colours
    return f"""
QPushButton, QToolButton {{ border: 2px solid #ffffff; padding: 4px 10px; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit,
QAbstractItemView {{ border: 1px solid #ffffff; padding: 1px 3px; }}
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
    width: 14px; height: 14px; border: 2px solid #ffffff; background: #000000;
}}
QRadioButton::indicator {{ border-radius: 9px; }}
QAbstractItemView::indicator {{ width: 11px; height: 11px; margin: 0 4px 0 1px; }}
QListView::item {{ padding: 3px 0; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked, QAbstractItemView::indicator:checked {{
    background: #ffff00;
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: #a0a0a0; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus,
QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QDateEdit:focus, QAbstractItemView:focus,
QCheckBox:focus, QRadioButton:focus, QSlider:focus {{ border: 3px solid #ffff00; }}
QAbstractItemView::item:selected {{ background: #ffff00; color: #000000; }}
QHeaderView::section {{
    background: #000000; color: #ffffff; font-weight: bold; border: 1px solid #ffffff; padding: 3px 8px;
}}
{_spin_arrows(c.border)}
"""


def _spin_arrows(border: str) -> str:
    # Once a sheet styles a spin box, Qt draws its arrows from the sheet: without these, none at all.
    folder = icons_folder().as_posix()
    rules = []
    for end, place in (("up", "top"), ("down", "bottom")):
        boxes = ("QSpinBox", "QDoubleSpinBox", "QDateEdit")
        rules.append(
            ", ".join(f"{box}::{end}-button" for box in boxes)
            + f" {{ subcontrol-origin: border; subcontrol-position: {place} right; width: 18px;"
            + f" border-left: 1px solid {border}; }}"
        )
        rules.append(
            ", ".join(f"{box}::{end}-arrow" for box in boxes)
            + f" {{ image: url({folder}/arrow-{end}.svg); width: 10px; height: 6px; }}"
        )
    return "\n".join(rules) + "\n"
