"""Words for market inspections and hazards (市场巡查, 隐患): severities, checklist results, a
hazard's statuses and steps, a premises' state at a glance, an inspection's status."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP

SEVERITIES = {
    "minor": QT_TRANSLATE_NOOP("Labels", "Minor"),
    "major": QT_TRANSLATE_NOOP("Labels", "Major"),
    "critical": QT_TRANSLATE_NOOP("Labels", "Critical"),
}
ITEM_RESULTS = {
    "pass": QT_TRANSLATE_NOOP("Labels", "Pass"),
    "fail": QT_TRANSLATE_NOOP("Labels", "Fail"),
    "na": QT_TRANSLATE_NOOP("Labels", "N/A"),
}
HAZARD_STATUSES = {
    "open": QT_TRANSLATE_NOOP("Labels", "Reported"),
    "rectifying": QT_TRANSLATE_NOOP("Labels", "Being rectified"),
    "rectified": QT_TRANSLATE_NOOP("Labels", "Rectified, to re-inspect"),
    "reinspected": QT_TRANSLATE_NOOP("Labels", "Re-inspected"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Verified closed"),
}
#: A hazard's steps (the core's HazardAction values, plus what its history adds).
HAZARD_ACTIONS = {
    "found": QT_TRANSLATE_NOOP("Labels", "Found in inspection"),
    "start_rectification": QT_TRANSLATE_NOOP("Labels", "Start rectification"),
    "rectify": QT_TRANSLATE_NOOP("Labels", "Rectification done"),
    "ticket_handled": QT_TRANSLATE_NOOP("Labels", "Handled by the department"),
    "reinspect_pass": QT_TRANSLATE_NOOP("Labels", "Re-inspect: passed"),
    "reinspect_fail": QT_TRANSLATE_NOOP("Labels", "Re-inspect: failed"),
    "verify_close": QT_TRANSLATE_NOOP("Labels", "Verify closed"),
    "escalate": QT_TRANSLATE_NOOP("Labels", "Whistle: dispatch to a department"),
    "carried": QT_TRANSLATE_NOOP("Labels", "Earlier steps (not recorded)"),
}
#: A premises' hazard status at a glance (the floor grid's symbols, worst first).
PREMISES_STATES = {
    "overdue": QT_TRANSLATE_NOOP("Labels", "Overdue"),
    "open": QT_TRANSLATE_NOOP("Labels", "Open hazard"),
    "rectifying": QT_TRANSLATE_NOOP("Labels", "Being rectified"),
    "clear": QT_TRANSLATE_NOOP("Labels", "No hazards"),
}
INSPECTION_STATUSES = {
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
}
