"""The SQL of the search's probes on ``search_term`` and its owners (``search_owner``)."""

from __future__ import annotations

from gridterm.search.plan import Probe


def _where(probe: Probe, prefix: str = "", *, term_index: bool = True) -> tuple[str, tuple]:
    """WHERE clause of a probe on ``search_term`` columns qualified with ``prefix`` (st.)."""
    kinds = f"{prefix}kind IN ({', '.join('?' * len(probe.kinds))})"
    # "+term" keeps the planner off the term index when the owner index is the way in.
    term = f"{prefix}term" if term_index else f"+{prefix}term"
    if probe.high is None:
        return f"{term} = ? AND {kinds}", (probe.low, *probe.kinds)
    return f"{term} >= ? AND {term} < ? AND {kinds}", (probe.low, probe.high, *probe.kinds)


#: A key's columns and its owner's, as ``Row`` has them.
_ROW_COLUMNS = "st.term, st.kind, st.owner, o.household_id, o.resident_id"


def probe_sql(probe: Probe) -> tuple[str, tuple[str, ...]]:
    """SQL reading one probe's rows in index order (term, kind, owner), with the household
    and resident each key's owner stands for."""
    where, params = _where(probe, "st.")
    sql = (
        f"SELECT {_ROW_COLUMNS} FROM search_term st CROSS JOIN search_owner o"
        f" WHERE {where} AND o.id = st.owner"
    )
    return sql, params


def grid_probe_sql(probe: Probe, grids: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """SQL reading one probe's rows among the keys of ``grids``' households only.

    An exact probe seeks (term, kind, owner) in the term index for each owner of those
    households; a range cannot, so it reads each owner's keys through the owner index.
    """
    where, params = _where(probe, "st.", term_index=probe.high is None)
    marks = ", ".join("?" * len(grids))
    sql = (
        f"SELECT {_ROW_COLUMNS}"
        " FROM household h CROSS JOIN search_owner o CROSS JOIN search_term st"
        f" WHERE h.grid_id IN ({marks}) AND o.household_id = h.id AND {where}"
        " AND st.owner = o.id"
    )
    return sql, (*grids, *params)


def grid_records_sql(grids: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
    """SQL listing the addresses of ``grids``' households, and the names of their residents,
    each with its ``search_owner`` id."""
    marks = ", ".join("?" * len(grids))
    households = (
        "SELECT o.id, h.id, h.address FROM household h CROSS JOIN search_owner o"
        f" WHERE h.grid_id IN ({marks}) AND o.household_id = h.id AND o.resident_id IS NULL"
    )
    residents = (
        "SELECT o.id, r.id, r.household_id, r.name"
        " FROM household h CROSS JOIN resident r CROSS JOIN search_owner o"
        f" WHERE h.grid_id IN ({marks}) AND r.household_id = h.id"
        " AND o.household_id = r.household_id AND o.resident_id = r.id"
    )
    return households, residents, grids
