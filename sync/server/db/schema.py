"""The server's tables (SQLAlchemy Core), for SQLite and PostgreSQL alike: the one module the
rest of the server imports them from.

Synced tables mirror the terminal's (gridterm/store/migrations) column for column, with the
same value encoding, so a pulled row is inserted on the terminal as it is
(tests/server/test_schema_mirror.py holds them to it). They are declared by idea, on one
``metadata`` with the columns tables share written once (``columns.py``): the territory,
register and users (``register_schema.py``), what workers record (``record_schema.py``),
market inspections (``inspection_schema.py``), security and audit (``security_schema.py``)
and the server's own bookkeeping (``bookkeeping_schema.py``). Columns only the server needs
carry ``info=SERVER``; ``info=JSON``/``BOOL`` marks columns held as JSON text or 0/1, as on
the terminal.
"""

from __future__ import annotations

from sqlalchemy import Table

from sync.server.db.bookkeeping_schema import (
    applied_op,
    blob,
    blob_upload,
    change_log,
    grid_release,
    meta,
    push_batch,
    report_export,
    snapshot,
    tombstone,
)
from sync.server.db.columns import BOOL, JSON, SERVER, metadata
from sync.server.db.inspection_schema import (
    checklist_answer,
    checklist_template,
    hazard,
    hazard_inspection,
    hazard_step,
)
from sync.server.db.record_schema import (
    alert_mark,
    attachment,
    check_in,
    conflict,
    office_settings,
    ticket,
    ticket_transition,
    visit,
)
from sync.server.db.register_schema import (
    building,
    community,
    grid,
    household,
    premises,
    resident,
    street_office,
    unit,
    user,
    user_grid,
)
from sync.server.db.security_schema import (
    audit_event,
    device,
    enroll_attempt,
    enrollment_code,
    login_attempt,
    session,
)

__all__ = [
    "BOOL",
    "JSON",
    "SERVER",
    "SYNCED",
    "alert_mark",
    "applied_op",
    "attachment",
    "audit_event",
    "blob",
    "blob_upload",
    "building",
    "change_log",
    "check_in",
    "checklist_answer",
    "checklist_template",
    "columns_marked",
    "community",
    "conflict",
    "device",
    "enroll_attempt",
    "enrollment_code",
    "grid",
    "grid_release",
    "hazard",
    "hazard_inspection",
    "hazard_step",
    "household",
    "login_attempt",
    "meta",
    "metadata",
    "office_settings",
    "premises",
    "push_batch",
    "report_export",
    "resident",
    "session",
    "snapshot",
    "street_office",
    "ticket",
    "ticket_transition",
    "tombstone",
    "unit",
    "user",
    "user_grid",
    "visit",
    "wire_columns",
]

#: Terminal entity name → server table, for every synced table.
SYNCED: dict[str, Table] = {
    "street_office": street_office,
    "community": community,
    "grid": grid,
    "building": building,
    "unit": unit,
    "household": household,
    "resident": resident,
    "premises": premises,
    "user": user,
    "user_grid": user_grid,
    "check_in": check_in,
    "visit": visit,
    "ticket": ticket,
    "ticket_transition": ticket_transition,
    "checklist_template": checklist_template,
    "office_settings": office_settings,
    "alert_mark": alert_mark,
    "hazard_inspection": hazard_inspection,
    "checklist_answer": checklist_answer,
    "hazard": hazard,
    "conflict": conflict,
    "hazard_step": hazard_step,
}


def wire_columns(table: Table) -> list[str]:
    """The columns a terminal has (and receives in a pull)."""
    return [c.name for c in table.columns if not c.info.get("server")]


def columns_marked(table: Table, kind: str) -> frozenset[str]:
    """Columns stored as JSON text (``json``) or 0/1 (``bool``)."""
    return frozenset(c.name for c in table.columns if c.info.get("wire") == kind)
