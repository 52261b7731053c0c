"""Stored rows → domain objects (JSON columns decoded, times parsed)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from gridterm.domain.hazards import Hazard, HazardAction, HazardStatus, HazardStep
from gridterm.domain.inspections import HazardInspection, InspectionStatus, Severity
from gridterm.domain.residents import Gender, Relation, Resident
from gridterm.domain.territory import Household, KeyReason
from gridterm.domain.tickets import Level, Ticket, TicketAction, TicketStatus, Transition
from gridterm.domain.visits import Concern, ConcernKind, Visit, VisitOutcome, VisitType


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def household(row: dict[str, Any]) -> Household:
    """A household row as a Household."""
    return Household(
        id=row["id"],
        grid_id=row["grid_id"],
        building_id=row["building_id"],
        unit_id=row["unit_id"],
        floor=row["floor"],
        room=row["room"],
        address=row["address"],
        key_reasons=frozenset(KeyReason(r) for r in json.loads(row["key_reasons"])),
        party_member=bool(row["party_member"]),
        vacant=bool(row["vacant"]),
        rental=bool(row["rental"]),
        phone=row["phone"],
        notes=row["notes"],
        version=row["version"],
    )


def resident(row: dict[str, Any]) -> Resident:
    """A resident row as a Resident."""
    return Resident(
        id=row["id"],
        household_id=row["household_id"],
        name=row["name"],
        gender=Gender(row["gender"]),
        birth_date=date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        relation=Relation(row["relation"]),
        id_number=row["id_number"],
        phone=row["phone"],
        health=row["health"],
        party_member=bool(row["party_member"]),
        moved_out=bool(row["moved_out"]),
        version=row["version"],
    )


def visit(row: dict[str, Any]) -> Visit:
    """A visit row as a Visit."""
    return Visit(
        id=row["id"],
        household_id=row["household_id"],
        user_id=row["user_id"],
        visited_at=datetime.fromisoformat(row["visited_at"]),
        visit_type=VisitType(row["visit_type"]),
        met=tuple(json.loads(row["met"])),
        concerns=tuple(
            Concern(ConcernKind(c["kind"]), c["text"], c.get("category", ""))
            for c in json.loads(row["concerns"])
        ),
        notes=row["notes"],
        outcome=VisitOutcome(row["outcome"]),
        photos=tuple(json.loads(row["photos"])),
        ticket_id=row["ticket_id"],
        revision_of=row["revision_of"],
    )


def ticket(row: dict[str, Any]) -> Ticket:
    """A ticket row as a Ticket."""
    return Ticket(
        id=row["id"],
        grid_id=row["grid_id"],
        category=row["category"],
        title=row["title"],
        description=row["description"],
        urgent=bool(row["urgent"]),
        status=TicketStatus(row["status"]),
        level=Level(row["level"]),
        reported_by=row["reported_by"],
        reported_at=datetime.fromisoformat(row["reported_at"]),
        household_id=row["household_id"],
        visit_id=row["visit_id"],
        department=row["department"],
        location=row["location"],
        photos=tuple(json.loads(row["photos"] or "[]")),
        version=row["version"],
    )


def transition(row: dict[str, Any]) -> Transition:
    """A ticket_transition row as a Transition."""
    return Transition(
        id=row["id"],
        ticket_id=row["ticket_id"],
        action=TicketAction(row["action"]),
        from_status=TicketStatus(row["from_status"]) if row["from_status"] else None,
        to_status=TicketStatus(row["to_status"]),
        from_level=Level(row["from_level"]) if row["from_level"] else None,
        to_level=Level(row["to_level"]),
        by_user=row["by_user"],
        at=datetime.fromisoformat(row["at"]),
        note=row["note"],
        department=row["department"],
        photo=row["photo"],
    )


def inspection(row: dict[str, Any]) -> HazardInspection:
    """A hazard_inspection row as a HazardInspection."""
    return HazardInspection(
        id=row["id"],
        premises_id=row["premises_id"],
        grid_id=row["grid_id"],
        inspector_id=row["inspector_id"],
        template_code=row["template_code"],
        template_version=row["template_version"],
        started_at=datetime.fromisoformat(row["started_at"]),
        status=InspectionStatus(row["status"]),
        completed_at=_time(row["completed_at"]),
        signature=row["signature"],
        revision_of=row["revision_of"],
        operator_absent=row.get("operator_absent") or "",
    )


def hazard(row: dict[str, Any]) -> Hazard:
    """A hazard row as a Hazard."""
    return Hazard(
        id=row["id"],
        inspection_id=row["inspection_id"],
        premises_id=row["premises_id"],
        grid_id=row["grid_id"],
        item_code=row["item_code"],
        severity=Severity(row["severity"]),
        deadline=date.fromisoformat(row["deadline"]),
        responsible=row["responsible"],
        description=row["description"],
        status=HazardStatus(row["status"]),
        found_at=datetime.fromisoformat(row["found_at"]),
        photos=tuple(json.loads(row["photos"])),
        ticket_id=row["ticket_id"],
        closed_at=_time(row["closed_at"]),
        version=row["version"],
    )


def hazard_step(row: dict[str, Any]) -> HazardStep:
    """A hazard_step row as a HazardStep (photos a JSON list on the terminal, a list or
    JSON text on the server)."""
    photos = row["photos"]
    return HazardStep(
        id=row["id"],
        hazard_id=row["hazard_id"],
        action=HazardAction(row["action"]),
        from_status=HazardStatus(row["from_status"]) if row["from_status"] else None,
        to_status=HazardStatus(row["to_status"]) if row["to_status"] else None,
        by_user=row["by_user"],
        at=datetime.fromisoformat(row["at"]),
        note=row["note"],
        photos=tuple(json.loads(photos) if isinstance(photos, str) else photos or ()),
        party=row["party"],
        ticket_id=row["ticket_id"],
    )


def hazard_step_row(step: HazardStep) -> dict[str, Any]:
    """A HazardStep as the columns of ``hazard_step``."""
    return {
        "id": step.id,
        "hazard_id": step.hazard_id,
        "action": step.action.value,
        "from_status": step.from_status.value if step.from_status else None,
        "to_status": step.to_status.value if step.to_status else None,
        "by_user": step.by_user,
        "at": step.at.isoformat(),
        "note": step.note,
        "photos": list(step.photos),
        "party": step.party,
        "ticket_id": step.ticket_id,
    }
