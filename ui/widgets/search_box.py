"""The search field of the register and the market: big, with a magnifier inside it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton

from ui.theme import Theme
from ui.widgets import accessible
from ui.widgets.icons import icon, pixmap

ICON_PX = 24
CLEAR_PX = 48  # a touch target


class SearchBox(QLineEdit):
    """A line edit with a magnifier on the left and a clear button, 56 px tall for gloves.

    Both are children placed by hand: ``QLineEdit``'s own actions (and its clear button) are
    laid out for the style's default height, tiny and at the bottom of a field the style
    sheet makes taller, and a 16 px clear button is no target for a gloved finger.
    """

    def __init__(self, theme: Theme, placeholder: str, object_name: str):
        super().__init__()
        self.setObjectName(object_name)
        self.setPlaceholderText(placeholder)
        # Named "search"; the placeholder, which says what it finds, describes it.
        accessible.name(self, self.tr("Search"), placeholder)
        self.setMinimumHeight(56)
        self.setTextMargins(ICON_PX + 10, 0, CLEAR_PX, 0)
        self.glass = QLabel(self)
        self.glass.setObjectName("searchGlass")
        self.glass.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.glass.setFixedSize(ICON_PX, ICON_PX)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("searchClear")
        self.clear_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.clear_button.setFixedSize(CLEAR_PX, CLEAR_PX)
        self.clear_button.setIconSize(QSize(ICON_PX, ICON_PX))
        self.clear_button.setAutoRaise(True)
        accessible.tip(self.clear_button, self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.hide()
        self.textChanged.connect(lambda text: self.clear_button.setVisible(bool(text)))
        self._theme = theme
        theme.changed.connect(self._recolor)
        self._recolor()

    def _recolor(self) -> None:
        muted = self._theme.color("muted")
        self.glass.setPixmap(pixmap("search", muted, ICON_PX))
        self.clear_button.setIcon(icon("clear", muted, ICON_PX))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.glass.move(14, (self.height() - ICON_PX) // 2)
        self.clear_button.move(self.width() - CLEAR_PX - 4, (self.height() - CLEAR_PX) // 2)
