"""The server's tables (SQLAlchemy Core), for SQLite and PostgreSQL alike.

Synced tables mirror the terminal's (gridterm/store/migrations) column for column, with the
same value encoding, so a pulled row is inserted on the terminal as it is. Columns only the
server needs carry ``info={"server": True}``; ``info={"wire": "json"|"bool"}`` marks columns
held as JSON text or 0/1, as on the terminal.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

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


def _id() -> Column:
    return Column("id", String(64), primary_key=True)


def _version() -> Column:
    return Column("version", Integer, nullable=False, server_default="0")


def _field_versions() -> Column:
    # {"phone": 7, ...}: the row version at which each field last changed (field-level merge)
    return Column("field_versions", Text, nullable=False, server_default="{}", info=SERVER)


def _num() -> Column:
    # a small integer naming the row's partition in cursors (keeps cursors short)
    return Column("num", Integer, nullable=False, unique=True, info=SERVER)


def _bool(name: str) -> Column:
    return Column(name, Integer, nullable=False, server_default="0", info=BOOL)


def _json_list(name: str) -> Column:
    return Column(name, Text, nullable=False, server_default="[]", info=JSON)


def _text(name: str, *, nullable: bool = False, default: str | None = "") -> Column:
    if default is None:
        return Column(name, Text, nullable=nullable)
    return Column(name, Text, nullable=nullable, server_default=default)


# -- territory and register -------------------------------------------------------------------

street_office = Table(
    "street_office", metadata, _id(), Column("name", Text, nullable=False), _version(), _num()
)
community = Table(
    "community",
    metadata,
    _id(),
    Column("street_office_id", String(64), ForeignKey("street_office.id"), nullable=False),
    Column("name", Text, nullable=False),
    _version(),
    _num(),
)
grid = Table(
    "grid",
    metadata,
    _id(),
    Column("community_id", String(64), ForeignKey("community.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False, server_default="residential"),
    _version(),
    _num(),
)
building = Table(
    "building",
    metadata,
    _id(),
    Column("grid_id", String(64), ForeignKey("grid.id"), nullable=False, index=True),
    Column("number", Text, nullable=False),
    _text("name"),
    Column("floors", Integer, nullable=False, server_default="1"),
    _text("captain"),
    _version(),
)
unit = Table(
    "unit",
    metadata,
    _id(),
    Column("building_id", String(64), ForeignKey("building.id"), nullable=False, index=True),
    Column("number", Text, nullable=False),
    _version(),
    Column("grid_id", String(64), nullable=False, index=True, info=SERVER),
)
household = Table(
    "household",
    metadata,
    _id(),
    Column("grid_id", String(64), ForeignKey("grid.id"), nullable=False, index=True),
    Column("building_id", String(64), ForeignKey("building.id"), nullable=False),
    Column("unit_id", String(64), ForeignKey("unit.id"), nullable=False),
    Column("floor", Integer, nullable=False),
    Column("room", Text, nullable=False),
    Column("address", Text, nullable=False),
    _json_list("key_reasons"),
    _bool("party_member"),
    _bool("vacant"),
    _bool("rental"),
    _text("phone"),
    _text("notes"),
    _version(),
    _field_versions(),
)
resident = Table(
    "resident",
    metadata,
    _id(),
    Column("household_id", String(64), ForeignKey("household.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("gender", String(10), nullable=False),
    _text("birth_date", nullable=True, default=None),
    Column("relation", String(20), nullable=False, server_default="other"),
    _text("id_number"),
    _text("phone"),
    _text("health"),
    _bool("party_member"),
    _bool("moved_out"),
    _version(),
    Column("grid_id", String(64), nullable=False, index=True, info=SERVER),
    _field_versions(),
)
premises = Table(
    "premises",
    metadata,
    _id(),
    Column("grid_id", String(64), ForeignKey("grid.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    *(
        _text(c)
        for c in (
            "operator",
            "licence_no",
            "contact_phone",
            "trade",
            "building",
            "floor",
            "row",
            "number",
        )
    ),
    _version(),
    _field_versions(),
)

# -- users ------------------------------------------------------------------------------------

user = Table(
    "app_user",  # "user" is reserved in PostgreSQL; the terminal's table is "user"
    metadata,
    _id(),
    Column("worker_id", String(40), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("role", String(30), nullable=False),
    Column("community_id", String(64), ForeignKey("community.id"), nullable=True),
    Column("street_office_id", String(64), ForeignKey("street_office.id"), nullable=True),
    _version(),
    _num(),
    Column("pin_hash", Text, nullable=True, info=SERVER),
    Column("active", Integer, nullable=False, server_default="1", info=SERVER),
)
user_grid = Table(
    "user_grid",
    metadata,
    Column("user_id", String(64), ForeignKey("app_user.id"), nullable=False),
    Column("grid_id", String(64), ForeignKey("grid.id"), nullable=False, index=True),
    PrimaryKeyConstraint("user_id", "grid_id"),
)

# -- field records ----------------------------------------------------------------------------

check_in = Table(
    "check_in",
    metadata,
    _id(),
    Column("user_id", String(64), ForeignKey("app_user.id"), nullable=False, index=True),
    Column("kind", String(4), nullable=False),
    Column("at", Text, nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("accuracy_m", Float),
)
visit = Table(
    "visit",
    metadata,
    _id(),
    # no index on household_id: the server finds visits by id and by grid, never by household
    Column("household_id", String(64), ForeignKey("household.id"), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("visited_at", Text, nullable=False),
    Column("visit_type", String(30), nullable=False),
    _json_list("met"),
    _json_list("concerns"),
    _text("notes"),
    Column("outcome", String(20), nullable=False),
    _json_list("photos"),
    Column("ticket_id", String(64)),
    Column("revision_of", String(64)),
    Column("created_at", Text, nullable=False),
    Column("grid_id", String(64), nullable=False, index=True, info=SERVER),
)
ticket = Table(
    "ticket",
    metadata,
    _id(),
    Column("grid_id", String(64), ForeignKey("grid.id"), nullable=False, index=True),
    Column("category", Text, nullable=False),
    Column("title", Text, nullable=False),
    _text("description"),
    _bool("urgent"),
    Column("status", String(20), nullable=False),
    Column("level", String(20), nullable=False),
    Column("reported_by", String(64), nullable=False),
    Column("reported_at", Text, nullable=False),
    Column("household_id", String(64)),
    Column("visit_id", String(64)),
    _text("department"),
    _text("location"),
    _json_list("photos"),
    Column("updated_at", Text, nullable=False),
    _version(),
    _field_versions(),
)
ticket_transition = Table(
    "ticket_transition",
    metadata,
    _id(),
    Column("ticket_id", String(64), ForeignKey("ticket.id"), nullable=False, index=True),
    Column("action", String(20), nullable=False),
    Column("from_status", String(20)),
    Column("to_status", String(20), nullable=False),
    Column("from_level", String(20)),
    Column("to_level", String(20), nullable=False),
    Column("by_user", String(64), nullable=False),
    Column("at", Text, nullable=False),
    _text("note"),
    _text("department"),
    Column("photo", String(64)),
    Column("grid_id", String(64), nullable=False, info=SERVER),
    # the server's stamps (gridterm.domain.server_clock): when it received the step, and the
    # step's time on its clock; pulled by terminals, empty until the step reached the server
    Column("received_at", Text),
    Column("server_at", Text),
)
checklist_template = Table(
    "checklist_template",
    metadata,
    _id(),
    Column("code", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("items", Text, nullable=False, info=JSON),
    UniqueConstraint("code", "version"),
)
office_settings = Table(
    # a street office's settings, one row per publication; terminals use the highest revision
    "office_settings",
    metadata,
    _id(),
    Column("street_office_id", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("document", Text, nullable=False, info=JSON),
    Column("published_at", Text, nullable=False),
    UniqueConstraint("street_office_id", "revision"),
)
alert_mark = Table(
    # a worker's mark of an alert (notified, seen), its id derived from worker, alert, state
    "alert_mark",
    metadata,
    _id(),
    Column("user_id", String(64), nullable=False, index=True),
    Column("alert_key", Text, nullable=False),
    Column("state", String(10), nullable=False),
    Column("at", Text, nullable=False),
)
hazard_inspection = Table(
    "hazard_inspection",
    metadata,
    _id(),
    Column("premises_id", String(64), ForeignKey("premises.id"), nullable=False, index=True),
    Column("grid_id", String(64), ForeignKey("grid.id"), nullable=False),
    Column("inspector_id", String(64), nullable=False),
    Column("template_code", String(40), nullable=False),
    Column("template_version", Integer, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("completed_at", Text),
    Column("signature", String(64)),
    Column("revision_of", String(64)),
    Column("operator_absent", Text, nullable=False, server_default=""),
)
checklist_answer = Table(
    "checklist_answer",
    metadata,
    Column("inspection_id", String(64), ForeignKey("hazard_inspection.id"), nullable=False),
    Column("item_code", String(40), nullable=False),
    Column("result", String(4), nullable=False),
    _text("note"),
    _json_list("photos"),
    Column("grid_id", String(64), nullable=False, info=SERVER),
    PrimaryKeyConstraint("inspection_id", "item_code"),
)
hazard = Table(
    "hazard",
    metadata,
    _id(),
    Column(
        "inspection_id", String(64), ForeignKey("hazard_inspection.id"), nullable=False, index=True
    ),
    Column("premises_id", String(64), ForeignKey("premises.id"), nullable=False),
    Column("grid_id", String(64), nullable=False, index=True),
    Column("item_code", String(40), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("deadline", Text, nullable=False),
    Column("responsible", Text, nullable=False),
    _text("description"),
    Column("status", String(20), nullable=False),
    Column("found_at", Text, nullable=False),
    _json_list("photos"),
    Column("ticket_id", String(64)),
    Column("closed_at", Text),
    _version(),
    _field_versions(),
)
hazard_step = Table(
    "hazard_step",
    metadata,
    _id(),
    Column("hazard_id", String(64), ForeignKey("hazard.id"), nullable=False, index=True),
    Column("action", String(20), nullable=False),
    Column("from_status", String(20)),
    Column("to_status", String(20)),
    Column("by_user", String(64), nullable=False),
    Column("at", Text, nullable=False),
    _text("note"),
    _json_list("photos"),
    _text("party"),
    Column("ticket_id", String(64)),
    Column("grid_id", String(64), nullable=False, info=SERVER),
)
attachment = Table(
    "attachment",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mime", String(100), nullable=False),
    Column("kind", String(20), nullable=False, server_default="photo"),
    Column("created_at", Text, nullable=False),
)

# -- server bookkeeping -----------------------------------------------------------------------

meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
device = Table(
    "device",
    metadata,
    _id(),
    _text("name"),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("enrolled_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
    Column("enrollment_code_id", String(64)),
)
enrollment_code = Table(
    "enrollment_code",
    metadata,
    _id(),
    Column("code_hash", String(64), nullable=False, unique=True),
    _text("note"),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
    Column("device_id", String(64)),
)
session = Table(
    "session",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(64), ForeignKey("app_user.id"), nullable=False, index=True),
    Column("device_id", String(64), ForeignKey("device.id"), nullable=False, index=True),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
)
login_attempt = Table(
    "login_attempt",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("worker_id", String(40), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("ok", Integer, nullable=False),
    Index("ix_login_attempt_worker_at", "worker_id", "at"),
    Index("ix_login_attempt_device_at", "device_id", "at"),
)
applied_op = Table(
    "applied_op",
    metadata,
    Column("op_id", String(64), primary_key=True),
    Column("batch_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("at", BigInteger, nullable=False),
    # a conflict's answer ({"conflict_fields", "server"} as JSON), so that a batch delivered
    # again answers "duplicate" with the same details (migration 0003); NULL when applied
    Column("detail", Text, nullable=True),
    sqlite_with_rowid=False,  # one b-tree per insert instead of two: it takes a row per op
)
push_batch = Table(
    # every push batch committed, by device: a pipelined batch names the one it follows and
    # is applied only once that one is here (migration 0012, ``sync/server/push/order.py``)
    "push_batch",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("batch_id", String(64), primary_key=True),  # the device's: ids are the devices'
    Column("at", BigInteger, nullable=False),
    sqlite_with_rowid=False,
)
change_log = Table(
    "change_log",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    # the writing transaction's id on PostgreSQL (0 on SQLite): see sync/server/db/changes.py
    Column("txid", BigInteger, nullable=False),
    Column("partition", String(20), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("op", String(10), nullable=False),
    # the device whose push this entry echoes exactly (a fact stored as sent), else NULL:
    # pulls skip a device's own such entries (sync/server/pull.py)
    Column("origin", String(64), nullable=True),
    # when the entry was written (ms since the epoch): on PostgreSQL the table is partitioned
    # by month on it, and old months are retired whole (sync/server/db/retention.py)
    Column("logged_at", BigInteger, nullable=False),
    Index("ix_change_log_partition_position", "partition", "txid", "seq"),
)
tombstone = Table(
    "tombstone",
    metadata,
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("row", Text, nullable=False),
    Column("deleted_by", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    PrimaryKeyConstraint("entity", "entity_id"),
)
#: A field changed on both sides (冲突), one row per refused value; its id is
#: ``sync.protocol.conflict_id(op_id, field)``. Synced to every terminal of its grid (the
#: change log names it), settled only by a resolution (migration 0009: ``resolve_op_id``).
conflict = Table(
    "conflict",
    metadata,
    _id(),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("grid_id", String(64), nullable=False, index=True),
    Column("field", String(40), nullable=False),
    Column("base_version", Integer),
    Column("server_value", Text, nullable=False),
    Column("terminal_value", Text, nullable=False),
    Column("op_id", String(64), nullable=False),
    Column("by_user", String(64), nullable=False),
    Column("device_id", String(64), nullable=False, info=SERVER),
    Column("created_at", BigInteger, nullable=False),
    Column("status", String(10), nullable=False, server_default="open"),
    Column("resolution", String(10)),
    Column("resolved_by", String(64)),
    Column("resolved_at", BigInteger),
    Column("resolved_value", Text),
    # the terminal's resolution op that settled it (NULL: settled on the server, or open)
    Column("resolve_op_id", String(64)),
    Index("ix_conflict_entity", "entity", "entity_id"),
)
blob = Table(
    "blob",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("length", BigInteger, nullable=False),
    Column("complete", Integer, nullable=False, server_default="0"),
    Column("created_at", BigInteger, nullable=False),
    Column("completed_at", BigInteger),
    # the device that announced the upload: it may download the blob before any record names
    # it (sync/server/blobs/access.py); NULL for blobs older than migration 0003
    Column("device_id", String(64), nullable=True),
)
grid_release = Table(
    # assignment history for reassignment grace (sync/server/auth/grace.py): a grid taken from
    # a user, per device that user had signed in on; ``left_at`` is set by that device's next
    # pull for the user, which hands it the grid's removal
    "grid_release",
    metadata,
    Column("user_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("grid_id", String(64), nullable=False),
    Column("released_at", BigInteger, nullable=False),
    Column("left_at", BigInteger, nullable=True),
    PrimaryKeyConstraint("user_id", "device_id", "grid_id"),
)
report_export = Table(
    # who exported which report through the server (API or CLI), when and how big (0005)
    "report_export",
    metadata,
    _id(),
    Column("user_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=True),
    Column("via", String(10), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("area_level", String(20), nullable=False),
    Column("area_id", String(64), nullable=False),
    Column("period", String(10), nullable=False),
    Column("format", String(10), nullable=False),
    Column("bytes", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False, index=True),
)
snapshot = Table(
    "snapshot",
    metadata,
    _id(),
    Column("user_id", String(64), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("length", BigInteger, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("cursor", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

#: Terminal entity name → server table, for every synced table.
SYNCED: dict[str, Table] = {
    "street_office": street_office,
    "community": community,
    "grid": grid,
    "building": building,
    "unit": unit,
    "household": household,
    "resident": resident,
    "premises": premises,
    "user": user,
    "user_grid": user_grid,
    "check_in": check_in,
    "visit": visit,
    "ticket": ticket,
    "ticket_transition": ticket_transition,
    "checklist_template": checklist_template,
    "office_settings": office_settings,
    "alert_mark": alert_mark,
    "hazard_inspection": hazard_inspection,
    "checklist_answer": checklist_answer,
    "hazard": hazard,
    "conflict": conflict,
    "hazard_step": hazard_step,
}


def wire_columns(table: Table) -> list[str]:
    """The columns a terminal has (and receives in a pull)."""
    return [c.name for c in table.columns if not c.info.get("server")]


def columns_marked(table: Table, kind: str) -> frozenset[str]:
    """Columns stored as JSON text (``json``) or 0/1 (``bool``)."""
    return frozenset(c.name for c in table.columns if c.info.get("wire") == kind)


# the security tables, on the same metadata (last: that module imports ``metadata`` from here)
from sync.server.db.security_schema import audit_event, enroll_attempt  # noqa: E402, F401
