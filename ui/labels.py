"""Translated words for the core's enums and error codes (the core returns codes; we translate).

Every table holds English source text marked with ``QT_TRANSLATE_NOOP`` so ``lupdate`` finds
it; the lookup functions translate at call time, so a language switch shows at once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale

from gridterm.domain.office_settings import OfficeSettings, built_in
from ui.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

VISIT_TYPES = {
    "routine": QT_TRANSLATE_NOOP("Labels", "Routine visit"),
    "key_group_care": QT_TRANSLATE_NOOP("Labels", "Key-group care"),
    "policy_publicity": QT_TRANSLATE_NOOP("Labels", "Policy publicity"),
    "dispute_mediation": QT_TRANSLATE_NOOP("Labels", "Dispute mediation"),
    "safety_check": QT_TRANSLATE_NOOP("Labels", "Safety check"),
    "epidemic_prevention": QT_TRANSLATE_NOOP("Labels", "Epidemic prevention"),
}
KEY_REASONS = {
    "elderly_alone": QT_TRANSLATE_NOOP("Labels", "Elderly living alone"),
    "empty_nest": QT_TRANSLATE_NOOP("Labels", "Empty-nest elderly"),
    "disabled": QT_TRANSLATE_NOOP("Labels", "Disabled"),
    "low_income": QT_TRANSLATE_NOOP("Labels", "Low income"),
    "patient": QT_TRANSLATE_NOOP("Labels", "Chronic / regular treatment"),
    "pregnant": QT_TRANSLATE_NOOP("Labels", "Pregnant"),
    "left_behind_minor": QT_TRANSLATE_NOOP("Labels", "Minor left behind"),
    "community_correction": QT_TRANSLATE_NOOP("Labels", "Community correction"),
}
TICKET_STATUSES = {
    "reported": QT_TRANSLATE_NOOP("Labels", "Reported"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "dispatched": QT_TRANSLATE_NOOP("Labels", "Dispatched"),
    "handled": QT_TRANSLATE_NOOP("Labels", "Handled"),
    "verified": QT_TRANSLATE_NOOP("Labels", "Verified"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
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
CONCERN_KINDS = {
    "need": QT_TRANSLATE_NOOP("Labels", "Need"),
    "complaint": QT_TRANSLATE_NOOP("Labels", "Complaint"),
    "suggestion": QT_TRANSLATE_NOOP("Labels", "Suggestion"),
}
OUTCOMES = {
    "nothing_raised": QT_TRANSLATE_NOOP("Labels", "Nothing raised"),
    "settled": QT_TRANSLATE_NOOP("Labels", "Settled on the spot"),
    "ticket": QT_TRANSLATE_NOOP("Labels", "Open a ticket"),
}
RELATIONS = {
    "head": QT_TRANSLATE_NOOP("Labels", "Head of household"),
    "spouse": QT_TRANSLATE_NOOP("Labels", "Spouse"),
    "child": QT_TRANSLATE_NOOP("Labels", "Child"),
    "parent": QT_TRANSLATE_NOOP("Labels", "Parent"),
    "grandchild": QT_TRANSLATE_NOOP("Labels", "Grandchild"),
    "tenant": QT_TRANSLATE_NOOP("Labels", "Tenant"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
GENDERS = {
    "male": QT_TRANSLATE_NOOP("Labels", "Male"),
    "female": QT_TRANSLATE_NOOP("Labels", "Female"),
}
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
OPS = {
    "create": QT_TRANSLATE_NOOP("Labels", "New"),
    "update": QT_TRANSLATE_NOOP("Labels", "Changed"),
    "delete": QT_TRANSLATE_NOOP("Labels", "Deleted"),
}
#: A stall's hazard status at a glance (the floor grid's symbols, worst first).
STALL_STATES = {
    "overdue": QT_TRANSLATE_NOOP("Labels", "Overdue"),
    "open": QT_TRANSLATE_NOOP("Labels", "Open hazard"),
    "rectifying": QT_TRANSLATE_NOOP("Labels", "Being rectified"),
    "clear": QT_TRANSLATE_NOOP("Labels", "No hazards"),
}
INSPECTION_STATUSES = {
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
}
#: Field names the core puts in ``ValidationError.field``.
FIELDS = {
    "name": QT_TRANSLATE_NOOP("Fields", "name"),
    "gender": QT_TRANSLATE_NOOP("Fields", "gender"),
    "birth_date": QT_TRANSLATE_NOOP("Fields", "date of birth"),
    "relation": QT_TRANSLATE_NOOP("Fields", "relation"),
    "id_number": QT_TRANSLATE_NOOP("Fields", "ID number"),
    "phone": QT_TRANSLATE_NOOP("Fields", "phone"),
    "health": QT_TRANSLATE_NOOP("Fields", "health"),
    "notes": QT_TRANSLATE_NOOP("Fields", "notes"),
    "met": QT_TRANSLATE_NOOP("Fields", "who was met"),
    "concerns": QT_TRANSLATE_NOOP("Fields", "what residents raised"),
    "concerns.text": QT_TRANSLATE_NOOP("Fields", "what residents raised"),
    "concerns.kind": QT_TRANSLATE_NOOP("Fields", "kind of concern"),
    "concerns.category": QT_TRANSLATE_NOOP("Fields", "category"),
    "visit_type": QT_TRANSLATE_NOOP("Fields", "visit type"),
    "outcome": QT_TRANSLATE_NOOP("Fields", "outcome"),
    "title": QT_TRANSLATE_NOOP("Fields", "title"),
    "category": QT_TRANSLATE_NOOP("Fields", "category"),
    "description": QT_TRANSLATE_NOOP("Fields", "description"),
    "location": QT_TRANSLATE_NOOP("Fields", "address or location"),
    "note": QT_TRANSLATE_NOOP("Fields", "note"),
    "department": QT_TRANSLATE_NOOP("Fields", "department"),
    "pin": QT_TRANSLATE_NOOP("Fields", "PIN"),
    "photos": QT_TRANSLATE_NOOP("Fields", "photos"),
    "operator": QT_TRANSLATE_NOOP("Fields", "operator"),
    "licence_no": QT_TRANSLATE_NOOP("Fields", "licence number"),
    "contact_phone": QT_TRANSLATE_NOOP("Fields", "contact phone"),
    "trade": QT_TRANSLATE_NOOP("Fields", "trade"),
    "building": QT_TRANSLATE_NOOP("Fields", "building"),
    "floor": QT_TRANSLATE_NOOP("Fields", "floor"),
    "row": QT_TRANSLATE_NOOP("Fields", "row"),
    "number": QT_TRANSLATE_NOOP("Fields", "stall number"),
    "status": QT_TRANSLATE_NOOP("Fields", "status"),
    "urgent": QT_TRANSLATE_NOOP("Fields", "urgent"),
    "rental": QT_TRANSLATE_NOOP("Fields", "rented out"),
    "vacant": QT_TRANSLATE_NOOP("Fields", "vacant"),
    "party_member": QT_TRANSLATE_NOOP("Fields", "party member"),
    "key_reasons": QT_TRANSLATE_NOOP("Fields", "key household reasons"),
    "severity": QT_TRANSLATE_NOOP("Fields", "severity"),
    "deadline": QT_TRANSLATE_NOOP("Fields", "rectification deadline"),
    "responsible": QT_TRANSLATE_NOOP("Fields", "responsible party"),
    "operator_absent": QT_TRANSLATE_NOOP("Fields", "reason the operator is absent"),
    "signature": QT_TRANSLATE_NOOP("Fields", "signature"),
}
ERRORS = {
    "report.bad_date": QT_TRANSLATE_NOOP("Errors", "Give the date as year-month-day."),
    "report.bad_month": QT_TRANSLATE_NOOP("Errors", "Give the month as year-month."),
    "report.future_period": QT_TRANSLATE_NOOP("Errors", "A report cannot cover the future."),
    "report.bad_format": QT_TRANSLATE_NOOP("Errors", "Choose xlsx, CSV, PDF or JSON."),
    "report.bad_area": QT_TRANSLATE_NOOP(
        "Errors", "Choose one area: a grid, a community or a street office."
    ),
    "report.area_unknown": QT_TRANSLATE_NOOP("Errors", "There is no such area."),
    "report.area_outside": QT_TRANSLATE_NOOP("Errors", "This area is outside yours."),
    "report.no_area": QT_TRANSLATE_NOOP("Errors", "You have no area to report on."),
    "report.role_not_allowed": QT_TRANSLATE_NOOP(
        "Errors", "Reports are for community supervisors and street office staff."
    ),
    "report.output_unwritable": QT_TRANSLATE_NOOP(
        "Errors",
        "The file cannot be written there (is the folder or USB drive still there?). "
        "Nothing was saved.",
    ),
    "report.no_cjk_font": QT_TRANSLATE_NOOP(
        "Errors", "No Chinese font is installed for PDFs: install fonts-wqy-microhei."
    ),
    "conflict.status_by_transition": QT_TRANSLATE_NOOP(
        "Errors",
        "A ticket's status follows its steps: accept the server's status, then open the "
        "ticket to act again.",
    ),
    "conflict.not_text": QT_TRANSLATE_NOOP(
        "Errors", "Only a text field takes a value you type: keep yours or take the server's."
    ),
    "conflict.not_open": QT_TRANSLATE_NOOP("Errors", "This conflict is settled already."),
    "conflict.unsupported": QT_TRANSLATE_NOOP(
        "Errors", "This kind of conflict is settled by a supervisor."
    ),
    "field.required": QT_TRANSLATE_NOOP("Errors", "Please fill in the {field}."),
    "field.too_long": QT_TRANSLATE_NOOP(
        "Errors", "The {field} is too long (at most {max_len} characters)."
    ),
    "field.too_large": QT_TRANSLATE_NOOP(
        "Errors", "The {field} is too large (at most {max_len} characters)."
    ),
    "field.too_deep": QT_TRANSLATE_NOOP(
        "Errors", "The {field} is nested too deeply (at most {max_depth} levels)."
    ),
    "field.bad_phone": QT_TRANSLATE_NOOP(
        "Errors", "The {field} is not a phone number (11-digit mobile or landline)."
    ),
    "field.bad_id_number": QT_TRANSLATE_NOOP(
        "Errors", "The ID number is not valid: check all 18 characters."
    ),
    "field.bad_date": QT_TRANSLATE_NOOP("Errors", "The {field} is not a valid date."),
    "field.bad_time": QT_TRANSLATE_NOOP("Errors", "The {field} is not a valid time."),
    "field.invalid_choice": QT_TRANSLATE_NOOP("Errors", "Please choose the {field}."),
    "field.not_text": QT_TRANSLATE_NOOP("Errors", "The {field} must be text."),
    "field.not_list": QT_TRANSLATE_NOOP("Errors", "The {field} is not a list."),
    "field.not_bool": QT_TRANSLATE_NOOP("Errors", "The {field} must be yes or no."),
    "field.not_object": QT_TRANSLATE_NOOP("Errors", "The {field} is incomplete."),
    "field.bad_sha256": QT_TRANSLATE_NOOP("Errors", "A photo is damaged; take it again."),
    "pin.invalid": QT_TRANSLATE_NOOP("Errors", "A PIN is 6 to 12 digits."),
    "store.wrong_pin": QT_TRANSLATE_NOOP("Errors", "Worker ID or PIN is wrong."),
    "store.wrong_key": QT_TRANSLATE_NOOP("Errors", "Worker ID or PIN is wrong."),
    "store.missing": QT_TRANSLATE_NOOP(
        "Errors", "There is no database on this terminal yet. Use demo data or enroll."
    ),
    "store.exists": QT_TRANSLATE_NOOP("Errors", "A database exists here already."),
    "store.schema_too_new": QT_TRANSLATE_NOOP(
        "Errors", "This database comes from a newer GridTerm. Update the app first."
    ),
    "store.not_a_database": QT_TRANSLATE_NOOP("Errors", "This file is not a GridTerm database."),
    "store.keyfile_unreadable": QT_TRANSLATE_NOOP("Errors", "The key file cannot be read."),
    "store.closed": QT_TRANSLATE_NOOP("Errors", "You were logged out. Please log in again."),
    "store.pin_wait": QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong PINs on this terminal. Wait, then try again."
    ),
    "store.wipe_held": QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong PINs. This terminal may hold unsynced work, so it was not erased."
    ),
    "store.keys_erased": QT_TRANSLATE_NOOP(
        "Errors",
        "Too many wrong PINs: this terminal's keys and data were erased. Ask your supervisor"
        " for a new enrollment code.",
    ),
    "store.device_revoked": QT_TRANSLATE_NOOP(
        "Errors",
        "The street office has withdrawn this terminal: its keys and data are erased. Ask your"
        " supervisor for a new enrollment code.",
    ),
    "unlock.not_supervisor": QT_TRANSLATE_NOOP(
        "Errors", "Only a community supervisor or street staff may confirm erasing a terminal."
    ),
    "user.not_found": QT_TRANSLATE_NOOP("Errors", "This worker has no account on the terminal."),
    "visit.outcome_needs_concern": QT_TRANSLATE_NOOP(
        "Errors", "Record what the residents raised, or choose “Nothing raised”."
    ),
    "visit.concerns_but_nothing_raised": QT_TRANSLATE_NOOP(
        "Errors", "Concerns were recorded, so the outcome cannot be “Nothing raised”."
    ),
    "visit.ticket_without_outcome": QT_TRANSLATE_NOOP(
        "Errors", "A ticket needs the outcome “Open a ticket”."
    ),
    "visit.already_revised": QT_TRANSLATE_NOOP(
        "Errors", "This visit was corrected already; correct the newest version."
    ),
    "ticket.transition_not_allowed": QT_TRANSLATE_NOOP(
        "Errors", "This step is not possible for the ticket now."
    ),
    "ticket.role_not_allowed": QT_TRANSLATE_NOOP(
        "Errors", "Your role cannot do this at the ticket's level."
    ),
    "ticket.department_required": QT_TRANSLATE_NOOP("Errors", "Name the department."),
    "ticket.reopen_needs_reason": QT_TRANSLATE_NOOP("Errors", "Say why the ticket is reopened."),
    "ticket.escalate_needs_reason": QT_TRANSLATE_NOOP(
        "Errors", "Say why the ticket goes up a level."
    ),
    "ticket.already_top_level": QT_TRANSLATE_NOOP(
        "Errors", "The street office is the top level already."
    ),
    "ticket.verify_needs_photo": QT_TRANSLATE_NOOP(
        "Errors", "Take a photo on site to verify the ticket."
    ),
    "verify.same_person": QT_TRANSLATE_NOOP(
        "Errors", "Someone other than the reporter must verify (the street office's rule)."
    ),
    "inspection.items_unanswered": QT_TRANSLATE_NOOP(
        "Errors", "{missing} items are not answered yet."
    ),
    "inspection.failure_needs_evidence": QT_TRANSLATE_NOOP(
        "Errors", "A failed item needs a photo or a note."
    ),
    "inspection.already_completed": QT_TRANSLATE_NOOP(
        "Errors", "This inspection is completed and can no longer change."
    ),
    "inspection.needs_signature": QT_TRANSLATE_NOOP(
        "Errors", "Let the operator sign, or say why the operator cannot."
    ),
    "inspection.signed_and_absent": QT_TRANSLATE_NOOP(
        "Errors", "The operator signed, so the operator was present: clear the reason."
    ),
    "inspection.no_template": QT_TRANSLATE_NOOP(
        "Errors", "There is no checklist on this terminal yet: sync first."
    ),
    "hazard.not_rectified": QT_TRANSLATE_NOOP(
        "Errors", "Record the rectification (with a photo) before the re-inspection."
    ),
    "hazard.rectify_needs_photo": QT_TRANSLATE_NOOP(
        "Errors", "Take a photo of the rectified hazard."
    ),
    "hazard.reinspect_needs_photo": QT_TRANSLATE_NOOP(
        "Errors", "Take an after-photo on site to pass the re-inspection."
    ),
    "hazard.close_needs_photo": QT_TRANSLATE_NOOP(
        "Errors", "Take a photo on site to verify the hazard closed."
    ),
    "hazard.ticket_not_handled": QT_TRANSLATE_NOOP(
        "Errors", "The department has not handled the ticket yet."
    ),
    "hazard.failure_needs_evidence": QT_TRANSLATE_NOOP(
        "Errors", "A failed re-inspection needs a photo or a note."
    ),
    "hazard.responsible_required": QT_TRANSLATE_NOOP("Errors", "Name who must rectify it."),
    "hazard.transition_not_allowed": QT_TRANSLATE_NOOP(
        "Errors", "This step is not possible for the hazard now."
    ),
    "hazard.not_escalatable": QT_TRANSLATE_NOOP(
        "Errors", "Only a hazard being rectified can be escalated."
    ),
    "hazard.already_escalated": QT_TRANSLATE_NOOP("Errors", "This hazard has a ticket already."),
    "hazard.item_not_failed": QT_TRANSLATE_NOOP("Errors", "Only a failed item becomes a hazard."),
    "checkin.not_checked_in": QT_TRANSLATE_NOOP("Errors", "You are not checked in."),
    "checkin.already_checked_in": QT_TRANSLATE_NOOP("Errors", "You are checked in already."),
    "household.no_changes": QT_TRANSLATE_NOOP("Errors", "Nothing was changed."),
    "resident.no_changes": QT_TRANSLATE_NOOP("Errors", "Nothing was changed."),
    "grid.out_of_scope": QT_TRANSLATE_NOOP("Errors", "This grid is not in your area."),
    "premises.not_special_grid": QT_TRANSLATE_NOOP(
        "Errors", "Stalls and shops belong to a market (special grid)."
    ),
    "attachment.bad_type": QT_TRANSLATE_NOOP("Errors", "Only JPEG, PNG or WebP photos."),
    "attachment.bad_size": QT_TRANSLATE_NOOP(
        "Errors", "The photo is empty or larger than {max_mb} MB."
    ),
    "photo.unreadable": QT_TRANSLATE_NOOP("Errors", "This file is not a photo that can be read."),
    "sync.not_enrolled": QT_TRANSLATE_NOOP(
        "Errors",
        "This terminal is not enrolled with a server (demo data): records stay on it.",
    ),
    "sync.busy": QT_TRANSLATE_NOOP("Errors", "A sync is already running."),
    "net.unreachable": QT_TRANSLATE_NOOP(
        "Errors", "The server cannot be reached. Records stay safe here and go with the signal."
    ),
    "net.certificate": QT_TRANSLATE_NOOP(
        "Errors",
        "The server's certificate is not trusted: the connection may be intercepted. Nothing "
        "was sent; records stay safe here. Tell your supervisor.",
    ),
    "net.certificate_settings": QT_TRANSLATE_NOOP(
        "Errors",
        "The certificate settings are wrong: the CA file must be a .pem file of certificates, "
        "the pin 64 hexadecimal digits.",
    ),
    "net.bad_answer": QT_TRANSLATE_NOOP(
        "Errors", "The server answered wrongly. Records stay safe here; try again later."
    ),
    "auth.pin_needed": QT_TRANSLATE_NOOP("Errors", "Log in again to sync."),
    "auth.device_revoked": QT_TRANSLATE_NOOP(
        "Errors", "The street office has withdrawn this terminal."
    ),
    "auth.not_local_user": QT_TRANSLATE_NOOP(
        "Errors", "This worker has no account on this terminal."
    ),
    "sync.no_engine": QT_TRANSLATE_NOOP(
        "Errors", "Sync is not available in this version yet; records stay safe on the terminal."
    ),
    "sync.no_server": QT_TRANSLATE_NOOP(
        "Errors", "No server is set. Enter the server address in Settings."
    ),
    "enroll.bad_url": QT_TRANSLATE_NOOP(
        "Errors", "The server address must start with https:// (or http:// for testing)."
    ),
    "enroll.bad_code": QT_TRANSLATE_NOOP(
        "Errors",
        "The enrollment code is the 12 letters and digits your supervisor gave you"
        " (ABCD-EFGH-JKLM).",
    ),
    "enroll.code_invalid": QT_TRANSLATE_NOOP(
        "Errors", "This enrollment code is unknown or used up: ask your supervisor for a new one."
    ),
    "enroll.too_many_attempts": QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong enrollment codes from here. Wait an hour, then try again."
    ),
    "auth.too_many_attempts": QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong PINs on this terminal. Wait a little, then try again."
    ),
    "reveal.not_allowed": QT_TRANSLATE_NOOP(
        "Errors", "Your role may not see this in clear: it stays hidden."
    ),
    "not_found": QT_TRANSLATE_NOOP("Errors", "This record is no longer on the terminal."),
    "permission.denied": QT_TRANSLATE_NOOP("Errors", "Your role does not allow this."),
}


def label(table: dict[str, str], value: object, context: str = "Labels") -> str:
    """The translated label of an enum value (its raw value when the table lacks it)."""
    key = getattr(value, "value", value)
    source = table.get(str(key))
    return translate(context, source) if source else str(key)


def category_codes(settings: OfficeSettings) -> list[str]:
    """The ticket categories a worker picks from, in the street office's order (stored codes;
    the list is data the server delivers: ``gridterm.domain.office_settings``)."""
    return [c.code for c in settings.choosable()]


def category_label(category: str, settings: OfficeSettings | None = None) -> str:
    """A ticket category in the UI's language (unknown, older categories as stored), by the
    street office's ``settings`` (the built-in list when None)."""
    return (settings or built_in()).category_label(category, QLocale().name())


