"""Words for who works and what the terminal keeps: roles, kinds of record, their outbox states
and changes (the Sync screen's lists)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP

ROLES = {
    "grid_worker": QT_TRANSLATE_NOOP("Labels", "Grid worker"),
    "part_time_worker": QT_TRANSLATE_NOOP("Labels", "Part-time grid worker"),
    "market_inspector": QT_TRANSLATE_NOOP("Labels", "Market inspector"),
    "community_supervisor": QT_TRANSLATE_NOOP("Labels", "Community supervisor"),
    "street_staff": QT_TRANSLATE_NOOP("Labels", "Street office staff"),
}
OUTBOX_STATES = {
    "pending": QT_TRANSLATE_NOOP("Labels", "Waiting to send"),
    "sent": QT_TRANSLATE_NOOP("Labels", "Sent, awaiting confirmation"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "Confirmed"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Rejected"),
}
ENTITIES = {
    "visit": QT_TRANSLATE_NOOP("Labels", "Visit"),
    "ticket": QT_TRANSLATE_NOOP("Labels", "Ticket"),
    "ticket_transition": QT_TRANSLATE_NOOP("Labels", "Ticket step"),
    "household": QT_TRANSLATE_NOOP("Labels", "Household"),
    "resident": QT_TRANSLATE_NOOP("Labels", "Resident"),
    "check_in": QT_TRANSLATE_NOOP("Labels", "Check-in"),
    "hazard_inspection": QT_TRANSLATE_NOOP("Labels", "Inspection"),
    "hazard": QT_TRANSLATE_NOOP("Labels", "Hazard"),
    "hazard_step": QT_TRANSLATE_NOOP("Labels", "Hazard step"),
    "premises": QT_TRANSLATE_NOOP("Labels", "Premises"),
    "checklist_answer": QT_TRANSLATE_NOOP("Labels", "Checklist answer"),
    "attachment": QT_TRANSLATE_NOOP("Labels", "Photo"),
    "conflict_resolution": QT_TRANSLATE_NOOP("Labels", "Conflict resolution"),
}
OPS = {
    "create": QT_TRANSLATE_NOOP("Labels", "New"),
    "update": QT_TRANSLATE_NOOP("Labels", "Changed"),
    "delete": QT_TRANSLATE_NOOP("Labels", "Deleted"),
}
