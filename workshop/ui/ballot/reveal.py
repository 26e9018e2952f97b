"""The reveal: a revealed round's result shown to the room one step at a time, in type a room can read.

Steps: the consensus order, then how strongly the managers agree, then what divides them, then the camps.
Right, Space or Page Down go on; Left or Page Up go back; Escape leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from workshop.analysis.chance import LEVEL
from workshop.analysis.consensus import place_rows
from workshop.analysis.wording import concordance_in_words
from workshop.headlines import RankingHeadlines, p_method_words, p_text, plain, ranking_headlines
from workshop.ui.i18n import tr
from workshop.wording import plural

if TYPE_CHECKING:
    from workshop.analysis.alignment import RankingAnalysis

TOP_ITEMS = 8  # lines a step shows; a longer list ends with how many more there are
# Sizes at the usual 9 pt system type: body at least 28 px at 1920x1080, so the back row can read it.
REVEAL_STYLE = """
#reveal {{ background: #10243e; }}
#reveal QLabel {{ color: #ffffff; font-size: {body}px; }}
#reveal QLabel#step {{ color: #f2c14e; font-size: {step}px; font-weight: bold; }}
#reveal QLabel#headline {{ font-size: {headline}px; font-weight: bold; }}
#reveal QLabel#hint {{ color: #b8c4d6; font-size: {hint}px; }}
"""
REVEAL_PIXEL_SIZES = {"body": 34, "step": 26, "headline": 64, "hint": 22}
USUAL_POINT_SIZE = 9.0
# Larger system type makes the reveal larger, up to twice, so a long headline still fits the screen.
MAX_TYPE_RATIO = 2.0


def reveal_style(system_point_size: float) -> str:
    """Gives the reveal's style sheet with type scaled to the system font size, never below the usual."""
    ratio = min(max(system_point_size / USUAL_POINT_SIZE, 1.0), MAX_TYPE_RATIO)
    return REVEAL_STYLE.format(**{part: round(px * ratio) for part, px in REVEAL_PIXEL_SIZES.items()})


@dataclass(frozen=True)
class RevealStep:
    title: str
    headline: str
    lines: tuple[str, ...]


def reveal_steps(round_name: str, ranking: RankingAnalysis) -> tuple[RevealStep, ...]:
    """Gives the four steps of the reveal of a ranking round, in the words a room understands.

    The sentences are those of the summary and the Alignment page (workshop/headlines.py), as plain text.
    """
    order = [f"{place}. {item}" for place, item in place_rows(ranking.consensus.borda)]
    if ranking.concordance.w is None:
        return (
            RevealStep(
                tr("The room's order - {round}").format(round=round_name), tr("Your order"), _listed(order)
            ),
            RevealStep(
                tr("How strongly you agree"), tr("Not enough ballots yet"), (ranking.concordance.reason,)
            ),
        )
    said = ranking_headlines(ranking)
    return (
        RevealStep(
            tr("The room's order - {round}").format(round=round_name),
            tr("Your consensus") if said.settled else tr("Your order, not yet settled"),
            _listed(order),
        ),
        _strength(ranking, said),
        RevealStep(
            tr("Where you are divided"),
            plural(len(said.divides_items), "%n opportunity divides you", "%n opportunities divide you")
            if said.divides_items
            else tr("Nothing divides you more than chance would"),
            _listed([plain(line) for line in said.divides]),
        ),
        RevealStep(
            tr("Who agrees with whom"),
            _camps_headline(ranking),
            _listed([plain(line) for line in said.camps]),
        ),
    )


def _strength(ranking: RankingAnalysis, said: RankingHeadlines) -> RevealStep:
    c = ranking.concordance
    words = concordance_in_words(c)
    lines = [
        tr(
            "Kendall's W = {w} on a scale from 0 (no agreement) to 1 (the same order for everyone); "
            "random ballots from a room of your size give about {chance}"
        ).format(w=f"{c.w or 0:.2f}", chance=f"{c.chance_w or 0:.2f}"),
        tr("{p} ({method})").format(p=p_text(c.p_value or 1.0), method=p_method_words(c.p_method)),
    ]
    lines += [plain(line) for line in (said.partial, said.top_methods) if line]
    return RevealStep(tr("How strongly you agree"), words[:1].upper() + words[1:], tuple(lines))


def _camps_headline(ranking: RankingAnalysis) -> str:
    agreement = ranking.agreement
    if agreement.camps:
        return plural(len(agreement.camps), "%n camp", "%n camps")
    if agreement.camp_p is not None and agreement.camp_p <= LEVEL:
        return tr("Small groups, no camps to show")
    return tr("One room, no camps")


def _listed(lines: list[str]) -> tuple[str, ...]:
    """Gives at most TOP_ITEMS lines, the last saying how many more there are when some do not fit."""
    if len(lines) <= TOP_ITEMS:
        return tuple(lines)
    more = len(lines) - (TOP_ITEMS - 1)
    return (*lines[: TOP_ITEMS - 1], plural(more, "…and %n more", "…and %n more"))


class RevealView(QWidget):
    """Shows the reveal steps one by one; emits `left` on Escape."""

    left = Signal()

    def __init__(self, steps: tuple[RevealStep, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reveal")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(reveal_style(QApplication.font().pointSizeF()))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.steps = steps
        self.step = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 64, 96, 48)
        layout.setSpacing(24)
        self.step_label = self._label("step")
        self.headline = self._label("headline")
        self.body = self._label("body")
        self.hint = self._label("hint")
        self.hint.setText(tr("Right arrow: next    Left arrow: back    Esc: leave"))
        for widget in (self.step_label, self.headline, self.body):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        self.show_step(0)

    def _label(self, name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def show_step(self, index: int) -> None:
        self.step = max(0, min(index, len(self.steps) - 1))
        current = self.steps[self.step]
        step = tr("Step {number} of {count}: {title}")
        self.step_label.setText(step.format(number=self.step + 1, count=len(self.steps), title=current.title))
        self.headline.setText(current.headline)
        self.body.setText("\n".join(current.lines))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            self.show_step(self.step + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.show_step(self.step - 1)
        elif key == Qt.Key.Key_Escape:
            self.left.emit()
        else:
            super().keyPressEvent(event)
