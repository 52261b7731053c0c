"""The server's metadata and the columns its tables declare alike, each written once here.

Every table module (``*_schema.py`` beside this one) declares its tables on ``metadata``;
``sync/server/db/schema.py`` gathers them. ``info=SERVER`` marks a column only the server has
(a terminal neither receives nor sends it); ``info=JSON``/``BOOL`` a column held as JSON text
or 0/1, as on the terminal.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, MetaData, String, Text

metadata: MetaData = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

SERVER = {"server": True}
JSON = {"wire": "json"}
BOOL = {"wire": "bool"}

#: A 64-bit serial on PostgreSQL; SQLite's rowid alias must be INTEGER to autoincrement.
SERIAL = BigInteger().with_variant(Integer, "sqlite")


def id_key() -> Column:
    """The ``id`` primary key of a record (a UUID, or a derived id)."""
    return Column("id", String(64), primary_key=True)


def serial_key(name: str) -> Column:
    """An autoincrementing primary key, for the server's own logs."""
    return Column(name, SERIAL, primary_key=True, autoincrement=True)


def parent(name: str, table: str, *, index: bool | None = None, nullable: bool = False) -> Column:
    """A column naming a row of ``table`` by its id (a foreign key)."""
    return Column(name, String(64), ForeignKey(f"{table}.id"), nullable=nullable, index=index)


def grid_copy(*, index: bool = True) -> Column:
    """The grid of a record whose terminal table has none, kept for scope and partitions."""
    return Column("grid_id", String(64), nullable=False, index=index, info=SERVER)


def version() -> Column:
    """The row's version, raised by the server at every change."""
    return Column("version", Integer, nullable=False, server_default="0")


def field_versions() -> Column:
    """{"phone": 7, ...}: the row version at which each field last changed (field-level merge)."""
    return Column("field_versions", Text, nullable=False, server_default="{}", info=SERVER)


def merged() -> tuple[Column, Column]:
    """The two columns of a record merged field by field: its version and its fields'."""
    return version(), field_versions()


def num() -> Column:
    """A small integer naming the row's partition in cursors (keeps cursors short)."""
    return Column("num", Integer, nullable=False, unique=True, info=SERVER)


def flag(name: str) -> Column:
    """A yes/no field, 0/1 on both sides."""
    return Column(name, Integer, nullable=False, server_default="0", info=BOOL)


def json_list(name: str) -> Column:
    """A list held as JSON text, empty by default."""
    return Column(name, Text, nullable=False, server_default="[]", info=JSON)


def text_field(name: str, *, nullable: bool = False, default: str | None = "") -> Column:
    """A text field, empty by default (``default=None``: no default)."""
    if default is None:
        return Column(name, Text, nullable=nullable)
    return Column(name, Text, nullable=nullable, server_default=default)
