"""Revealing personal data (查看个人信息): masked for every role by default, shown in clear
only on an explicit tap by a role that may read it, and every reveal recorded.

A reveal is a fact with one author: the terminal stores it with the outbox, and the next
sync reports it to the server's audit log (``personal_data.reveal``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from gridterm.domain.residents import PERSONAL_FIELDS
from gridterm.domain.users import User
from gridterm.domain.validation import enum_value, required_text, timestamp
from gridterm.errors import PermissionDeniedError, ValidationError


class RevealedRecord(StrEnum):
    """The kinds of record whose personal fields can be revealed."""

    RESIDENT = "resident"
    HOUSEHOLD = "household"  # the household's phone


@dataclass(frozen=True, slots=True)
class Reveal:
    """One personal field of one record shown in clear to one user."""

    id: str
    user_id: str
    record: RevealedRecord
    record_id: str
    field: str
    revealed_at: datetime

    @classmethod
    def create(
        cls, *, id: str, user: User, record: object, record_id: object, field: object,
        revealed_at: object,
    ) -> Reveal:  # fmt: skip
        """A reveal by ``user``; refused for a field that is not personal, or one the user's
        role may not read in clear (``User.sees_unmasked``)."""
        if field not in PERSONAL_FIELDS:
            raise ValidationError("reveal.not_personal", f"{field} is not personal", field="field")
        if not user.sees_unmasked(str(field)):
            raise PermissionDeniedError(
                "reveal.not_allowed", f"your role may not read {field}", field=field
            )
        return cls(
            id=required_text(id, "id", max_len=64),
            user_id=user.id,
            record=enum_value(RevealedRecord, record, "record"),
            record_id=required_text(record_id, "record_id", max_len=64),
            field=str(field),
            revealed_at=timestamp(revealed_at, "revealed_at"),
        )
