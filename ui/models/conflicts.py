"""Sync conflicts (冲突): the open ones with both values, and the settled ones with the choice."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from gridterm.services.sync_conflicts import SyncConflict
from ui.formatting import time_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import ENTITIES, TICKET_STATUSES, field_label, label
from ui.models.base import RowTableModel

translate = QCoreApplication.translate

#: How a conflict was settled, as the worker reads it.
RESOLUTIONS = {
    "mine": QT_TRANSLATE_NOOP("Labels", "Kept mine"),
    "terminal": QT_TRANSLATE_NOOP("Labels", "Took the refused value"),
    "server": QT_TRANSLATE_NOOP("Labels", "Took the server's"),
    "value": QT_TRANSLATE_NOOP("Labels", "Wrote a new value"),
    "dismissed": QT_TRANSLATE_NOOP("Labels", "Seen only"),
}


def record_name(c: SyncConflict) -> str:
    """The record in field words: 3栋2单元501 for a household, the title for a ticket."""
    if c.room is not None:
        return translate("Labels", "Bldg {building} Unit {unit} Room {room}").format(
            building=c.building or "?", unit=c.unit or "?", room=c.room
        )
    if c.title:
        return c.title
    return label(ENTITIES, c.entity)


def value_text(c: SyncConflict, value: Any) -> str:
    """A conflicting value as the worker reads it (a refused ticket step by its target)."""
    if value is None:
        return ""
    if c.status_of_ticket:
        if isinstance(value, dict):
            value = value.get("to_status") or value.get("action") or ""
        return label(TICKET_STATUSES, value)
    if isinstance(value, bool) or (c.field in ("vacant", "rental", "party_member", "urgent")):
        return translate("Labels", "yes") if value else translate("Labels", "no")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def conflict_title(c: SyncConflict) -> str:
    """3栋2单元501 · 联系电话"""
    return f"{record_name(c)} · {field_label(c.field)}"


class ConflictModel(RowTableModel[SyncConflict]):
    """Open conflicts: the record and field, the terminal's value, the server's."""

    COL_RECORD, COL_FIELD, COL_MINE, COL_SERVER, COL_WHEN = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Record"),
        QT_TRANSLATE_NOOP("Columns", "Field"),
        QT_TRANSLATE_NOOP("Columns", "Mine"),
        QT_TRANSLATE_NOOP("Columns", "Server's"),
        QT_TRANSLATE_NOOP("Columns", "When"),
    )

    def display(self, row: SyncConflict, column: int) -> str:
        match column:
            case self.COL_RECORD:
                return record_name(row)
            case self.COL_FIELD:
                return field_label(row.field)
            case self.COL_MINE:
                return value_text(row, row.local_value)
            case self.COL_SERVER:
                return value_text(row, row.server_value)
            case _:
                return time_text(datetime.fromisoformat(row.detected_at))


class SettledConflictModel(RowTableModel[SyncConflict]):
    """Settled conflicts: what was chosen, the value kept, when."""

    COL_RECORD, COL_CHOICE, COL_VALUE, COL_WHEN = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Record"),
        QT_TRANSLATE_NOOP("Columns", "Choice"),
        QT_TRANSLATE_NOOP("Columns", "Value"),
        QT_TRANSLATE_NOOP("Columns", "When"),
    )

    def display(self, row: SyncConflict, column: int) -> str:
        match column:
            case self.COL_RECORD:
                return conflict_title(row)
            case self.COL_CHOICE:
                return label(RESOLUTIONS, row.resolution or "dismissed")
            case self.COL_VALUE:
                return value_text(row, row.resolved_value) if row.resolution else ""
            case _:
                at = row.resolved_at or row.detected_at
                return time_text(datetime.fromisoformat(at))
