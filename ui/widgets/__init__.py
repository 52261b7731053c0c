"""Reusable widgets: touch helpers, icons, the sync indicator, tiles, photos."""
