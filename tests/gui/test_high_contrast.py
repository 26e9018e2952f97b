"""High contrast: white on black, yellow selection and thick yellow focus frames, kept across windows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import open_workshop
from workshop.ui.appearance import HIGH_CONTRAST, LIGHT, apply_theme
from workshop.ui.ballot.new_round import NewRoundDialog
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def back_to_light():
    yield
    apply_theme(LIGHT)


def _shows_high_contrast() -> bool:
    palette = QApplication.palette()
    return (
        palette.color(QPalette.ColorRole.Window) == QColor("#000000")
        and palette.color(QPalette.ColorRole.Text) == QColor("#ffffff")
        and palette.color(QPalette.ColorRole.Highlight) == QColor("#ffff00")
        and "3px solid #ffff00" in QApplication.instance().styleSheet()
    )


def test_high_contrast_is_offered_beside_light_and_dark(window):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    texts = [action.text() for action in view.actions()]
    assert texts[-3:] == ["&Light", "&Dark", "&High Contrast"]


def test_high_contrast_changes_the_colours_and_survives_reopening_the_window(window, settings, qtbot):
    path = window.context.store.path
    window.theme_actions["high-contrast"].trigger()
    assert _shows_high_contrast()
    window.close()
    apply_theme(LIGHT)
    assert not _shows_high_contrast()

    reopened = MainWindow(WorkshopContext(open_workshop(path)), settings)
    qtbot.addWidget(reopened)
    try:
        assert _shows_high_contrast()
        assert reopened.theme_actions["high-contrast"].isChecked()
        reopened.theme_actions["light"].trigger()
        assert not _shows_high_contrast()
        assert "#ffff00" not in QApplication.instance().styleSheet()
    finally:
        reopened.close()


def _bright_share(image: QImage, area: QRect) -> float:
    """Gives the share of pixels in `area` that read as light on the black window (lightness over 200)."""
    points = [
        (x, y) for x in range(area.left(), area.right() + 1) for y in range(area.top(), area.bottom() + 1)
    ]
    return sum(image.pixelColor(x, y).lightness() > 200 for x, y in points) / len(points)


@pytest.mark.parametrize("ticked", [False, True])
def test_in_high_contrast_the_new_round_dialog_shows_its_check_boxes_and_voter_list(store, qtbot, ticked):
    with store.transaction() as s:
        ops.participant_named(s, "Manager 1", role=e.Role.MANAGER)
    apply_theme(HIGH_CONTRAST)
    dialog = NewRoundDialog(WorkshopContext(store))
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    dialog.allow_ties.setChecked(ticked)
    box = dialog.allow_ties
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert _bright_share(box.grab().toImage(), indicator) > 0.25

    voters = dialog.voters.grab().toImage()
    left_edge = QRect(0, 0, 1, voters.height())
    assert _bright_share(voters, left_edge) > 0.9
    first = dialog.voters.visualItemRect(dialog.voters.item(0))
    assert _bright_share(voters, first.adjusted(0, 0, -(first.width() - 24), 0)) > 0.25


def test_in_high_contrast_spin_box_arrows_show_and_header_text_fits(window, qtbot):
    from PySide6.QtWidgets import QHeaderView, QSpinBox, QStyleOptionSpinBox

    window.theme_actions["high-contrast"].trigger()
    box = QSpinBox()
    qtbot.addWidget(box)
    box.resize(120, 32)
    box.show()
    option = QStyleOptionSpinBox()
    option.initFrom(box)
    up = box.style().subControlRect(
        QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp, box
    )
    # The middle of the up button holds a white arrow, not the black of an empty button.
    middle = QRect(0, 0, up.width() // 2, up.height() // 2)
    middle.moveCenter(up.center())
    assert _bright_share(box.grab().toImage(), middle) > 0.2

    window.select_phase("Setup")
    for header in window.findChildren(QHeaderView):
        if header.isVisible() and header.orientation() == Qt.Orientation.Horizontal:
            model = header.model()
            for column in range(header.count()):
                text = str(model.headerData(column, Qt.Orientation.Horizontal))
                needed = header.fontMetrics().horizontalAdvance(text)
                assert header.sectionSize(column) >= needed, text
