"""How the engine behaves: photo size, timing, batch limits (defaults, overridable per DB)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gridterm.store import Store
from sync.client import state
from sync.protocol import DEFAULT_PULL_LIMIT, MAX_BLOB_CHUNK_BYTES, MAX_OPS_PER_BATCH


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """Engine settings; ``photo_max_side`` 0 uploads photos exactly as taken."""

    #: Longest side of a photo after downscaling (pixels); 0 keeps the original.
    photo_max_side: int = 2048
    photo_quality: int = 85
    #: Seconds between automatic syncs while nothing else triggers one.
    period_s: float = 300.0
    #: How long one request should take on the measured link: pieces lost to a cut stay small.
    target_request_s: float = 2.0
    max_batch_ops: int = MAX_OPS_PER_BATCH
    first_batch_ops: int = 500
    pull_limit: int = DEFAULT_PULL_LIMIT
    #: A first sync downloads the area as one compressed snapshot instead of paging.
    use_snapshot: bool = True
    #: How long one photo chunk should take: a cut loses at most one chunk.
    chunk_target_s: float = 0.5
    max_chunk_bytes: int = MAX_BLOB_CHUNK_BYTES
    min_chunk_bytes: int = 64 * 1024
    #: Photos other terminals took, fetched after the records: at most this many bytes per
    #: sync (the rest comes with the next ones), newest records first.
    photo_download_budget: int = 50 * 1024 * 1024
    #: Photos of hazards closed and signatures of inspections made within this many days are
    #: fetched too (open hazards' and open tickets' photos always are).
    photo_download_days: int = 30
    #: A request that fails for a network reason is tried this often within one sync.
    attempts: int = 6
    #: First wait after a failed request within one sync, doubling up to ``max_wait_s``.
    retry_base_s: float = 0.5
    #: Longest wait between two attempts within one sync (seconds).
    max_wait_s: float = 30.0
    #: Syncs in which the server may answer "retry later" for an op before it is quarantined.
    retriable_syncs: int = 3

    @classmethod
    def load(cls, store: Store, **overrides: Any) -> SyncSettings:
        """The defaults, with the values stored on this terminal, then ``overrides``."""
        settings = cls()
        stored = state.get(store, state.PHOTO_MAX_SIDE)
        if stored is not None and stored.isdigit():
            settings = replace(settings, photo_max_side=int(stored))
        return replace(settings, **overrides)
