"""The premises register (商户) of special grids: add, edit, list with hazard status, search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gridterm.domain.hazards import RECTIFICATION_PENDING, Hazard, HazardStatus
from gridterm.domain.inspections import HazardInspection, Severity
from gridterm.domain.permissions import Activity, require
from gridterm.domain.territory import Premises
from gridterm.errors import NotFoundError, ValidationError
from gridterm.ids import new_id
from gridterm.services.hazards import HazardLine
from gridterm.services.session import Session
from gridterm.store.entities import PREMISES_DETAILS, codec
from gridterm.store.reader import Reader
from gridterm.store.tx import Tx

#: Hazards whose deadline still runs, as stored (the overdue counts).
_PENDING = frozenset(s.value for s in RECTIFICATION_PENDING)

#: Fields a worker may set on premises (the grid never changes once registered).
PREMISES_FIELDS = ("name", *PREMISES_DETAILS)

#: Worst first, so a stall's tile shows the most serious open hazard.
SEVERITY_RANK = {Severity.CRITICAL: 3, Severity.MAJOR: 2, Severity.MINOR: 1}


@dataclass(frozen=True, slots=True)
class PremisesStatus:
    """One stall or shop with its hazard status at a glance (for a market's list or floor grid)."""

    premises: Premises
    open_hazards: int
    worst: Severity | None  # the most serious hazard not yet verified closed
    overdue: bool  # some open hazard is past its rectification deadline (整改期限)
    #: Of the open hazards, those the operator is rectifying or that await sign-off (整改中).
    rectifying: int = 0


@dataclass(frozen=True, slots=True)
class MarketSummary:
    """A special grid (market) of the user's area with its stalls' hazard counts."""

    grid_id: str
    name: str
    community_name: str
    premises: int
    open: int  # reported, nobody rectifying yet (已上报)
    rectifying: int  # being rectified or re-inspected, awaiting sign-off (整改中/已复查)
    overdue: int  # not closed and past the deadline (逾期)


@dataclass(frozen=True, slots=True)
class InspectionLine:
    """A past or running inspection of a premises, with who did it and what it found."""

    inspection: HazardInspection
    inspector_name: str
    hazards_found: int


def premises_row(row: dict[str, Any]) -> Premises:
    """A premises row as Premises."""
    return codec(Premises).read(row)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE's wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PremisesRegister:
    """Reading and maintaining the premises of the user's special grids."""

    def __init__(self, session: Session):
        self.session = session

    def add(self, *, grid_id: str, **fields: Any) -> Premises:
        """Register a stall or shop found in the field; only special grids (专属网格) hold them."""
        require(self.session.user, Activity.EDIT_PREMISES)
        unknown = set(fields) - set(PREMISES_FIELDS)
        if unknown:
            raise ValidationError(
                "premises.unknown_field", f"unknown field {sorted(unknown)[0]}", field="fields"
            )
        premises = Premises.create(id=new_id(), grid_id=grid_id, **fields)

        def write(tx: Tx) -> Premises:
            self._require_special_grid(tx.reader(), grid_id)
            tx.insert("premises", codec(Premises).row(premises))
            return premises

        return self.session.store.write(write)

    def edit(self, premises_id: str, **changes: Any) -> Premises:
        """Correct premises (a new operator, licence or phone); only changed fields are sent."""
        require(self.session.user, Activity.EDIT_PREMISES)
        unknown = set(changes) - set(PREMISES_FIELDS)
        if unknown:
            raise ValidationError(
                "premises.unknown_field", f"unknown field {sorted(unknown)[0]}", field="fields"
            )

        def write(tx: Tx) -> Premises:
            current = self._get(tx.reader(), premises_id)
            merged = {k: getattr(current, k) for k in PREMISES_FIELDS} | changes
            checked = Premises.create(id=current.id, grid_id=current.grid_id, **merged)
            values = {
                k: getattr(checked, k)
                for k in changes
                if getattr(checked, k) != getattr(current, k)
            }
            if values:
                tx.update("premises", premises_id, values)
            return self._get(tx.reader(), premises_id)

        return self.session.store.write(write)

    def get(self, premises_id: str) -> Premises:
        """One premises of the user's area."""
        return self.session.store.read(lambda r: self._get(r, premises_id))

    def market(self, grid_id: str) -> list[PremisesStatus]:
        """A market's premises by building/floor/row/number, each with its hazard status."""
        today = self.session.today().isoformat()

        def read(r: Reader) -> list[PremisesStatus]:
            self.session.require_grid(r, grid_id)
            out = []
            for row in r.iter(
                "SELECT * FROM premises WHERE grid_id = ? ORDER BY building, floor, row, "
                "CAST(number AS INTEGER), number",
                (grid_id,),
            ):
                hazards = r.all(
                    "SELECT severity, deadline, status FROM hazard WHERE premises_id = ? "
                    "AND status != 'closed'",
                    (row["id"],),
                )
                severities = [Severity(h["severity"]) for h in hazards]
                out.append(
                    PremisesStatus(
                        premises=premises_row(row),
                        open_hazards=len(hazards),
                        worst=max(severities, key=SEVERITY_RANK.__getitem__)
                        if severities
                        else None,
                        overdue=any(
                            h["deadline"] < today and h["status"] in _PENDING for h in hazards
                        ),
                        rectifying=sum(h["status"] != HazardStatus.OPEN.value for h in hazards),
                    )
                )
            return out

        return self.session.store.read(read)

    def search(self, text: str, grid_id: str | None = None) -> list[Premises]:
        """Premises whose name, operator, licence or number contains ``text``, in the user's
        grids (or one of them)."""
        needle = text.strip()
        if not needle:
            return []

        def read(r: Reader) -> list[Premises]:
            if grid_id is not None:
                self.session.require_grid(r, grid_id)
                grids = [grid_id]
            else:
                grids = self.session.visible_grid_ids(r)
            if not grids:
                return []
            marks = ",".join("?" * len(grids))
            pattern = _like(needle)
            return [
                premises_row(row)
                for row in r.iter(
                    f"SELECT * FROM premises WHERE grid_id IN ({marks}) AND ("
                    "name LIKE ? ESCAPE '\\' OR operator LIKE ? ESCAPE '\\' "
                    "OR licence_no LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\') "
                    "ORDER BY name LIMIT 200",
                    (*grids, pattern, pattern, pattern, pattern),
                )
            ]

        return self.session.store.read(read)

    def markets(self) -> list[MarketSummary]:
        """The special grids (markets) of the user's area with hazard counts, by name."""
        today = self.session.today().isoformat()

        def read(r: Reader) -> list[MarketSummary]:
            grids = self.session.visible_grid_ids(r)
            if not grids:
                return []
            marks = ",".join("?" * len(grids))
            # One grouped query per table rather than one per market: a street office may
            # see every market of its area.
            counts = {
                row["grid_id"]: row
                for row in r.iter(
                    f"SELECT grid_id, sum(status = 'open') AS open, "
                    f"sum(status != 'open') AS rectifying, "
                    f"sum(deadline < ? AND status IN ('open', 'rectifying')) AS overdue "
                    f"FROM hazard WHERE grid_id IN ({marks}) AND status != 'closed' "
                    f"GROUP BY grid_id",
                    (today, *grids),
                )
            }
            out = []
            for row in r.iter(
                f"SELECT g.id, g.name, c.name AS cname, "
                f"(SELECT count(*) FROM premises p WHERE p.grid_id = g.id) AS n "
                f"FROM grid g JOIN community c ON c.id = g.community_id "
                f"WHERE g.kind = 'special' AND g.id IN ({marks}) ORDER BY g.name",
                tuple(grids),
            ):
                c = counts.get(row["id"]) or {"open": 0, "rectifying": 0, "overdue": 0}
                out.append(
                    MarketSummary(
                        row["id"],
                        row["name"],
                        row["cname"],
                        row["n"],
                        c["open"] or 0,
                        c["rectifying"] or 0,
                        c["overdue"] or 0,
                    )
                )
            return out

        return self.session.store.read(read)

    def inspections(self, premises_id: str) -> list[InspectionLine]:
        """A premises' inspections, newest first, with the inspector and hazards found."""

        def read(r: Reader) -> list[InspectionLine]:
            self._get(r, premises_id)
            return [
                InspectionLine(
                    codec(HazardInspection).read(row), row["inspector_name"] or "", row["found"]
                )
                for row in r.iter(
                    "SELECT i.*, u.name AS inspector_name, "
                    "(SELECT count(*) FROM hazard h WHERE h.inspection_id = i.id) AS found "
                    "FROM hazard_inspection i LEFT JOIN user u ON u.id = i.inspector_id "
                    "WHERE i.premises_id = ? ORDER BY i.started_at DESC",
                    (premises_id,),
                )
            ]

        return self.session.store.read(read)

    def open_hazards(self, premises_id: str) -> list[HazardLine]:
        """A premises' hazards not yet closed, nearest deadline first, overdue flagged."""
        today = self.session.today()

        def read(r: Reader) -> list[HazardLine]:
            self._get(r, premises_id)
            return [
                HazardLine(h, h.is_overdue(today))
                for h in (
                    codec(Hazard).read(row)
                    for row in r.iter(
                        "SELECT * FROM hazard WHERE premises_id = ? AND status != ? "
                        "ORDER BY deadline, found_at",
                        (premises_id, HazardStatus.CLOSED.value),
                    )
                )
            ]

        return self.session.store.read(read)

    def several(self, premises_ids: list[str]) -> dict[str, Premises]:
        """The premises of ``premises_ids`` that lie in the user's area, by id (for lists that
        name the stall of each hazard)."""
        wanted = sorted(set(premises_ids))

        def read(r: Reader) -> dict[str, Premises]:
            grids = self.session.visible_grid_ids(r)
            if not wanted or not grids:
                return {}
            found: dict[str, Premises] = {}
            # SQLite allows 32,766 parameters; a street office's open hazards stay far below.
            marks, grid_marks = ",".join("?" * len(wanted)), ",".join("?" * len(grids))
            for row in r.iter(
                f"SELECT * FROM premises WHERE id IN ({marks}) AND grid_id IN ({grid_marks})",
                (*wanted, *grids),
            ):
                found[row["id"]] = premises_row(row)
            return found

        return self.session.store.read(read)

    def _get(self, r: Reader, premises_id: str) -> Premises:
        row = r.one("SELECT * FROM premises WHERE id = ?", (premises_id,))
        if row is None:
            raise NotFoundError("premises.not_found", "no such premises", id=premises_id)
        self.session.require_grid(r, row["grid_id"])
        return premises_row(row)

    def _require_special_grid(self, r: Reader, grid_id: str) -> None:
        self.session.require_grid(r, grid_id)
        grid = r.one("SELECT kind FROM grid WHERE id = ?", (grid_id,))
        if grid is None or grid["kind"] != "special":
            raise ValidationError(
                "premises.not_special_grid",
                "premises belong to a special grid (专属网格)",
                field="grid_id",
            )
