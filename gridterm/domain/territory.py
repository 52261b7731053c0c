"""The territory: street office → community → grid → building → unit → household (五级网格).

Special grids (专属网格: markets, commercial buildings, shopping streets) hold premises
(商户) instead of households.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from gridterm.domain.validation import (
    FieldChecks,
    enum_set,
    enum_value,
    flag,
    optional_text,
    phone,
    required_text,
)
from gridterm.errors import ValidationError


class GridKind(StrEnum):
    """Residential grid (网格) or special grid (专属网格) holding premises."""

    RESIDENTIAL = "residential"
    SPECIAL = "special"


class KeyReason(StrEnum):
    """Why a household is a key household (重点户)."""

    ELDERLY_ALONE = "elderly_alone"  # 独居老人
    EMPTY_NEST = "empty_nest"  # 空巢老人
    DISABLED = "disabled"  # 残疾人
    LOW_INCOME = "low_income"  # 困难家庭
    PATIENT = "patient"  # 慢病/定期治疗
    PREGNANT = "pregnant"  # 孕妇
    LEFT_BEHIND_MINOR = "left_behind_minor"  # 留守未成年人
    COMMUNITY_CORRECTION = "community_correction"  # 社区矫正/刑满释放


@dataclass(frozen=True, slots=True)
class StreetOffice:
    """街道: the top of the territory, e.g. 34 communities."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Community:
    """社区: a residents' committee under a street office."""

    id: str
    street_office_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Grid:
    """网格: the unit one grid worker owns."""

    id: str
    community_id: str
    name: str
    kind: GridKind = GridKind.RESIDENTIAL


@dataclass(frozen=True, slots=True)
class Building:
    """楼栋, with its number as residents say it ("3" in 3栋) and its building captain."""

    id: str
    grid_id: str
    number: str
    name: str = ""
    floors: int = 1
    captain: str = ""


@dataclass(frozen=True, slots=True)
class Unit:
    """单元 (entrance) of a building."""

    id: str
    building_id: str
    number: str


def format_address(building: str, unit: str, room: str) -> str:
    """The short address residents use: building-unit-room, e.g. ``3-2-501``."""
    return f"{building}-{unit}-{room}"


@dataclass(frozen=True, slots=True)
class Household:
    """户: one address (building + unit + floor + room), possibly vacant, with its tags."""

    id: str
    grid_id: str
    building_id: str
    unit_id: str
    floor: int
    room: str
    address: str
    key_reasons: frozenset[KeyReason] = frozenset()
    party_member: bool = False
    vacant: bool = False
    rental: bool = False
    phone: str = ""
    notes: str = ""
    version: int = 0

    @property
    def is_key(self) -> bool:
        """A key household (重点户) is one with at least one key reason."""
        return bool(self.key_reasons)


#: Household fields a worker may change in the field; everything else is structural.
HOUSEHOLD_EDITABLE = frozenset(
    {"key_reasons", "party_member", "vacant", "rental", "phone", "notes"}
)


def validate_household_changes(changes: dict[str, object]) -> dict[str, object]:
    """Check a worker's edit of a household; return the normalised changes.

    Only ``HOUSEHOLD_EDITABLE`` fields can change; key reasons are stored as a sorted list.
    """
    if not changes:
        raise ValidationError("household.no_changes", "nothing to change")
    unknown = set(changes) - HOUSEHOLD_EDITABLE
    if unknown:
        raise ValidationError(
            "household.field_not_editable",
            f"cannot edit {sorted(unknown)}",
            field=sorted(unknown)[0],
        )
    out: dict[str, object] = {}
    checks = FieldChecks()
    for name, value in changes.items():
        if name == "key_reasons":
            out[name] = sorted(checks(enum_set, KeyReason, value, name) or ())
        elif name in {"party_member", "vacant", "rental"}:
            out[name] = checks(flag, value, name)
        elif name == "phone":
            out[name] = checks(phone, value)
        else:
            out[name] = checks(optional_text, value, name, max_len=2000)
    checks.done()
    return out


@dataclass(frozen=True, slots=True)
class Premises:
    """商户: a stall or shop in a special grid, located as building/floor/row/number."""

    id: str
    grid_id: str
    name: str
    operator: str = ""
    licence_no: str = ""
    contact_phone: str = ""
    trade: str = ""
    building: str = ""
    floor: str = ""
    row: str = ""
    number: str = ""
    version: int = 0
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def create(cls, *, id: str, grid_id: object, name: object, **fields: object) -> Premises:
        """Validate a new premises entered in the field (every bad field at once)."""
        checks = FieldChecks()
        premises = cls(
            id=id,
            grid_id=checks(required_text, grid_id, "grid_id"),
            name=checks(required_text, name, "name", max_len=100),
            operator=checks(optional_text, fields.get("operator"), "operator", max_len=50),
            licence_no=checks(optional_text, fields.get("licence_no"), "licence_no", max_len=40),
            contact_phone=checks(phone, fields.get("contact_phone"), "contact_phone"),
            trade=checks(optional_text, fields.get("trade"), "trade", max_len=50),
            building=checks(optional_text, fields.get("building"), "building", max_len=20),
            floor=checks(optional_text, fields.get("floor"), "floor", max_len=10),
            row=checks(optional_text, fields.get("row"), "row", max_len=10),
            number=checks(optional_text, fields.get("number"), "number", max_len=20),
        )
        checks.done()
        return premises


def grid_kind(value: object) -> GridKind:
    """Parse a grid kind."""
    return enum_value(GridKind, value, "kind")
