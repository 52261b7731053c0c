"""Where a hazard inspection (隐患排查) resumes: the premises' inspection in progress (or a new
one) with its checklist version, the answers saved so far and the draft of what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gridterm.domain.inspections import ChecklistTemplate, HazardInspection, ItemOutcome
from gridterm.domain.territory import Premises
from ui.workspace import Workspace

DRAFT_KIND = "inspection"


@dataclass(frozen=True, slots=True)
class InspectionRun:
    """What the screen needs: the premises, the inspection and its checklist version, the
    answers saved so far and the draft of what was being typed."""

    premises: Premises
    inspection: HazardInspection | None
    template: ChecklistTemplate | None
    answers: dict[str, ItemOutcome] = field(default_factory=dict)
    draft: dict[str, Any] | None = None
    resumed: bool = False
    #: Checklists to choose from when none was started and there is more than one.
    templates: list[ChecklistTemplate] = field(default_factory=list)


def read_run(
    ws: Workspace, premises_id: str, inspection_id: str | None, template_code: str | None = None
) -> InspectionRun:
    """Resume the premises' inspection in progress, or start one (blocking)."""
    premises = ws.premises.get(premises_id)
    opened = ws.inspections.open(
        premises_id, inspection_id=inspection_id, template_code=template_code
    )
    if opened.inspection is None:
        return InspectionRun(premises, None, None, templates=opened.templates)
    drafts = [d for d in ws.drafts.load(DRAFT_KIND) if d["id"] == opened.inspection.id]
    return InspectionRun(
        premises,
        opened.inspection,
        opened.template,
        opened.answers,
        drafts[0] if drafts else None,
        opened.resumed,
    )


def card_states(run: InspectionRun) -> dict[str, dict[str, Any]]:
    """What each item's card shows on resuming, by item code: the saved answer, overlaid
    with the draft (written after every change, so it is the newer of the two)."""
    assert run.template is not None
    drafted = (run.draft or {}).get("payload", {}).get("items", {})
    states: dict[str, dict[str, Any]] = {}
    for item in run.template.items:
        answer = run.answers.get(item.code)
        state: dict[str, Any] = {}
        if answer is not None:
            state = {
                "result": answer.result.value,
                "note": answer.note,
                "photos": list(answer.photos),
            }
        state.update(drafted.get(item.code, {}))
        if state:
            states[item.code] = state
    return states
