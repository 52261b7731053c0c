"""Answering what a worker types in the search box (搜索), as they type.

A query is classified into probes on the ``search_term`` index: exact probes (``term = ?``)
first, then prefix probes (a ``term`` range). A probe reads its range of the
``search_term_term`` B-tree lazily and stops as soon as enough households and residents are
found, so the cost follows the result size, not the register's size.

The probes come from ``plan`` (what the text means), the visible households from ``scope``.
When a short prefix meets a small scope (1 letter in one grid of a street office), most rows
of the range are somebody else's; after ``SCAN_BUDGET`` rows the probe goes on with the
scope's own keys: derived from its few hundred households and residents, or read per
household through ``search_term_owner``.

``answer`` is what the search box shows: the hits, whether the list was cut at its limit, and
a hint about the query itself (too few digits for a phone number).
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from gridterm.search.plan import TOP, Probe, hint, plan
from gridterm.search.probes import grid_probe_sql, grid_records_sql, probe_sql
from gridterm.search.scope import Scope, resolve_scope
from gridterm.search.terms import (
    ADDRESS,
    ID,
    INITIALS,
    NAME,
    PHONE,
    PINYIN,
    address_key,
    may_begin,
    name_keys,
    name_terms,
    normalize_id_number,
    phone_digits,
    spells,
    whole_name_keys,
)
from gridterm.store.reader import Reader

#: Index rows one probe reads before a small scope switches to reading its own keys.
SCAN_BUDGET = 1000
#: Households a scope may have for reading all its keys to be cheap (a few grids).
GRID_DRIVEN_MAX = 1500
#: Most units of one building a room typed without its unit is looked for in.
MAX_UNITS = 40
#: The first key of a kind at or after a point of a range: one seek of the term index, for
#: skip scans (the units of a building, the characters after a surname).
NEXT_TERM_SQL = "SELECT term FROM search_term WHERE term >= ? AND term < ? AND kind = ? LIMIT 1"

#: A key as a probe reads it: (term, kind, owner, household_id, resident_id). The term
#: index orders keys by (term, kind, owner): ``_index_order``.
Row = tuple[str, str, int, str, str | None]


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


# -- reading the index -------------------------------------------------------------------


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
        for owner, household_id, address in reader.conn.execute(households_sql, params):
            if key := address_key(address):
                yield key, ADDRESS, owner, household_id, None
    if kinds & {PINYIN, INITIALS}:
        for owner, resident_id, household_id, name in reader.conn.execute(residents_sql, params):
            for kind, term in name_terms(name):
                if kind in kinds:
                    yield term, kind, owner, household_id, resident_id
    elif NAME in kinds:
        for owner, resident_id, household_id, name in reader.conn.execute(residents_sql, params):
            for key in name_keys(name):
                yield key, NAME, owner, household_id, resident_id


def _in_range(term: str, probe: Probe) -> bool:
    if probe.high is None:
        return term == probe.low
    return probe.low <= term < probe.high


def _index_order(row: Row) -> tuple[str, str, int]:
    return row[0], row[1], row[2]


def _batches(reader: Reader, probe: Probe) -> Generator[list[Row]]:
    """The probe's rows in index order, a batch at a time."""
    if probe.spelled is not None:
        yield from _spelled_batches(reader, probe)
        return
    sql, params = probe_sql(probe)
    with closing(reader.conn.execute(sql, params)) as cursor:
        # A first small batch: as-you-type queries usually stop within it.
        batch_size = 64
        while batch := cursor.fetchmany(batch_size):
            batch_size = 512
            yield batch


