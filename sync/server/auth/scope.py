"""Who is asking and what area they may sync, derived from the database on every request.

A grid worker (and part-time worker, market inspector) sees their assigned grids; a community
supervisor the community's grids; street staff every grid of the street office
(``gridterm.domain.users.User.scope_level``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, select

from gridterm.domain.users import Role, ScopeLevel, User
from sync.server import partitions
from sync.server.db import schema


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated user on an enrolled device, with their area."""

    user: User
    user_num: int
    device_id: str
    grid_nums: dict[str, int] = field(default_factory=dict)
    community_nums: dict[str, int] = field(default_factory=dict)
    street_office_nums: dict[str, int] = field(default_factory=dict)
    #: Users whose own records (check-ins) this user pulls: themselves, and for supervisors
    #: and street staff everyone in their area (daily logs).
    user_nums: dict[str, int] = field(default_factory=dict)

    @property
    def role(self) -> Role:
        """The user's role."""
        return self.user.role

    def in_scope(self, grid_id: str) -> bool:
        """Whether the grid is in this user's area."""
        return grid_id in self.grid_nums

    def partitions(self) -> set[str]:
        """Every partition this user pulls."""
        parts = {partitions.grid(n) for n in self.grid_nums.values()}
        parts |= {partitions.community(n) for n in self.community_nums.values()}
        parts |= {partitions.street_office(n) for n in self.street_office_nums.values()}
        parts |= {partitions.user(n) for n in self.user_nums.values()}
        parts |= {partitions.user(self.user_num), partitions.TEMPLATES}
        parts.add(partitions.alerts(self.user_num))  # never a colleague's
        return parts


def load_principal(conn: Connection, user_id: str, device_id: str) -> Principal | None:
    """The active user ``user_id`` on a device, with their area; None if missing or inactive."""
    u = schema.user
    row = conn.execute(select(u).where(u.c.id == user_id, u.c.active == 1)).first()
    return None if row is None else principal_for(conn, row, device_id)


_g, _c, _s, _ug, _u = (
    schema.grid,
    schema.community,
    schema.street_office,
    schema.user_grid,
    schema.user,
)
#: A grid with its community's and street office's numbers: the places around a user's grids
#: come with them, in the one query.
_GRID_COLUMNS = (
    _g.c.id,
    _g.c.num,
    _g.c.community_id,
    _c.c.num.label("community_num"),
    _c.c.street_office_id.label("office_id"),
    _s.c.num.label("office_num"),
)
_GRID_PLACES = _g.join(_c, _c.c.id == _g.c.community_id).join(_s, _s.c.id == _c.c.street_office_id)
# Built once (this runs on every request, and building a statement cost SQLAlchemy more
# than running it): the grids of each scope level, the places around them, the colleagues.
_GRIDS = {
    ScopeLevel.GRIDS: select(*_GRID_COLUMNS)
    .select_from(_GRID_PLACES.join(_ug, _ug.c.grid_id == _g.c.id))
    .where(_ug.c.user_id == bindparam("user_id")),
    ScopeLevel.COMMUNITY: select(*_GRID_COLUMNS)
    .select_from(_GRID_PLACES)
    .where(_g.c.community_id == bindparam("community_id")),
    ScopeLevel.STREET_OFFICE: select(*_GRID_COLUMNS)
    .select_from(_GRID_PLACES)
    .where(_c.c.street_office_id == bindparam("office_id")),
}
_PLACES = select(_c.c.id, _c.c.num, _s.c.id.label("office_id"), _s.c.num.label("office_num")).join(
    _s, _s.c.id == _c.c.street_office_id
)
_PLACES_OF_OFFICE = _PLACES.where(_s.c.id == bindparam("office_id"))
#: the user's own community, when none of their grids is in it (or they have none)
_PLACES_OF_COMMUNITY = _PLACES.where(_c.c.id == bindparam("community_id"))
_OFFICE_NUM = select(_s.c.num).where(_s.c.id == bindparam("office_id"))
_COLLEAGUES = {
    ScopeLevel.COMMUNITY: select(_u.c.id, _u.c.num).where(
        _u.c.community_id == bindparam("community_id")
    ),
    ScopeLevel.STREET_OFFICE: select(_u.c.id, _u.c.num).where(
        _u.c.street_office_id == bindparam("office_id")
    ),
}


def principal_for(conn: Connection, row: Any, device_id: str) -> Principal:
    """Derive a user's area (a row of ``app_user``) from their role and the territory, in as
    few queries as the role allows: this runs on every request."""
    role = Role(row.role)
    level = User(row.id, row.worker_id, row.name, role).scope_level
    params = {
        "user_id": row.id,
        "community_id": row.community_id or "",
        "office_id": row.street_office_id or "",
    }
    grid_rows = conn.execute(_GRIDS[level], params).all()
    communities = {r.community_id: r.community_num for r in grid_rows}
    offices = {r.office_id: r.office_num for r in grid_rows}
    place_rows: Sequence[Any] = ()
    if level is ScopeLevel.STREET_OFFICE:  # its communities without a grid too
        place_rows = conn.execute(_PLACES_OF_OFFICE, params).all()
    elif row.community_id and row.community_id not in communities:
        place_rows = conn.execute(_PLACES_OF_COMMUNITY, params).all()
    communities |= {r.id: r.num for r in place_rows}
    offices |= {r.office_id: r.office_num for r in place_rows}
    if row.street_office_id and row.street_office_id not in offices:
        num = conn.execute(_OFFICE_NUM, params).scalar()
        if num is not None:
            offices[row.street_office_id] = num
    colleagues: dict[str, int] = {row.id: row.num}
    if level in _COLLEAGUES:
        colleagues |= {r.id: r.num for r in conn.execute(_COLLEAGUES[level], params)}
    user = User(
        id=row.id,
        worker_id=row.worker_id,
        name=row.name,
        role=role,
        community_id=row.community_id,
        street_office_id=row.street_office_id,
        grid_ids=frozenset(r.id for r in grid_rows) if level is ScopeLevel.GRIDS else frozenset(),
    )
    return Principal(
        user=user,
        user_num=row.num,
        device_id=device_id,
        grid_nums={r.id: r.num for r in grid_rows},
        community_nums=communities,
        street_office_nums=offices,
        user_nums=colleagues,
    )
