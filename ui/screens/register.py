"""Register screen (being built)."""

from __future__ import annotations

from ui.screens.base import Screen


class RegisterScreen(Screen):
    """Register."""

    def title(self) -> str:
        return self.tr("Register")
