"""The terminal's local SQLite store (encrypted with SQLCipher), its migrations and outbox."""

from gridterm.store.store import Store

__all__ = ["Store"]
