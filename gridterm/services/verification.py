"""The street office's verify-by-another-person setting as the terminal's services read it."""

from __future__ import annotations

from gridterm.services import office_settings
from gridterm.store.reader import Reader


def another_must_verify(r: Reader, grid_id: str) -> bool:
    """Whether the street office of ``grid_id`` requires that the verifier is not the reporter:
    the setting the terminal last received (a terminal holds one street office's; it keeps
    working offline with them), off by the built-in defaults."""
    return office_settings.current(r).verify_by_other
