"""The special grid's market (专属网格): stalls and their hazard inspections (隐患排查).

Every stall has an operator, a licence number and a contact; inspectors have gone round every
month or so, and the hazards they found are at every stage of the closed loop.
"""

from __future__ import annotations

import json
from collections import Counter
from random import Random

from gridterm.demo import checklist, identity, names, vocab
from gridterm.demo.clock import DAY, DemoClock
from gridterm.demo.seeded_ids import SeededIds
from gridterm.domain.hazards import HazardAction, HazardStatus
from gridterm.domain.inspections import InspectionStatus, ItemResult

STALLS_PER_ROW = 16
ROWS_PER_FLOOR = 8
FLOORS = 2

_H = HazardStatus
#: How hazards found some days ago stand today: (older than, ((cumulative share, status)…)).
_FATES: tuple[tuple[float, tuple[tuple[float, HazardStatus], ...]], ...] = (
    (45, ((0.88, _H.CLOSED), (1.0, _H.RECTIFYING))),
    (
        14,
        (
            (0.55, _H.CLOSED),
            (0.65, _H.REINSPECTED),
            (0.75, _H.RECTIFIED),
            (0.95, _H.RECTIFYING),
            (1.0, _H.OPEN),
        ),
    ),
    (-1, ((0.45, _H.OPEN), (0.75, _H.RECTIFYING), (0.9, _H.RECTIFIED), (1.0, _H.REINSPECTED))),
)
#: The steps that led to each status after the hazard was found, in order.
_PATH = (
    (HazardAction.START_RECTIFICATION, _H.OPEN, _H.RECTIFYING),
    (HazardAction.RECTIFY, _H.RECTIFYING, _H.RECTIFIED),
    (HazardAction.REINSPECT_PASS, _H.RECTIFIED, _H.REINSPECTED),
    (HazardAction.VERIFY_CLOSE, _H.REINSPECTED, _H.CLOSED),
)
_REACHED = {_H.OPEN: 0, _H.RECTIFYING: 1, _H.RECTIFIED: 2, _H.REINSPECTED: 3, _H.CLOSED: 4}


