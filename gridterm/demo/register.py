"""The household register (人房模型) of the demo: who lives in each flat, with their tags.

Households are drawn from a few family shapes seen in old urban communities: elderly people
living alone or as a couple, young couples, three generations, tenants. The mix gives about
30 % of residents aged 60+, 5–8 % vacant flats and 15 % rentals.
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import Any

from gridterm.demo import identity, names, vocab
from gridterm.demo.seeded_ids import SeededIds
from gridterm.domain.residents import Gender, Relation
from gridterm.domain.territory import KeyReason

VACANT_SHARE = 0.06
RENTAL_SHARE = 0.16  # of occupied flats: about 15 % of all households

# People per occupied, owner-occupied flat.
_SIZES = (1, 2, 3, 4, 5, 6)
_SIZE_CUM = list(itertools.accumulate((0.18, 0.30, 0.25, 0.14, 0.09, 0.04)))
_RENTAL_SIZES = (1, 2, 3, 4)
_RENTAL_CUM = list(itertools.accumulate((0.35, 0.35, 0.2, 0.1)))

_MALE, _FEMALE = Gender.MALE.value, Gender.FEMALE.value
_HEAD, _SPOUSE, _CHILD = Relation.HEAD.value, Relation.SPOUSE.value, Relation.CHILD.value
_PARENT, _GRANDCHILD = Relation.PARENT.value, Relation.GRANDCHILD.value
_TENANT = Relation.TENANT.value


@dataclass(slots=True)
class Member:
    """One person of a household being drawn."""

    male: bool
    age: int
    relation: str  # as registered (与户主关系); tenants are all "tenant"
    kin: str = ""  # place in the family, for surnames: defaults to the relation
    health: str = ""


@dataclass(frozen=True, slots=True)
class HouseholdDraft:
    """A drawn household: its row, its residents' rows, and what visits need to know."""

    id: str
    row: tuple[Any, ...]
    residents: list[tuple[Any, ...]]
    key_reasons: tuple[KeyReason, ...]
    vacant: bool
    phone: str
    members: tuple[str, ...]  # names, for whom a visit met


