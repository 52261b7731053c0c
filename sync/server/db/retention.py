"""Retiring old months of the change log, so that it does not grow and slow with age.

On PostgreSQL ``change_log`` is partitioned by month on ``logged_at`` (declarative range
partitioning): one partition per month, ``change_log_yYYYYmMM``, made ahead of time by
``ensure_partitions``, and ``change_log_default`` for anything no month holds. Retiring the
months before a cut (``retire``) drops their partitions whole — no long ``DELETE`` — after
carrying forward what a pull still needs from them. On SQLite the same retirement deletes the
rows instead.

What is carried forward: the newest entry of each row, re-logged now at a new position, unless
a later entry of that row lies in the months kept. Any cursor, however old — and the catch-up
of a newly assigned grid, which starts from the beginning — therefore still reaches every
row's current state and every deletion; what goes is only history that later entries
superseded. So no cursor ever expires and a terminal away for a year needs no special path:
its next pull brings at most one entry per row of its area from before the cut (as much as a
snapshot would), then the changes since. The price is that deletions are carried for ever
(a few bytes each; rows are rarely deleted in this domain). See docs/scaling.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from sync.server.clock import now_ms
from sync.server.db import changes

#: Partition names: the month partitions and the default one.
DEFAULT_PARTITION = "change_log_default"
_MONTH = re.compile(r"^change_log_y(\d{4})m(\d{2})$")
_DAY_MS = 86_400_000
#: Days of change history kept unless the street office sets otherwise: a year and a month.
DEFAULT_KEEP_DAYS = 400
MIN_KEEP_DAYS = 31


def is_partition(name: str) -> bool:
    """Whether a table name is one of change_log's partitions (not in the declared schema)."""
    return name == DEFAULT_PARTITION or _MONTH.match(name) is not None


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparisons: the partitions are made at run time, not declared."""
    return not (type_ == "table" and name is not None and is_partition(name))


def month_start(year: int, month: int) -> int:
    """Milliseconds at the start of a UTC month (months past 12 roll into the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return int(datetime(year, month, 1, tzinfo=UTC).timestamp() * 1000)


def month_of(ms: int) -> tuple[int, int]:
    """The UTC (year, month) of a time in milliseconds."""
    at = datetime.fromtimestamp(ms / 1000, UTC)
    return at.year, at.month


def partition_name(year: int, month: int) -> str:
    """The name of a month's partition."""
    return f"change_log_y{year:04d}m{month:02d}"


@dataclass(frozen=True, slots=True)
class MonthPartition:
    """One month's partition: its name and bounds (ms, upper bound excluded)."""

    name: str
    start: int
    end: int


def month_partition(year: int, month: int) -> MonthPartition:
    """The partition of a month (months past 12 roll into the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return MonthPartition(
        partition_name(year, month), month_start(year, month), month_start(year, month + 1)
    )


def partitioned(conn: Connection) -> bool:
    """Whether change_log is a partitioned table here (PostgreSQL after schema 6)."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(
        text(
            "SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid"
            " WHERE c.relname = 'change_log' AND c.relnamespace = current_schema()::regnamespace"
        )
    ).first()
    return found is not None


def month_partitions(conn: Connection) -> list[MonthPartition]:
    """The month partitions attached to change_log, oldest first."""
    names = conn.execute(
        text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'change_log'::regclass"
        )
    ).scalars()
    months = []
    for name in names:
        if m := _MONTH.match(name):
            months.append(month_partition(int(m[1]), int(m[2])))
    return sorted(months, key=lambda p: p.start)


