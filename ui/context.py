"""What the app hands to its windows through their constructors (no app-wide singleton)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ui.i18n import Translations
from ui.ops import Ops
from ui.settings import AppSettings
from ui.theme import Theme


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo account shown on the login screen so anyone can try the app."""

    worker_id: str
    name: str
    role: str
    pin: str


@dataclass
class AppContext:
    """Settings, the off-thread runner, translations, theme and the database location."""

    settings: AppSettings
    ops: Ops
    i18n: Translations
    theme: Theme
    db_path: Path | None = None
    demo_users: list[DemoUser] = field(default_factory=list)
    #: Idle time before the screen locks, in milliseconds (settings give minutes).
    idle_lock_ms: int = 5 * 60 * 1000
    #: Ask QtPositioning for a fix at check-in and quick report (off in tests: no GNSS here).
    locate: bool = True
    #: Run the sync engine in the background on enrolled terminals (off in UI tests).
    sync_enabled: bool = True
