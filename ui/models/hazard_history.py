"""A hazard's history (处置记录): each step with when, what, who and a note, and the photos it
took (the screen draws them as thumbnails)."""

from __future__ import annotations

from datetime import datetime

from gridterm.domain.hazards import HazardStep
from ui.labels import HAZARD_ACTIONS, HAZARD_STATUSES, label
from ui.models.history import StepHistoryModel


def photos_of(row: HazardStep) -> tuple[str, ...]:
    """The photos a step took."""
    return tuple(row.photos)


class HazardStepModel(StepHistoryModel[HazardStep]):
    """One row per step of a hazard, oldest first."""

    def at(self, row: HazardStep) -> datetime:
        return row.at

    def step(self, row: HazardStep) -> str:
        step = label(HAZARD_ACTIONS, row.action)
        if row.to_status is not None:
            step += f" → {label(HAZARD_STATUSES, row.to_status)}"
        return step

    def by(self, row: HazardStep) -> str:
        who = self.names.get(row.by_user, row.by_user) or "—"
        # recorded for the party who did it (代为登记), or the department's 报到
        return f"{who}（{row.party}）" if row.party else who

    def note(self, row: HazardStep) -> str:
        return row.note

    def photos(self, row: HazardStep) -> tuple[str, ...]:
        return photos_of(row)

    def sort_key(self, row: HazardStep, column: int) -> object:
        return row.at if column == self.COL_WHEN else self.display(row, column)
