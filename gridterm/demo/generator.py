"""``build_demo``: a whole street office in a new terminal database, deterministic per seed.

The data is the baseline as if just synced from the server — territory, register, staff,
check-ins, visits, tickets, inspections, search keys — bulk-loaded without outbox rows. A
handful of yesterday's visits and one ticket are written through ``Tx.insert`` and so wait
in the outbox, as unsent work would.

Same seed and same ``today`` give the same rows and ids. What is not repeatable: the outbox's
own bookkeeping (op ids, times) and the key file's salts.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from gridterm.demo import DEFAULT_SEED, parallel
from gridterm.demo.builder import DemoBuilder, DemoUser, Progress
from gridterm.demo.bulk import StoreWriter
from gridterm.demo.clock import CHINA
from gridterm.errors import StoreError, ValidationError
from gridterm.store import Store, keys

__all__ = ["DemoResult", "DemoUser", "build_demo", "remove_demo"]

MIN_HOUSEHOLDS = 20
#: From this size up the demo is drawn in a child process while this one writes it.
PARALLEL_FROM = 50_000


@dataclass(frozen=True, slots=True)
class DemoResult:
    """What ``build_demo`` made: where, from which seed, who can log in, and how much."""

    path: Path
    seed: int
    today: date
    encrypted: bool
    users: tuple[DemoUser, ...]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def demo_files(path: Path) -> list[Path]:
    """The database and everything that lives beside it (WAL, key ring, blob store)."""
    return [
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        keys.keyfile_path(path),
        path.with_name(path.name + ".blobs"),
    ]


def remove_demo(path: Path) -> None:
    """Delete a database and its companions (for ``--force`` and after a failed build)."""
    for item in demo_files(path):
        if item.is_dir():
            shutil.rmtree(item)
        else:
            item.unlink(missing_ok=True)


def build_demo(
    path: Path | str,
    households: int,
    *,
    seed: int = DEFAULT_SEED,
    pin: str | None = None,
    kdf: keys.KdfParams = keys.DEFAULT_KDF,
    plaintext: bool = False,
    overwrite: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    in_child: bool | None = None,
) -> DemoResult:
    """Build a demo street office of ``households`` households (户) at ``path``.

    Every demo user can unlock the (encrypted) database with their PIN: ``pin`` for all of
    them, or one drawn from the seed each. ``today`` anchors the history (default: today in
    China). ``in_child`` draws the data in a child process (default: for large demos).
    Raises StoreError ``store.exists`` when ``path`` exists and ``overwrite`` is false.
    """
    path = Path(path)
    if households < MIN_HOUSEHOLDS:
        raise ValidationError(
            "demo.too_small", f"a demo needs at least {MIN_HOUSEHOLDS} households"
        )
    if pin is not None:
        keys.validate_pin(pin)
    if any(p.exists() for p in demo_files(path)):
        if not overwrite:
            raise StoreError("store.exists", f"{path} exists already", path=str(path))
        remove_demo(path)
    if in_child is None:
        # A frozen app has no interpreter to start the child with.
        in_child = households >= PARALLEL_FROM and not getattr(sys, "frozen", False)
    started = time.perf_counter()
    day = today or datetime.now(CHINA).date()
    builder = DemoBuilder(seed, day, households, progress)
    logins = builder.logins(pin)
    first = logins[0]
    store = (
        Store.open_plaintext(path)
        if plaintext
        else Store.create(path, first.worker_id, first.pin, kdf)
    )
    try:
        writer = StoreWriter(store)
        writer.start()
        if in_child:
            counts = parallel.build_in_child(seed, day, households, writer, progress)
        else:
            counts = builder.run(writer)
        builder.say("building the search index")
        writer.finish()
        if not plaintext:
            for user in logins[1:]:
                store.add_local_user(user.worker_id, user.pin, kdf)
    except BaseException:
        store.close()
        remove_demo(path)
        raise
    store.close()
    seconds = time.perf_counter() - started
    builder.say(f"done in {seconds:.1f} s")
    return DemoResult(path, seed, day, not plaintext, tuple(logins), counts, seconds)
