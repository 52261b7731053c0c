"""Sync screen (being built)."""

from __future__ import annotations

from ui.screens.base import Screen


class SyncScreen(Screen):
    """Sync."""

    def title(self) -> str:
        return self.tr("Sync")
