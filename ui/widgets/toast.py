"""A brief message over the window ("走访已保存") that goes by itself and never takes a tap."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

#: How long a toast stays, in milliseconds: long enough to read two short lines.
TOAST_MS = 2500


def show_toast(window: QWidget, text: str) -> QLabel:
    """Show ``text`` near the bottom of ``window``, over whatever is there; taps go through
    to the screen under it. A new toast replaces one still showing."""
    old = window.findChild(QLabel, "toast")
    if old is not None:
        old.hide()
        old.deleteLater()
    toast = QLabel(text, window)
    toast.setObjectName("toast")
    toast.setProperty("role", "toast")
    toast.setWordWrap(True)
    toast.setAlignment(Qt.AlignmentFlag.AlignCenter)
    toast.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
    toast.setAccessibleName(text)
    width = min(window.width() - 48, max(320, toast.sizeHint().width() + 48))
    toast.setFixedWidth(width)
    toast.adjustSize()
    # Above the bottom bar a portrait window has and the save buttons of a landscape one.
    toast.move((window.width() - width) // 2, window.height() - toast.height() - 160)
    toast.show()
    toast.raise_()
    QTimer.singleShot(TOAST_MS, toast, toast.deleteLater)
    return toast
