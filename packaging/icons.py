"""PNG renderings of the app icon (resources/app/gridterm.svg), made at build time.

The .desktop file's icon theme wants PNG sizes beside the SVG, and PyInstaller turns a PNG
into the Windows executable's .ico; one SVG stays the only source.
"""

from __future__ import annotations

from pathlib import Path

ICON_SVG = Path(__file__).resolve().parent.parent / "resources" / "app" / "gridterm.svg"
#: The hicolor theme sizes install.sh installs.
SIZES = (48, 128, 256)


def render_pngs(out_dir: Path, sizes: tuple[int, ...] = SIZES) -> dict[int, Path]:
    """Write ``gridterm-SIZE.png`` for each size into ``out_dir``; returns them by size."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    out_dir.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise RuntimeError(f"cannot read {ICON_SVG}")
    written = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"gridterm-{size}.png"
        if not image.save(str(path)):
            raise RuntimeError(f"cannot write {path}")
        written[size] = path
    return written
