"""Answering what a worker types in the search box (搜索), as they type.

A query is classified into probes on the ``search_term`` index: exact probes (``term = ?``)
first, then prefix probes (a ``term`` range). A probe reads its range of the
``search_term_term`` B-tree lazily and stops as soon as enough households and residents are
found, so the cost follows the result size, not the register's size.

Restricting to some grids: the visible household ids are kept as a set per read connection
(until the database changes). When a short prefix meets a small scope (1 letter in one grid of
a street office), most rows of the range are somebody else's; after ``SCAN_BUDGET`` rows the
probe goes on with the scope's own keys: derived from its few hundred households and
residents, or read per household through ``search_term_owner``.
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Collection, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from gridterm.search.terms import (
    ADDRESS,
    ID,
    INITIALS,
    MIN_DIGITS,
    NAME,
    PHONE,
    PINYIN,
    address_key,
    name_keys,
    name_terms,
    normalize_id_number,
    normalize_name,
    parse_address,
    phone_digits,
    whole_name_keys,
)
from gridterm.store.connection import Connection
from gridterm.store.reader import Reader

#: Typed text beyond this length is ignored (nothing indexed is longer).
MAX_QUERY_CHARS = 40
#: Index rows one probe reads before a small scope switches to reading its own keys.
SCAN_BUDGET = 1000
#: Households a scope may have for reading all its keys to be cheap (a few grids).
GRID_DRIVEN_MAX = 1500
#: Beyond this many visible households, remember the hidden ones instead when fewer.
SCOPE_SET_MAX = 20000

_TOP = "\U0010ffff"  # sorts after any character a term can contain
_WHITESPACE = re.compile(r"\s+")
_PHONE_LIKE = re.compile(r"\+?\d[\d\-]*")
_ID_TAIL_X = re.compile(r"\d{3,17}x")
_LETTERS = re.compile(r"[a-z'’]+")
_LETTER_KINDS = (PINYIN, INITIALS, NAME)
_ID_LENGTH_MAX = 18

Row = tuple[str, str, str, str | None]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One household (``resident_id`` None) or resident found by a search."""

    household_id: str
    resident_id: str | None
    name: str  # the resident's name, "" for a household hit
    address: str  # the household's short address (3-2-501)
    matched_kind: str  # name, pinyin, initials, address, phone or id
    exact: bool  # the query equals the whole name, reading, address, phone or ID number
    moved_out: bool = False  # 已迁出: still found, shown as such
    grid_id: str = ""


@dataclass(frozen=True, slots=True)
class Probe:
    """One look-up in the term index: ``term = low``, or ``low <= term < high``."""

    low: str
    high: str | None
    kinds: tuple[str, ...]
    #: Exact probes run first and rank above prefix probes.
    exact: bool = True
    #: For an ID-number tail: the tail as typed (the index holds the number reversed).
    id_tail: str | None = None


def _equal(term: str, kinds: tuple[str, ...]) -> Probe:
    return Probe(term, None, kinds)


def _longer(prefix: str, kinds: tuple[str, ...], *, next_chars: str = "") -> Probe:
    """Terms that start with ``prefix`` and go on (the exact probe has ``prefix`` itself).

    ``next_chars`` ("az") narrows the character after the prefix: pinyin goes on with letters,
    which skips the reversed ID numbers starting with x.
    """
    if next_chars:
        first, last = next_chars
        return Probe(prefix + first, prefix + last + _TOP, kinds, exact=False)
    return Probe(prefix + "\x00", prefix + _TOP, kinds, exact=False)


def plan(text: str) -> list[Probe]:
    """The probes answering ``text``, exact ones first; [] for an empty query.

    Chinese characters → name (and address when it parses as one); letters → pinyin and
    initials; digits → phone, ID tail, or a building when short; 3-2-501 / 3栋2单元 → address.
    """
    query = _WHITESPACE.sub("", unicodedata.normalize("NFKC", text or "").lower())
    query = query[:MAX_QUERY_CHARS].replace("ü", "v")
    if not query:
        return []
    probes: list[Probe] = []
    address = parse_address(query) if not query.isdigit() else None
    if address is not None:
        key, open_end = address
        probes.append(_equal(key, (ADDRESS,)))
        if open_end:  # 3栋: building 3 only, not 30
            probes.append(Probe(key + "-", key + "-" + _TOP, (ADDRESS,), exact=False))
        else:
            probes.append(_longer(key, (ADDRESS,)))
    elif _PHONE_LIKE.fullmatch(query):
        probes += _number_probes(phone_digits(query))
    elif _ID_TAIL_X.fullmatch(query):
        probes += _id_probes(query)
    if not query.isascii():
        name = normalize_name(query)
        probes += [_equal(name, (NAME,)), _longer(name, (NAME,))]
    elif address is None and _LETTERS.fullmatch(query):
        letters = query.replace("'", "").replace("’", "")
        if letters:
            probes.append(_equal(letters, _LETTER_KINDS))
            probes.append(_longer(letters, _LETTER_KINDS, next_chars="az"))
    return sorted(probes, key=lambda p: not p.exact)  # stable: exact probes keep their order


