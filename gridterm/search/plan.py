"""Reading what a worker typed (检索式): the probes of the ``search_term`` index that answer it.

Pure functions, no database. A query becomes exact probes (``term = ?``), which run first and
rank first, and prefix probes (a ``term`` range):

- Chinese characters → name; characters then pinyin or its initials (张y, 张xiaom) → names
  beginning with those characters whose next characters the letters spell;
- letters → pinyin and initials;
- digits → phone digits and ID-number tails (at least ``MIN_DIGITS``), or a building when
  shorter;
- an address → its key (3-2-501, 3栋2单元501), and a building with a room but no unit
  (1栋1002, 1-1002) → that room in every unit of the building.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gridterm.search.terms import (
    ADDRESS,
    ID,
    INITIALS,
    MIN_DIGITS,
    NAME,
    PHONE,
    PINYIN,
    normalize_name,
    parse_address,
    parse_building_room,
    phone_digits,
)

#: Typed text beyond this length is ignored (nothing indexed is longer).
MAX_QUERY_CHARS = 40
#: A hint for the worker: only digits, too few for a phone or an ID tail (a building then).
SHORT_NUMBER = "search.short_number"

TOP = "\U0010ffff"  # sorts after any character a term can contain
_WHITESPACE = re.compile(r"\s+")
_PHONE_LIKE = re.compile(r"\+?\d[\d\-]*")
_ID_TAIL_X = re.compile(r"\d{3,17}x")
_LETTERS = re.compile(r"[a-z'’]+")
_APOSTROPHES = str.maketrans("", "", "'’")
#: Characters, then letters: 张y, 张xiaom, 欧阳x.
_MIXED = re.compile(r"([^\x00-\x7f]+)([a-z'’]*[a-z][a-z'’]*)")
_LETTER_KINDS = (PINYIN, INITIALS, NAME)
_ID_LENGTH_MAX = 18


@dataclass(frozen=True, slots=True)
class Probe:
    """One look-up in the term index: ``term = low``, or ``low <= term < high``."""

    low: str
    high: str | None
    kinds: tuple[str, ...]
    #: Exact probes run first and rank above prefix probes.
    exact: bool = True
    #: For an ID-number tail: the tail as typed (the index holds the number reversed).
    id_tail: str | None = None
    #: A room typed without its unit: ``low`` is the building ("1-"), and the probe stands
    #: for one probe per unit of that building (1-1-1002, 1-2-1002, …); see ``for_unit``.
    room: str | None = None
    #: For characters then pinyin (张y): the letters that have to spell what follows ``low``
    #: in the name (``terms.spells``).
    spelled: str | None = None

    def for_unit(self, unit: str) -> Probe:
        """This room probe as the plain probe of one unit of its building."""
        assert self.room is not None
        key = f"{self.low}{unit}-{self.room}"
        return _equal(key, (ADDRESS,)) if self.exact else _longer(key, (ADDRESS,))


def _equal(term: str, kinds: tuple[str, ...]) -> Probe:
    return Probe(term, None, kinds)


def _longer(prefix: str, kinds: tuple[str, ...], *, next_chars: str = "") -> Probe:
    """Terms that start with ``prefix`` and go on (the exact probe has ``prefix`` itself).

    ``next_chars`` ("az") narrows the character after the prefix: pinyin goes on with letters,
    which skips the reversed ID numbers starting with x.
    """
    if next_chars:
        first, last = next_chars[0], next_chars[-1]
        return Probe(prefix + first, prefix + last + TOP, kinds, exact=False)
    return Probe(prefix + "\x00", prefix + TOP, kinds, exact=False)


def normalize_query(text: str) -> str:
    """The query as it is read: NFKC, lowercase, no whitespace, ü as v, at most 40 chars."""
    query = _WHITESPACE.sub("", unicodedata.normalize("NFKC", text or "").lower())
    return query[:MAX_QUERY_CHARS].replace("ü", "v")


def plan(text: str) -> list[Probe]:
    """The probes answering ``text``, exact ones first; [] for an empty query."""
    query = normalize_query(text)
    if not query:
        return []
    probes: list[Probe] = []
    address = parse_address(query) if not query.isdigit() else None
    if address is not None:
        key, open_end = address
        probes.append(_equal(key, (ADDRESS,)))
        if open_end:  # 3栋: building 3 only, not 30
            probes.append(Probe(key + "-", key + "-" + TOP, (ADDRESS,), exact=False))
        else:
            probes.append(_longer(key, (ADDRESS,)))
    if (room := parse_building_room(query)) is not None:
        probes += _room_probes(*room)
    if address is None and _PHONE_LIKE.fullmatch(query):
        probes += _number_probes(phone_digits(query))
    elif address is None and _ID_TAIL_X.fullmatch(query):
        probes += _id_probes(query)
    if (mixed := _MIXED.fullmatch(query)) is not None:
        probes += _mixed_probes(*mixed.groups())
    elif not query.isascii():
        name = normalize_name(query)
        probes += [_equal(name, (NAME,)), _longer(name, (NAME,))]
    elif address is None and _LETTERS.fullmatch(query):
        letters = query.translate(_APOSTROPHES)
        if letters:
            probes.append(_equal(letters, _LETTER_KINDS))
            probes.append(_longer(letters, _LETTER_KINDS, next_chars="az"))
    return sorted(probes, key=lambda p: not p.exact)  # stable: exact probes keep their order


def hint(text: str) -> str | None:
    """What the worker should know about the query itself, as a code; None when nothing.

    ``SHORT_NUMBER``: only digits, fewer than ``MIN_DIGITS``: searched as a building number,
    not in phones or ID numbers (so 138 does not find 138…).
    """
    query = normalize_query(text)
    if query.isdigit() and len(query) < MIN_DIGITS:
        return SHORT_NUMBER
    return None


def _room_probes(building: str, room: str) -> list[Probe]:
    prefix = f"{building}-"
    return [
        Probe(prefix, prefix + TOP, (ADDRESS,), room=room),
        _equal(f"{building}-{room}", (ADDRESS,)),  # an address kept without its unit
        Probe(prefix, prefix + TOP, (ADDRESS,), exact=False, room=room),
    ]


def _mixed_probes(characters: str, letters: str) -> list[Probe]:
    name = normalize_name(characters)
    return [Probe(name, name + TOP, (NAME,), exact=False, spelled=letters.translate(_APOSTROPHES))]


def _number_probes(digits: str) -> list[Probe]:
    if not digits:
        return []
    if len(digits) < MIN_DIGITS:  # 3 → building 3: 3-…
        building = f"{int(digits)}-"
        return [Probe(building, building + TOP, (ADDRESS,), exact=False)]
    return [_equal(digits, (PHONE,)), *_id_probes(digits), _longer(digits, (PHONE,))]


def _id_probes(tail: str) -> list[Probe]:
    if not MIN_DIGITS <= len(tail) <= _ID_LENGTH_MAX:
        return []
    reversed_tail = tail[::-1]
    return [Probe(reversed_tail, reversed_tail + TOP, (ID,), id_tail=tail)]
