"""Checklist templates from YAML, JSON or XLSX, validated by the core's ``ChecklistTemplate``.

A template version is never changed once published: importing an existing (code, version)
with different content is refused, so past inspections keep their meaning.

The built-in templates (``resources/checklists/*.yaml``, the small shop and market stall
checklist) are installed by ``install_built_in`` on ``migrate`` / first start, each only
while the server has no template of its code at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from gridterm.domain.inspections import ChecklistTemplate
from gridterm.errors import ValidationError
from gridterm.ids import new_id
from sync.server import partitions
from sync.server.admin.records import add
from sync.server.admin.sheets import read_rows
from sync.server.db import schema

#: The built-in templates shipped with the package (resources/ beside the packages).
BUILT_IN_DIR = Path(__file__).resolve().parents[3] / "resources" / "checklists"


def load(path: Path) -> dict[str, Any]:
    """A template document from a file: YAML/JSON mapping, or an XLSX sheet of items whose
    code, version and title are in the file name ``CODE_vN`` and the first row's title column."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        import yaml

        return yaml.safe_load(path.read_text(encoding="utf-8"))
    if suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if suffix == ".xlsx":
        rows = [r for _, r in read_rows(path)]
        if not rows:
            raise ValidationError("checklist.no_items", "the sheet is empty")
        head = rows[0]
        return {
            "code": head.get("template_code"),
            "version": int(head.get("template_version") or 0),
            "title": head.get("template_title"),
            "items": [
                {
                    "code": r.get("code"),
                    "text": r.get("text"),
                    "severity": r.get("severity") or "major",
                    "deadline_days": int(r.get("deadline_days") or 7),
                }
                for r in rows
            ],
        }
    raise ValidationError("checklist.bad_file", f"cannot read {suffix} templates")


def publish(conn: Connection, document: dict[str, Any]) -> tuple[ChecklistTemplate, bool]:
    """Store a template version for every terminal; returns it and whether it is new."""
    if not isinstance(document, dict):
        raise ValidationError("checklist.bad_file", "a template is a mapping")
    template = ChecklistTemplate.parse(new_id(), document)
    items = [
        {
            "code": i.code,
            "text": i.text,
            "severity": i.default_severity.value,
            "deadline_days": i.default_deadline_days,
        }
        for i in template.items
    ]
    t = schema.checklist_template
    existing = conn.execute(
        select(t).where(t.c.code == template.code, t.c.version == template.version)
    ).first()
    if existing is not None:
        if json.loads(existing.items) != items or existing.title != template.title:
            raise ValidationError(
                "checklist.version_exists",
                f"{template.code} v{template.version} exists with other content: "
                "publish a new version",
            )
        return template, False
    add(
        conn,
        "checklist_template",
        {
            "id": template.id,
            "code": template.code,
            "version": template.version,
            "title": template.title,
            "items": items,
        },
        partitions.TEMPLATES,
    )
    return template, True


def install_built_in(conn: Connection, directory: Path = BUILT_IN_DIR) -> list[ChecklistTemplate]:
    """Publish each built-in template whose code the server has no version of; returns those
    installed. An imported template of that code, of any version, is never overwritten or
    bumped, and a later start installs nothing again."""
    t = schema.checklist_template
    installed = []
    for path in sorted(directory.glob("*.yaml")):
        document = load(path)
        code = document.get("code") if isinstance(document, dict) else None
        if conn.execute(select(t.c.id).where(t.c.code == code).limit(1)).first() is not None:
            continue
        template, _ = publish(conn, document)
        installed.append(template)
    return installed
