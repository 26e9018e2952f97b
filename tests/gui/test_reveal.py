"""The reveal to the room, step by step by keyboard, in large type and without names when anonymous."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel

from workshop.findings import gather_findings
from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.reveal import reveal_steps
from workshop.ui.ballot.reveal import RevealView


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    path = tmp_path_factory.mktemp("reveal") / "demo.workshop"
    with create_demo(path) as store:
        with store.transaction() as session:
            session.query(e.Workshop).one().anonymity = e.Anonymity.ANONYMOUS
        with store.reading() as session:
            names = [name for (name,) in session.query(e.Participant.name)]
            return gather_findings(session), names


def test_the_reveal_goes_order_strength_disconnects_camps_by_keyboard(qtbot, findings, tmp_path):
    found, _ = findings
    view = RevealView(reveal_steps(found.ranking_round, found.ranking))
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    seen = []
    for _ in range(4):
        seen.append((view.step_label.text(), view.headline.text(), view.body.text()))
        view.grab().save(str(tmp_path / f"step{len(seen)}.png"))
        qtbot.keyClick(view, Qt.Key.Key_Right)
    titles = [title.split(": ", 1)[1] for title, _, _ in seen]
    assert titles[0].startswith("The room's order")
    assert titles[1:] == ["How strongly you agree", "Where you are divided", "Who agrees with whom"]
    assert seen[0][2].startswith("1. ")
    # The demo's agreement is no better than chance: the order is not called the room's consensus.
    assert seen[0][1] == "Your order, not yet settled"
    assert seen[1][1] == "No better than chance" and "permutation test" in seen[1][2]
    assert "The two counting methods disagree on the top" in seen[1][2]
    assert seen[2][1] == "Nothing divides you more than chance would"
    assert seen[3][1] == "2 camps" and "3 of them put Proof-of-delivery reading first" in seen[3][2]
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.step == 2
    with qtbot.waitSignal(view.left):
        qtbot.keyClick(view, Qt.Key.Key_Escape)


def test_the_reveal_text_is_large_and_names_no_one_in_an_anonymous_workshop(qtbot, findings):
    found, names = findings
    view = RevealView(reveal_steps(found.ranking_round, found.ranking))
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    for step in range(4):
        view.show_step(step)
        text = " ".join(label.text() for label in view.findChildren(QLabel))
        assert not [name for name in names if name in text]
    assert QFontInfo(view.body.font()).pixelSize() >= 28
    assert QFontInfo(view.headline.font()).pixelSize() >= 28


def test_the_reveal_type_grows_with_the_system_font_size(qtbot, findings):
    from PySide6.QtWidgets import QApplication

    found, _ = findings
    usual = QApplication.font()

    def body_pixels(point_size: float) -> int:
        font = QApplication.font()
        font.setPointSizeF(point_size)
        QApplication.setFont(font)
        view = RevealView(reveal_steps(found.ranking_round, found.ranking))
        qtbot.addWidget(view)
        view.ensurePolished()
        return QFontInfo(view.body.font()).pixelSize()

    try:
        at_usual, at_larger = body_pixels(9), body_pixels(14)
    finally:
        QApplication.setFont(usual)
    assert at_usual >= 28
    assert at_larger > at_usual