class MarketBuilder:
    """Draws the market's premises, inspections, answers and hazards into row buffers."""

    def __init__(
        self,
        rng: Random,
        ids: SeededIds,
        clock: DemoClock,
        rows: dict[str, list[tuple[object, ...]]],
    ):
        self._rng = rng
        self._r = rng.random
        self._ids = ids
        self._clock = clock
        self._rows = rows

    def build(self, grid_id: str, count: int, inspectors: list[str], photos: list[str]) -> None:
        """``count`` stalls in the grid with a few months of inspections by ``inspectors``."""
        hazards: list[list[object]] = []
        premises = self._rows["premises"]
        self._found_by: dict[object, str] = {}
        for n in range(count):
            stall = self._stall(grid_id, n)
            premises.append(stall)
            self._inspections(stall, inspectors, photos, hazards, first=n == 0)
        _cover_every_status(hazards)
        for hazard in hazards:
            self._steps(hazard, photos)
        self._rows["hazard"].extend(tuple(h) for h in hazards)

    def _steps(self, hazard: list[object], photos: list[str]) -> None:
        """The history of a hazard as it stands: found, then each step that led there (the
        rectification by the operator, recorded by the inspector on their behalf)."""
        hid, operator, found_at = hazard[0], str(hazard[7]), str(hazard[10])
        inspector = self._found_by[hid]
        before = json.loads(str(hazard[11]))
        steps = self._rows["hazard_step"]
        steps.append((self._ids.next(), hid, "found", None, "open", inspector, found_at, "",
                      json.dumps(before), "", None))  # fmt: skip
        reached = _REACHED[HazardStatus(str(hazard[9]))]
        if not reached:
            return
        start = _parse(found_at)
        end = _parse(str(hazard[13])) if hazard[13] else self._clock.at(0.5)
        after: list[str] = []
        for n, (action, came, went) in enumerate(_PATH[:reached], 1):
            shots = [] if action is HazardAction.START_RECTIFICATION else [photos[n % len(photos)]]
            after += [p for p in shots if p not in after and p not in before]
            at = self._clock.iso(start + (end - start) * n / reached)
            party = operator if action is HazardAction.RECTIFY else ""
            steps.append((self._ids.next(), hid, action.value, came.value, went.value, inspector,
                          at, "", json.dumps(shots), party, None))  # fmt: skip
        hazard[11] = json.dumps([*before, *after])

    def _stall(self, grid_id: str, n: int) -> tuple[object, ...]:
        r, rng = self._r, self._rng
        per_building = STALLS_PER_ROW * ROWS_PER_FLOOR * FLOORS
        building = "ABCDEFGH"[n // per_building % 8]
        floor, rest = divmod(n % per_building, STALLS_PER_ROW * ROWS_PER_FLOOR)
        row, number = divmod(rest, STALLS_PER_ROW)
        trade, words = vocab.MARKET_TRADES[int(r() * len(vocab.MARKET_TRADES))]
        word = vocab.SHOP_WORDS[int(r() * len(vocab.SHOP_WORDS))]
        suffix = ("商行", "经营部", "店", "")[int(r() * 4)]
        operator = names.full_name(rng, r() < 0.6, 1960 + int(r() * 35))
        name = f"{word}{words[int(r() * len(words))]}{suffix}"
        stall_no = f"{building}{floor + 1}-{row + 1:02d}-{number + 1:02d}"
        return (
            self._ids.next(),
            grid_id,
            name,
            operator,
            identity.credit_code(rng, identity.LOCAL_REGIONS[0]),
            identity.mobile(rng),
            trade,
            building,
            str(floor + 1),
            str(row + 1),
            stall_no,
            1,
        )

    def _inspections(
        self,
        stall: tuple[object, ...],
        inspectors: list[str],
        photos: list[str],
        hazards: list[list[object]],
        *,
        first: bool,
    ) -> None:
        r, iso = self._r, self._clock.iso
        premises_id, grid_id, operator = stall[0], stall[1], stall[3]
        day = 100 + r() * 20
        while day > 1:
            started = self._clock.at(int(day), 9 + r() * 8)
            done = started + (15 + r() * 25) * 60
            inspection_id = self._ids.next()
            inspector = inspectors[int(r() * len(inspectors))]
            self._inspection(inspection_id, premises_id, grid_id, inspector, started, done)
            for code, _, severity, deadline_days, fail_rate, finding in checklist.ITEMS:
                result = ItemResult.PASS.value
                if code == "gas_cylinder" and r() < 0.4:
                    result = ItemResult.NOT_APPLICABLE.value
                elif r() < fail_rate:
                    result = ItemResult.FAIL.value
                shots = [photos[int(r() * len(photos))]] if result == "fail" and r() < 0.5 else []
                note = finding if result == ItemResult.FAIL.value else ""
                self._rows["checklist_answer"].append(
                    (inspection_id, code, result, note, json.dumps(shots))
                )
                if result == ItemResult.FAIL.value:
                    if severity == "major" and r() < 0.1:
                        severity = "critical"
                    status, closed = self._fate(done, deadline_days)
                    deadline = self._clock.local_date(done + deadline_days * DAY)
                    hazard_id = self._ids.next()
                    self._found_by[hazard_id] = inspector
                    hazards.append(
                        [
                            hazard_id,
                            inspection_id,
                            premises_id,
                            grid_id,
                            code,
                            severity,
                            deadline.isoformat(),
                            operator,
                            finding,
                            status,
                            iso(done),
                            json.dumps(shots),
                            None,
                            iso(closed) if closed else None,
                            1,
                        ]
                    )
            day -= 25 + r() * 15
        if first:
            self._paused(premises_id, grid_id, inspectors[0])

    def _inspection(
        self,
        inspection_id: str,
        premises_id: object,
        grid_id: object,
        inspector: str,
        started: float,
        done: float | None,
    ) -> None:
        """A ``hazard_inspection`` row of the built-in checklist, completed at ``done`` (None:
        still in progress); the demo's inspections carry no signature and revise none."""
        iso = self._clock.iso
        status = InspectionStatus.IN_PROGRESS if done is None else InspectionStatus.COMPLETED
        self._rows["hazard_inspection"].append(
            (
                inspection_id,
                premises_id,
                grid_id,
                inspector,
                checklist.CODE,
                checklist.VERSION,
                iso(started),
                status.value,
                None if done is None else iso(done),
                None,
                None,
            )
        )

    def _fate(self, found: float, deadline_days: int) -> tuple[str, float | None]:
        """Where a hazard found at ``found`` stands today: older ones are mostly closed."""
        r = self._r
        age = self._clock.days_ago(found)
        shares = next(table for older, table in _FATES if age > older)
        x = r()
        status = next(s for share, s in shares if x < share)
        closed = None
        if status is _H.CLOSED:
            closed = found + min(deadline_days + 3, age - 1) * DAY * (0.5 + r() * 0.5)
        return status.value, closed

    def _paused(self, premises_id: object, grid_id: object, inspector: str) -> None:
        """An inspection left in progress yesterday: half the checklist answered."""
        started = self._clock.at(1, 16 + self._r())
        inspection_id = self._ids.next()
        self._inspection(inspection_id, premises_id, grid_id, inspector, started, None)
        for code, *_ in checklist.ITEMS[:4]:
            self._rows["checklist_answer"].append(
                (inspection_id, code, ItemResult.PASS.value, "", "[]")
            )


def _cover_every_status(hazards: list[list[object]]) -> None:
    """Make sure each hazard status occurs, even in a tiny demo (the UI shows them all)."""
    counts = Counter(h[9] for h in hazards)
    for status in HazardStatus:
        if counts[status.value]:
            continue
        spare = next((h for h in hazards if counts[h[9]] > 1), None)
        if spare is None:
            return
        counts[spare[9]] -= 1
        counts[status.value] += 1
        spare[9] = status.value
        spare[13] = spare[10] if status is _H.CLOSED else None  # closed when found


def _parse(iso: str) -> float:
    """A stored time back as seconds since the epoch."""
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()