def _spelled_batches(reader: Reader, probe: Probe) -> Iterator[list[Row]]:
    """张y: the name keys 张<c>… whose next character c the first letter can begin, one batch
    per character. A skip scan: one seek finds the next character in use after 张, and the
    keys of a character that cannot begin y (张三…) are stepped over, never read."""
    assert probe.spelled is not None and probe.high is not None
    first = probe.spelled[0]
    low = probe.low + "\x00"
    while row := reader.conn.execute(NEXT_TERM_SQL, (low, probe.high, NAME)).fetchone():
        run = row[0][: len(probe.low) + 1]
        if may_begin(run[-1], first):
            sql, params = probe_sql(Probe(run, run + TOP, (NAME,), exact=False))
            yield reader.conn.execute(sql, params).fetchall()
        low = run + TOP


def _scan(reader: Reader, probe: Probe, scope: Scope) -> Generator[Row]:
    """The probe's rows in scope, in index order, read lazily so the caller can stop early."""
    # Phone and ID ranges are short (4 digits at least) and many keys per person would make
    # the scope's own keys slow: they are always read from the term index.
    small = (
        scope.grids is not None
        and scope.size <= GRID_DRIVEN_MAX
        and not set(probe.kinds) & {PHONE, ID}
    )
    last: Row | None = None
    scanned = 0
    with closing(_batches(reader, probe)) as batches:
        for batch in batches:
            for row in batch:
                if scope.visible(row[3]):
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


@dataclass(frozen=True, slots=True)
class SearchAnswer:
    """What a search box shows for one query."""

    hits: list[SearchHit]
    #: More matched than ``limit``: these are the first, the worker should type more.
    more: bool = False
    #: A code about the query itself (``plan.SHORT_NUMBER``), or None.
    hint: str | None = None


def answer(
    reader: Reader, text: str, *, limit: int = 50, grid_ids: Collection[str] | None = None
) -> SearchAnswer:
    """``search`` for a search box: the first ``limit`` hits, and whether there were more."""
    hits = search(reader, text, limit=limit + 1, grid_ids=grid_ids)
    return SearchAnswer(hits[:limit], more=len(hits) > limit, hint=hint(text))


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
    for probe in _per_unit(reader, probes):
        if len(matches) >= limit:
            break
        with closing(_scan(reader, probe, scope)) as rows:
            for term, kind, _, household_id, resident_id in rows:
                if probe.spelled is not None and _spelled(term, probe) is None:
                    continue
                key = (household_id, resident_id)
                match = matches.get(key)
                if match is None:
                    if len(matches) >= limit:
                        break
                    match = matches[key] = _Match(household_id, resident_id)
                match.found.append((term, kind, probe))
    return _rank(reader, list(matches.values()))


def _per_unit(reader: Reader, probes: list[Probe]) -> Iterator[Probe]:
    """The probes, each room probe replaced by one probe per unit of its building, found when
    (and only if) the search gets that far."""
    units: dict[str, list[str]] = {}
    for probe in probes:
        if probe.room is None:
            yield probe
            continue
        if probe.low not in units:
            units[probe.low] = _units(reader, probe.low)
        yield from (probe.for_unit(unit) for unit in units[probe.low])


def _units(reader: Reader, building: str) -> list[str]:
    """The units of ``building`` ("1-") among the address keys: a skip scan of the term index,
    one seek per unit (1-1-…, then past every key of unit 1 to 1-2-…), street-wide."""
    found: list[str] = []
    low = building
    while len(found) < MAX_UNITS:
        row = reader.conn.execute(NEXT_TERM_SQL, (low, building + TOP, ADDRESS)).fetchone()
        if row is None:
            break
        unit = row[0][len(building) :].split("-", 1)[0]
        found.append(unit)
        low = f"{building}{unit}-{TOP}"
    return found


def _spelled(term: str, probe: Probe) -> int | None:
    """How many characters of the name key after the probe's characters its letters cover."""
    assert probe.spelled is not None
    return spells(term[len(probe.low) :], probe.spelled)


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
    if probe.spelled is not None:  # 张y: 张勇 spelled whole, 李张勇 by a part, 张永红 begun
        if _spelled(term, probe) != len(term) - len(probe.low):
            return 2
        return 0 if term in whole_name_keys(owner["name"]) else 1
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
