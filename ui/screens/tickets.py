"""Tickets screen (being built)."""

from __future__ import annotations

from ui.screens.base import Screen


class TicketsScreen(Screen):
    """Tickets."""

    def title(self) -> str:
        return self.tr("Tickets")
