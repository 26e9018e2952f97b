"""Every phase renders to a picture with content, at laptop and full-HD sizes."""

from __future__ import annotations

from PySide6.QtGui import QImage

from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.views import PHASES
from workshop.ui.screenshots import SCREEN_SIZES, save_phase_screenshots


def _distinct_colours(image: QImage, step: int = 16) -> int:
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    )


def test_each_phase_renders_a_non_blank_picture_at_each_size(window, store, tmp_path):
    def add(s) -> None:
        team = ops.team_named(s, "Customer Service")
        for name in ("Ana", "Ben", "Chloe"):
            ops.participant_named(s, name, team=team, role=e.Role.MANAGER)
        s.add(e.Task(title="Answer 'where is my shipment' e-mails", team=team, hours_per_week=22))

    window.context.write(add)
    written = save_phase_screenshots(window, tmp_path / "shots")
    assert len(written) == len(PHASES) * (len(SCREEN_SIZES) + 1)
    for path in written:
        image = QImage(str(path))
        size = (image.width(), image.height())
        assert size in SCREEN_SIZES, path.name
        assert _distinct_colours(image) > 4, f"{path.name} looks blank"
    assert sum("projector" in path.name for path in written) == len(PHASES)
