"""Importing the territory and household register from an office's sheet, row by row.

Each row is one household (and optionally one of its residents). Every value goes through the
core's validators; a row that fails is left out and reported with its number and reason, and
the good rows are imported (one savepoint per row, so a bad row leaves nothing behind).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select

from gridterm.domain.residents import validate_resident_fields
from gridterm.domain.territory import validate_household_changes
from gridterm.errors import GridTermError, ValidationError
from gridterm.ids import new_id
from sync.server.admin import territory
from sync.server.admin.records import add, grid_partition
from sync.server.admin.sheets import read_rows
from sync.server.db import schema

_TRUE = {"1", "true", "yes", "y", "是", "√", "x"}
_FALSE = {"", "0", "false", "no", "n", "否"}
#: Chinese key reasons as offices write them.
_REASONS = {
    "独居老人": "elderly_alone",
    "空巢老人": "empty_nest",
    "残疾人": "disabled",
    "困难家庭": "low_income",
    "慢病": "patient",
    "定期治疗": "patient",
    "孕妇": "pregnant",
    "留守未成年人": "left_behind_minor",
    "社区矫正": "community_correction",
    "刑满释放": "community_correction",
}
_GENDERS = {"男": "male", "女": "female"}
_RELATIONS = {
    "户主": "head",
    "配偶": "spouse",
    "子女": "child",
    "父母": "parent",
    "孙子女": "grandchild",
    "租户": "tenant",
    "其他": "other",
}


@dataclass
class ImportReport:
    """What an import did, and each rejected row with its reason."""

    rows: int = 0
    households: int = 0
    residents: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The report for ``--json``."""
        rejected = [{"row": n, "code": code, "reason": reason} for n, code, reason in self.rejected]
        counts = {"rows": self.rows, "households": self.households, "residents": self.residents}
        return {**counts, "rejected": rejected}

    def write_csv(self, path: Path) -> None:
        """The rejected rows as a sheet the office can fix and import again."""
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow(["row", "code", "reason"])
            out.writerows(self.rejected)


def _flag(value: str, name: str) -> bool:
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError("field.not_bool", f"{name}: {value!r} is not yes/no", field=name)


def _reasons(value: str) -> list[str]:
    parts = [p.strip() for p in value.replace("、", ";").replace(",", ";").split(";")]
    return [_REASONS.get(p, p) for p in parts if p]


def household_tags(row: dict[str, str]) -> dict[str, object]:
    """The household's tags from a sheet row, validated by the core."""
    raw: dict[str, object] = {}
    if row.get("key_reasons"):
        raw["key_reasons"] = _reasons(row["key_reasons"])
    for name in ("party_member", "vacant", "rental"):
        if row.get(name):
            raw[name] = _flag(row[name], name)
    for name in ("phone", "notes"):
        if row.get(name):
            raw[name] = row[name]
    return validate_household_changes(raw) if raw else {}


def resident_fields(row: dict[str, str]) -> dict[str, object]:
    """A resident from a sheet row, validated by the core."""
    raw: dict[str, object] = {
        "name": row.get("name"),
        "gender": _GENDERS.get(row.get("gender", ""), row.get("gender", "")),
    }
    if row.get("relation"):
        raw["relation"] = _RELATIONS.get(row["relation"], row["relation"])
    for sheet_name, name in (
        ("birth_date", "birth_date"),
        ("id_number", "id_number"),
        ("resident_phone", "phone"),
        ("health", "health"),
    ):
        if row.get(sheet_name):
            raw[name] = row[sheet_name]
    if row.get("resident_party_member"):
        raw["party_member"] = _flag(row["resident_party_member"], "party_member")
    return validate_resident_fields(raw, partial=False)


def import_register(conn: Connection, path: Path) -> ImportReport:
    """Import every good row of the sheet at ``path``; report the others."""
    report = ImportReport()
    for number, row in read_rows(path):
        report.rows += 1
        try:
            with conn.begin_nested():
                created, resident = _import_row(conn, row)
        except GridTermError as exc:
            report.rejected.append((number, exc.code, str(exc)))
            continue
        report.households += int(created)
        report.residents += int(resident)
    return report


def _import_row(conn: Connection, row: dict[str, str]) -> tuple[bool, bool]:
    for name in ("street_office", "community", "grid", "building", "unit", "floor", "room"):
        if not row.get(name):
            raise ValidationError("field.required", f"{name} is empty", field=name)
    tags = household_tags(row)
    person = resident_fields(row) if row.get("name") else None
    floor = territory.floor_of(row["floor"])
    office = territory.street_office(conn, row["street_office"])
    community = territory.community(conn, office, row["community"])
    grid = territory.grid(conn, community, row["grid"], row.get("grid_kind") or "residential")
    building = territory.building(conn, grid, row["building"], floors=max(floor, 1))
    unit = territory.unit(conn, building, row["unit"])
    household, created = territory.household(conn, unit, floor, row["room"], tags)
    if person is None:
        return created, False
    r = schema.resident
    same = select(r.c.id).where(r.c.household_id == household)
    if person.get("id_number"):
        same = same.where(r.c.id_number == person["id_number"])
    else:
        same = same.where(r.c.name == person["name"])
    if conn.execute(same).first():
        return created, False
    add(
        conn,
        "resident",
        {"id": new_id(), "household_id": household, **person, "version": 1, "grid_id": grid},
        grid_partition(conn, grid),
    )
    return created, True
