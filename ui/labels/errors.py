"""The messages a worker reads for the core's (and the sync engine's) error codes."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP

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
