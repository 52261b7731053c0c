"""Writing admin-made rows together with their change log entries, so terminals pull them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from sync.server import partitions
from sync.server.db import changes, schema
from sync.server.push.wire import encode
from sync.server.push.work import full_row


def log(conn: Connection, entries: list[tuple[str, str, str, str]]) -> None:
    """Append (partition, entity, key, op) entries for this transaction."""
    changes.record(conn, changes.current_txid(conn), entries)


def grid_partition(conn: Connection, grid_id: str) -> str:
    """The partition of a grid that exists."""
    return partitions.grid(partitions.grid_nums(conn, [grid_id])[grid_id])


def user_partition(conn: Connection, community_id: str | None, office_id: str | None) -> str:
    """Users are pulled with their community (or street office, for street staff)."""
    if community_id:
        c = schema.community
        num = conn.execute(select(c.c.num).where(c.c.id == community_id)).scalar_one()
        return partitions.community(num)
    so = schema.street_office
    num = conn.execute(select(so.c.num).where(so.c.id == office_id)).scalar_one()
    return partitions.street_office(num)


def add(conn: Connection, entity: str, values: dict[str, Any], partition: str | None) -> None:
    """Insert one synced row (values in Python form) and log it."""
    table = schema.SYNCED[entity]
    row = full_row(table, {k: encode(v) for k, v in values.items()})
    conn.execute(insert(table).values(row))
    if partition is not None:
        key = f"{row['user_id']}/{row['grid_id']}" if entity == "user_grid" else str(row["id"])
        log(conn, [(partition, entity, key, changes.UPSERT)])


def change(
    conn: Connection, entity: str, row_id: str, values: dict[str, Any], partition: str
) -> None:
    """Update one synced row, bumping its version, and log it."""
    table = schema.SYNCED[entity]
    current = conn.execute(select(table.c.version).where(table.c.id == row_id)).scalar_one()
    conn.execute(
        update(table)
        .where(table.c.id == row_id)
        .values({k: encode(v) for k, v in values.items()} | {"version": current + 1})
    )
    log(conn, [(partition, entity, row_id, changes.UPSERT)])
