"""The main sections as big icon buttons: a rail on the left in landscape, a bar at the bottom
in portrait."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QSizePolicy, QToolButton, QWidget

from ui.theme import Theme
from ui.widgets.icons import icon, icon_size

RAIL_WIDTH = 124
BAR_HEIGHT = 84


class NavBar(QWidget):
    """Checkable section buttons; emits ``selected(name)``."""

    selected = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = theme
        self.layout_ = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.layout_.setSpacing(6)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        self._icons: dict[str, str] = {}
        # Bound methods, never lambdas: the theme outlives this bar (a language switch builds a
        # new one), and only a method of the bar is disconnected when the bar is deleted.
        theme.changed.connect(self._recolor)
        theme.changed.connect(self._theme_changed)
        self.set_vertical(True)

    def add(self, name: str, text: str, icon_name: str) -> QToolButton:
        """Add a section button."""
        b = QToolButton()
        b.setObjectName(f"nav_{name}")
        b.setText(text)
        b.setToolTip(text)
        b.setCheckable(True)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        b.setIconSize(icon_size(32))
        b.setMinimumSize(88, 72)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        b.clicked.connect(lambda: self.selected.emit(name))
        self.group.addButton(b)
        self.layout_.insertWidget(len(self.buttons), b)
        self.buttons[name] = b
        self._icons[name] = icon_name
        self._recolor()
        self.refit()
        return b

    def check(self, name: str) -> None:
        """Show ``name`` as the current section (without emitting)."""
        if name in self.buttons:
            self.buttons[name].setChecked(True)
            self._recolor()

    def set_vertical(self, vertical: bool) -> None:
        """Rail (landscape) or bottom bar (portrait)."""
        self.layout_.setDirection(
            QBoxLayout.Direction.TopToBottom if vertical else QBoxLayout.Direction.LeftToRight
        )
        # A rail keeps its buttons at the top; a bottom bar shares its width out evenly.
        spacer = self.layout_.itemAt(self.layout_.count() - 1) if self.layout_.count() else None
        has_spacer = spacer is not None and spacer.spacerItem() is not None
        if vertical and not has_spacer:
            self.layout_.addStretch(1)
        elif not vertical and spacer is not None and has_spacer:
            self.layout_.removeItem(spacer)
        self.vertical = vertical
        if vertical:
            # Wide enough for the longest label (English, large text) without clipping it.
            widest = max((b.sizeHint().width() for b in self.buttons.values()), default=0)
            self.setFixedWidth(max(RAIL_WIDTH, widest + 16))
            self.setMinimumHeight(0)
            self.setMaximumHeight(16777215)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
            self.setFixedHeight(BAR_HEIGHT)

    def _theme_changed(self) -> None:
        QTimer.singleShot(0, self, self.refit)

    def refit(self) -> None:
        """Size the bar again (the font changed with the theme)."""
        self.set_vertical(self.vertical)
        self._fit_labels()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """A bottom bar with more sections than its width holds labelled (a supervisor's nine
        in portrait, large English text) shows icons only, each still named by its tooltip
        and accessible name; a rail always has room for the labels."""
        style = Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        if not self.vertical and self.buttons:
            margins = self.layout_.contentsMargins()
            # measured from the labels, not the buttons' hints: those shrink once icon-only
            needed = sum(_labelled_width(b) for b in self.buttons.values())
            needed += self.layout_.spacing() * (len(self.buttons) - 1)
            if needed + margins.left() + margins.right() > self.width():
                style = Qt.ToolButtonStyle.ToolButtonIconOnly
        for b in self.buttons.values():
            if b.toolButtonStyle() != style:
                b.setToolButtonStyle(style)

    def _recolor(self) -> None:
        for name, b in self.buttons.items():
            key = "primary_text" if b.isChecked() else "nav_text"
            b.setIcon(icon(self._icons[name], self.theme.color(key)))


def _labelled_width(button: QToolButton) -> int:
    """How wide a section button is with its label under the icon (as Qt's style makes it)."""
    text = button.fontMetrics().horizontalAdvance(button.text()) + 24
    return max(button.minimumWidth(), text, button.iconSize().width() + 24)
