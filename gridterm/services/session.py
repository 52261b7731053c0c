"""The logged-in user on an open store: what every service acts as."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from gridterm.domain.office_time import office_day
from gridterm.domain.users import Role, User, covers
from gridterm.errors import NotFoundError, PermissionDeniedError
from gridterm.store import Store
from gridterm.store.reader import Reader


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Session:
    """A store opened by one user; ``clock`` is injectable so tests can fix "now"."""

    store: Store
    user: User
    clock: Callable[[], datetime] = field(default=_utc_now)

    @classmethod
    def login(cls, store: Store, worker_id: str, **kwargs: Any) -> Session:
        """The session of ``worker_id`` (who has already unlocked ``store`` with their PIN)."""
        user = store.read(lambda r: load_user(r, worker_id))
        store.author = user.id  # what this worker writes from now on is theirs (outbox)
        return cls(store, user, **kwargs)

    def now(self) -> datetime:
        """The current time, aware."""
        return self.clock()

    def today(self) -> date:
        """The street office's day now (``office_day``), whatever the machine's time zone."""
        return office_day(self.clock())

    def require_grid(self, r: Reader, grid_id: str) -> None:
        """Raise unless the grid exists and lies in the user's area."""
        row = r.one(
            "SELECT g.id, g.community_id, c.street_office_id FROM grid g "
            "JOIN community c ON c.id = g.community_id WHERE g.id = ?",
            (grid_id,),
        )
        if row is None:
            raise NotFoundError("grid.not_found", f"no grid {grid_id}", id=grid_id)
        if not covers(
            self.user,
            grid_id=grid_id,
            community_id=row["community_id"],
            street_office_id=row["street_office_id"],
        ):
            raise PermissionDeniedError(
                "grid.out_of_scope", "this grid is not in your area", grid=grid_id
            )

    def visible_grid_ids(self, r: Reader) -> list[str]:
        """The grids in the user's area, in name order."""
        return [
            row["id"]
            for row in r.iter(
                "SELECT g.id FROM grid g JOIN community c ON c.id = g.community_id "
                "WHERE (? = 'grids' AND g.id IN (SELECT grid_id FROM user_grid WHERE user_id = ?))"
                " OR (? = 'community' AND g.community_id = ?)"
                " OR (? = 'street_office' AND c.street_office_id = ?) ORDER BY g.name",
                (
                    self.user.scope_level.value,
                    self.user.id,
                    self.user.scope_level.value,
                    self.user.community_id,
                    self.user.scope_level.value,
                    self.user.street_office_id,
                ),
            )
        ]


def load_user(r: Reader, worker_id: str) -> User:
    """The user with ``worker_id`` and their assigned grids."""
    row = r.one("SELECT * FROM user WHERE worker_id = ?", (worker_id,))
    if row is None:
        raise NotFoundError("user.not_found", f"no user {worker_id}", worker_id=worker_id)
    grids = frozenset(
        g["grid_id"]
        for g in r.iter("SELECT grid_id FROM user_grid WHERE user_id = ?", (row["id"],))
    )
    return User(
        id=row["id"],
        worker_id=row["worker_id"],
        name=row["name"],
        role=Role(row["role"]),
        community_id=row["community_id"],
        street_office_id=row["street_office_id"],
        grid_ids=grids,
    )
