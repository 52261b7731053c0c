"""Which area a report covers, and whether the user may see it (403 outside their scope)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from gridterm.domain.users import ScopeLevel, User, covers
from gridterm.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridterm.reports.rows import Area

#: The words a command or a request names an area by.
LEVELS = {
    "grid": ScopeLevel.GRIDS,
    "community": ScopeLevel.COMMUNITY,
    "street": ScopeLevel.STREET_OFFICE,
}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an area lies: its own id and the community and street office above it.

    For a community ``grid_id`` is empty; for a street office both ``grid_id`` and
    ``community_id`` are.
    """

    grid_id: str
    community_id: str
    street_office_id: str


class AreaLookup(Protocol):
    """What a source tells about the territory (the terminal's or the server's)."""

    def place(self, level: ScopeLevel, area_id: str) -> Place | None:
        """Where the area lies, or None when no such area exists."""

    def area(self, level: ScopeLevel, area_id: str) -> Area:
        """The area with its names and grids."""


def require_reporter(user: User) -> None:
    """Reports are for those who oversee others: community supervisors (社区书记) and street
    staff (街道), whose scope is wider than their own grids."""
    if user.scope_level is ScopeLevel.GRIDS:
        raise PermissionDeniedError(
            "report.role_not_allowed",
            f"a {user.role.value} has no reports",
            role=user.role.value,
        )


def may_see(user: User, level: ScopeLevel, place: Place) -> bool:
    """Whether ``user``'s scope includes the whole area.

    A grid worker may report on their own grids; a supervisor on their community or one of its
    grids; street staff on anything in their street office.
    """
    if level is ScopeLevel.GRIDS:
        return covers(
            user,
            grid_id=place.grid_id,
            community_id=place.community_id,
            street_office_id=place.street_office_id,
        )
    if level is ScopeLevel.COMMUNITY:
        return (
            user.scope_level is ScopeLevel.COMMUNITY and user.community_id == place.community_id
        ) or (
            user.scope_level is ScopeLevel.STREET_OFFICE
            and user.street_office_id == place.street_office_id
        )
    return (
        user.scope_level is ScopeLevel.STREET_OFFICE
        and user.street_office_id == place.street_office_id
    )


def default_area(user: User) -> tuple[ScopeLevel, str]:
    """The area a user reports on when none is named: their community, street office or
    first grid."""
    if user.scope_level is ScopeLevel.COMMUNITY and user.community_id:
        return ScopeLevel.COMMUNITY, user.community_id
    if user.scope_level is ScopeLevel.STREET_OFFICE and user.street_office_id:
        return ScopeLevel.STREET_OFFICE, user.street_office_id
    if user.grid_ids:
        return ScopeLevel.GRIDS, sorted(user.grid_ids)[0]
    raise PermissionDeniedError("report.no_area", "you have no area to report on")


def resolve_area(
    lookup: AreaLookup, user: User, level: ScopeLevel | str | None, area_id: str | None
) -> Area:
    """The area named (or the user's own), refused when it does not exist or lies outside
    the user's scope."""
    if level is None or not area_id:
        level, area_id = default_area(user)
    if isinstance(level, str) and not isinstance(level, ScopeLevel):
        if level not in LEVELS:
            raise ValidationError("report.bad_area", f"unknown area kind {level}", field="area")
        level = LEVELS[level]
    place = lookup.place(level, area_id)
    if place is None:
        raise NotFoundError("report.area_unknown", f"no such area {area_id}", area=area_id)
    if not may_see(user, level, place):
        raise PermissionDeniedError(
            "report.area_outside", "this area is outside yours", area=area_id
        )
    return lookup.area(level, area_id)
