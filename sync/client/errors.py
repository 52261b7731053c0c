"""What can go wrong talking to the server, typed by what the terminal should do about it."""

from __future__ import annotations


class SyncError(Exception):
    """A sync step failed; ``code`` is stable for the UI, ``retriable`` says to try later."""

    retriable = False

    def __init__(
        self, code: str, message: str = "", *, status: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message or code)
        self.code = code
        self.message = message or code
        self.status = status
        self.field = field


class Unreachable(SyncError):
    """No answer: no network, connection refused or cut, or a timeout."""

    retriable = True


class ServerBusy(SyncError):
    """The server said "later" (503, 429, other 5xx); ``retry_after`` in seconds if given."""

    retriable = True

    def __init__(self, code: str, message: str = "", *, retry_after: float | None = None, **kw):
        super().__init__(code, message, **kw)
        self.retry_after = retry_after


class AuthRequired(SyncError):
    """The session or device token is not accepted: log in again (or re-enroll)."""


class UpgradeRequired(SyncError):
    """The server refuses this app version: "please upgrade"."""


class Refused(SyncError):
    """A 4xx answer: do not send the same request again as is."""


class NotEnrolled(SyncError):
    """This terminal has no server URL or device token yet."""


class Cancelled(SyncError):
    """The sync was asked to stop (the app is closing)."""
