"""The terminal's local SQLite store (encrypted with SQLCipher), its migrations and outbox.

``Store`` is imported when first used: the server imports ``gridterm.store.entities`` (the
entity catalogue) and must not need SQLCipher or sqlite-utils, which only the terminal installs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gridterm.store.store import Store

__all__ = ["Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from gridterm.store.store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
