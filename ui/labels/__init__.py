"""Translated words for the core's enums and error codes (the core returns codes; we translate).

The tables live by idea in this package's modules (``households``, ``tickets``, ``markets``,
``records``, ``fields``, ``errors``) and are imported from here. Every table holds English
source text marked with ``QT_TRANSLATE_NOOP`` so ``lupdate`` finds it; the lookup functions
translate at call time, so a language switch shows at once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale

from gridterm.domain.office_settings import OfficeSettings, built_in
from ui.labels.errors import ERRORS
from ui.labels.fields import FIELDS
from ui.labels.households import (
    CONCERN_KINDS,
    GENDERS,
    KEY_REASONS,
    OUTCOMES,
    RELATIONS,
    VISIT_TYPES,
)
from ui.labels.markets import (
    HAZARD_ACTIONS,
    HAZARD_STATUSES,
    INSPECTION_STATUSES,
    ITEM_RESULTS,
    PREMISES_STATES,
    SEVERITIES,
)
from ui.labels.records import ENTITIES, OPS, OUTBOX_STATES, ROLES
from ui.labels.tickets import ALERT_KINDS, LEVELS, TICKET_ACTIONS, TICKET_STATUSES

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

__all__ = [
    "ALERT_KINDS",
    "CONCERN_KINDS",
    "ENTITIES",
    "ERRORS",
    "FIELDS",
    "GENDERS",
    "HAZARD_ACTIONS",
    "HAZARD_STATUSES",
    "INSPECTION_STATUSES",
    "ITEM_RESULTS",
    "KEY_REASONS",
    "LEVELS",
    "OPS",
    "OUTBOX_STATES",
    "OUTCOMES",
    "PREMISES_STATES",
    "RELATIONS",
    "ROLES",
    "SEVERITIES",
    "TICKET_ACTIONS",
    "TICKET_STATUSES",
    "VISIT_TYPES",
    "category_codes",
    "category_label",
    "error_message",
    "field_label",
    "join_list",
    "label",
]


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
