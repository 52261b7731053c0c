"""The catalog of synced records: one declaration per kind of record (实体目录).

Everything the layers need to know about a kind of record that is not a domain rule lives
here once: its table, its key columns, its dataclass, where it comes in the order parents
before children (the terminal applies pulled rows in it, the server flushes a batch and
copies the demo in it), how it is merged, whether the server sends it back to the terminal
that pushed it, which columns name photos, which screen shows it, and how its row is read as
its dataclass and written from it (its codec, derived from the dataclass's fields).
``sync/client``, the server's push work and demo, and the UI read it; adding a kind of record
is one ``Entity`` here plus its domain rules (docs/architecture.md, "Adding a kind of record").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gridterm.domain.attachments import Attachment
from gridterm.domain.hazards import Hazard, HazardStep
from gridterm.domain.inspections import HazardInspection
from gridterm.domain.residents import Resident
from gridterm.domain.reveals import Reveal
from gridterm.domain.rounds import CheckIn
from gridterm.domain.territory import (
    Building,
    Community,
    Grid,
    Household,
    Premises,
    StreetOffice,
    Unit,
)
from gridterm.domain.tickets import Ticket, Transition
from gridterm.domain.users import User
from gridterm.domain.visits import Visit
from gridterm.store.codec import Codec, Column, R, Stored


class Merge(StrEnum):
    """How the server takes in a changed record."""

    #: Set up on the server (territory, users, checklists); terminals only receive it.
    SERVER = "server"
    #: Edited in place on several terminals and merged field by field; a field changed on both
    #: sides since the same version is a conflict (docs/sync-contract.md, guarantee 7).
    FIELDS = "fields"
    #: A fact with one author: stored as it was sent, never merged (visits are corrected by a
    #: revision, tickets move by transitions).
    FACT = "fact"


@dataclass(frozen=True, slots=True)
class Entity:
    """One kind of synced record."""

    #: The table on the terminal and on the server, and the ``entity`` of outbox ops.
    name: str
    merge: Merge
    #: The domain dataclass a row stands for (None: read as plain rows).
    record: type | None = None
    #: The primary key columns; a key of several columns travels joined by "/".
    key: tuple[str, ...] = ("id",)
    #: Terminals push it (the server has a push handler for it).
    pushed: bool = False
    #: Terminals pull it (the server's synced table mirrors the terminal's, column for column).
    pulled: bool = True
    #: A pushed record the server sends back to its author even when stored exactly as sent
    #: (False: that device's pulls skip it, it has it already).
    echoed: bool = True
    #: The column holding a JSON list of photo SHA-256s, if any.
    photo_list: str | None = None
    #: The column holding one photo or signature SHA-256, if any.
    photo: str | None = None
    #: Which record's screen shows it, and the column naming that record: a resident opens
    #: as its household (None: no screen opens it to correct it).
    shown_as: tuple[str, str] | None = None
    #: Where the record's grid comes from when it has no ``grid_id`` column: (the column,
    #: the record it names), e.g. a resident's grid is its household's.
    grid_via: tuple[str, str] | None = None
    #: The terminal keeps the pulled record in this table of its own shape instead of a
    #: mirror of the server's (None: a mirror named ``name``).
    local_table: str | None = None
    #: Pushed as an op that names other records and has no table of its own on either side.
    op_only: bool = False
    #: How fields are stored where their types do not say (gridterm/store/codec.py), as
    #: (field, column) pairs; the rest of the row codec is derived from ``record``.
    columns: tuple[tuple[str, Column | Stored], ...] = ()

    def key_of(self, row: Mapping[str, Any]) -> str:
        """The wire key of a row: its id, or its key columns joined by "/"."""
        if len(self.key) == 1:
            return str(row[self.key[0]])
        return "/".join(str(row[c]) for c in self.key)

    def split_key(self, key: str) -> tuple[str, ...]:
        """A wire key as the values of the key columns."""
        if len(self.key) == 1:
            return (key,)
        return tuple(key.split("/", len(self.key) - 1))


def _edited(name: str, record: type, **more: Any) -> Entity:
    return Entity(name, Merge.FIELDS, record, pushed=True, **more)


def _fact(name: str, record: type | None, **more: Any) -> Entity:
    return Entity(name, Merge.FACT, record, pushed=True, **more)


#: What a premises (商户) records beside its grid and name, each an optional text field: the
#: columns of its table on both sides, what a worker may set and what a push may change.
PREMISES_DETAILS: tuple[str, ...] = (
    "operator",
    "licence_no",
    "contact_phone",
    "trade",
    "building",
    "floor",
    "row",
    "number",
)

#: Every synced kind of record, parents before children so rows satisfy the foreign keys.
CATALOG: tuple[Entity, ...] = (
    Entity("street_office", Merge.SERVER, StreetOffice),
    Entity("community", Merge.SERVER, Community),
    Entity("grid", Merge.SERVER, Grid),
    Entity("building", Merge.SERVER, Building),
    Entity("unit", Merge.SERVER, Unit, grid_via=("building_id", "building")),
    _edited("household", Household, shown_as=("household", "id")),
    _edited(
        "resident",
        Resident,
        shown_as=("household", "household_id"),
        grid_via=("household_id", "household"),
    ),
    # a premises' ``extra`` is no column of the table
    _edited("premises", Premises, columns=(("extra", Stored.NOT),)),
    # a user's grids are the rows of user_grid
    Entity("user", Merge.SERVER, User, columns=(("grid_ids", Stored.NOT),)),
    Entity("user_grid", Merge.SERVER, key=("user_id", "grid_id")),
    Entity("checklist_template", Merge.SERVER),
    # a street office's settings as published (gridterm.domain.office_settings)
    Entity("office_settings", Merge.SERVER),
    _edited("ticket", Ticket, photo_list="photos", shown_as=("ticket", "id")),
    _fact(
        "ticket_transition",
        Transition,
        photo="photo",
        shown_as=("ticket", "ticket_id"),
        grid_via=("ticket_id", "ticket"),
    ),
    _fact(
        "visit",
        Visit,
        echoed=False,
        photo_list="photos",
        shown_as=("household", "household_id"),
        grid_via=("household_id", "household"),
    ),
    _fact("check_in", CheckIn, echoed=False, columns=(("location", Stored.FLAT),)),
    _fact("hazard_inspection", HazardInspection, echoed=False, photo="signature"),
    _fact(
        "checklist_answer",
        None,
        key=("inspection_id", "item_code"),
        echoed=False,
        photo_list="photos",
        grid_via=("inspection_id", "hazard_inspection"),
    ),
    _edited("hazard", Hazard, photo_list="photos"),
    # a hazard's history (处置记录), moved like a ticket by steps the server replays
    _fact(
        "hazard_step",
        HazardStep,
        photo_list="photos",
        grid_via=("hazard_id", "hazard"),
    ),
    # photos and signatures as records: pushed, never pulled (the terminal's table keeps its
    # own upload state)
    _fact("attachment", Attachment, key=("sha256",), pulled=False),
    # a worker's mark of an alert (notified, seen): to their other terminals, nobody else's
    _fact("alert_mark", None, echoed=False),
    # a reveal of personal data: pushed into the server's audit log, never pulled
    _fact("personal_data_reveal", Reveal, pulled=False),
    # a conflict (冲突): one refused value of one merged record's field, opened and settled on
    # the server, pulled by every terminal of the grid into sync_conflict (sync/client/
    # conflicts.py), which also holds the ones it foresaw before the server had them
    Entity("conflict", Merge.SERVER, local_table="sync_conflict"),
    # a person's resolution of conflicts: the only op that settles one (sync/server/push/
    # handlers/resolution.py); it writes the chosen value into the record it names
    Entity("conflict_resolution", Merge.FACT, pushed=True, pulled=False, op_only=True),
)

ENTITIES: dict[str, Entity] = {e.name: e for e in CATALOG}
#: Parents before children: the order pulled rows are applied and batches are flushed in.
ORDER: tuple[str, ...] = tuple(e.name for e in CATALOG)
#: Records edited in place and merged field by field.
MERGED: frozenset[str] = frozenset(e.name for e in CATALOG if e.merge is Merge.FIELDS)
#: Records terminals push.
PUSHED: frozenset[str] = frozenset(e.name for e in CATALOG if e.pushed)
#: Records terminals pull.
PULLED: tuple[str, ...] = tuple(e.name for e in CATALOG if e.pulled)
#: Pulled records whose terminal table mirrors the server's, column for column.
MIRRORED: tuple[str, ...] = tuple(e.name for e in CATALOG if e.pulled and e.local_table is None)
_RANK = {name: i for i, name in enumerate(ORDER)}


def entity(name: str) -> Entity:
    """The declaration of a kind of record (KeyError for a name not in the catalog)."""
    return ENTITIES[name]


def rank(name: str) -> int:
    """Position of ``name`` in ``ORDER`` (unknown names last)."""
    return _RANK.get(name, len(_RANK))


def key_columns(name: str) -> tuple[str, ...]:
    """The primary key columns of a kind of record (("id",) for a name not in the catalog)."""
    found = ENTITIES.get(name)
    return ("id",) if found is None else found.key


def key_of(name: str, row: Mapping[str, Any]) -> str:
    """The wire key of a row of ``name``."""
    found = ENTITIES.get(name)
    return str(row["id"]) if found is None else found.key_of(row)


def split_key(name: str, key: str) -> tuple[str, ...]:
    """A wire key of ``name`` as the values of its key columns."""
    found = ENTITIES.get(name)
    return (key,) if found is None else found.split_key(key)


_CODECS: dict[type, Codec[Any]] = {}
_BY_RECORD: dict[type, Entity] = {e.record: e for e in CATALOG if e.record is not None}


def codec(record: type[R]) -> Codec[R]:
    """The row codec of a catalog record's dataclass, built once on first use."""
    found = _CODECS.get(record)
    if found is None:
        declared = _BY_RECORD[record].columns
        found = _CODECS[record] = Codec(record, dict(declared))
    return found


def pushed_in_order() -> Iterator[Entity]:
    """The kinds of record terminals push, parents first."""
    return (e for e in CATALOG if e.pushed)