class RegisterDrawer:
    """Draws households and residents from one seeded random stream."""

    def __init__(self, rng: Random, ids: SeededIds, today: date):
        self._rng = rng
        self._r = rng.random
        self._ids = ids
        self._today = today.toordinal()

    def _age(self, low: int, high: int, skew: float = 1.0) -> int:
        return low + int((high - low + 1) * self._r() ** skew)

    def _couple(self, low: int, high: int) -> list[Member]:
        him = self._age(low, high, 1.2)
        her = max(low - 3, him - 6 + int(self._r() * 8))
        if self._r() < 0.8:
            return [Member(True, him, _HEAD), Member(False, her, _SPOUSE)]
        return [Member(False, her, _HEAD), Member(True, him, _SPOUSE)]

    def _children(self, parents: list[Member], count: int, relation: str = _CHILD) -> list[Member]:
        top = max(0, min(24, min(p.age for p in parents) - 21))
        return [
            Member(self._r() < 0.51, int(self._r() * (top + 1)), relation, _CHILD)
            for _ in range(count)
        ]

    def _elders(self, parents: list[Member], count: int) -> list[Member]:
        base = max(p.age for p in parents) + 26 + int(self._r() * 8)
        elders = [Member(True, min(98, base + int(self._r() * 4)), _PARENT)]
        elders.append(Member(False, min(98, base - 2 + int(self._r() * 4)), _PARENT))
        return elders[:count] if count == 2 else [elders[int(self._r() * 2)]]

    def _owner_family(self) -> list[Member]:
        r = self._r
        size = _SIZES[bisect(_SIZE_CUM, r() * _SIZE_CUM[-1])]
        x = r()
        if size == 1:
            if x < 0.68:
                return [Member(r() < 0.35, self._age(65, 94, 1.4), _HEAD)]
            return [Member(r() < 0.55, self._age(23, 58), _HEAD)]
        if size == 2:
            if x < 0.6:
                return self._couple(60, 88)
            if x < 0.87:
                return self._couple(25, 59)
            parent = Member(r() < 0.4, self._age(58, 85), _HEAD)
            return [parent, Member(r() < 0.5, parent.age - 25 - int(r() * 8), _CHILD)]
        if size == 3:
            if x < 0.05:  # grandparents raising a grandchild: parents work elsewhere (留守)
                pair = self._couple(55, 75)
                return [*pair, Member(r() < 0.5, self._age(4, 15), _GRANDCHILD)]
            if x < 0.72:
                pair = self._couple(27, 52)
                return pair + self._children(pair, 1)
            pair = self._couple(60, 85)
            return [*pair, Member(r() < 0.5, min(p.age for p in pair) - 26, _CHILD)]
        pair = self._couple(28, 50)
        if size == 4:
            if x < 0.5:
                return pair + self._children(pair, 2)
            return pair + self._children(pair, 1) + self._elders(pair, 1)
        if size == 5:
            if x < 0.6:
                return pair + self._children(pair, 1) + self._elders(pair, 2)
            return pair + self._children(pair, 2) + self._elders(pair, 1)
        return pair + self._children(pair, 2) + self._elders(pair, 2)

    def _tenants(self) -> list[Member]:
        r = self._r
        size = _RENTAL_SIZES[bisect(_RENTAL_CUM, r() * _RENTAL_CUM[-1])]
        if size == 1:
            return [Member(r() < 0.55, self._age(20, 45), _TENANT)]
        if size == 2 and r() < 0.3:  # flat-sharers, unrelated
            return [Member(r() < 0.5, self._age(20, 32), _TENANT) for _ in range(2)]
        pair = self._couple(22, 42)
        for m in pair:
            m.kin, m.relation = m.relation, _TENANT
        kids = self._children(pair, size - 2, relation=_TENANT) if size > 2 else []
        return pair + kids

    def draft(
        self,
        grid_id: str,
        building_id: str,
        unit_id: str,
        floor: int,
        room: str,
        address: str,
    ) -> HouseholdDraft:
        """Draw one household at ``address`` with its residents and tags."""
        r = self._r
        household_id = self._ids.next()
        if r() < VACANT_SHARE:
            note = "空置，房主在外地" if r() < 0.5 else ""
            row: tuple[Any, ...] = (household_id, grid_id, building_id, unit_id, floor, room)
            row += (address, "[]", 0, 1, 0, "", note, 1)
            return HouseholdDraft(household_id, row, [], (), True, "", ())
        rental = r() < RENTAL_SHARE
        members = self._tenants() if rental else self._owner_family()
        reasons = self._tag(members)
        residents, phone, party, shown = self._residents(household_id, members, rental)
        note = ""
        if rental:
            landlord = names.full_name(self._rng, r() < 0.5, 1965)
            note = f"出租户，房东{landlord} {identity.mobile(self._rng)}"
        row = (household_id, grid_id, building_id, unit_id, floor, room, address)
        key_json = json.dumps(sorted(reasons)) if reasons else "[]"
        row += (key_json, int(party), 0, int(rental), phone, note, 1)
        return HouseholdDraft(household_id, row, residents, reasons, False, phone, shown)

    def _tag(self, members: list[Member]) -> tuple[KeyReason, ...]:
        r = self._r
        reasons: set[KeyReason] = set()
        if all(m.age >= 60 for m in members):
            if len(members) == 1:
                reasons.add(KeyReason.ELDERLY_ALONE)
            elif r() < 0.7:
                reasons.add(KeyReason.EMPTY_NEST)
        for m in members:
            if m.age >= 60 and r() < 0.35:
                m.health = vocab.CHRONIC[int(r() * len(vocab.CHRONIC))]
        if r() < 0.025:
            m = members[int(r() * len(members))]
            m.health = vocab.DISABILITIES[int(r() * len(vocab.DISABILITIES))]
            reasons.add(KeyReason.DISABLED)
        if r() < 0.035:
            m = max(members, key=lambda p: p.age)
            pool = vocab.TREATMENT if m.age < 60 else vocab.CHRONIC
            m.health = pool[int(r() * len(pool))]
            reasons.add(KeyReason.PATIENT)
        if r() < 0.015:
            reasons.add(KeyReason.LOW_INCOME)
        women = [m for m in members if not m.male and 22 <= m.age <= 40]
        if women and r() < 0.03:
            women[0].health = f"孕期约{8 + int(r() * 28)}周"
            reasons.add(KeyReason.PREGNANT)
        if any(m.relation == _GRANDCHILD for m in members):
            reasons.add(KeyReason.LEFT_BEHIND_MINOR)
        if r() < 0.003 and any(m.male and 25 <= m.age <= 60 for m in members):
            reasons.add(KeyReason.COMMUNITY_CORRECTION)
        return tuple(sorted(reasons))

    def _residents(
        self, household_id: str, members: list[Member], rental: bool
    ) -> tuple[list[tuple[Any, ...]], str, bool, tuple[str, ...]]:
        r, rng = self._r, self._rng
        year = date.fromordinal(self._today).year
        head = members[0]
        # Children take the father's surname, whichever partner is registered as head.
        head_surname = names.surname(rng)
        father = next((m for m in members if m.male and (m.kin or m.relation) == _SPOUSE), head)
        father_surname = head_surname if father is head else names.surname(rng)
        rows: list[tuple[Any, ...]] = []
        household_phone = ""
        party_household = False
        shown: list[str] = []
        for m in members:
            kin = m.kin or m.relation
            # The father's children, grandchildren and (often) his own father share his name.
            paternal = (
                m is father
                or kin in (_CHILD, _GRANDCHILD)
                or (kin == _PARENT and m.male and r() < 0.6)
            )
            family = head_surname if m is head else father_surname if paternal else None
            birth_ordinal = self._today - int((m.age + r()) * 365.2425)
            birth = date.fromordinal(birth_ordinal)
            name = names.full_name(rng, m.male, birth.year, family)
            local = not rental or r() < 0.3
            regions = identity.LOCAL_REGIONS if local else identity.OTHER_REGIONS
            region = regions[int(r() * len(regions))]
            id_no = identity.id_number(rng, region, birth, m.male)
            phone = ""
            if m.age >= 16 and r() < (0.7 if m.age >= 80 else 0.97):
                phone = identity.mobile(rng)
                household_phone = household_phone or phone
            party = m.age >= 18 and r() < (
                (0.14 if m.male else 0.08) if m.age >= 60 else 0.06 if year - m.age > 1975 else 0.08
            )
            party_household = party_household or party
            # Grown-up children working elsewhere stay registered but moved out.
            moved_out = m.relation == _CHILD and m.age >= 22 and r() < 0.03
            rows.append(
                (
                    self._ids.next(),
                    household_id,
                    name,
                    _MALE if m.male else _FEMALE,
                    birth.isoformat(),
                    m.relation,
                    id_no,
                    phone,
                    m.health,
                    int(party),
                    int(moved_out),
                    1,
                )
            )
            if not moved_out:
                shown.append(name)
        return rows, household_phone, party_household, tuple(shown)