def ensure_partitions(conn: Connection, now: int | None = None, ahead: int = 2) -> list[str]:
    """Make the partitions of this month and the next ``ahead`` ones where missing; the
    names made. Safe to run from several server instances at once and on every start."""
    if not partitioned(conn):
        return []
    year, month = month_of(now_ms() if now is None else now)
    made = []
    for step in range(ahead + 1):
        part = month_partition(year, month + step)
        # the default partition may already hold rows of this month (its partition was
        # not made in time): attaching would fail, so those months stay in the default
        if conn.execute(
            text(
                f"SELECT 1 FROM {DEFAULT_PARTITION} WHERE logged_at >= :a AND logged_at < :b"
                " LIMIT 1"
            ),
            {"a": part.start, "b": part.end},
        ).first():
            continue
        with conn.begin_nested():
            exists = conn.execute(text("SELECT to_regclass(:n)"), {"n": part.name}).scalar()
            if exists is None:
                conn.execute(
                    text(
                        f"CREATE TABLE IF NOT EXISTS {part.name} PARTITION OF change_log"
                        f" FOR VALUES FROM ({part.start}) TO ({part.end})"
                    )
                )
                made.append(part.name)
    return made


@dataclass(frozen=True, slots=True)
class Retirement:
    """What one retirement did."""

    cut: int
    carried: int
    removed: int
    dropped: list[str] = field(default_factory=list)


#: The newest entry of each row logged before the cut that no later entry kept supersedes,
#: re-logged now (in the old entries' order, so their relative order holds).
_CARRY = text(
    """
    INSERT INTO change_log (txid, partition, entity, entity_id, op, origin, logged_at)
    SELECT :txid, o.partition, o.entity, o.entity_id, o.op, o.origin, :now
    FROM (
        SELECT txid, seq, partition, entity, entity_id, op, origin,
               row_number() OVER (
                   PARTITION BY partition, entity, entity_id ORDER BY txid DESC, seq DESC
               ) AS rank
        FROM change_log WHERE logged_at < :cut
    ) o
    WHERE o.rank = 1 AND NOT EXISTS (
        SELECT 1 FROM change_log n
        WHERE n.logged_at >= :cut AND n.partition = o.partition AND n.entity = o.entity
          AND n.entity_id = o.entity_id AND (n.txid, n.seq) > (o.txid, o.seq)
    )
    ORDER BY o.txid, o.seq
    """
)


def retention_cut(now: int, keep_days: int) -> int:
    """The start of the month holding ``now - keep_days``: months before it are retired, so
    at least ``keep_days`` of history stay."""
    return month_start(*month_of(now - keep_days * _DAY_MS))


def retire(conn: Connection, keep_days: int, now: int | None = None) -> Retirement:
    """Retire the months of the change log older than ``keep_days`` (see the module text),
    in the caller's transaction. Pushes wait while it runs (seconds; run it at night)."""
    if keep_days < MIN_KEEP_DAYS:
        raise ValueError("keep at least a month of the change log")
    now = now_ms() if now is None else now
    cut = retention_cut(now, keep_days)
    ensure_partitions(conn, now)  # the carried entries go to this month's partition
    if conn.dialect.name == "postgresql":
        # no writer may add an entry between the carry and the drop (pulls go on reading)
        conn.execute(text("LOCK TABLE change_log IN SHARE ROW EXCLUSIVE MODE"))
    txid = changes.current_txid(conn)
    carried = conn.execute(_CARRY, {"txid": txid, "now": now, "cut": cut}).rowcount
    dropped: list[str] = []
    removed = 0
    if partitioned(conn):
        for part in month_partitions(conn):
            if part.end <= cut:
                removed += int(conn.execute(text(f"SELECT count(*) FROM {part.name}")).scalar_one())
                conn.execute(text(f"ALTER TABLE change_log DETACH PARTITION {part.name}"))
                conn.execute(text(f"DROP TABLE {part.name}"))
                dropped.append(part.name)
        table = DEFAULT_PARTITION
    else:
        table = "change_log"
    removed += conn.execute(
        text(f"DELETE FROM {table} WHERE logged_at < :cut"), {"cut": cut}
    ).rowcount
    return Retirement(cut, carried, removed, dropped)
