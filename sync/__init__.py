"""Sync: the terminal's sync engine (client) and the central server (``sync.server``)."""
