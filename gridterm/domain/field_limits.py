"""How deep and how large one field of a record may be, on the terminal and on the server.

A record's fields are scalars or JSON text holding short lists of small objects (a visit's
concerns, a ticket's photos): two or three levels at most. A value nested hundreds of levels
deep, or megabytes long, is never a worker's input; it is refused as bad input before it is
stored (terminal) or applied (server), instead of exhausting a parser's recursion and
answering 500 forever.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gridterm.errors import ValidationError

#: Levels of lists and objects one field may hold, JSON text counted as parsed.
MAX_FIELD_DEPTH = 8
#: Characters one field may hold (text, or JSON text as sent).
MAX_FIELD_CHARS = 64 * 1024


def too_deep(field: str) -> ValidationError:
    """The refusal of a field nested deeper than ``MAX_FIELD_DEPTH``."""
    message = f"{field} is nested deeper than {MAX_FIELD_DEPTH} levels"
    return ValidationError("field.too_deep", message, field=field, max_depth=MAX_FIELD_DEPTH)


def _too_large(field: str) -> ValidationError:
    message = f"{field} is longer than {MAX_FIELD_CHARS} characters"
    return ValidationError("field.too_large", message, field=field, max_len=MAX_FIELD_CHARS)


def nesting(value: Any) -> int:
    """Levels of lists, tuples and dicts in ``value`` (0 for a scalar); iterative, so any
    depth is measured without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list | tuple):
            continue
        level += 1
        deepest = max(deepest, level)
        if deepest > MAX_FIELD_DEPTH:
            return deepest
        stack.extend((child, level) for child in item)
    return deepest


def text_nesting(text: str) -> int:
    """Levels of brackets in JSON text, outside strings, without parsing it."""
    if text.count("[") + text.count("{") <= MAX_FIELD_DEPTH:
        return 0  # cannot be deeper than the limit: skip the scan (the common case)
    level = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            level += 1
            deepest = max(deepest, level)
        elif ch in "]}":
            level -= 1
    return deepest


def check_field(field: str, value: Any) -> None:
    """Refuse a field value that is too large or too deep (JSON text counted as parsed)."""
    if isinstance(value, str):
        if len(value) > MAX_FIELD_CHARS:
            raise _too_large(field)
        if value[:1] in ("[", "{") and text_nesting(value) > MAX_FIELD_DEPTH:
            raise too_deep(field)
        return
    if isinstance(value, list | tuple | dict) and nesting(value) > MAX_FIELD_DEPTH:
        raise too_deep(field)


def check_fields(fields: Mapping[str, Any]) -> None:
    """``check_field`` for every field of a record."""
    # called for every pushed op: what no limit can touch is passed over here, without a
    # call per field — a number, None, text that is not JSON (or too short to nest deeper
    # than the limit: that takes more brackets) and within the length
    for name, value in fields.items():
        kind = type(value)
        if kind is str:
            if len(value) > MAX_FIELD_DEPTH and (len(value) > MAX_FIELD_CHARS or value[0] in "[{"):
                check_field(name, value)
        elif value is not None and kind is not int and kind is not bool and kind is not float:
            check_field(name, value)
