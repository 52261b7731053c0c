"""What every op handler shares: its shape, and small checks on the op itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gridterm.errors import ValidationError
from sync.protocol import OpKind
from sync.server.push.request import PushedOp
from sync.server.push.work import Outcome, OutOfScope, Work

Wants = Callable[[PushedOp], Iterable[tuple[str, str]]]
Apply = Callable[[PushedOp, Work], Outcome]


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
