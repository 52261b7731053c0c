"""Quick report screen (being built)."""

from __future__ import annotations

from ui.screens.base import Screen


class QuickReportScreen(Screen):
    """Quick report."""

    def title(self) -> str:
        return self.tr("Quick report")
