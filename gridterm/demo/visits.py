"""Visit histories (入户走访): key households on their cycle, the others now and then.

Key households are visited at their interval (独居老人 weekly…) with some left overdue;
other households a few times over the window; vacant flats at most once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from random import Random

from gridterm.demo import vocab
from gridterm.demo.clock import HOUR, DemoClock
from gridterm.demo.register import HouseholdDraft
from gridterm.demo.seeded_ids import SeededIds
from gridterm.domain.visit_schedule import interval_for
from gridterm.domain.visits import VisitOutcome, VisitType

#: Days of history before today.
WINDOW_DAYS = 120
#: Mean visits to a household that is neither key nor vacant over the window.
ROUTINE_VISITS = 2.7
#: Share of key households whose last visit is well past due (the round shows them first).
OVERDUE_SHARE = 0.12
#: Share of visits whose residents raised something, and of those that became a ticket.
RAISED_SHARE = 0.28
TICKET_SHARE = 0.09

_T = VisitType
_KEY_TYPES = (_T.KEY_GROUP_CARE,) * 6 + (_T.ROUTINE,) * 3 + (_T.SAFETY_CHECK, _T.POLICY_PUBLICITY)
_OTHER_TYPES = (
    (_T.ROUTINE,) * 12
    + (_T.POLICY_PUBLICITY,) * 3
    + (_T.SAFETY_CHECK,) * 2
    + (_T.EPIDEMIC_PREVENTION, _T.DISPUTE_MEDIATION)
)
_NOTHING = VisitOutcome.NOTHING_RAISED.value
_SETTLED = VisitOutcome.SETTLED.value
_TICKET = VisitOutcome.TICKET.value


@dataclass(frozen=True, slots=True)
class RaisedTicket:
    """A visit whose concern became a ticket: the generator opens it with these details."""

    ticket_id: str
    visit_id: str
    at: float
    kind: tuple[str, tuple[str, ...], str]
    title: str


class VisitHistory:
    """Appends the visit rows of each household to ``rows``."""

    def __init__(self, rng: Random, ids: SeededIds, clock: DemoClock, rows: list[tuple]):
        self._r = rng.random
        self._ids = ids
        self._clock = clock
        self._rows = rows

    def _days(self, draft: HouseholdDraft) -> list[float]:
        r = self._r
        if draft.vacant:
            return [0.5 + r() * (WINDOW_DAYS - 1)] if r() < 0.5 else []
        interval = interval_for(draft.key_reasons)
        if interval is None:
            count = int(r() * (2 * ROUTINE_VISITS + 1))
            return sorted((0.5 + r() * (WINDOW_DAYS - 1) for _ in range(count)), reverse=True)
        stop = interval + 1 + r() * 10 if r() < OVERDUE_SHARE else 0.5
        day = WINDOW_DAYS - r() * interval
        days = []
        while day > stop:
            days.append(day)
            day -= interval - 2 + r() * 3  # workers come a little early rather than late
        return days

    def household(
        self, draft: HouseholdDraft, worker_id: str, supervisor_id: str
    ) -> list[RaisedTicket]:
        """Append one household's visits; return the tickets its visits raised."""
        r, ids, iso = self._r, self._ids, self._clock.iso
        at = self._clock.at
        raised: list[RaisedTicket] = []
        key = bool(draft.key_reasons)
        types = _KEY_TYPES if key else _OTHER_TYPES
        members = draft.members
        met_options = (
            [json.dumps(list(members[:n]), ensure_ascii=False) for n in (1, 2)]
            if members
            else ["[]"]
        )
        for day in self._days(draft):
            # Rounds happen in office hours, mornings and afternoons (北京时间).
            hour = 9 + r() * 2.5 if r() < 0.5 else 14.5 + r() * 3
            ts = at(max(1, round(day)), hour)  # history ends yesterday
            visit_id = ids.next()
            if draft.vacant:
                visit_type, outcome, concerns, met = _T.SAFETY_CHECK.value, _NOTHING, "[]", "[]"
                note = "空置房安全巡查"
            else:
                visit_type = types[int(r() * len(types))].value
                met = met_options[int(r() * len(met_options))]
                notes = vocab.VISIT_NOTES[visit_type]
                note = notes[int(r() * len(notes))]
                outcome, concerns = _NOTHING, "[]"
                if r() < RAISED_SHARE:
                    outcome = _SETTLED
                    concerns = vocab.CONCERNS_JSON[int(r() * len(vocab.CONCERNS_JSON))]
            ticket_id = None
            if outcome == _SETTLED and r() < TICKET_SHARE:
                kind = vocab.TICKET_KINDS[int(r() * len(vocab.TICKET_KINDS))]
                title = kind[1][int(r() * len(kind[1]))]
                outcome = _TICKET
                concerns = json.dumps(
                    [{"kind": "complaint", "text": title, "category": kind[0]}],
                    ensure_ascii=False,
                )
                ticket_id = ids.next()
                raised.append(RaisedTicket(ticket_id, visit_id, ts + 60, kind, title))
            user = supervisor_id if key and r() < 0.08 else worker_id
            created = iso(ts + (5 + r() * 35) * 60)
            row = (visit_id, draft.id, user, iso(ts), visit_type, met, concerns, note, outcome)
            self._rows.append((*row, "[]", ticket_id, None, created))
            if r() < 0.002:  # a correction: a new revision naming the visit it replaces
                fix_id = ids.next()
                fixed = (fix_id, draft.id, user, iso(ts), visit_type, met, concerns)
                fixed_tail = (f"{note}（更正）", outcome, "[]", ticket_id, visit_id)
                self._rows.append((*fixed, *fixed_tail, iso(ts + 20 * HOUR)))
        return raised
