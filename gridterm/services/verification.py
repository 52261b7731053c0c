"""The street office's verify-by-another-person setting as the terminal's services read it."""

from __future__ import annotations

from gridterm.store.reader import Reader


def another_must_verify(r: Reader, grid_id: str) -> bool:
    """Whether the street office of ``grid_id`` requires that the verifier is not the reporter.

    Off until the street office's settings are delivered from the server; then this reads
    the setting the terminal last received (it keeps working offline with it).
    """
    return False
