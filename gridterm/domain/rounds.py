"""The daily round: check-in and check-out (打卡) with time and, where known, location."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from gridterm.errors import ValidationError


class CheckKind(StrEnum):
    """Start (签到) or end (签退) of a round."""

    IN = "in"
    OUT = "out"


@dataclass(frozen=True, slots=True)
class Location:
    """A GNSS fix in WGS-84 degrees with its accuracy in metres."""

    latitude: float
    longitude: float
    accuracy_m: float | None = None

    def __post_init__(self) -> None:
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise ValidationError(
                "location.out_of_range", "latitude/longitude out of range", field="location"
            )


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One 打卡 record."""

    id: str
    user_id: str
    kind: CheckKind
    at: datetime
    location: Location | None = None


def next_check_kind(last: CheckKind | None) -> CheckKind:
    """After checking in the next tap checks out, and the other way round."""
    return CheckKind.OUT if last is CheckKind.IN else CheckKind.IN


def validate_check(last: CheckKind | None, kind: CheckKind) -> None:
    """Refuse checking out without being checked in, or checking in twice."""
    if kind is CheckKind.OUT and last is not CheckKind.IN:
        raise ValidationError("checkin.not_checked_in", "not checked in")
    if kind is CheckKind.IN and last is CheckKind.IN:
        raise ValidationError("checkin.already_checked_in", "already checked in")
