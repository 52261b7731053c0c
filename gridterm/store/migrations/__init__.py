"""Numbered, forward-only schema migrations of the terminal database.

Each migration is a module ``mNNNN_<what>.py`` with a ``migrate(db)`` function, registered in
``MIGRATIONS`` in order. A shipped migration is never edited: change the schema with a new one.
sqlite-utils runs each one in its own transaction together with its record in
``_sqlite_migrations``.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from gridterm.errors import SchemaTooNewError
from gridterm.store.migrations import (
    m0001_initial,
    m0002_drafts,
    m0003_sync,
    m0004_conflict_resolution,
    m0005_operator_absent,
    m0006_report_export,
    m0007_outbox_author,
    m0008_reveals,
    m0009_office_settings,
    m0010_conflict_records,
    m0011_hazard_step,
    m0012_alert_mark,
    m0013_search_owner,
)

MIGRATION_SET = "gridterm"

migrations = sqlite_utils.Migrations(MIGRATION_SET)
#: In order; the position (1-based) is the schema version.
MIGRATIONS = [
    ("0001_initial", m0001_initial.migrate),
    ("0002_drafts", m0002_drafts.migrate),
    ("0003_sync", m0003_sync.migrate),
    ("0004_conflict_resolution", m0004_conflict_resolution.migrate),
    ("0005_operator_absent", m0005_operator_absent.migrate),
    ("0006_report_export", m0006_report_export.migrate),
    ("0007_outbox_author", m0007_outbox_author.migrate),
    ("0008_reveals", m0008_reveals.migrate),
    ("0009_office_settings", m0009_office_settings.migrate),
    ("0010_conflict_records", m0010_conflict_records.migrate),
    ("0011_hazard_step", m0011_hazard_step.migrate),
    ("0012_alert_mark", m0012_alert_mark.migrate),
    ("0013_search_owner", m0013_search_owner.migrate),
]
for _name, _fn in MIGRATIONS:
    migrations(name=_name)(_fn)

SCHEMA_VERSION = len(MIGRATIONS)


def applied_names(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations already applied to ``db``."""
    return [m.name for m in migrations.applied(db)]


def check_not_newer(db: sqlite_utils.Database) -> None:
    """Refuse a database that a newer GridTerm has migrated: we would not know its schema."""
    known = {name for name, _ in MIGRATIONS}
    unknown = [n for n in applied_names(db) if n not in known]
    if unknown:
        raise SchemaTooNewError(
            "store.schema_too_new",
            f"this database was written by a newer GridTerm (migration {unknown[-1]}); "
            "update the app before opening it",
            migration=unknown[-1],
        )


def migrate(db: sqlite_utils.Database, db_path: Path | None) -> Path | None:
    """Apply pending migrations; back the file up first when it already holds data.

    Returns the backup's path (None when nothing was pending or the database was new).
    """
    check_not_newer(db)
    pending = migrations.pending(db)
    if not pending:
        return None
    backup = None
    if db_path is not None and applied_names(db):
        backup = _backup(db, db_path, len(MIGRATIONS) - len(pending))
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return backup


def _backup(db: sqlite_utils.Database, db_path: Path, from_version: int) -> Path:
    # Fold the WAL into the main file first so one file copy is a complete (still encrypted)
    # database.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = db_path.with_name(f"{db_path.name}.v{from_version}-{stamp}.bak")
    shutil.copy2(db_path, target)
    return target
