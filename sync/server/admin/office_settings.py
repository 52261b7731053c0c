"""Publishing a street office's settings (街道设置) to every terminal of the office.

Each publication is a new ``office_settings`` row with the next revision, holding the whole
document (the parts the admin's file names over the office's current settings, or the built-in
defaults), logged in the street office's partition so every terminal of the office pulls it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Connection, select

from gridterm.domain import office_settings
from gridterm.domain.office_settings import OfficeSettings
from gridterm.errors import ValidationError
from gridterm.ids import new_id
from sync.server import partitions
from sync.server.admin.records import add
from sync.server.db import schema


def load(path: Path) -> dict[str, Any]:
    """A settings document from a YAML or JSON file."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValidationError("settings.bad_file", f"not YAML or JSON: {exc}") from None
    if not isinstance(document, dict):
        raise ValidationError("settings.bad_file", "settings are a mapping")
    return document


def current(conn: Connection, office_id: str) -> OfficeSettings:
    """The office's settings as last published (the built-in defaults before any)."""
    t = schema.office_settings
    row = conn.execute(
        select(t.c.document, t.c.revision)
        .where(t.c.street_office_id == office_id)
        .order_by(t.c.revision.desc())
        .limit(1)
    ).first()
    return from_row(row.document, row.revision) if row else office_settings.built_in()


def from_row(document: str, revision: int) -> OfficeSettings:
    """Settings as stored in a row (JSON text and its revision)."""
    settings = office_settings.parse(json.loads(document))
    return replace(settings, revision=revision)


def publish(conn: Connection, office_id: str, document: dict[str, Any]) -> OfficeSettings:
    """Publish ``document`` over the office's current settings; returns what terminals get."""
    before = current(conn, office_id)
    merged = office_settings.parse(document, before)
    so = schema.street_office
    num = conn.execute(select(so.c.num).where(so.c.id == office_id)).scalar_one()
    revision = before.revision + 1
    add(
        conn,
        "office_settings",
        {
            "id": new_id(),
            "street_office_id": office_id,
            "revision": revision,
            "document": merged.to_document(),
            "published_at": datetime.now(UTC).isoformat(),
        },
        partitions.street_office(num),
    )
    return replace(merged, revision=revision)


def offices(conn: Connection) -> list[str]:
    """Every street office's id (settings published without naming one go to each)."""
    so = schema.street_office
    return list(conn.execute(select(so.c.id).order_by(so.c.num)).scalars())
