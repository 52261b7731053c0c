"""Drafts: a form's unsaved state, written as the worker types, restored after a crash."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from gridterm.store.store import Store
from gridterm.store.tx import Tx, utc_now

T = TypeVar("T")


class Drafts:
    """Local-only drafts of one user (never synced: they are not records yet)."""

    def __init__(self, store: Store, user_id: str):
        self.store = store
        self.user_id = user_id

    def save(
        self, draft_id: str, kind: str, payload: dict[str, Any], subject_id: str | None = None
    ) -> None:
        """Create or replace a draft."""
        self.store.write(
            lambda tx: tx.execute(
                "INSERT OR REPLACE INTO draft (id, kind, user_id, subject_id, payload, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    draft_id,
                    kind,
                    self.user_id,
                    subject_id,
                    json.dumps(payload, ensure_ascii=False, default=str),
                    utc_now(),
                ),
            )
        )

    def load(self, kind: str) -> list[dict[str, Any]]:
        """This user's drafts of one kind, newest first, payloads decoded."""
        rows = self.store.query(
            "SELECT * FROM draft WHERE user_id = ? AND kind = ? ORDER BY updated_at DESC",
            (self.user_id, kind),
        )
        return [{**r, "payload": json.loads(r["payload"])} for r in rows]

    def discard(self, draft_id: str) -> None:
        """Forget a draft (after the record was saved, or the worker cancelled)."""
        self.store.write(lambda tx: self.discard_in(tx, draft_id))

    def discarded_with(self, draft_id: str, save: Callable[[], T]) -> T:
        """Run ``save`` — a service's write, which nests in this transaction — and forget the
        draft in the same transaction: a draft goes only with the record it became, and a
        refused save keeps it."""

        def both(tx: Tx) -> T:
            result = save()
            self.discard_in(tx, draft_id)
            return result

        return self.store.write(both)

    def discard_in(self, tx: Tx, draft_id: str) -> None:
        """Forget a draft in the transaction that saved its record."""
        tx.execute("DELETE FROM draft WHERE id = ? AND user_id = ?", (draft_id, self.user_id))
