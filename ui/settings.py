"""Typed, declarative app settings kept in QSettings (an INI file under the user config dir)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T", str, int)

#: Bumped when a stored setting changes meaning; ``AppSettings.upgrade`` rewrites old values.
SETTINGS_VERSION = 2


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One setting: its key, default and type (what QSettings gives back is coerced to it)."""

    key: str
    default: T


_VERSION = Setting("settings/version", 0)
LANGUAGE = Setting("ui/language", "zh_CN")
#: The colour scheme (normal, high_contrast) and the text size (normal, large): independent.
COLOURS = Setting("ui/colours", "normal")
TEXT_SIZE = Setting("ui/text_size", "normal")
#: Before version 2 one setting chose either high contrast or large text.
OLD_THEME_KEY = "ui/theme"
OLD_THEMES = {
    "normal": ("normal", "normal"),
    "high_contrast": ("high_contrast", "normal"),
    "large_text": ("normal", "large"),
}
SERVER_URL = Setting("sync/server_url", "")
#: A street office's own CA bundle (PEM file) to trust instead of the system's; '' for none.
CA_BUNDLE = Setting("sync/ca_bundle", "")
#: The server certificate's SHA-256 fingerprint the terminal insists on; '' for no pin.
PIN_SHA256 = Setting("sync/pin_sha256", "")
PHOTO_MAX_PX = Setting("photos/max_px", 1600)
#: The folder the photo picker opens (the one chosen last); empty: the pictures folder.
PHOTO_FOLDER = Setting("photos/folder", "")
IDLE_LOCK_MINUTES = Setting("security/idle_lock_minutes", 5)
LAST_WORKER_ID = Setting("login/last_worker_id", "")
DB_PATH = Setting("store/db_path", "")
#: Where the Reports screen saves exports (a folder or a USB drive); empty: Documents.
REPORT_FOLDER = Setting("reports/folder", "")

LANGUAGES = ("zh_CN", "en")
PHOTO_SIZES = (1024, 1600, 2560)


class AppSettings:
    """Reads and writes ``Setting``s; one instance per app, passed to whoever needs it."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self.upgrade()

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when absent or unreadable."""
        raw: Any = self.qsettings.value(setting.key, setting.default)  # a QVariant: any type
        try:
            return type(setting.default)(raw)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        """Store a value and flush it, so a flat battery keeps the change."""
        self.qsettings.setValue(setting.key, value)
        self.qsettings.sync()

    def upgrade(self) -> None:
        """Bring settings written by an older app up to ``SETTINGS_VERSION``."""
        version = self.get(_VERSION)
        if version == SETTINGS_VERSION:
            return
        if version < 2 and self.qsettings.contains(OLD_THEME_KEY):
            old = str(self.qsettings.value(OLD_THEME_KEY))
            colours, text = OLD_THEMES.get(old, OLD_THEMES["normal"])
            self.qsettings.setValue(COLOURS.key, colours)
            self.qsettings.setValue(TEXT_SIZE.key, text)
            self.qsettings.remove(OLD_THEME_KEY)
        self.qsettings.setValue(_VERSION.key, SETTINGS_VERSION)
        self.qsettings.sync()
