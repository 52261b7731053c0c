"""Core events → Qt signals: the store's change listeners re-emitted on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gridterm.store import Store
from gridterm.store.tx import Tx
from ui.quiet import QuietTimer

#: The entities screens redraw on.
WATCHED = (
    "household",
    "resident",
    "visit",
    "ticket",
    "ticket_transition",
    "check_in",
    "premises",
    "hazard_inspection",
    "checklist_answer",
    "hazard",
    "hazard_step",
)


class StoreEvents(QObject):
    """Re-emits ``Store.on_change`` notifications as one coalesced Qt signal.

    Listeners run on the writer thread inside the transaction, before it commits; the signal
    crosses to the GUI thread queued and is held back briefly so a screen that re-reads on it
    sees the committed rows, and a burst of writes causes one refresh.
    """

    changed = Signal(frozenset)  # entity names
    _touched = Signal(str)

    def __init__(self, store: Store, delay_ms: int = 60):
        super().__init__()
        self._pending: set[str] = set()
        self._quiet = QuietTimer(self, delay_ms, self._flush)
        self._touched.connect(self._collect)
        self._alive = True
        for entity in WATCHED:
            store.on_change(entity, self._on_change)

    def _on_change(self, tx: Tx, entity: str, entity_id: str | None) -> None:
        if self._alive:
            self._touched.emit(entity)

    def _collect(self, entity: str) -> None:
        self._pending.add(entity)
        self._quiet.poke()

    def _flush(self) -> None:
        entities, self._pending = frozenset(self._pending), set()
        if entities:
            self.changed.emit(entities)

    def detach(self) -> None:
        """Stop emitting (the store keeps its listener list until it is closed)."""
        self._alive = False
        self._quiet.cancel()
