"""Checklist templates (检查表) as stored, and the answers given to them."""

from __future__ import annotations

import json
from typing import Any

from gridterm.domain.inspections import ChecklistTemplate, ItemOutcome, ItemResult
from gridterm.errors import NotFoundError
from gridterm.store.reader import Reader


def template_row(row: dict[str, Any]) -> ChecklistTemplate:
    """A checklist_template row as a ChecklistTemplate."""
    return ChecklistTemplate.parse(
        row["id"],
        {
            "code": row["code"],
            "version": row["version"],
            "title": row["title"],
            "items": json.loads(row["items"]),
        },
    )


def newest_templates(r: Reader) -> list[ChecklistTemplate]:
    """The newest version of every checklist template, by title."""
    found = r.iter(
        "SELECT * FROM checklist_template t WHERE version = "
        "(SELECT max(version) FROM checklist_template n WHERE n.code = t.code) ORDER BY title"
    )
    return [template_row(row) for row in found]


def template(r: Reader, code: str, version: int) -> ChecklistTemplate:
    """One version of a template (an inspection keeps the one it started with)."""
    row = r.one("SELECT * FROM checklist_template WHERE code = ? AND version = ?", (code, version))
    if row is None:
        raise NotFoundError(
            "checklist.unknown_template", f"no template {code} v{version}", template=code
        )
    return template_row(row)


def answers(r: Reader, inspection_id: str) -> dict[str, ItemOutcome]:
    """An inspection's answers so far, by item code."""
    return {
        row["item_code"]: ItemOutcome(
            row["item_code"],
            ItemResult(row["result"]),
            row["note"],
            tuple(json.loads(row["photos"])),
        )
        for row in r.iter(
            "SELECT * FROM checklist_answer WHERE inspection_id = ?", (inspection_id,)
        )
    }
