"""Residents (居民) registered in a household, and which of their data is personal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from gridterm.domain.office_time import office_day
from gridterm.domain.validation import (
    FieldChecks,
    enum_value,
    flag,
    id_number,
    optional_text,
    phone,
    required_text,
)
from gridterm.errors import ValidationError


class Gender(StrEnum):
    """性别."""

    MALE = "male"
    FEMALE = "female"


class Relation(StrEnum):
    """Relation to the head of household (与户主关系)."""

    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    TENANT = "tenant"
    OTHER = "other"


#: Fields holding personal information (个人信息): shown masked unless the role needs them.
PERSONAL_FIELDS = frozenset({"id_number", "phone", "health"})


@dataclass(frozen=True, slots=True)
class Resident:
    """居民: a person registered in a household."""

    id: str
    household_id: str
    name: str
    gender: Gender
    birth_date: date | None = None
    relation: Relation = Relation.OTHER
    id_number: str = ""
    phone: str = ""
    health: str = ""
    party_member: bool = False
    moved_out: bool = False
    version: int = 0

    def age_on(self, day: date) -> int | None:
        """Age in whole years on ``day``, or None when the birth date is unknown."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


RESIDENT_EDITABLE = frozenset(
    {
        "name",
        "gender",
        "birth_date",
        "relation",
        "id_number",
        "phone",
        "health",
        "party_member",
        "moved_out",
    }
)


def validate_resident_fields(
    fields: dict[str, object], *, partial: bool, today: date | None = None
) -> dict[str, object]:
    """Normalise a new resident (``partial=False``) or an edit (``partial=True``).

    ``today`` is the street office's day (``Session.today()``) a birth date may not pass; by
    default the office's day now, never the machine's (its time zone may be another).
    Returns storable values (dates as ISO text, enums as their values).
    """
    unknown = set(fields) - RESIDENT_EDITABLE
    if unknown:
        raise ValidationError(
            "resident.field_not_editable", f"cannot set {sorted(unknown)}", field=sorted(unknown)[0]
        )
    if partial and not fields:
        raise ValidationError("resident.no_changes", "nothing to change")
    checks = FieldChecks()
    if not partial:
        for name in ("name", "gender"):
            if name not in fields:
                checks.keep(ValidationError("field.required", f"{name} is required", field=name))
    out: dict[str, object] = {}
    for name, value in fields.items():
        match name:
            case "name":
                out[name] = checks(required_text, value, name, max_len=40)
            case "gender":
                out[name] = checks(_choice, Gender, value, name)
            case "relation":
                out[name] = checks(_choice, Relation, value, name)
            case "birth_date":
                out[name] = checks(_birth_date, value, today or office_day(datetime.now(UTC)))
            case "id_number":
                out[name] = checks(id_number, value)
            case "phone":
                out[name] = checks(phone, value)
            case "health":
                out[name] = checks(optional_text, value, name, max_len=500)
            case "party_member" | "moved_out":
                out[name] = checks(flag, value, name)
    checks.done()
    return out


def _choice(enum: type[Gender] | type[Relation], value: object, name: str) -> str:
    return enum_value(enum, value, name).value


def _birth_date(value: object, today: date) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                "field.bad_date", "birth_date is not a date", field="birth_date"
            ) from None
    if not isinstance(value, date) or value > today or value.year < 1890:
        raise ValidationError("field.bad_date", "birth_date is not plausible", field="birth_date")
    return value.isoformat()


def mask(field: str, value: str) -> str:
    """Mask one personal field for display: ``138****5678``, ``1101**********1234``."""
    if not value:
        return ""
    if field == "phone":
        return (
            value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)
        )
    if field == "id_number":
        return value[:4] + "*" * (len(value) - 8) + value[-4:]
    return "***"


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: the surname stays so a worker can still address them."""
    return name[:1] + "*" * (len(name) - 1) if len(name) > 1 else name