def _number_probes(digits: str) -> list[Probe]:
    if not digits:
        return []
    if len(digits) < MIN_DIGITS:  # 3 → building 3: 3-…
        building = f"{int(digits)}-"
        return [Probe(building, building + _TOP, (ADDRESS,), exact=False)]
    return [_equal(digits, (PHONE,)), *_id_probes(digits), _longer(digits, (PHONE,))]


def _id_probes(tail: str) -> list[Probe]:
    if not MIN_DIGITS <= len(tail) <= _ID_LENGTH_MAX:
        return []
    reversed_tail = tail[::-1]
    return [Probe(reversed_tail, reversed_tail + _TOP, (ID,), id_tail=tail)]


# -- grid scope --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scope:
    """Which households a search may return."""

    grids: tuple[str, ...] | None = None  # None: every household
    size: int = 0  # visible households (when grids is set)
    households: frozenset[str] = frozenset()
    hidden: bool = False  # ``households`` lists the invisible ones instead

    def visible(self, household_id: str) -> bool:
        """Whether the household is in scope."""
        if self.grids is None:
            return True
        return (household_id in self.households) != self.hidden


_EVERYTHING = Scope()


class _ScopeCache:
    """Recent scopes per read connection, valid while ``PRAGMA data_version`` is unchanged.

    Keystrokes repeat the same scope many times; building the set of a community's household
    ids each time would cost more than the search.
    """

    def __init__(self, size: int = 8):
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[int, tuple[str, ...]], tuple[Connection, int, Scope]]
        self._entries = OrderedDict()

    def get(self, reader: Reader, grids: tuple[str, ...]) -> Scope:
        version = reader.scalar("PRAGMA data_version")
        key = (id(reader.conn), grids)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] is reader.conn and entry[1] == version:
                self._entries.move_to_end(key)
                return entry[2]
        scope = _build_scope(reader, grids)
        with self._lock:
            self._entries[key] = (reader.conn, version, scope)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return scope


_scope_cache = _ScopeCache()


def resolve_scope(reader: Reader, grid_ids: Collection[str] | None) -> Scope:
    """The scope of ``grid_ids`` (None: no restriction) in this reader's database."""
    if grid_ids is None:
        return _EVERYTHING
    grids = tuple(sorted(set(grid_ids)))
    if not grids:
        return Scope(grids=grids)
    return _scope_cache.get(reader, grids)


def _ids(reader: Reader, sql: str, params: tuple[str, ...]) -> frozenset[str]:
    return frozenset(row[0] for row in reader.conn.execute(sql, params))


def _build_scope(reader: Reader, grids: tuple[str, ...]) -> Scope:
    marks = ", ".join("?" * len(grids))
    others = tuple(
        row[0]
        for row in reader.conn.execute(f"SELECT id FROM grid WHERE id NOT IN ({marks})", grids)
    )
    if not others:
        return _EVERYTHING
    others_sql = f"SELECT id FROM household WHERE grid_id IN ({', '.join('?' * len(others))})"
    if not reader.scalar(f"SELECT EXISTS ({others_sql})", others):
        return _EVERYTHING  # a worker's terminal holds only their own grids' households
    inside_sql = f"SELECT id FROM household WHERE grid_id IN ({marks})"
    size = reader.scalar(f"SELECT count(*) FROM ({inside_sql})", grids)
    if size > SCOPE_SET_MAX:
        outside = reader.scalar(f"SELECT count(*) FROM ({others_sql})", others)
        if outside < size:
            hidden = _ids(reader, others_sql, others)
            return Scope(grids=grids, size=size, households=hidden, hidden=True)
    return Scope(grids=grids, size=size, households=_ids(reader, inside_sql, grids))


# -- reading the index -------------------------------------------------------------------


