"""Who is asking and what area they may sync, derived from the database on every request.

A grid worker (and part-time worker, market inspector) sees their assigned grids; a community
supervisor the community's grids; street staff every grid of the street office
(``gridterm.domain.users.User.scope_level``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

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
        return parts


def load_user(conn: Connection, user_id: str) -> tuple[User, int] | None:
    """The domain user (with assigned grids) and its num, or None if missing or inactive."""
    u = schema.user
    row = conn.execute(select(u).where(u.c.id == user_id, u.c.active == 1)).mappings().first()
    if row is None:
        return None
    ug = schema.user_grid
    grids = conn.execute(select(ug.c.grid_id).where(ug.c.user_id == user_id)).scalars().all()
    user = User(
        id=row["id"],
        worker_id=row["worker_id"],
        name=row["name"],
        role=Role(row["role"]),
        community_id=row["community_id"],
        street_office_id=row["street_office_id"],
        grid_ids=frozenset(grids),
    )
    return user, row["num"]


def principal_for(conn: Connection, user: User, user_num: int, device_id: str) -> Principal:
    """Derive the user's area from their role and the current territory."""
    g, c, s = schema.grid, schema.community, schema.street_office
    level = user.scope_level
    if level is ScopeLevel.GRIDS:
        query = select(g.c.id, g.c.num, g.c.community_id).where(g.c.id.in_(sorted(user.grid_ids)))
    elif level is ScopeLevel.COMMUNITY:
        query = select(g.c.id, g.c.num, g.c.community_id).where(
            g.c.community_id == (user.community_id or "")
        )
    else:
        query = (
            select(g.c.id, g.c.num, g.c.community_id)
            .join(c, c.c.id == g.c.community_id)
            .where(c.c.street_office_id == (user.street_office_id or ""))
        )
    grid_rows = conn.execute(query).all()
    community_ids = {r.community_id for r in grid_rows}
    if user.community_id:
        community_ids.add(user.community_id)
    if level is ScopeLevel.STREET_OFFICE:
        community_ids |= set(
            conn.execute(
                select(c.c.id).where(c.c.street_office_id == (user.street_office_id or ""))
            ).scalars()
        )
    communities = conn.execute(
        select(c.c.id, c.c.num, c.c.street_office_id).where(c.c.id.in_(sorted(community_ids)))
    ).all()
    office_ids = {r.street_office_id for r in communities}
    if user.street_office_id:
        office_ids.add(user.street_office_id)
    offices = conn.execute(select(s.c.id, s.c.num).where(s.c.id.in_(sorted(office_ids)))).all()
    u = schema.user
    colleagues: dict[str, int] = {user.id: user_num}
    if level is ScopeLevel.COMMUNITY:
        query = select(u.c.id, u.c.num).where(u.c.community_id == (user.community_id or ""))
        colleagues |= {r.id: r.num for r in conn.execute(query)}
    elif level is ScopeLevel.STREET_OFFICE:
        query = select(u.c.id, u.c.num).where(u.c.street_office_id == (user.street_office_id or ""))
        colleagues |= {r.id: r.num for r in conn.execute(query)}
    return Principal(
        user=user,
        user_num=user_num,
        device_id=device_id,
        grid_nums={r.id: r.num for r in grid_rows},
        community_nums={r.id: r.num for r in communities},
        street_office_nums={r.id: r.num for r in offices},
        user_nums=colleagues,
    )
