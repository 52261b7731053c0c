"""Record ids for the demo: UUIDv7-shaped like the terminal's, drawn from a seeded stream."""

from __future__ import annotations

from random import Random

_MS_MASK = (1 << 48) - 1


def _uuid7(ms: int, rand_a: int, rand_b: int) -> str:
    value = (ms & _MS_MASK) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class SeededIds:
    """UUIDv7 strings whose random part comes from ``rng``: the same seed, the same ids.

    ``next`` numbers bulk-loaded records in load order, 1 ms apart from ``start``, the way
    the rows of a first sync's snapshot arrive. Their primary keys then only ever append,
    which keeps loading a million visits fast; the time a record describes is in its own
    columns (``visited_at``…), not in its id.
    """

    def __init__(self, rng: Random, start: float):
        self._bits = rng.getrandbits
        self._ms = int(start * 1000)

    def next(self) -> str:
        """The id of the next record loaded."""
        self._ms += 1
        return _uuid7(self._ms, self._bits(12), self._bits(62))

    def at(self, ts: float) -> str:
        """The id a terminal would have given a record made at ``ts`` (seconds)."""
        return _uuid7(int(ts * 1000), self._bits(12), self._bits(62))
