"""Settings screen (being built)."""

from __future__ import annotations

from typing import Any

from ui.context import AppContext
from ui.screens.base import Navigator, Screen
from ui.workspace import Workspace


class SettingsScreen(Screen):
    """Settings."""

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, shell: Any = None):
        super().__init__(ctx, ws, nav)
        self.shell = shell

    def title(self) -> str:
        return self.tr("Settings")
