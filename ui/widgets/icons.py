"""SVG icons from resources/icons, tinted to a theme colour (``currentColor``)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ui.theme import ICONS_DIR


@lru_cache(maxsize=256)
def _pixmap(name: str, color: str, size: int) -> QPixmap:
    svg = (ICONS_DIR / f"{name}.svg").read_text(encoding="utf-8").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


def pixmap(name: str, color: QColor | str = "#000000", size: int = 48) -> QPixmap:
    """An icon rendered at ``size`` pixels in ``color``."""
    return _pixmap(name, QColor(color).name(), size)


def icon(name: str, color: QColor | str = "#000000", size: int = 48) -> QIcon:
    """An icon for buttons, tinted ``color``."""
    return QIcon(pixmap(name, color, size))


def icon_size(px: int = 28) -> QSize:
    """The size icons are shown at on buttons."""
    return QSize(px, px)
