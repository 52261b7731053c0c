"""The sync wire protocol shared by the terminal's sync client and the central server.

One module so that both sides agree on every name, limit and shape (docs/sync-contract.md). Bodies
are JSON; push bodies may be gzip- or zstd-compressed (``Content-Encoding``). Row values on the
wire use the terminal's column encoding: JSON-list columns as JSON text, booleans as 0/1, times
as ISO 8601 text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

#: The name both sides give a conflict (from the core: the terminal's store migrates by it).
from gridterm.ids import conflict_id as conflict_id
from gridterm.store import entities

#: Bumped when a change would break an older client; the server refuses older ones with 426.
PROTOCOL_VERSION = 1
#: The oldest terminal schema version (gridterm.store.migrations.SCHEMA_VERSION) accepted.
MIN_SCHEMA_VERSION = 1

#: Every request carries the protocol version; an outdated client gets "please upgrade".
HEADER_PROTOCOL = "X-GridTerm-Protocol"
#: Blob uploads: the byte offset a chunk starts at / the server has reached.
HEADER_UPLOAD_OFFSET = "Upload-Offset"
#: Blob uploads: the announced total length.
HEADER_UPLOAD_LENGTH = "Upload-Length"
#: 503 answers carry it: seconds to wait before trying again.
HEADER_RETRY_AFTER = "Retry-After"

#: Largest push body accepted on the wire (compressed), and once decompressed.
MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024
MAX_PUSH_DECOMPRESSED_BYTES = 32 * 1024 * 1024
#: Largest number of ops in one push batch.
MAX_OPS_PER_BATCH = 1000
#: Largest blob chunk in one PATCH, and largest blob.
MAX_BLOB_CHUNK_BYTES = 4 * 1024 * 1024
MAX_BLOB_BYTES = 64 * 1024 * 1024
#: Largest page a pull returns, and the default.
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 1000

#: Entities a terminal may push (the terminal's table names).
PUSHABLE_ENTITIES = entities.PUSHED
#: Entities whose fields a conflict can name (merged field by field on the server).
CONFLICT_ENTITIES = entities.MERGED
#: The most conflicts one resolution may name.
MAX_RESOLVED_CONFLICTS = 200


class OpKind(StrEnum):
    """What an outbox op does to its record."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class OpStatus(StrEnum):
    """The server's answer for one op."""

    APPLIED = "applied"  # committed as sent
    DUPLICATE = "duplicate"  # this op_id was committed before; nothing changed now
    CONFLICT = "conflict"  # committed, but some fields kept the server's value (recorded)
    REJECTED = "rejected"  # not committed; ``reason`` says why


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Op(_Model):
    """One outbox row as sent by the terminal."""

    op_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=0)
    entity: str = Field(min_length=1, max_length=40)
    entity_id: str = Field(min_length=1, max_length=200)
    op: OpKind
    fields: dict[str, Any] = Field(default_factory=dict)
    base_version: int | None = Field(default=None, ge=0)


class PushRequest(_Model):
    """``POST /v1/sync/push``: one batch of outbox ops, in ``seq`` order."""

    device_id: str = Field(min_length=1, max_length=64)
    batch_id: str = Field(min_length=1, max_length=64)
    schema_version: int = Field(ge=0)
    ops: list[Op] = Field(max_length=MAX_OPS_PER_BATCH)
    #: Ask for the compact answer: ``results`` then lists only the ops that were not
    #: applied as sent, and ``others_applied`` says every other op of the batch was.
    compact: bool = False
    #: The terminal's clock as it sends (ISO 8601): the server measures its skew from it
    #: (``gridterm.domain.server_clock``); older terminals leave it out.
    sent_at: str | None = Field(default=None, max_length=40)
    #: The ``batch_id`` of this device's batch that must be applied before this one (a
    #: terminal keeps a second batch in flight while the first is answered): until it is,
    #: the server answers 409 ``push.out_of_order`` and applies nothing. Left out, the batch
    #: follows nothing (every earlier batch of the device has been answered).
    after: str | None = Field(default=None, min_length=1, max_length=64)


class OpResult(_Model):
    """The result for one op. ``server`` holds the server's values for a conflict or a refusal
    that the terminal should show; ``retriable`` marks a rejection that may pass later (e.g. a
    referenced record not yet received) and so must stay pending, not go to quarantine."""

    op_id: str
    seq: int
    status: OpStatus
    reason: str | None = None
    message: str | None = None
    field: str | None = None
    retriable: bool = False
    original_status: OpStatus | None = None
    conflict_fields: list[str] = Field(default_factory=list)
    server: dict[str, Any] | None = None


class PushResponse(_Model):
    """Per-op results and the acknowledged seq: every op with ``seq <= acked_seq`` has a final
    result and its outbox row may be cleared (rejected ones go to quarantine). A compact answer
    (asked with ``PushRequest.compact``) leaves the applied ops out of ``results``."""

    batch_id: str
    acked_seq: int | None
    results: list[OpResult]
    #: True in a compact answer: every op of the batch missing from ``results`` was applied
    #: (status ``applied``); False: ``results`` names every op.
    others_applied: bool = False


