"""The look of the app: a colour scheme (normal, or high contrast for sunlight) and a text
size (normal or large), two independent choices, from resources/styles.

``app.qss`` is a template whose ``@name`` tokens come from ``colours_<scheme>.theme`` and
``text_<size>.theme``. Painted widgets (the building tiles, badges) read the same colours
through ``Theme.color``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

STYLES_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"
ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
#: Colour schemes and text sizes, the first of each the default.
SCHEMES = ("normal", "high_contrast")
TEXT_SIZES = ("normal", "large")


def read_theme(name: str) -> dict[str, str]:
    """The ``name = value`` pairs of one theme file."""
    values = {}
    for line in (STYLES_DIR / f"{name}.theme").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def style_sheet(values: dict[str, str]) -> str:
    """The app style sheet with the theme's values filled in."""
    qss = (STYLES_DIR / "app.qss").read_text(encoding="utf-8")
    qss = qss.replace("@icons", ICONS_DIR.as_posix())
    # Longest names first so @primary does not eat the start of @primary_text.
    for key in sorted(values, key=len, reverse=True):
        qss = qss.replace(f"@{key}", values[key])
    return qss


def icon_path(name: str) -> str:
    """The SVG file of an icon in resources/icons."""
    return str(ICONS_DIR / f"{name}.svg")


class Theme(QObject):
    """The active look of one QApplication; emits ``changed`` after switching."""

    changed = Signal()

    def __init__(self, app: QApplication, scheme: str = SCHEMES[0], text: str = TEXT_SIZES[0]):
        super().__init__(app)
        self.app = app
        self.scheme = ""
        self.text_size = ""
        self.values: dict[str, str] = {}
        self.apply(scheme, text)

    def apply(self, scheme: str | None = None, text: str | None = None) -> None:
        """Switch the whole app to colour ``scheme`` and ``text`` size (None: keep that one;
        an unknown name: the default)."""
        scheme = scheme if scheme is not None else self.scheme
        text = text if text is not None else self.text_size
        self.scheme = scheme if scheme in SCHEMES else SCHEMES[0]
        self.text_size = text if text in TEXT_SIZES else TEXT_SIZES[0]
        self.values = read_theme(f"colours_{self.scheme}") | read_theme(f"text_{self.text_size}")
        font = QFont(self.app.font())
        font.setPixelSize(self.font_px)
        self.app.setFont(font)
        palette = QPalette()
        for role, key in (
            (QPalette.ColorRole.Window, "bg"),
            (QPalette.ColorRole.Base, "surface"),
            (QPalette.ColorRole.AlternateBase, "surface_alt"),
            (QPalette.ColorRole.Text, "text"),
            (QPalette.ColorRole.WindowText, "text"),
            (QPalette.ColorRole.ButtonText, "text"),
            (QPalette.ColorRole.Button, "surface"),
            (QPalette.ColorRole.Highlight, "selection"),
            (QPalette.ColorRole.HighlightedText, "text"),
            (QPalette.ColorRole.PlaceholderText, "muted"),
        ):
            palette.setColor(role, self.color(key))
        self.app.setPalette(palette)
        self.app.setStyleSheet(style_sheet(self.values))
        self.changed.emit()

    @property
    def font_px(self) -> int:
        """The body text size in pixels."""
        return int(self.values["font_px"])

    def color(self, key: str) -> QColor:
        """A named colour of the theme (``primary``, ``danger``, ``text``…)."""
        return QColor(self.values[key])
