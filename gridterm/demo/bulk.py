"""Bulk loading of demo rows: large ``executemany`` transactions on the store's writer.

Demo data is the baseline as if it had been synced from the server, so these rows get no
outbox entries. ``RowBuffers`` collects rows per table and hands a chunk (a ``Batch``) to a
sink; ``StoreWriter`` is the sink that writes a chunk into the store in one transaction.

Chunks are written while the producer waits, not overlapped with it on a second thread: the
writer needs the GIL back after every row SQLite steps, and a producer busy in Python holds
it, so overlapping was measured slower than taking turns. A child process overlaps instead
(``gridterm.demo.parallel``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gridterm.store import Store
from gridterm.store.tx import Tx

#: One chunk: (table, rows) in the order they must be inserted.
Batch = list[tuple[str, list[tuple[Any, ...]]]]

#: Columns written per table, parents before children: foreign keys are checked row by row.
COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "street_office": ("id", "name", "version"),
    "community": ("id", "street_office_id", "name", "version"),
    "grid": ("id", "community_id", "name", "kind", "version"),
    "user": ("id", "worker_id", "name", "role", "community_id", "street_office_id", "version"),
    "user_grid": ("user_id", "grid_id"),
    "checklist_template": ("id", "code", "version", "title", "items"),
    "attachment": ("sha256", "size", "mime", "kind", "created_at", "uploaded"),
    "building": ("id", "grid_id", "number", "name", "floors", "captain", "version"),
    "unit": ("id", "building_id", "number", "version"),
    "household": (
        "id", "grid_id", "building_id", "unit_id", "floor", "room", "address", "key_reasons",
        "party_member", "vacant", "rental", "phone", "notes", "version",
    ),
    "resident": (
        "id", "household_id", "name", "gender", "birth_date", "relation", "id_number", "phone",
        "health", "party_member", "moved_out", "version",
    ),
    "premises": (
        "id", "grid_id", "name", "operator", "licence_no", "contact_phone", "trade", "building",
        "floor", "row", "number", "version",
    ),
    "check_in": ("id", "user_id", "kind", "at", "latitude", "longitude", "accuracy_m"),
    "visit": (
        "id", "household_id", "user_id", "visited_at", "visit_type", "met", "concerns", "notes",
        "outcome", "photos", "ticket_id", "revision_of", "created_at",
    ),
    "ticket": (
        "id", "grid_id", "category", "title", "description", "urgent", "status", "level",
        "reported_by", "reported_at", "household_id", "visit_id", "department", "location",
        "photos", "updated_at", "version",
    ),
    "ticket_transition": (
        "id", "ticket_id", "action", "from_status", "to_status", "from_level", "to_level",
        "by_user", "at", "note", "department", "photo",
    ),
    "hazard_inspection": (
        "id", "premises_id", "grid_id", "inspector_id", "template_code", "template_version",
        "started_at", "status", "completed_at", "signature", "revision_of",
    ),
    "checklist_answer": ("inspection_id", "item_code", "result", "note", "photos"),
    "hazard": (
        "id", "inspection_id", "premises_id", "grid_id", "item_code", "severity", "deadline",
        "responsible", "description", "status", "found_at", "photos", "ticket_id", "closed_at",
        "version",
    ),
    "hazard_step": (
        "id", "hazard_id", "action", "from_status", "to_status", "by_user", "at", "note",
        "photos", "party", "ticket_id",
    ),
    "search_owner": ("id", "household_id", "resident_id"),
    "search_term": ("term", "kind", "owner"),
}  # fmt: skip

#: Indexes dropped during the load and rebuilt once at the end: sorting once is far cheaper
#: than inserting millions of random keys into a B-tree (measured here: 1M search keys took
#: 99 s with the index in place, 11 s this way). Other indexes stay: their keys (household,
#: user, grid ids) arrive in the order the demo draws them, so they only ever append.
DEFERRED_INDEXES = ("search_term_term",)

#: Page cache of the writer during the load (KiB): keeps the B-trees being appended to in
#: memory. Per connection, so it ends with the build's store.
LOAD_CACHE_KIB = 128 * 1024

_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    for table, cols in COLUMNS.items()
}


class RowBuffers:
    """Per-table row buffers handed to ``sink`` in chunks of about ``chunk_rows`` rows.

    Parents are always inserted before their children: within a chunk in ``COLUMNS`` order,
    and a row is only ever buffered after the rows it refers to.
    """

    def __init__(self, sink: Callable[[Batch], None], *, chunk_rows: int = 200_000):
        self._sink = sink
        self._chunk_rows = chunk_rows
        self._rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        """The buffer of ``table``: append row tuples in ``COLUMNS[table]`` order."""
        return self._rows[table]

    def total(self, table: str) -> int:
        """Rows of ``table`` so far, written or buffered."""
        return self.counts[table] + len(self._rows[table])

    def maybe_flush(self) -> None:
        """Hand over the buffers once they hold a chunk's worth of rows."""
        if sum(len(rows) for rows in self._rows.values()) >= self._chunk_rows:
            self.flush()

    def flush(self) -> None:
        """Hand every buffered row to the sink as one chunk."""
        batch: Batch = [(t, rows[:]) for t, rows in self._rows.items() if rows]
        if not batch:
            return
        for table, rows in self._rows.items():
            self.counts[table] += len(rows)
            rows.clear()
        self._sink(batch)


class StoreWriter:
    """Writes a build into a store: bulk chunks without outbox rows, one transaction each.

    ``start`` drops the deferred indexes and ``finish`` rebuilds them; between the two the
    database is only fit for more loading.
    """

    def __init__(self, store: Store):
        self.store = store
        self._deferred: list[str] = []

    def start(self) -> None:
        """Prepare the writer connection for bulk loading."""
        self._deferred = self.store.write(_drop_deferred_indexes)

    def rows(self, batch: Batch) -> None:
        """Insert one chunk in one transaction."""
        self.store.write(lambda tx: _insert(tx, batch))

    def blob(self, data: bytes) -> None:
        """Put a file into the store's blob store."""
        self.store.blobs.put(data)

    def unsent(self, records: list[tuple[str, Mapping[str, Any]]]) -> None:
        """Insert records the ordinary way (``Tx.insert``), each with its outbox row."""

        def insert(tx: Tx) -> None:
            for entity, row in records:
                tx.insert(entity, row)

        self.store.write(insert)

    def finish(self) -> None:
        """Rebuild the deferred indexes."""
        deferred = self._deferred
        self.store.write(lambda tx: _create_indexes(tx, deferred))


def _insert(tx: Tx, batch: Batch) -> None:
    for table, rows in batch:
        tx.conn.executemany(_INSERT[table], rows)


def _drop_deferred_indexes(tx: Tx) -> list[str]:
    tx.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    marks = ", ".join("?" for _ in DEFERRED_INDEXES)
    # Read back from the schema rather than restated here, so an index comes back exactly as
    # the migrations defined it (and one a migration removed is simply not there).
    found = tx.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND name IN ({marks}) ORDER BY rowid",
        DEFERRED_INDEXES,
    ).fetchall()
    for name, _ in found:
        tx.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def _create_indexes(tx: Tx, statements: list[str]) -> None:
    for sql in statements:
        tx.execute(sql)
