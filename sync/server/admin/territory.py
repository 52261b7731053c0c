"""The territory (街道 → 社区 → 网格 → 楼栋 → 单元 → 户), found by name or created."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table, select

from gridterm.domain.territory import format_address, grid_kind
from gridterm.domain.validation import required_text
from gridterm.errors import NotFoundError, ValidationError
from gridterm.ids import new_id
from sync.server import partitions
from sync.server.admin.records import add, grid_partition
from sync.server.db import schema

#: How a new area's partition is named from its ``num`` (a building or unit is its grid's).
_NUMBERED: dict[str, Callable[[int], str]] = {
    "street_office": partitions.street_office,
    "community": partitions.community,
    "grid": partitions.grid,
}


def _ensure(
    conn: Connection,
    entity: str,
    key: dict[str, Any],
    more: Callable[[], dict[str, Any]] = dict,
    *,
    id: str | None,
) -> str:
    """The id of the ``entity`` row with ``key``'s values, else of a new one with them and
    ``more()`` (asked only then), logged in its partition: an area its own, numbered anew; a
    building or a unit its grid's."""
    table = schema.SYNCED[entity]
    found = conn.execute(select(table.c.id).where(*(table.c[k] == v for k, v in key.items())))
    existing = found.scalar()
    if existing:
        return existing
    row = {"id": id or new_id(), **key, **more(), "version": 1}
    numbered = _NUMBERED.get(entity)
    if numbered is None:
        partition = grid_partition(conn, row["grid_id"])
    else:
        row["num"] = partitions.next_num(conn, table)
        partition = numbered(row["num"])
    add(conn, entity, row, partition)
    return str(row["id"])


def street_office(conn: Connection, name: str, *, id: str | None = None) -> str:
    """The street office called ``name``, created if new; returns its id."""
    name = required_text(name, "street_office", max_len=100)
    return _ensure(conn, "street_office", {"name": name}, id=id)


def community(conn: Connection, office_id: str, name: str, *, id: str | None = None) -> str:
    """The community ``name`` under a street office, created if new."""
    name = required_text(name, "community", max_len=100)
    return _ensure(conn, "community", {"street_office_id": office_id, "name": name}, id=id)


def grid(
    conn: Connection,
    community_id: str,
    name: str,
    kind: str = "residential",
    *,
    id: str | None = None,
) -> str:
    """The grid ``name`` in a community, created if new."""
    name = required_text(name, "grid", max_len=100)
    return _ensure(
        conn,
        "grid",
        {"community_id": community_id, "name": name},
        lambda: {"kind": grid_kind(kind or "residential").value},
        id=id,
    )


def building(
    conn: Connection, grid_id: str, number: str, *, floors: int = 1, id: str | None = None
) -> str:
    """Building ``number`` (楼栋) in a grid, created if new."""
    number = required_text(number, "building", max_len=20)
    key = {"grid_id": grid_id, "number": number}
    return _ensure(conn, "building", key, lambda: {"floors": max(1, floors)}, id=id)


def unit(conn: Connection, building_id: str, number: str, *, id: str | None = None) -> str:
    """Unit (单元) ``number`` of a building, created if new."""
    b = schema.building
    number = required_text(number, "unit", max_len=20)

    def its_grid() -> dict[str, Any]:
        grid_id = conn.execute(select(b.c.grid_id).where(b.c.id == building_id)).scalar_one()
        return {"grid_id": grid_id}

    return _ensure(conn, "unit", {"building_id": building_id, "number": number}, its_grid, id=id)


def household(
    conn: Connection,
    unit_id: str,
    floor: int,
    room: str,
    tags: dict[str, Any],
    *,
    id: str | None = None,
) -> tuple[str, bool]:
    """The household at (unit, room), created with ``tags`` (already core-validated) if new;
    returns (id, created)."""
    h, u, b = schema.household, schema.unit, schema.building
    room = required_text(room, "room", max_len=20)
    found = conn.execute(select(h.c.id).where(h.c.unit_id == unit_id, h.c.room == room)).scalar()
    if found:
        return found, False
    place = conn.execute(
        select(b.c.id, b.c.number, b.c.grid_id, u.c.number.label("unit"))
        .join(u, u.c.building_id == b.c.id)
        .where(u.c.id == unit_id)
    ).one()
    new = id or new_id()
    add(
        conn,
        "household",
        {
            "id": new,
            "grid_id": place.grid_id,
            "building_id": place.id,
            "unit_id": unit_id,
            "floor": floor,
            "room": room,
            "address": format_address(place.number, place.unit, room),
            **tags,
            "version": 1,
        },
        grid_partition(conn, place.grid_id),
    )
    return new, True


def _find(conn: Connection, table: Table, ref: str) -> str:
    """A row of ``table`` by id, or by a name only one row has (else ``<table>.not_found``)."""
    if conn.execute(select(table.c.id).where(table.c.id == ref)).scalar():
        return ref
    ids = conn.execute(select(table.c.id).where(table.c.name == ref)).scalars().all()
    if len(ids) != 1:
        what = table.name.replace("_", " ")
        raise NotFoundError(
            f"{table.name}.not_found", f"no single {what} {ref!r} ({len(ids)} match)"
        )
    return ids[0]


def find_grid(conn: Connection, ref: str) -> str:
    """A grid by id, or by a name that only one grid has."""
    return _find(conn, schema.grid, ref)


def find_community(conn: Connection, ref: str) -> str:
    """A community by id or unique name."""
    return _find(conn, schema.community, ref)


def find_street_office(conn: Connection, ref: str) -> str:
    """A street office by id or unique name."""
    return _find(conn, schema.street_office, ref)


def floor_of(value: object) -> int:
    """A floor number from a sheet cell."""
    try:
        floor = int(str(value).strip())
    except ValueError:
        raise ValidationError("field.not_number", "floor must be a number", field="floor") from None
    if not -5 <= floor <= 200:
        raise ValidationError("field.out_of_range", "floor is not plausible", field="floor")
    return floor
