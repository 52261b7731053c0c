"""Small checks shared by the domain's constructors; each raises ValidationError with a code."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar, cast

from gridterm.errors import FieldErrors, ValidationError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

_PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
_ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_SHA256 = re.compile(r"[0-9a-f]{64}")


class FieldChecks:
    """Checks every field of one save and reports all the bad ones together.

    ``checks(required_text, value, "name")`` runs one check and returns its value; a failure
    naming a field is kept (the value is then None, never used: ``done`` raises). ``done``
    raises the one error, or ``FieldErrors`` with all of them, so a worker fixes the whole
    form in one go instead of meeting its errors one save at a time. An error naming no field
    (the record as a whole) is raised at once: nothing beside a field would say it.
    """

    __slots__ = ("errors",)

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def __call__(self, check: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            self.keep(error)
            return cast(T, None)

    def keep(self, error: ValidationError) -> None:
        """Keep a field's error found by the caller's own check (re-raise a field-less one)."""
        if error.field is None:
            raise error
        if all(e.field != error.field for e in self.errors):  # one error a field
            self.errors.append(error)

    def done(self) -> None:
        """Raise what was kept, if anything."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise FieldErrors(self.errors)


#: The longest a required or chosen text may be unless its field says otherwise.
TEXT_MAX = 200


def required_text(value: object, field: str, *, max_len: int = TEXT_MAX) -> str:
    """Return ``value`` stripped; refuse it when empty, not a string or too long."""
    # one strip and no second call: this runs for several fields of every pushed record
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError("field.required", f"{field} is required", field=field)
    if len(text) > max_len:
        raise _too_long(field, max_len)
    return text


def chosen_text(value: object, field: str, *, max_len: int = TEXT_MAX) -> str:
    """A value picked from a list the office keeps (a ticket's category): ``required_text``,
    but none picked is ``field.invalid_choice`` — the worker chooses it, never types it."""
    if not (isinstance(value, str) and value.strip()):
        raise ValidationError("field.invalid_choice", f"choose a {field}", field=field)
    return required_text(value, field, max_len=max_len)


def optional_text(value: object, field: str, *, max_len: int = 2000) -> str:
    """Return ``value`` stripped ('' for None); refuse non-strings and overlong text."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("field.not_text", f"{field} must be text", field=field)
    value = value.strip()
    if len(value) > max_len:
        raise _too_long(field, max_len)
    return value


def _too_long(field: str, max_len: int) -> ValidationError:
    return ValidationError(
        "field.too_long", f"{field} is longer than {max_len}", field=field, max_len=max_len
    )


def flag(value: object, field: str) -> bool:
    """A yes/no field: only True or False."""
    if not isinstance(value, bool):
        raise ValidationError("field.not_bool", f"{field} must be true or false", field=field)
    return value


def enum_value(enum: type[E], value: object, field: str) -> E:
    """Coerce ``value`` to a member of ``enum`` or raise ``field.invalid_choice``."""
    # the value→member map: what ``enum(value)`` finds (no enum here has ``_missing_``),
    # without its slow call
    try:
        member = enum._value2member_map_[value]
    except (KeyError, TypeError):  # TypeError: an unhashable value, e.g. a list
        member = None
    if isinstance(member, enum):
        return member
    raise ValidationError(
        "field.invalid_choice",
        f"{field}: {value!r} is not one of {[e.value for e in enum]}",
        field=field,
        value=str(value),
    )


def enum_set(enum: type[E], values: object, field: str) -> frozenset[E]:
    """Coerce an iterable of values to a frozenset of ``enum`` members."""
    if values is None:
        return frozenset()
    # a number (decoded JSON) is no list either: iterating it raised TypeError
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError("field.not_list", f"{field} must be a list", field=field)
    return frozenset(enum_value(enum, v, field) for v in values)


def phone(value: object, field: str = "phone") -> str:
    """A mainland mobile (11 digits, leading 1) or landline number, or ''."""
    text = optional_text(value, field, max_len=20).replace(" ", "")
    if text and not _PHONE.match(text):
        raise ValidationError(
            "field.bad_phone", f"{field}: {text!r} is not a phone number", field=field
        )
    return text


def id_number(value: object, field: str = "id_number") -> str:
    """An 18-character resident identity card number with a valid check digit, or ''."""
    text = optional_text(value, field, max_len=18).upper()
    if not text:
        return ""
    if not _ID_NUMBER.match(text):
        raise ValidationError("field.bad_id_number", f"{field} is malformed", field=field)
    total = sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != text[17]:
        raise ValidationError("field.bad_id_number", f"{field} check digit is wrong", field=field)
    return text


def id_check_digit(first17: str) -> str:
    """The check digit that completes an identity number's first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def timestamp(value: object, field: str) -> datetime:
    """An aware datetime (or ISO 8601 text with an offset)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError("field.bad_time", f"{field} is not a time", field=field) from None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError("field.bad_time", f"{field} needs a time zone", field=field)
    return value


def day(value: object, field: str) -> date:
    """A calendar date (or ISO text)."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValidationError("field.bad_date", f"{field} is not a date", field=field) from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError("field.bad_date", f"{field} is not a date", field=field)
    return value


def sha256_hex(value: object, field: str = "sha256") -> str:
    """A lowercase 64-digit SHA-256 hex digest."""
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise ValidationError("field.bad_sha256", f"{field} is not a SHA-256 digest", field=field)
    return value
