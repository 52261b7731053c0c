"""Who may download a blob: a user whose area holds a record naming it, or the device whose
upload made it. Anyone else is told it does not exist (404), so a digest reveals
nothing (photos of households, signatures of shop owners)."""

from __future__ import annotations

from sqlalchemy import Connection, Table, exists, literal, or_, select

from sync.server.auth.scope import Principal
from sync.server.db import schema

#: Records that name blobs: (table, column, held as a JSON list of digests?). Each has a
#: ``grid_id`` column, so the caller's area narrows the search.
_REFERENCES: tuple[tuple[Table, str, bool], ...] = (
    (schema.visit, "photos", True),
    (schema.ticket, "photos", True),
    (schema.ticket_transition, "photo", False),
    (schema.hazard_inspection, "signature", False),
    (schema.checklist_answer, "photos", True),
    (schema.hazard, "photos", True),
    (schema.hazard_step, "photos", True),
)


def may_download(conn: Connection, principal: Principal, sha256: str) -> bool:
    """Whether ``principal`` may read the blob ``sha256`` (a lowercase hex digest)."""
    b = schema.blob
    mine = conn.execute(
        select(literal(1)).where(b.c.sha256 == sha256, b.c.device_id == principal.device_id)
    ).first()
    if mine is not None:
        return True
    grids = sorted(principal.grid_nums)
    if not grids:
        return False
    named = []
    for table, column, listed in _REFERENCES:
        col = table.c[column]
        # a JSON list of hex digests: the quoted digest cannot match anything else
        test = col.contains(f'"{sha256}"') if listed else col == sha256
        named.append(exists().where(table.c.grid_id.in_(grids), test))
    return conn.execute(select(literal(1)).where(or_(*named))).first() is not None
