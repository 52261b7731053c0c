"""Facts with one author (visits, check-ins) and attachment records: created, never edited."""

from __future__ import annotations

from gridterm.domain.attachments import AttachmentKind
from gridterm.domain.rounds import CheckKind, Location
from gridterm.domain.validation import enum_value, optional_text, sha256_hex, timestamp
from gridterm.domain.visits import validate_visit
from gridterm.errors import ValidationError
from sync.protocol import OpKind
from sync.server import partitions
from sync.server.clock import now_iso
from sync.server.db import schema
from sync.server.push.handlers.base import Handler, only, outside, text_id, want
from sync.server.push.request import PushedOp
from sync.server.push.wire import decode, same_text, time_text
from sync.server.push.work import APPLIED, Outcome, Work


def _visit_wants(op: PushedOp) -> list[tuple[str, str]]:
    f = op.fields
    wants = want(("household", f.get("household_id")), ("user", f.get("user_id")))
    if "revision_of" in f:  # a correction (rare)
        wants += want(("visit", f["revision_of"]))
    return wants


def _apply_visit(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE)
    f = decode(schema.visit, op.fields)
    household = work.get("household", f.get("household_id"))
    if household is not None and not work.principal.in_scope(household["grid_id"]):
        raise outside("the household")  # before any other refusal: nothing outside is judged
    user_id = f.get("user_id")
    # the core's checks of Visit.create, without building the Visit: the row is built here
    visit = validate_visit(
        id=op.entity_id,
        household_id=f.get("household_id"),
        user_id=user_id if isinstance(user_id, str) else "",
        visited_at=f.get("visited_at"),
        visit_type=f.get("visit_type"),
        met=f.get("met"),
        concerns=f.get("concerns"),
        notes=f.get("notes"),
        outcome=f.get("outcome"),
        photos=f.get("photos"),
        ticket_id=text_id(f.get("ticket_id"), "ticket_id"),
        revision_of=text_id(f.get("revision_of"), "revision_of"),
    )
    if work.exists("visit", op.entity_id):
        raise ValidationError("visit.exists", "a visit with this id exists", field="id")
    if work.get("user", visit["user_id"]) is None:
        raise ValidationError("visit.unknown_user", "user_id names no user", field="user_id")
    if household is None:
        household = work.need("household", visit["household_id"], "household_id")
    grid_id = household["grid_id"]
    if visit["revision_of"] is not None:
        replaced = work.need("visit", visit["revision_of"], "revision_of")
        if replaced["household_id"] != visit["household_id"]:
            raise ValidationError(
                "visit.revision_other_household",
                "a revision must be of a visit to the same household",
                field="revision_of",
            )
    created_at = f.get("created_at")
    concerns = (
        [{"kind": c.kind.value, "text": c.text, "category": c.category} for c in visit["concerns"]]
        if visit["concerns"]  # most visits raise nothing: skip building the comprehension
        else []
    )
    sent = op.fields
    visit.update(
        visited_at=time_text(f.get("visited_at"), visit["visited_at"]),
        # ``_value_``: the member's value as ``.value`` gives it, without the property's cost
        visit_type=visit["visit_type"]._value_,
        met=same_text(sent, "met", f.get("met"), list(visit["met"])),
        concerns=same_text(sent, "concerns", f.get("concerns"), concerns),
        outcome=visit["outcome"]._value_,
        photos=same_text(sent, "photos", f.get("photos"), list(visit["photos"])),
        created_at=created_at if isinstance(created_at, str) else now_iso(),
        grid_id=grid_id,
    )
    work.insert("visit", visit, work.partition_of(grid_id), encoded=True)
    return APPLIED


def _check_in_wants(op: PushedOp) -> list[tuple[str, str]]:
    return []


def _apply_check_in(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE)
    f = decode(schema.check_in, op.fields)
    kind = enum_value(CheckKind, f.get("kind"), "kind")
    at = timestamp(f.get("at"), "at")
    lat, lon, acc = f.get("latitude"), f.get("longitude"), f.get("accuracy_m")
    if (lat is None) != (lon is None):
        raise ValidationError("location.incomplete", "latitude and longitude go together")
    for name, value in (("latitude", lat), ("longitude", lon), ("accuracy_m", acc)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValidationError("field.not_number", f"{name} must be a number", field=name)
    if lat is not None and lon is not None:
        Location(float(lat), float(lon), acc)
    if f.get("user_id") != work.principal.user.id:
        # a check-in is the logged-in worker's own record
        raise outside("another worker's check-in")
    if work.exists("check_in", op.entity_id):
        raise ValidationError("check_in.exists", "a check-in with this id exists", field="id")
    work.insert(
        "check_in",
        {
            "id": op.entity_id,
            "user_id": work.principal.user.id,
            "kind": kind.value,
            "at": at,
            "latitude": lat,
            "longitude": lon,
            "accuracy_m": acc,
        },
        partitions.user(work.principal.user_num),
    )
    return APPLIED


def _attachment_wants(op: PushedOp) -> list[tuple[str, str]]:
    return want(("attachment", op.entity_id))


def _apply_attachment(op: PushedOp, work: Work) -> Outcome:
    only(op, OpKind.CREATE)
    f = op.fields
    digest = sha256_hex(f.get("sha256", op.entity_id), "sha256")
    if digest != op.entity_id:
        raise ValidationError("attachment.id_mismatch", "entity_id must be the sha256")
    size = f.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= 2**40:
        raise ValidationError("field.not_number", "size must be a byte count", field="size")
    kind = enum_value(AttachmentKind, f.get("kind", "photo"), "kind")
    mime = optional_text(f.get("mime"), "mime", max_len=100) or "application/octet-stream"
    if work.get("attachment", digest) is None:  # the same photo twice is stored once
        work.insert(
            "attachment",
            {
                "sha256": digest,
                "size": size,
                "mime": mime,
                "kind": kind.value,
                "created_at": now_iso(),
            },
            None,
        )
    return APPLIED


VISIT = Handler(_visit_wants, _apply_visit)
CHECK_IN = Handler(_check_in_wants, _apply_check_in)
ATTACHMENT = Handler(_attachment_wants, _apply_attachment)
