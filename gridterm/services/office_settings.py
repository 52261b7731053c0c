"""The street office's settings on this terminal: the last ones pulled, else the built-in ones.

The server publishes each change as a new ``office_settings`` row; a terminal offline keeps
working with the highest revision it received (``gridterm.domain.office_settings``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from gridterm.domain import office_settings
from gridterm.domain.office_settings import OfficeSettings
from gridterm.errors import ValidationError
from gridterm.store.reader import Reader

if TYPE_CHECKING:  # the server reads this module (reports.local) without the terminal's store
    from gridterm.services.session import Session

_LATEST = "SELECT revision, document FROM office_settings ORDER BY revision DESC LIMIT 1"


def current(r: Reader) -> OfficeSettings:
    """The settings this terminal last received (one indexed row; parsed once per revision)."""
    row = r.one(_LATEST)
    if row is None:
        return office_settings.built_in()
    return _parsed(row["revision"], row["document"])


@lru_cache(maxsize=4)
def _parsed(revision: int, document: str) -> OfficeSettings:
    # a document the server accepted parses here too; should an older app meet a part it does
    # not know, it keeps its built-in defaults rather than stop working
    try:
        settings = office_settings.parse(json.loads(document), strict=False)
        return replace(settings, revision=revision)
    except (ValueError, ValidationError):
        return office_settings.built_in()


class ReceivedSettings:
    """The street office's settings (街道设置) as this terminal last received them, for the
    screens that follow them (visit intervals, ticket categories)."""

    def __init__(self, session: Session):
        self.session = session

    def current(self) -> OfficeSettings:
        """The settings in force on this terminal now (``current``)."""
        return self.session.store.read(current)
