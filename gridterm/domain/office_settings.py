"""A street office's settings (街道设置): visit intervals, ticket categories and deadlines, rules.

Each street office sets how often its key households are visited, which ticket categories it
uses with their usual department and deadlines, and whether the one who verifies must not be
the one who reported. The server publishes them (``gridterm-server admin settings``) and every
terminal pulls them like checklist templates; until a terminal has received any it uses the
built-in defaults (``resources/office_settings.yaml`` and ``resources/ticket_categories.yaml``).

A settings document is a JSON-able mapping; any part it leaves out keeps the value it is
parsed over (``parse(document, base)``), so an admin can publish one change. Pure: no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from gridterm.domain import categories
from gridterm.domain.categories import TicketCategory
from gridterm.domain.territory import KeyReason
from gridterm.domain.tickets import Level
from gridterm.errors import ValidationError

#: The built-in settings shipped with the app (ticket categories have their own file).
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "resources" / "office_settings.yaml"
_BAD = "settings.bad_file"


@dataclass(frozen=True, slots=True)
class Deadline:
    """How long a ticket may wait at a level: to be accepted (响应) and to be handled (办结)."""

    respond: timedelta
    settle: timedelta


#: Wrong PINs in a row before a terminal erases its keys, until a street office sets its own.
DEFAULT_PIN_WIPE_AFTER = 10


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    """What one street office has set; ``revision`` 0 is the built-in defaults."""

    visit_intervals: Mapping[KeyReason, int]
    categories: tuple[TicketCategory, ...]
    level_deadlines: Mapping[Level, Deadline]
    urgent: Deadline
    verify_by_other: bool = False
    #: (category code, level) → a category's own deadline at that level
    category_deadlines: Mapping[tuple[str, Level], Deadline] = field(default_factory=dict)
    revision: int = 0
    #: wrong PINs in a row after which a terminal erases its keys (0: never); the terminal
    #: keeps the last value it received outside its database (gridterm/store/pin_guard.py)
    pin_wipe_after: int = DEFAULT_PIN_WIPE_AFTER

    def interval_for(self, reasons: Iterable[KeyReason]) -> int | None:
        """Days between visits for a household with ``reasons``: the strictest; None if none."""
        days = [self.visit_intervals[r] for r in reasons if r in self.visit_intervals]
        return min(days) if days else None

    def deadline(self, category: str, level: Level, urgent: bool) -> Deadline:
        """The deadlines of a ticket of ``category`` held at ``level`` (urgent: the promise)."""
        if urgent:
            return self.urgent
        return self.category_deadlines.get((category, level), self.level_deadlines[level])

    def category(self, code: str) -> TicketCategory | None:
        """The category stored as ``code``, if the list has it."""
        return next((c for c in self.categories if c.code == code), None)

    def choosable(self) -> tuple[TicketCategory, ...]:
        """The categories a worker picks from (not the system's own, like a hazard's)."""
        return tuple(c for c in self.categories if c.choosable)

    def category_label(self, code: str, locale: str) -> str:
        """A stored category for display; an unknown (old) one as stored."""
        found = self.category(code)
        return found.label(locale) if found else code

    def to_document(self) -> dict[str, Any]:
        """The whole settings as a document (what the server stores and sends)."""
        return {
            "visit_intervals": {r.value: d for r, d in self.visit_intervals.items()},
            "deadlines": {lv.value: _level_out(d) for lv, d in self.level_deadlines.items()},
            "urgent": {
                "respond_minutes": _number(self.urgent.respond / timedelta(minutes=1)),
                "settle_hours": _number(self.urgent.settle / timedelta(hours=1)),
            },
            "verify_by_other": self.verify_by_other,
            "pin_lock": {"wipe_after": self.pin_wipe_after},
            "categories": [self._category_out(c) for c in self.categories],
        }

    def _category_out(self, c: TicketCategory) -> dict[str, Any]:
        out: dict[str, Any] = {"code": c.code, "zh": c.zh, "en": c.en}
        if c.department:
            out["department"] = c.department
        if c.examples:
            out["examples"] = list(c.examples)
        if not c.choosable:
            out["choosable"] = False
        own = {
            lv.value: _level_out(d)
            for (code, lv), d in self.category_deadlines.items()
            if code == c.code
        }
        if own:
            out["deadlines"] = own
        return out


#: The parts a settings document may have.
PARTS = frozenset(
    {"visit_intervals", "deadlines", "urgent", "verify_by_other", "categories", "pin_lock"}
)


def parse(
    document: object, base: OfficeSettings | None = None, *, strict: bool = True
) -> OfficeSettings:
    """Settings from ``document``, each part it leaves out taken from ``base`` (the built-in
    defaults when None). A malformed document raises ``ValidationError`` (settings.bad_file);
    so does a part this app does not know, unless ``strict`` is off (a terminal reading what a
    newer server sent ignores it)."""
    base = base or built_in()
    if not isinstance(document, dict):
        raise ValidationError(_BAD, "settings are a mapping")
    unknown = set(document) - PARTS
    if not strict:
        document = {k: v for k, v in document.items() if k in PARTS}
    elif unknown:
        raise ValidationError(_BAD, f"unknown settings: {', '.join(sorted(unknown))}")
    intervals = dict(base.visit_intervals)
    intervals.update(_intervals(document.get("visit_intervals", {})))
    levels = dict(base.level_deadlines)
    for name, spec in _mapping(document.get("deadlines", {}), "deadlines").items():
        level = _level(name)
        levels[level] = _level_deadline(spec, levels[level], f"deadlines.{name}")
    urgent = _urgent(document.get("urgent", {}), base.urgent)
    verify = document.get("verify_by_other", base.verify_by_other)
    if not isinstance(verify, bool):
        raise ValidationError(_BAD, "verify_by_other is true or false")
    cats, own = base.categories, dict(base.category_deadlines)
    if "categories" in document:
        entries = document["categories"]
        cats = categories.from_entries(entries)
        own = _category_deadlines(entries, levels)
    wipe_after = _pin_lock(document.get("pin_lock", {}), base.pin_wipe_after)
    return OfficeSettings(intervals, cats, levels, urgent, verify, own, base.revision, wipe_after)


@cache
def built_in() -> OfficeSettings:
    """The defaults shipped with the app (the file's values over the shipped categories)."""
    start = OfficeSettings({}, categories.ticket_categories(), {}, Deadline(*[timedelta()] * 2))
    document = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    settings = _parse_full(document, start)
    raw = yaml.safe_load(categories.category_file().read_text(encoding="utf-8"))
    own = _category_deadlines(raw.get("categories", []), settings.level_deadlines)
    return OfficeSettings(
        settings.visit_intervals,
        settings.categories,
        settings.level_deadlines,
        settings.urgent,
        settings.verify_by_other,
        own,
        pin_wipe_after=settings.pin_wipe_after,
    )


def _parse_full(document: dict[str, Any], start: OfficeSettings) -> OfficeSettings:
    # the built-in file must name every level: there is nothing underneath it to fall back on
    levels = {
        _level(n): _level_deadline(s, None, f"deadlines.{n}")
        for n, s in _mapping(document.get("deadlines"), "deadlines").items()
    }
    if set(levels) != set(Level):
        raise ValidationError(_BAD, "deadlines name every level")
    full = OfficeSettings(start.visit_intervals, start.categories, levels, start.urgent)
    rest = {k: v for k, v in document.items() if k != "deadlines"}
    return parse(rest, full)


def _mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(_BAD, f"{what} is a mapping")
    return value


def _positive(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValidationError(_BAD, f"{what} is a positive number")
    return float(value)


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _intervals(value: object) -> dict[KeyReason, int]:
    out: dict[KeyReason, int] = {}
    for name, days in _mapping(value, "visit_intervals").items():
        try:
            reason = KeyReason(name)
        except ValueError:
            raise ValidationError(_BAD, f"visit_intervals: no key reason {name!r}") from None
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 366:
            raise ValidationError(_BAD, f"visit_intervals.{name} is 1–366 days")
        out[reason] = days
    return out


def _level(name: object) -> Level:
    if isinstance(name, str) and name in Level._value2member_map_:
        return Level(name)
    raise ValidationError(_BAD, f"no level {name!r}")


def _level_deadline(spec: object, base: Deadline | None, what: str) -> Deadline:
    spec = _mapping(spec, what)
    if set(spec) - {"respond_hours", "settle_days"}:
        raise ValidationError(_BAD, f"{what} has respond_hours and settle_days")
    if base is None and set(spec) != {"respond_hours", "settle_days"}:
        raise ValidationError(_BAD, f"{what} needs respond_hours and settle_days")
    respond = spec.get("respond_hours")
    settle = spec.get("settle_days")
    # a null value keeps the base's; with no base (the built-in file) it is refused
    return Deadline(
        base.respond if base and respond is None else timedelta(hours=_positive(respond, what)),
        base.settle if base and settle is None else timedelta(days=_positive(settle, what)),
    )


def _level_out(d: Deadline) -> dict[str, int | float]:
    return {
        "respond_hours": _number(d.respond / timedelta(hours=1)),
        "settle_days": _number(d.settle / timedelta(days=1)),
    }


def _urgent(value: object, base: Deadline) -> Deadline:
    spec = _mapping(value, "urgent")
    if set(spec) - {"respond_minutes", "settle_hours"}:
        raise ValidationError(_BAD, "urgent has respond_minutes and settle_hours")
    respond, settle = spec.get("respond_minutes"), spec.get("settle_hours")
    return Deadline(
        timedelta(minutes=_positive(respond, "urgent")) if respond is not None else base.respond,
        timedelta(hours=_positive(settle, "urgent")) if settle is not None else base.settle,
    )


def _pin_lock(value: object, base: int) -> int:
    spec = _mapping(value, "pin_lock")
    if set(spec) - {"wipe_after"}:
        raise ValidationError(_BAD, "pin_lock has wipe_after")
    wipe_after = spec.get("wipe_after", base)
    # fewer than 5 would erase a terminal over a few slips of a gloved finger
    if isinstance(wipe_after, bool) or not isinstance(wipe_after, int):
        raise ValidationError(_BAD, "pin_lock.wipe_after is 0 (never) or 5–100 wrong PINs")
    if wipe_after != 0 and not 5 <= wipe_after <= 100:
        raise ValidationError(_BAD, "pin_lock.wipe_after is 0 (never) or 5–100 wrong PINs")
    return wipe_after


def _category_deadlines(
    entries: Iterable[Any], levels: Mapping[Level, Deadline]
) -> dict[tuple[str, Level], Deadline]:
    out: dict[tuple[str, Level], Deadline] = {}
    for entry in entries:
        if not isinstance(entry, dict) or "deadlines" not in entry:
            continue
        code = str(entry.get("code")).strip()
        for name, spec in _mapping(entry["deadlines"], f"{code}.deadlines").items():
            level = _level(name)
            out[(code, level)] = _level_deadline(spec, levels[level], f"{code}.deadlines.{name}")
    return out
