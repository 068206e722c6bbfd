"""Render the app icon's PNG sizes (and a Windows .ico) from the SVG master.

Run after editing resources/icons/parallax.svg; the renders are committed so building the bundle
or installing the desktop entry never needs this script:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
MASTER = ICON_DIR / "parallax.svg"
# The hicolor sizes desktops ask for; 256 is also the largest size an .ico may hold.
SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZE = 256


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """Draw the SVG into a transparent square image `size` pixels wide."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    """Write parallax-<size>.png for every size and parallax.ico; return an exit status."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        print(f"make_icons: {MASTER}: not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        out = ICON_DIR / f"parallax-{size}.png"
        if not render(renderer, size).save(str(out), "PNG"):
            print(f"make_icons: {out}: could not write", file=sys.stderr)
            return 1
    if b"ico" in [bytes(f.data()) for f in QImageWriter.supportedImageFormats()]:
        render(renderer, ICO_SIZE).save(str(ICON_DIR / "parallax.ico"), "ICO")
    return 0


if __name__ == "__main__":
    sys.exit(main())
