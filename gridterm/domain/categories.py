"""Ticket categories (问题类别) as data: the street office's list, read from a YAML file.

One list serves the terminal's forms and ticket list, the server and the demo. Street offices
configure their own categories, so the list is a file (``resources/ticket_categories.yaml``,
or the one ``GRIDTERM_TICKET_CATEGORIES`` names), not code. A ticket stores the category's
``code``; a code no longer in the list (an old ticket) still displays, as stored. Pure: no Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from gridterm.errors import ValidationError

#: The list shipped with the app.
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "resources" / "ticket_categories.yaml"
#: Environment variable naming a street office's own list.
ENV_FILE = "GRIDTERM_TICKET_CATEGORIES"


@dataclass(frozen=True, slots=True)
class TicketCategory:
    """One category: the stored ``code``, its labels, the usual department, examples."""

    code: str
    zh: str
    en: str
    department: str = ""
    examples: tuple[str, ...] = ()
    choosable: bool = True

    def label(self, locale: str) -> str:
        """The label in ``locale`` (zh_CN, en…): Chinese for any zh locale, else English."""
        return self.zh if locale.lower().startswith("zh") else self.en


def parse(text: str) -> tuple[TicketCategory, ...]:
    """Categories from YAML text; a malformed list raises ``ValidationError``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValidationError("categories.bad_file", f"not YAML: {exc}") from None
    return from_entries(data.get("categories") if isinstance(data, dict) else None)


def from_entries(entries: object) -> tuple[TicketCategory, ...]:
    """Categories from a parsed list of mappings (a file's, or the server's settings)."""
    if not isinstance(entries, list) or not entries:
        raise ValidationError("categories.bad_file", "no 'categories' list")
    found: list[TicketCategory] = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise ValidationError("categories.bad_file", f"entry {n} is not a mapping")
        code, en = entry.get("code"), entry.get("en")
        examples = entry.get("examples") or []
        if not isinstance(code, str) or not code.strip() or not isinstance(en, str):
            raise ValidationError("categories.bad_file", f"entry {n} needs a code and en")
        if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise ValidationError("categories.bad_file", f"entry {n}: examples is a text list")
        found.append(
            TicketCategory(
                code=code.strip(),
                zh=str(entry.get("zh") or code).strip(),
                en=en.strip(),
                department=str(entry.get("department") or "").strip(),
                examples=tuple(examples),
                choosable=bool(entry.get("choosable", True)),
            )
        )
    codes = [c.code for c in found]
    if len(set(codes)) != len(codes):
        raise ValidationError("categories.bad_file", "a code appears twice")
    return tuple(found)


@cache
def _load(path: Path) -> tuple[TicketCategory, ...]:
    return parse(path.read_text(encoding="utf-8"))


def category_file() -> Path:
    """The file the built-in categories come from (the shipped one, or ``ENV_FILE``'s)."""
    return Path(os.environ.get(ENV_FILE) or DEFAULT_FILE)


def ticket_categories(path: Path | None = None) -> tuple[TicketCategory, ...]:
    """The street office's categories in their configured order (read once per file)."""
    return _load(path or category_file())


def choosable() -> tuple[TicketCategory, ...]:
    """The categories a worker picks from (not the system's own, like a hazard's)."""
    return tuple(c for c in ticket_categories() if c.choosable)


def find(code: str) -> TicketCategory | None:
    """The category stored as ``code``, if the list still has it."""
    return next((c for c in ticket_categories() if c.code == code), None)


def category_label(code: str, locale: str) -> str:
    """A stored category for display; an unknown (old) one as stored."""
    found = find(code)
    return found.label(locale) if found else code
