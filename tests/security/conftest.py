"""The security tests reuse the live servers of the server tests (SQLite and PostgreSQL) and
their enrolled grid worker's terminal."""

from __future__ import annotations

from tests.server.conftest import server, terminal  # noqa: F401  (the fixtures, for this folder)