class Change(_Model):
    """A row to insert or replace in the terminal's table ``entity``."""

    entity: str
    id: str
    row: dict[str, Any]


class RemovalReason(StrEnum):
    """Why a row leaves the terminal."""

    DELETED = "deleted"
    OUT_OF_SCOPE = "out_of_scope"  # a grid reassigned away: the grid and all it holds


class Removal(_Model):
    """A row to delete. A removed ``grid`` takes everything that belongs to it."""

    entity: str
    id: str
    reason: RemovalReason


class PullResponse(_Model):
    """``GET /v1/sync/pull``: one page. Store ``cursor`` with the applied page, in one
    transaction; ask again at once while ``more`` is true."""

    changes: list[Change]
    removals: list[Removal]
    cursor: str
    more: bool


class SnapshotInfo(_Model):
    """``POST /v1/sync/snapshot``: a zstd-compressed NDJSON file of the area's rows, downloaded
    (resumably, with Range) from ``url``; pull from ``cursor`` afterwards."""

    id: str
    sha256: str
    length: int
    rows: int
    cursor: str
    url: str


class EnrollRequest(_Model):
    """``POST /v1/auth/enroll``: a one-time code from the supervisor."""

    code: str = Field(min_length=1, max_length=64)
    device_name: str = Field(default="", max_length=100)


class EnrollResponse(_Model):
    """The device's identity and its (revocable) token."""

    device_id: str
    device_token: str


class LoginRequest(_Model):
    """``POST /v1/auth/login``, sent with the device token."""

    worker_id: str = Field(min_length=1, max_length=40)
    pin: str = Field(min_length=1, max_length=64)


class UserInfo(_Model):
    """The logged-in user and the area the server derived for them."""

    id: str
    worker_id: str
    name: str
    role: str
    community_id: str | None
    street_office_id: str | None
    grid_ids: list[str]


class LoginResponse(_Model):
    """A session token for the user on this device."""

    token: str
    expires_at: int
    user: UserInfo


class BlobCreate(_Model):
    """``POST /v1/blobs``: announce an upload by digest and length."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    length: int = Field(ge=0, le=MAX_BLOB_BYTES)


class BlobStatus(_Model):
    """Where an upload stands: ``offset`` bytes received, ``complete`` once verified."""

    sha256: str
    length: int
    offset: int
    complete: bool


class ConflictInfo(_Model):
    """A field changed on both sides, kept for a person to resolve."""

    id: str
    entity: str
    entity_id: str
    field: str
    base_version: int | None
    server_value: Any
    terminal_value: Any
    op_id: str
    by_user: str
    created_at: int
    status: str
    resolution: str | None = None
    resolved_by: str | None = None
    resolved_value: Any = None
    resolved_at: int | None = None
    resolve_op_id: str | None = None


class ConflictChoice(StrEnum):
    """How a person settles a conflict: keep the server's value, take the terminal's (the
    refused value), or write another value."""

    SERVER = "server"
    TERMINAL = "terminal"
    VALUE = "value"


class ResolveRequest(_Model):
    """``POST /v1/conflicts/{id}/resolve``."""

    choice: ConflictChoice
    value: Any = None
    #: The other open conflicts on the same field the resolver saw beside this one; they
    #: are settled together (a conflict opened since and not named stays open).
    also: list[str] = Field(default_factory=list, max_length=MAX_RESOLVED_CONFLICTS)


class ConflictResolution(_Model):
    """The fields of a ``conflict_resolution`` op (冲突处理): a person chose ``value`` for one
    field of one record after seeing the conflicts ``conflict_ids``. Only such an op settles a
    conflict; an ordinary edit of the field never does. ``choice`` says where the value came
    from (the server's, a refused one, or typed). The op's ``base_version`` is the record's
    version the resolver saw: a value written since, not seen, is not overwritten (the chosen
    value then opens a conflict of its own)."""

    entity: str = Field(min_length=1, max_length=40)
    entity_id: str = Field(min_length=1, max_length=200)
    field: str = Field(min_length=1, max_length=40)
    grid_id: str | None = Field(default=None, max_length=64)
    conflict_ids: list[str] = Field(min_length=1, max_length=MAX_RESOLVED_CONFLICTS)
    choice: ConflictChoice
    value: Any = None


class ErrorBody(_Model):
    """Every 4xx/5xx answer: a stable code, an English message, and whether to retry as is."""

    code: str
    message: str
    retriable: bool = False
    field: str | None = None


class ErrorResponse(_Model):
    """The body of every error answer."""

    error: ErrorBody


class AuditEvent(_Model):
    """``GET /v1/audit``: one entry of the server's append-only audit log in the caller's
    area (supervisors and street staff): repeated failed logins, pulls, exports, reveals."""

    id: int
    at: int
    action: str
    actor: str
    device_id: str | None
    subject: str
    community_id: str | None
    street_office_id: str | None
    detail: dict[str, Any]
