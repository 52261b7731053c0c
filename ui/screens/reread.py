"""Screens of records the shell forwards no store event for.

Premises, inspections and hazards are not among the store events the shell forwards
(``ui/events.py`` WATCHED), so the market inspector's screens read again whenever they come
back into view (back from an edit or an inspection, or another section).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent

from ui.screens.base import Screen


class RereadWhenShown(Screen):
    """A screen that reads again each time it is shown once it has read (``data`` set)."""

    data: Any = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.data is not None:
            self.reload()
