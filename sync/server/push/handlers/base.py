"""What every op handler shares: its shape, and small checks on the op itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import Table

from gridterm.domain.validation import enum_value
from gridterm.errors import ValidationError
from sync.protocol import OpKind
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode
from sync.server.push.work import Outcome, OutOfScope, Work

Wants = Callable[[PushedOp], Iterable[tuple[str, str]]]
Apply = Callable[[PushedOp, Work], Outcome]
A = TypeVar("A", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Handler:
    """How one entity's ops are applied: ``wants`` names rows to prefetch for an op,
    ``apply`` validates it with the core and queues its writes (raising before any write
    when the op is refused)."""

    wants: Wants
    apply: Apply


def only(op: PushedOp, *kinds: OpKind) -> None:
    """Refuse op kinds the entity does not allow (facts are never edited in place)."""
    if op.op not in kinds:
        raise ValidationError(
            f"{op.entity}.{op.op.value}_not_allowed",
            f"a {op.entity} cannot be {op.op.value}d"
            + (" (a correction is a new revision)" if op.op is OpKind.UPDATE else ""),
            field="op",
        )


def text_id(value: object, field: str) -> str | None:
    """An optional id field: None, or a non-empty string."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise ValidationError("field.bad_id", f"{field} is not an id", field=field)
    return value


def outside(what: str) -> OutOfScope:
    """The error for a record outside the user's area (the whole push becomes a 403)."""
    return OutOfScope("scope.grid_outside", f"{what} is outside your area")


def want(*pairs: tuple[str, object]) -> list[tuple[str, str]]:
    """Prefetch pairs, dropping missing keys."""
    return [(e, k) for e, k in pairs if isinstance(k, str) and k]


def rows_named(own: str | None, *refs: tuple[str, str]) -> Wants:
    """The ``wants`` of an entity whose ops need their own row (of entity ``own``; None for
    none) and the rows their fields name, as (entity, field) pairs: ``("user", "by_user")``."""

    def wants(op: PushedOp) -> list[tuple[str, str]]:
        f = op.fields
        pairs = [(entity, f.get(name)) for entity, name in refs]
        if own is not None:
            pairs.append((own, op.entity_id))
        return want(*pairs)

    return wants


class Step(NamedTuple, Generic[A]):
    """A lifecycle step's op as ``opened_step`` checked it."""

    fields: dict[str, Any]
    action: A
    by: dict[str, Any]
    row: dict[str, Any]


def opened_step(
    op: PushedOp, work: Work, table: Table, actions: type[A], parent: str, *, exists: str
) -> Step[A]:
    """The checks every step of a record's lifecycle (a ticket's transition, a hazard's step)
    starts with: a create of a known action with a new id (``exists``: the refusal's
    message), by a user who exists, of the record it moves (``parent``, named by
    ``{parent}_id``) in the user's area."""
    only(op, OpKind.CREATE)
    fields = decode(table, op.fields)
    action = enum_value(actions, fields.get("action"), "action")
    if work.exists(op.entity, op.entity_id):
        raise ValidationError(f"{op.entity}.exists", exists, field="id")
    by = work.get("user", fields.get("by_user"))
    if by is None:
        raise ValidationError(f"{parent}.unknown_user", "by_user names no user", field="by_user")
    row = work.need(parent, fields.get(f"{parent}_id"), f"{parent}_id")
    if not work.principal.in_scope(row["grid_id"]):
        raise outside(f"the {parent}")
    return Step(fields, action, by, row)
