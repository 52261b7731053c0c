"""Between the terminal's column encoding (JSON text, 0/1) and Python values for the core."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Table

from gridterm.errors import ValidationError
from sync.server.db.schema import columns_marked, wire_columns

_cache: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def _shape(table: Table) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    shape = _cache.get(table.name)
    if shape is None:
        shape = (
            frozenset(wire_columns(table)),
            columns_marked(table, "json"),
            columns_marked(table, "bool"),
        )
        _cache[table.name] = shape
    return shape


def decode(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as sent → Python values: JSON text parsed, 0/1 to bool. Unknown columns refused."""
    known, json_cols, bool_cols = _shape(table)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in known:
            raise ValidationError("field.unknown", f"{table.name} has no field {name}", field=name)
        if name in json_cols and isinstance(value, str):
            if value == "[]":
                out[name] = []
                continue
            try:
                value = json.loads(value)
            except ValueError:
                raise ValidationError("field.bad_json", f"{name} is not JSON", field=name) from None
        elif name in bool_cols and type(value) is int and value in (0, 1):
            value = bool(value)
        out[name] = value
    return out


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


def same_text(fields: dict[str, Any], name: str, parsed: Any, validated: Any) -> Any:
    """The JSON text as sent when validation left it unchanged (saves re-encoding it)."""
    sent = fields.get(name)
    return sent if isinstance(sent, str) and parsed == validated else validated


def load_json(text: str | None) -> Any:
    """Parse a stored JSON column."""
    return json.loads(text) if text else None
