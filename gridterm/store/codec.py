"""Stored rows ↔ domain records, derived once from each record's dataclass (行编解码).

A row and its record share their names: a column per field. How a field is stored follows
from its type — text and numbers as they are, a flag as 0/1, a time or a day as ISO text, an
enum as its value, a tuple or a frozenset as a JSON list (a list already decoded on the
server) — so a kind of record declares only what its types do not say (a visit's concerns
are JSON objects). The catalog (gridterm/store/entities.py) holds one codec per record.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")

#: A missing value: the field's default applies.
_NO_DEFAULT: Any = dataclasses.MISSING


def _same(value: Any) -> Any:
    return value


class Stored(Enum):
    """A field stored other than as one column of its own name."""

    #: Not stored: read as the field's default (premises' ``extra``, a user's grids).
    NOT = "not"
    #: A dataclass (or None) stored as the columns of its own fields (a check-in's location
    #: as latitude, longitude, accuracy_m); None when its first column is NULL.
    FLAT = "flat"


@dataclass(frozen=True, slots=True)
class Column:
    """How one field is stored, where its type alone does not say: ``read`` turns the
    stored value into the field's, ``write`` the field's into what is stored."""

    read: Callable[[Any], Any]
    write: Callable[[Any], Any]


def json_list(value: Any) -> list[Any]:
    """A JSON list column as a list: JSON text on the terminal, a list or text on the
    server, nothing for NULL or empty text."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return list(json.loads(value))
    return list(value)


def _time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(value)


def _iso(value: Any) -> Any:
    return value.isoformat()


def _enum_value(value: Any) -> Any:
    return value.value


def _column_of(kind: Any) -> tuple[Column, bool, bool]:
    """The column for a field's type, whether it was declared optional (``X | None``), and
    whether empty text stands for None (an optional time, day or enum; not optional text)."""
    optional = False
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no column for the union {kind}: declare one")
        optional, kind = True, args[0]
    return _plain_column(kind), optional, optional and kind is not str


def _plain_column(kind: Any) -> Column:
    origin = typing.get_origin(kind)
    if origin in (tuple, frozenset):
        args = typing.get_args(kind)
        item = _plain_column(args[0])
        if origin is tuple and item.read is _same:  # text items (photos): the common case
            return Column(lambda v: tuple(json_list(v)), list)
        if origin is tuple:
            return Column(
                lambda v: tuple([item.read(x) for x in json_list(v)]),
                lambda v: [item.write(x) for x in v],
            )
        return Column(
            lambda v: frozenset(item.read(x) for x in json_list(v)),
            lambda v: sorted(item.write(x) for x in v),
        )
    if kind is bool:
        return Column(bool, _same)
    if kind in (str, int, float):
        return Column(_same, _same)
    if kind is datetime:
        return Column(_time, _iso)
    if kind is date:
        return Column(_day, _iso)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return Column(kind, _enum_value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):  # a JSON list's object
        inner: Codec[Any] = Codec(kind)
        return Column(inner.read, inner.row)
    raise TypeError(f"no column for {kind}: declare one")


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    column: Column
    optional: bool
    blank_is_none: bool
    default: Any
    factory: Any
    stored: bool = True
    flat: Codec[Any] | None = None

    @property
    def has_default(self) -> bool:
        return self.default is not _NO_DEFAULT or self.factory is not _NO_DEFAULT

    def default_value(self) -> Any:
        if self.default is not _NO_DEFAULT:
            return self.default
        if self.factory is not _NO_DEFAULT:
            return self.factory()
        raise KeyError(self.name)


def _getter(f: _Field) -> Callable[[Mapping[str, Any]], Any]:
    """The function reading field ``f`` from a row."""
    name, read = f.name, f.column.read
    if f.flat is not None:
        flat, first = f.flat, f.flat.names[0]
        return lambda row: None if row.get(first) is None else flat.read(row)
    if not f.stored:
        return lambda row: f.default_value()

    def missing(row: Mapping[str, Any]) -> Any:
        if f.optional or (name in row and not f.has_default):
            return None
        return f.default_value()

    if f.blank_is_none:

        def get_blank(row: Mapping[str, Any]) -> Any:
            value = row.get(name)
            return missing(row) if value is None or value == "" else read(value)

        return get_blank
    if read is _same:

        def get_plain(row: Mapping[str, Any]) -> Any:
            value = row.get(name)
            return missing(row) if value is None else value

        return get_plain

    def get(row: Mapping[str, Any]) -> Any:
        value = row.get(name)
        return missing(row) if value is None else read(value)

    return get


class Codec(Generic[R]):
    """Reads a row as a record and writes a record as a row, column for field."""

    def __init__(
        self, record: type[R], columns: Mapping[str, Column | Stored] | None = None
    ) -> None:
        declared = dict(columns or {})
        hints = typing.get_type_hints(record)
        fields: list[_Field] = []
        for f in dataclasses.fields(record):
            given = declared.pop(f.name, None)
            field = _Field(f.name, Column(_same, _same), False, False, f.default, f.default_factory)
            if given is Stored.NOT:
                field = dataclasses.replace(field, stored=False)
            elif given is Stored.FLAT:
                inner = typing.get_args(hints[f.name]) or (hints[f.name],)
                field = dataclasses.replace(field, flat=Codec(inner[0]), optional=True)
            elif given is not None:
                field = dataclasses.replace(field, column=given)
            else:
                column, optional, blank = _column_of(hints[f.name])
                field = dataclasses.replace(
                    field, column=column, optional=optional, blank_is_none=blank
                )
            fields.append(field)
        if declared:
            raise TypeError(f"{record.__name__} has no field {sorted(declared)[0]}")
        self.record = record
        self._fields = tuple(fields)
        # one getter per field, in the order of the dataclass's arguments: read runs for every
        # row of a list, so each does only what its column needs
        self._getters = tuple(_getter(f) for f in fields)

    @property
    def names(self) -> tuple[str, ...]:
        """The record's columns, in the order of its fields."""
        out: list[str] = []
        for f in self._fields:
            if f.flat is not None:
                out.extend(f.flat.names)
            elif f.stored:
                out.append(f.name)
        return tuple(out)

    def read(self, row: Mapping[str, Any]) -> R:
        """The record a stored row stands for. A column the row lacks (an older schema) or
        holds NULL in for a field that is not optional takes the field's default."""
        return self.record(*[get(row) for get in self._getters])

    def row(self, record: R, *, without: Collection[str] = ()) -> dict[str, Any]:
        """The columns of a record as they are stored (lists for JSON columns, which the
        store writes as JSON text); ``without`` leaves out columns the table fills itself."""
        out: dict[str, Any] = {}
        for f in self._fields:
            if f.name in without:
                continue
            value = getattr(record, f.name)
            if f.flat is not None:
                out.update(dict.fromkeys(f.flat.names) if value is None else f.flat.row(value))
            elif f.stored:
                out[f.name] = None if value is None else f.column.write(value)
        return out
