"""Words for tickets and alerts: a ticket's statuses, steps and levels (网格 → 社区 → 街道),
and the kinds of alert."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP

TICKET_STATUSES = {
    "reported": QT_TRANSLATE_NOOP("Labels", "Reported"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "dispatched": QT_TRANSLATE_NOOP("Labels", "Dispatched"),
    "handled": QT_TRANSLATE_NOOP("Labels", "Handled"),
    "verified": QT_TRANSLATE_NOOP("Labels", "Verified"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
}
TICKET_ACTIONS = {
    "report": QT_TRANSLATE_NOOP("Labels", "Report"),
    "accept": QT_TRANSLATE_NOOP("Labels", "Accept"),
    "escalate": QT_TRANSLATE_NOOP("Labels", "Escalate"),
    "dispatch": QT_TRANSLATE_NOOP("Labels", "Whistle: dispatch to a department"),
    "report_in": QT_TRANSLATE_NOOP("Labels", "Department reports in"),
    "mark_handled": QT_TRANSLATE_NOOP("Labels", "Mark handled"),
    "verify": QT_TRANSLATE_NOOP("Labels", "Verify on site"),
    "reopen": QT_TRANSLATE_NOOP("Labels", "Reopen"),
    "close": QT_TRANSLATE_NOOP("Labels", "Close"),
}
LEVELS = {
    "grid": QT_TRANSLATE_NOOP("Labels", "Grid"),
    "community": QT_TRANSLATE_NOOP("Labels", "Community"),
    "street_office": QT_TRANSLATE_NOOP("Labels", "Street office"),
}
ALERT_KINDS = {
    "urgent_ticket": QT_TRANSLATE_NOOP("Labels", "Urgent ticket in my grid"),
    "escalated": QT_TRANSLATE_NOOP("Labels", "Escalated to me"),
    "dispatched": QT_TRANSLATE_NOOP("Labels", "Dispatched (吹哨): follow it up"),
    "due_soon": QT_TRANSLATE_NOOP("Labels", "Deadline within a day"),
    "overdue": QT_TRANSLATE_NOOP("Labels", "Deadline missed"),
    "reinspect": QT_TRANSLATE_NOOP("Labels", "Rectified: re-inspect"),
    "household_overdue": QT_TRANSLATE_NOOP("Labels", "Key household overdue for a visit"),
}
