"""Renders resources/app-icon.svg to resources/ai-strategy-workshop.png (256 px), the desktop entry's icon.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SIZE = 256


def render_icon(svg: Path, png: Path, size: int = SIZE) -> Path:
    """Gives the PNG written: the SVG drawn on a transparent square of `size` pixels, optimised."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(png)):
        raise OSError(f"could not write {png}")
    Image.open(png).save(png, optimize=True)
    return png


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    print(render_icon(RESOURCES / "app-icon.svg", RESOURCES / "ai-strategy-workshop.png"))
