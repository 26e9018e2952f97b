"""The reveal to the room, step by step by keyboard, in large type and without names when anonymous."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.gui.clipping import clipped_labels
from workshop.analysis.consensus import place_rows
from workshop.findings import gather_findings
from workshop.model import entities as e
from workshop.model.demo import create_demo
from workshop.reveal import RevealStep, reveal_steps
from workshop.ui.appearance import PROJECTOR_POINT_SIZE
from workshop.ui.ballot.reveal import RevealView

SIZES = [(1280, 800), (1920, 1080), (3840, 2160)]


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
    found, _ = findings
    usual = QApplication.font()

    def body_pixels(point_size: float) -> int:
        font = QApplication.font()
        font.setPointSizeF(point_size)
        QApplication.setFont(font)
        view = RevealView(reveal_steps(found.ranking_round, found.ranking))
        qtbot.addWidget(view)
        view.resize(1920, 1080)
        view.show()
        return QFontInfo(view.body.font()).pixelSize()

    try:
        at_usual, at_larger = body_pixels(9), body_pixels(14)
    finally:
        QApplication.setFont(usual)
    assert at_usual >= 28
    assert at_larger > at_usual


def every_page(view: RevealView) -> list[tuple[str, str, str, list[str]]]:
    """Gives each page's title, headline, lines and clipped label texts, going through them by keyboard."""
    view.show_step(0)
    seen = []
    for _ in range(len(view.pages)):
        seen.append((view.step_label.text(), view.headline.text(), view.body.text(), clipped_labels(view)))
        QTest.keyClick(view, Qt.Key.Key_Right)
    return seen


@pytest.fixture(params=[9.0, PROJECTOR_POINT_SIZE], ids=["usual-type", "projector-type"])
def system_type(request):
    """The application's type: the usual 9 pt, or projector mode's 20 pt."""
    usual = QApplication.font()
    font = QApplication.font()
    font.setPointSizeF(request.param)
    QApplication.setFont(font)
    yield request.param
    QApplication.setFont(usual)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_step_fits_the_screen_and_every_opportunity_is_shown(qtbot, findings, size, system_type):
    found, _ = findings
    view = RevealView(reveal_steps(found.ranking_round, found.ranking))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    assert view.minimumSizeHint().height() <= size[1]  # the screen, not the text, sets the reveal's size
    seen = every_page(view)
    assert [clipped for *_, clipped in seen if clipped] == []
    shown = "\n".join(body for _, _, body, _ in seen).splitlines()
    for place, item in place_rows(found.ranking.consensus.borda):
        assert f"{place}. {item}" in shown
    assert seen[-1][0].startswith(f"Step {len(seen)} of {len(seen)}: Who agrees with whom")


def test_the_type_grows_with_the_screen(qtbot, findings):
    found, _ = findings
    view = RevealView(reveal_steps(found.ranking_round, found.ranking))
    qtbot.addWidget(view)
    view.show()
    sizes = []
    for size in SIZES:
        view.resize(*size)
        sizes.append(QFontInfo(view.headline.font()).pixelSize())
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    items=st.integers(min_value=1, max_value=40),
    words=st.integers(min_value=1, max_value=14),
    size=st.sampled_from(SIZES),
)
def test_a_long_list_goes_on_over_further_pages_and_none_is_cut(qtbot, items, words, size):
    title = " ".join(["Opportunity"] * words)
    lines = tuple(f"{place}. {title} {place}" for place in range(1, items + 1))
    view = RevealView((RevealStep("The room's order", "Your order", lines, lead=("Most points first",)),))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    seen = every_page(view)
    assert [clipped for *_, clipped in seen if clipped] == []
    shown = [line for _, _, body, _ in seen for line in body.splitlines()]
    assert [line for line in shown if line in lines] == list(lines)  # each once, in order
    assert all(body.startswith("Most points first\n") for _, _, body, _ in seen)
    if len(seen) > 1:
        assert seen[0][0].startswith(f"Step 1 of {len(seen)}: The room's order (1–")
    view.close()
