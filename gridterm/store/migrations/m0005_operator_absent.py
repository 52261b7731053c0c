"""Schema 5: why an inspection has no operator's signature (经营者不在场).

Until now the reason only reached the hazards' descriptions, so an inspection that found
nothing kept no trace of it.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    """Add ``hazard_inspection.operator_absent`` (empty when the operator signed)."""
    db.execute("ALTER TABLE hazard_inspection ADD COLUMN operator_absent TEXT NOT NULL DEFAULT ''")
