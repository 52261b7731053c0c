"""The supervisors' conflict queue (冲突待办): the open conflicts of their area, one item per
field of a record, every refused value side by side with who wrote it and when.

For community supervisors and street staff. The conflicts are the server's, pulled with every
sync (``sync.client.conflicts``); resolving one item settles every open conflict of its field
in one transaction and sends one resolution (``SyncConflicts.resolve``). Pure: no network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gridterm.domain.users import Role
from gridterm.errors import PermissionDeniedError
from gridterm.services import sync_conflicts
from gridterm.services.session import Session
from gridterm.services.sync_conflicts import Resolution, SyncConflict, SyncConflicts
from gridterm.store.reader import Reader

#: Who works the queue.
QUEUE_ROLES = frozenset({Role.COMMUNITY_SUPERVISOR, Role.STREET_STAFF})


@dataclass(frozen=True, slots=True)
class RefusedValue:
    """One value the server refused, with who wrote it and when (None: not known yet)."""

    conflict_id: str
    value: Any
    by_user: str | None
    by_name: str | None
    written_at: str | None


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One field of one record with open conflicts: what the record holds now, the server's
    value when the first was refused, and every refused value."""

    first: SyncConflict
    current: Any
    values: tuple[RefusedValue, ...]

    @property
    def conflict_ids(self) -> list[str]:
        """Every open conflict this item settles."""
        return [v.conflict_id for v in self.values]


def require_queue(session: Session) -> None:
    """Only supervisors and street staff work the queue."""
    if session.user.role not in QUEUE_ROLES:
        raise PermissionDeniedError(
            "role.not_allowed", "only supervisors and street staff see the conflict queue"
        )


class ConflictQueue:
    """The supervisors' conflict queue (冲突待办) of their area."""

    def __init__(self, session: Session):
        self.session = session

    def items(self) -> list[QueueItem]:
        """The open conflicts of the user's area, one item per record field, oldest first."""
        session = self.session
        require_queue(session)

        def read(r: Reader) -> list[QueueItem]:
            area = set(session.visible_grid_ids(r))
            open_ = [c for c in sync_conflicts.read_open(r) if c.grid_id in area]
            names = _names(r, {c.by_user for c in open_ if c.by_user})
            groups: dict[tuple[str, str, str], list[SyncConflict]] = {}
            for c in sorted(open_, key=lambda c: (c.written_at or c.detected_at, c.id)):
                groups.setdefault((c.entity, c.entity_id, c.field), []).append(c)
            return [
                QueueItem(
                    first=group[0],
                    current=sync_conflicts.current_value(r, group[0]),
                    values=tuple(
                        RefusedValue(
                            c.id, c.local_value, c.by_user, names.get(c.by_user or ""), c.written_at
                        )
                        for c in group
                    ),
                )
                for group in groups.values()
            ]

        return session.store.read(read)

    def open_count(self) -> int:
        """How many refused values wait in the user's area (the queue's badge)."""
        return sum(len(item.values) for item in self.items())

    def resolve(
        self, item: QueueItem, choice: Resolution | str, value: Any = None, pick: str = ""
    ) -> SyncConflict:
        """Settle every open conflict of the item's field: ``mine`` takes the refused value of
        the conflict ``pick`` (the first when empty), ``server`` the value the record holds
        now, ``value`` a typed one. One transaction, one resolution op
        (``SyncConflicts.resolve``)."""
        require_queue(self.session)
        chosen = pick or item.first.id
        if chosen not in item.conflict_ids:
            raise PermissionDeniedError("conflict.not_in_item", "pick one of the item's values")
        return SyncConflicts(self.session).resolve(chosen, choice, value, now=True)


def _names(r: Reader, user_ids: Iterable[str]) -> dict[str, str]:
    ids = sorted(user_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        row["id"]: row["name"]
        for row in r.iter(f"SELECT id, name FROM user WHERE id IN ({marks})", ids)
    }
