"""Between the terminal's column encoding (JSON text, 0/1) and Python values for the core."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import Table

from gridterm.domain.field_limits import check_fields, too_deep
from gridterm.errors import ValidationError
from sync.server.db.schema import columns_marked, wire_columns

#: Keyed by the Table itself: reading ``table.name`` costs more than the lookup (per op).
_cache: dict[Table, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def _shape(table: Table) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    shape = _cache.get(table)
    if shape is None:
        shape = (
            frozenset(wire_columns(table)),
            columns_marked(table, "json"),
            columns_marked(table, "bool"),
        )
        _cache[table] = shape
    return shape


def decode(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as sent → Python values: JSON text parsed, 0/1 to bool. Unknown columns, and
    values too large or too deep (``gridterm.domain.field_limits``), refused."""
    known, json_cols, bool_cols = _shape(table)
    if not known.issuperset(fields):
        name = sorted(fields.keys() - known)[0]
        raise ValidationError("field.unknown", f"{table.name} has no field {name}", field=name)
    check_fields(fields)
    out = dict(fields)
    for name in json_cols:
        value = out.get(name)
        if value == "[]":
            out[name] = []
        elif isinstance(value, str):
            out[name] = _parse_json(value, name)
    for name in bool_cols:
        value = out.get(name)
        if type(value) is int and value in (0, 1):
            out[name] = bool(value)
    return out


def _parse_json(text: str, name: str) -> Any:
    """JSON text as ``json.loads`` reads it; msgspec first (one C call, the common case),
    ``json.loads`` for what msgspec refuses (NaN, lone surrogates) and to judge it."""
    try:
        return _json_decode(text)
    except msgspec.DecodeError:
        pass
    except RecursionError:  # check_fields measured it first; this is the last guard
        raise too_deep(name) from None
    try:
        return json.loads(text)
    except ValueError:
        raise ValidationError("field.bad_json", f"{name} is not JSON", field=name) from None
    except RecursionError:
        raise too_deep(name) from None


_json_decode = msgspec.json.decode


def encode(value: Any) -> Any:
    """Python value → stored/wire value, as the terminal encodes it."""
    kind = type(value)
    if kind is str or kind is int or kind is float or value is None:
        return value
    if kind is bool:
        return int(value)
    if kind is list and not value:
        return "[]"
    if isinstance(value, frozenset | set):
        return json.dumps(sorted(value), ensure_ascii=False)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def same_text(fields: dict[str, Any], name: str, parsed: Any, validated: Any) -> str:
    """The stored JSON text: as sent when validation left it unchanged (saves re-encoding)."""
    sent = fields.get(name)
    if isinstance(sent, str) and parsed == validated:
        return sent
    return encode(validated)


#: What ``datetime.isoformat()`` writes for an aware time: seconds, maybe microseconds, and
#: an offset in hours and minutes.
_ISO_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?[+-][0-9]{2}:[0-9]{2}"
)


def time_text(sent: object, parsed: datetime) -> str:
    """The stored text of a time: as sent when it is already what ``parsed.isoformat()``
    gives (formatting a datetime costs a third of checking a whole visit), else that."""
    # isoformat writes microseconds only when there are some (the text that matches is 32
    # characters long with them, 25 without), and UTC as +00:00
    if (
        isinstance(sent, str)
        and _ISO_TIME.fullmatch(sent) is not None
        and (len(sent) == 32) is (parsed.microsecond != 0)
        and not sent.endswith("-00:00")
    ):
        return sent
    return parsed.isoformat()
