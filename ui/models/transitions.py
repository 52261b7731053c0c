"""A ticket's history: every step with who, when, a note and the photo it took (the screen
draws the photo column as thumbnails)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from gridterm.domain.tickets import Transition
from ui.labels import LEVELS, TICKET_ACTIONS, TICKET_STATUSES, label
from ui.models.history import StepHistoryModel

translate = QCoreApplication.translate


def photos_of(row: Transition) -> tuple[str, ...]:
    """The photos a step took (a verification's on-site photo)."""
    return (row.photo,) if row.photo else ()


class TransitionModel(StepHistoryModel[Transition]):
    """One row per transition of a ticket, oldest first."""

    def at(self, row: Transition) -> datetime:
        return row.at

    def step(self, row: Transition) -> str:
        step = f"{label(TICKET_ACTIONS, row.action)} → {label(TICKET_STATUSES, row.to_status)}"
        if row.from_level is not None and row.to_level != row.from_level:
            # through tr: Chinese puts the level in full-width brackets with no space
            step = translate("TransitionModel", "{step} ({level})").format(
                step=step, level=label(LEVELS, row.to_level)
            )
        return step

    def by(self, row: Transition) -> str:
        return self.names.get(row.by_user, row.by_user)

    def note(self, row: Transition) -> str:
        parts = [row.note] if row.note else []
        if row.department:
            parts.append(row.department)
        return " · ".join(parts)

    def photos(self, row: Transition) -> tuple[str, ...]:
        return photos_of(row)
