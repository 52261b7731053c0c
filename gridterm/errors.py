"""Typed errors the core raises; each carries a stable ``code`` the UI translates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class GridTermError(Exception):
    """Base of every error the core raises on purpose.

    ``code`` is a stable dotted identifier (``visit.household_missing``) that the UI maps to a
    translated message; ``params`` fill that message's placeholders. ``str(error)`` is an
    English fallback for logs and the CLI.
    """

    code: str = "error"

    def __init__(self, code: str | None = None, message: str = "", **params: Any) -> None:
        if code is not None:
            self.code = code
        self.params = params
        super().__init__(message or self.code)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.params!r})"


class ValidationError(GridTermError):
    """Input that breaks a rule of the domain; nothing was written."""

    code = "invalid"

    def __init__(self, code: str, message: str = "", *, field: str | None = None, **params: Any):
        super().__init__(code, message, field=field, **params)
        self.field = field


class FieldErrors(ValidationError):
    """Several fields of one save are wrong at once: ``errors`` holds each field's error in the
    order the fields were checked, so a form shows them all together beside their fields.

    Its own ``code``, ``field`` and ``params`` are the first error's, so a caller that handles
    one ``ValidationError`` (the CLI, the server's answer to a push) still reads a real one.
    """

    def __init__(self, errors: Sequence[ValidationError]):
        first = errors[0]
        params = {k: v for k, v in first.params.items() if k != "field"}
        super().__init__(first.code, "; ".join(str(e) for e in errors), field=first.field, **params)
        self.errors: tuple[ValidationError, ...] = tuple(errors)


def each_error(error: BaseException) -> tuple[BaseException, ...]:
    """The single errors an error stands for: a ``FieldErrors``' own, else the error itself."""
    return error.errors if isinstance(error, FieldErrors) else (error,)


class NotFoundError(GridTermError):
    """A referenced record does not exist (or is outside the user's area)."""

    code = "not_found"


class TransitionError(GridTermError):
    """A state machine refused a transition (ticket, hazard, inspection)."""

    code = "transition.not_allowed"


class PermissionDeniedError(GridTermError):
    """The acting user's role or area does not allow this."""

    code = "permission.denied"


class StoreError(GridTermError):
    """The local database cannot be opened or used as asked."""

    code = "store.error"


class SchemaTooNewError(StoreError):
    """The database was written by a newer GridTerm; opening it could lose data."""

    code = "store.schema_too_new"


class WrongPinError(StoreError):
    """The PIN does not unlock the database key."""

    code = "store.wrong_pin"
