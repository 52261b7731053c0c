"""Users, their roles and the area each one may see (scope)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gridterm.domain.residents import PERSONAL_FIELDS
from gridterm.errors import ValidationError


class Role(StrEnum):
    """The roles of docs/domain.md; each sees a different area and different personal data."""

    GRID_WORKER = "grid_worker"  # 网格员
    PART_TIME_WORKER = "part_time_worker"  # 兼职网格员
    MARKET_INSPECTOR = "market_inspector"  # 市场巡查员
    COMMUNITY_SUPERVISOR = "community_supervisor"  # 社区书记/主任
    STREET_STAFF = "street_staff"  # 街道工作人员


class ScopeLevel(StrEnum):
    """How wide a user's area is."""

    GRIDS = "grids"
    COMMUNITY = "community"
    STREET_OFFICE = "street_office"


#: Which personal fields each role may read unmasked. A grid worker calls residents and checks
#: identity on visits; a part-time worker (courier, rider) only reports problems.
_UNMASKED: dict[Role, frozenset[str]] = {
    Role.GRID_WORKER: frozenset({"phone", "id_number", "health"}),
    Role.PART_TIME_WORKER: frozenset(),
    Role.MARKET_INSPECTOR: frozenset({"phone"}),
    Role.COMMUNITY_SUPERVISOR: frozenset({"phone", "id_number", "health"}),
    Role.STREET_STAFF: frozenset({"phone"}),
}


@dataclass(frozen=True, slots=True)
class User:
    """A worker or official who logs in with a worker id (工号) and a PIN."""

    id: str
    worker_id: str
    name: str
    role: Role
    community_id: str | None = None
    street_office_id: str | None = None
    grid_ids: frozenset[str] = frozenset()

    @property
    def scope_level(self) -> ScopeLevel:
        """Grid workers and inspectors see their grids; supervisors their community; street
        staff the whole street office."""
        if self.role is Role.COMMUNITY_SUPERVISOR:
            return ScopeLevel.COMMUNITY
        if self.role is Role.STREET_STAFF:
            return ScopeLevel.STREET_OFFICE
        return ScopeLevel.GRIDS

    def sees_unmasked(self, field: str) -> bool:
        """True when this user's role may read personal ``field`` in clear."""
        return field not in PERSONAL_FIELDS or field in _UNMASKED[self.role]


def covers(user: User, *, grid_id: str, community_id: str, street_office_id: str) -> bool:
    """Whether ``user``'s area includes the grid (which lies in the given community and
    street office)."""
    match user.scope_level:
        case ScopeLevel.GRIDS:
            return grid_id in user.grid_ids
        case ScopeLevel.COMMUNITY:
            return community_id == user.community_id
        case ScopeLevel.STREET_OFFICE:
            return street_office_id == user.street_office_id


def validate_pin(pin: object) -> str:
    """PINs are 6 to 12 digits: the terminal derives the database key from them, and the
    server holds the same rule so a PIN set there always works offline too."""
    if not isinstance(pin, str) or not pin.isdigit() or not 6 <= len(pin) <= 12:
        raise ValidationError("pin.invalid", "a PIN is 6 to 12 digits", field="pin")
    return pin
