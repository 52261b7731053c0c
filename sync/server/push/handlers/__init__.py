"""One handler per pushable entity."""

from __future__ import annotations

from sync.server.push.handlers import (
    alerts,
    facts,
    hazard_steps,
    inspections,
    register,
    resolution,
    reveals,
    tickets,
)
from sync.server.push.handlers.base import Handler

HANDLERS: dict[str, Handler] = {
    "visit": facts.VISIT,
    "check_in": facts.CHECK_IN,
    "attachment": facts.ATTACHMENT,
    "household": register.HOUSEHOLD,
    "resident": register.RESIDENT,
    "premises": register.PREMISES,
    "ticket": tickets.TICKET,
    "ticket_transition": tickets.TRANSITION,
    "hazard_inspection": inspections.INSPECTION,
    "checklist_answer": inspections.ANSWER,
    "hazard": inspections.HAZARD,
    "personal_data_reveal": reveals.REVEAL,
    "conflict_resolution": resolution.RESOLUTION,
    "hazard_step": hazard_steps.STEP,
    "alert_mark": alerts.ALERT_MARK,
}