def field_label(field: str | None) -> str:
    """A field name for error messages."""
    return translate("Fields", FIELDS[field]) if field in FIELDS else (field or "")


def error_message(error: BaseException, field_names: dict[str, str] | None = None) -> str:
    """The message a worker reads for an error the core (or the UI) raised.

    An error without a known code (a bug, a library's exception) never shows its text: the
    worker reads a plain sentence in their language and the details go to the log.
    ``field_names`` overrides how a form calls a field (a stall's ``name`` is not a person's)."""
    code = getattr(error, "code", None)  # the core's errors, and the sync engine's
    source = ERRORS.get(code) if isinstance(code, str) else None
    if source is None and isinstance(code, str) and code.endswith(".not_found"):
        source = ERRORS["not_found"]
    if source is None:
        log.error("unexpected error (code %r) shown as a plain message", code, exc_info=error)
        return translate(
            "Errors", "Something went wrong. It has been noted for support; please try again."
        )
    given = dict(getattr(error, "params", None) or {})
    field = getattr(error, "field", None)
    if field and "field" not in given:
        given["field"] = field
    params = {k: v for k, v in given.items() if k != "field"}
    try:
        field = given.get("field")
        shown = (field_names or {}).get(field) if field else None
        return translate("Errors", source).format(field=shown or field_label(field), **params)
    except (KeyError, IndexError):
        return translate("Errors", source)


def join_list(items: list[str]) -> str:
    """Items as a list in running text (、 in Chinese, a comma in English)."""
    return translate("Labels", ", ").join(items)