def _where(probe: Probe, prefix: str = "", *, term_index: bool = True) -> tuple[str, tuple]:
    """WHERE clause of a probe on ``search_term`` columns qualified with ``prefix`` (st.)."""
    kinds = f"{prefix}kind IN ({', '.join('?' * len(probe.kinds))})"
    # "+term" keeps the planner off the term index when the owner index is the way in.
    term = f"{prefix}term" if term_index else f"+{prefix}term"
    if probe.high is None:
        return f"{term} = ? AND {kinds}", (probe.low, *probe.kinds)
    return f"{term} >= ? AND {term} < ? AND {kinds}", (probe.low, probe.high, *probe.kinds)


def probe_sql(probe: Probe) -> tuple[str, tuple[str, ...]]:
    """SQL reading one probe's rows in index order (term, kind, household_id, resident_id)."""
    where, params = _where(probe)
    return f"SELECT term, kind, household_id, resident_id FROM search_term WHERE {where}", params


def grid_probe_sql(probe: Probe, grids: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """SQL reading one probe's rows among the keys of ``grids``' households only.

    An exact probe seeks (term, kind, household) in the term index for each household; a
    range cannot, so it reads each household's keys through the owner index.
    """
    where, params = _where(probe, "st.", term_index=probe.high is None)
    marks = ", ".join("?" * len(grids))
    sql = (
        "SELECT st.term, st.kind, st.household_id, st.resident_id"
        " FROM household h CROSS JOIN search_term st"
        f" WHERE h.grid_id IN ({marks}) AND {where} AND st.household_id = h.id"
    )
    return sql, (*grids, *params)


def grid_records_sql(grids: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
    """SQL listing the addresses of ``grids``' households, and the names of their residents."""
    marks = ", ".join("?" * len(grids))
    households = f"SELECT id, address FROM household WHERE grid_id IN ({marks})"
    residents = (
        "SELECT r.id, r.household_id, r.name FROM household h CROSS JOIN resident r"
        f" WHERE h.grid_id IN ({marks}) AND r.household_id = h.id"
    )
    return households, residents, grids


def _grid_rows(reader: Reader, probe: Probe, grids: tuple[str, ...]) -> list[Row]:
    """All rows of one probe among ``grids``' households, in index order.

    Address and name keys (and pinyin, once pypinyin is loaded anyway) are derived from the
    records with the functions that wrote the index: that reads a few dozen pages where the
    households' index rows take hundreds (~1,000 residents: ~3 ms instead of ~25 ms).
    """
    kinds = frozenset(probe.kinds)
    derivable = {ADDRESS, NAME} | ({PINYIN, INITIALS} if "pypinyin" in sys.modules else set())
    if kinds <= derivable:
        rows = [row for row in _derived_rows(reader, grids, kinds) if _in_range(row[0], probe)]
    else:
        sql, params = grid_probe_sql(probe, grids)
        rows = reader.conn.execute(sql, params).fetchall()
    return sorted(rows, key=_index_order)


def _derived_rows(reader: Reader, grids: tuple[str, ...], kinds: frozenset[str]) -> Iterator[Row]:
    """The address and name rows of ``grids``, recomputed from the households and residents."""
    households_sql, residents_sql, params = grid_records_sql(grids)
    if ADDRESS in kinds:
        for household_id, address in reader.conn.execute(households_sql, params):
            if key := address_key(address):
                yield key, ADDRESS, household_id, None
    if kinds & {PINYIN, INITIALS}:
        for resident_id, household_id, name in reader.conn.execute(residents_sql, params):
            for kind, term in name_terms(name):
                if kind in kinds:
                    yield term, kind, household_id, resident_id
    elif NAME in kinds:
        for resident_id, household_id, name in reader.conn.execute(residents_sql, params):
            for key in name_keys(name):
                yield key, NAME, household_id, resident_id


def _in_range(term: str, probe: Probe) -> bool:
    if probe.high is None:
        return term == probe.low
    return probe.low <= term < probe.high


def _index_order(row: Row) -> tuple[str, str, str, str]:
    return row[0], row[1], row[2], row[3] or ""  # NULL sorts first, like ""


def _scan(reader: Reader, probe: Probe, scope: Scope) -> Iterator[Row]:
    """The probe's rows in scope, in index order, read lazily so the caller can stop early."""
    # Phone and ID ranges are short (4 digits at least) and many keys per person would make
    # the scope's own keys slow: they are always read from the term index.
    small = (
        scope.grids is not None
        and scope.size <= GRID_DRIVEN_MAX
        and not set(probe.kinds) & {PHONE, ID}
    )
    sql, params = probe_sql(probe)
    last: Row | None = None
    scanned = 0
    with closing(reader.conn.execute(sql, params)) as cursor:
        # A first small batch: as-you-type queries usually stop within it.
        batch_size = 64
        while batch := cursor.fetchmany(batch_size):
            batch_size = 512
            for row in batch:
                if scope.visible(row[2]):
                    yield row
            scanned += len(batch)
            last = batch[-1]
            if small and scanned >= SCAN_BUDGET:
                break
        else:
            last = None  # the whole range was read
    if last is None or scope.grids is None:
        return
    # Budget spent on other grids' rows: go on, in the same order, from the scope's own keys.
    after = _index_order(last)
    yield from (row for row in _grid_rows(reader, probe, scope.grids) if _index_order(row) > after)


# -- searching ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Match:
    household_id: str
    resident_id: str | None
    found: list[tuple[str, str, Probe]] = field(default_factory=list)  # (term, kind, probe)


def search(
    reader: Reader,
    text: str,
    *,
    limit: int = 50,
    grid_ids: Collection[str] | None = None,
) -> list[SearchHit]:
    """Households and residents matching ``text``: exact matches first, then prefix matches.

    ``grid_ids`` restricts the search to those grids (a worker sees only their own); an empty
    collection finds nothing. Moved-out residents are included, after the others of the same
    rank. Read-only; run it with ``store.read(lambda r: search(r, "zs"))``.
    """
    probes = plan(text)
    if not probes or limit <= 0:
        return []
    scope = resolve_scope(reader, grid_ids)
    if scope.grids is not None and scope.size == 0:
        return []
    matches: dict[tuple[str, str | None], _Match] = {}
    for probe in probes:
        if len(matches) >= limit:
            break
        with closing(_scan(reader, probe, scope)) as rows:
            for term, kind, household_id, resident_id in rows:
                key = (household_id, resident_id)
                match = matches.get(key)
                if match is None:
                    if len(matches) >= limit:
                        break
                    match = matches[key] = _Match(household_id, resident_id)
                match.found.append((term, kind, probe))
    return _rank(reader, list(matches.values()))


def _rank(reader: Reader, matches: list[_Match]) -> list[SearchHit]:
    """Display fields for ``matches``, best first: whole-value, other exact, then prefix."""
    if not matches:
        return []
    households = _by_id(
        reader,
        "SELECT id, address, grid_id, phone FROM household",
        {m.household_id for m in matches},
    )
    residents = _by_id(
        reader,
        "SELECT id, name, phone, id_number, moved_out FROM resident",
        {m.resident_id for m in matches if m.resident_id is not None},
    )
    ranked: list[tuple[int, bool, int, SearchHit]] = []
    for order, match in enumerate(matches):
        household = households.get(match.household_id)
        resident = residents.get(match.resident_id) if match.resident_id else None
        if household is None or (match.resident_id is not None and resident is None):
            continue  # an index row without its record: nothing to show
        owner = resident or household
        best: tuple[int, str] | None = None
        for term, kind, probe in match.found:
            rank = _rank_of(term, kind, probe, owner)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, kind)
        if best is None:
            continue
        moved_out = bool(resident and resident["moved_out"])
        hit = SearchHit(
            household_id=match.household_id,
            resident_id=match.resident_id,
            name=resident["name"] if resident else "",
            address=household["address"],
            matched_kind=best[1],
            exact=best[0] == 0,
            moved_out=moved_out,
            grid_id=household["grid_id"],
        )
        ranked.append((best[0], moved_out, order, hit))
    ranked.sort(key=lambda item: item[:3])
    return [hit for *_, hit in ranked]


def _rank_of(term: str, kind: str, probe: Probe, owner: dict[str, Any]) -> int | None:
    """0: the query is the whole value; 1: it equals an indexed part; 2: a prefix; None: no."""
    if probe.id_tail is not None:
        value = normalize_id_number(owner.get("id_number") or "")
        return 0 if value == probe.id_tail else 1 if value.endswith(probe.id_tail) else None
    if not probe.exact:
        return 2
    if kind == NAME:  # 三 is the whole name of 三 but only the given name of 张三
        return 0 if term in whole_name_keys(owner["name"]) else 1
    if kind == PHONE:  # 5678 is the tail of 13812345678
        return 0 if phone_digits(owner["phone"]) == term else 1
    return 0  # pinyin, initials and address keys are whole values


def _by_id(reader: Reader, select: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = tuple(ordered[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        for row in reader.iter(f"{select} WHERE id IN ({marks})", chunk):
            rows[row["id"]] = row
    return rows
