"""Search keys (检索词) for names, addresses, phones and ID numbers: pure functions, no DB.

Every key is lowercase text matched against the ``search_term`` index by equality or by prefix,
so anything users type in the middle of a value is indexed as its own key:

- name: the whole name and each of its suffixes, so 张三丰 is found by 张, 三丰 or 丰;
- pinyin / initials: every reading of every character (heteronyms: 曾 is zeng and ceng),
  combined into at most ``MAX_READINGS`` spellings per name;
- phone: the digits from each position while at least 4 remain (any run of ≥4 digits);
- id: the ID number reversed, so that any tail of it (尾号: last 4, 6, … characters) is a
  prefix of the one key;
- address: the canonical short address ``3-2-501`` (楼栋-单元-房号).

pypinyin costs ~140 ms to import, so it is imported inside ``char_readings`` on first use.
"""

from __future__ import annotations

import gc
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from types import ModuleType

NAME = "name"
PINYIN = "pinyin"
INITIALS = "initials"
PHONE = "phone"
ID = "id"
ADDRESS = "address"

#: Most pinyin spellings (and initials spellings) indexed per name; heteronyms multiply.
MAX_READINGS = 16
#: Names are indexed from at most this many starting characters (long minority names).
MAX_NAME_SUFFIXES = 10
#: Shortest run of digits searched inside a phone number or at the end of an ID number.
MIN_DIGITS = 4
#: Shortest room number (a floor and a door) recognised after a building without a unit.
MIN_ROOM_CHARS = 3

#: Middle dots and the like inside names (买买提·艾力): not part of any reading.
NAME_SEPARATORS = frozenset("·•・‧.-'")
_WHITESPACE = re.compile(r"\s+")
_NAME_TOKEN = re.compile(r"[a-z0-9]+|\s+|.", re.DOTALL)
_NON_DIGIT = re.compile(r"\D")

# Address parsing. NFKC already folds full-width digits and the ASCII-like dash (－).
_DASHES = str.maketrans(dict.fromkeys("—–‒―−‐‑_/\\~～、,，.。", "-"))
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}
_MARKERS = "号楼|单元|栋|幢|座|楼|门|#|号|室|户"
_CN_NUMBER = re.compile(rf"[零〇一二两三四五六七八九十百]+(?={_MARKERS})")
_MARKER = re.compile(_MARKERS)
_UNIT_MARKER = re.compile("单元|门")
_ROOM_SUFFIX = re.compile(r"(?:室|户|号)$")
_LEADING_TEXT = re.compile(r"^[^0-9a-z]+")  # an estate name before the building (幸福里3栋…)
_PART = re.compile(r"[0-9a-z]+")
# Longest building, unit and room component: keeps "138-1234-5678" from passing as an address.
_PART_MAX = (5, 3, 6)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# -- names -------------------------------------------------------------------------------


def normalize_name(name: str) -> str:
    """A name as indexed and queried: NFKC, lowercase, no whitespace (张 三 → 张三)."""
    return _WHITESPACE.sub("", _nfkc(name).lower())


def whole_name_keys(name: str) -> set[str]:
    """The name terms that stand for the whole name: with and without its middle dots."""
    key = normalize_name(name)
    return {key, "".join(c for c in key if c not in NAME_SEPARATORS)}


@lru_cache(maxsize=16384)
def char_readings(char: str) -> tuple[str, ...]:
    """Every toneless pinyin reading of one character, most common first (曾 → ceng, zeng).

    ü is spelled ``v`` as on pinyin keyboards (吕 → lv), with ``u`` as an extra reading since
    many people type lu. ASCII letters and digits read as themselves; other characters
    (punctuation, scripts without pinyin) have no reading.
    """
    if char.isascii():
        return (char.lower(),) if char.isalnum() else ()
    if char in NAME_SEPARATORS:
        return ()
    pypinyin = _pypinyin()
    found = pypinyin.pinyin(char, style=pypinyin.Style.NORMAL, heteronym=True, errors="ignore")
    readings = [r.lower() for r in found[0]] if found else []
    readings += [r.replace("v", "u") for r in readings if "v" in r]
    return tuple(_dedupe(r for r in readings if r.isascii() and r.isalpha()))


@cache
def _pypinyin() -> ModuleType:
    """pypinyin, imported on first use (~140 ms), its tables kept out of the cyclic
    collector.

    Its dictionaries hold about 190,000 lists that live as long as the process; every full
    collection walked them: 18 ms on their own, 85–96 ms in a terminal in the middle of a
    sync (docs/performance.md). ``gc.freeze`` moves everything tracked now into the permanent
    generation: never scanned again, still freed by reference counting, but a cycle among
    those objects is never collected. So it is done here only where the interpreter collects
    by itself (a command, a bench, the server). The app collects on its GUI thread
    (``ui/gc.py``, automatic collection off): it freezes there, after a full collection, so
    that no cycle of closed screens waiting for that collection is kept for good.
    """
    import pypinyin

    if gc.isenabled():
        gc.freeze()
    return pypinyin


def pinyin_loaded() -> bool:
    """Whether pypinyin has been imported, completely, by ``char_readings``."""
    return _pypinyin.cache_info().currsize > 0


def _capped_combinations(options: list[list[str]], cap: int) -> list[str]:
    """Join one option per position, dropping rare options until at most ``cap`` remain.

    Options are dropped from given-name characters first (the one with most options, later
    ones on a tie) so a heteronym surname like 曾 keeps all its readings.
    """
    options = [list(o) for o in options if o]
    if not options:
        return []
    while math.prod(len(o) for o in options) > cap:
        later = range(len(options) - 1, 0, -1)
        widest = max(later, key=lambda i: len(options[i]), default=0)
        if len(options[widest]) == 1:
            widest = 0
        options[widest].pop()
    return _dedupe("".join(parts) for parts in itertools.product(*options))


def _name_tokens(name: str) -> list[tuple[int, str]]:
    """(position in the normalised name, token): each Han character, or a run of ASCII letters
    and digits (Tom), or any other single character; whitespace and middle dots separate."""
    tokens: list[tuple[int, str]] = []
    position = 0
    for run in _NAME_TOKEN.findall(_nfkc(name).lower()):
        if not run.isspace():
            tokens.append((position, run))
            position += len(run)
    return tokens


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """The ``name`` terms of a name, without pinyin: the name and each of its suffixes.

    Suffixes from each character (each word of a Latin name) turn prefix search into substring
    search: 三 and 三丰 find 张三丰.
    """
    key = normalize_name(name)
    tokens = [(pos, tok) for pos, tok in _name_tokens(name) if tok not in NAME_SEPARATORS]
    keys = [key[position:] for position, _ in tokens[:MAX_NAME_SUFFIXES]]
    compact = "".join(tok for _, tok in tokens)
    if compact and compact != key:
        keys.append(compact)  # 买买提艾力 typed without the middle dot
    return tuple(_dedupe(keys))


@lru_cache(maxsize=65536)
def name_terms(name: str) -> tuple[tuple[str, str], ...]:
    """(kind, term) keys of a person's name: name suffixes, pinyin spellings and initials.

    Cached: the same names recur a lot (张伟, 王芳) when a whole register is indexed.
    """
    if not normalize_name(name):
        return ()
    terms = [(NAME, key) for key in name_keys(name)]
    tokens = [tok for _, tok in _name_tokens(name) if tok not in NAME_SEPARATORS]
    readings = [list(char_readings(tok)) if len(tok) == 1 else [tok] for tok in tokens]
    for spelling in _capped_combinations(readings, MAX_READINGS):
        terms.append((PINYIN, spelling))
    initials = [_dedupe(r[0] for r in rs) for rs in readings]
    for spelling in _capped_combinations(initials, MAX_READINGS):
        terms.append((INITIALS, spelling))
    return tuple(dict.fromkeys(terms))


@lru_cache(maxsize=65536)
def spells(chars: str, typed: str) -> int | None:
    """How many of ``chars`` (a name from some character on) ``typed`` covers, or None when it
    does not match their beginning: a character typed as itself, or spelled by letters that
    begin one of its readings, as far as the letters go (勇 by y, yo or yong; 永红 by yh).

    This is how mixed input reads (张y, 张yh, 王xiaom): characters where the worker knows
    them, pinyin or its initials for the rest. Middle dots in the name are skipped.
    """

    def walk(i: int, j: int) -> int | None:
        while i < len(chars) and chars[i] in NAME_SEPARATORS:
            i += 1
        if j == len(typed):
            return i
        if i == len(chars):
            return None
        char, wanted = chars[i], typed[j]
        if not wanted.isascii():
            return walk(i + 1, j + 1) if char == wanted else None
        for reading in char_readings(char):
            common = _common_length(reading, typed[j:])
            for used in range(common, 0, -1):  # the whole reading first (zhang before z)
                if (covered := walk(i + 1, j + used)) is not None:
                    return covered
        return None

    return walk(0, 0)


def may_begin(char: str, letter: str) -> bool:
    """Whether ``letter`` can begin the spelling of ``char`` (勇 and y; a middle dot, skipped)."""
    return char in NAME_SEPARATORS or any(r.startswith(letter) for r in char_readings(char))


def _common_length(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


# -- phones and ID numbers ---------------------------------------------------------------


def phone_digits(phone: str) -> str:
    """The digits of a phone number, without a +86 country code (138 1234 5678 → 13812345678)."""
    digits = _NON_DIGIT.sub("", _nfkc(phone or ""))
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    return digits


def phone_terms(phone: str) -> list[str]:
    """The phone's digits from every position that leaves at least 4 (any run of ≥4 digits)."""
    return [term for _, term in _phone_keys(phone)]


@lru_cache(maxsize=65536)
def _phone_keys(phone: str) -> tuple[tuple[str, str], ...]:
    """(PHONE, term) keys of a phone number. Cached: a household's phone is mostly one of its
    residents' (half the calls of a register's rebuild)."""
    digits = phone_digits(phone)
    return tuple((PHONE, digits[i:]) for i in range(len(digits) - MIN_DIGITS + 1))


def normalize_id_number(id_number: str) -> str:
    """An ID number as indexed and queried: NFKC, no spaces, lowercase x."""
    return _WHITESPACE.sub("", _nfkc(id_number or "")).lower()


def id_terms(id_number: str) -> list[str]:
    """The ID number reversed (…1234 → 4321…): one key whose prefixes are the number's tails."""
    value = normalize_id_number(id_number)
    return [value[::-1]] if len(value) >= MIN_DIGITS else []


# -- addresses ---------------------------------------------------------------------------


def _chinese_number(text: str) -> str:
    """三 → 3, 十二 → 12, 二十三 → 23, 五零一 → 501 (digit by digit when there is no 十/百)."""
    if "十" not in text and "百" not in text:
        return "".join(str(_CN_DIGITS[c]) for c in text)
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[char]
    return str(total + current)


def _address_text(text: str) -> str:
    """An address as typed, folded for parsing: digits for Chinese numbers, dashes for the
    other separators, without an estate name in front or 室/号 at the end (markers kept)."""
    s = _WHITESPACE.sub("", _nfkc(text or "").lower()).translate(_DASHES)
    s = _CN_NUMBER.sub(lambda m: _chinese_number(m.group()), s)
    s = _LEADING_TEXT.sub("", s)
    return _ROOM_SUFFIX.sub("", s)


def _number_part(part: str) -> str:
    return str(int(part)) if part.isdigit() else part


def parse_address(text: str) -> tuple[str, bool] | None:
    """``(key, open_end)`` for an address or its beginning, or None when ``text`` is not one.

    ``open_end`` is true when the text ends after a complete component (3栋, 3-2-), so a
    search should not also match building 30 or unit 20.
    """
    s = _MARKER.sub("-", _address_text(text))
    if "-" not in s or not any(c.isdigit() for c in s):
        return None  # a bare number or word: nothing marks it as an address
    open_end = s.endswith("-")
    parts = re.sub("-+", "-", s).strip("-").split("-")
    if len(parts) > len(_PART_MAX):
        return None
    for part, longest in zip(parts, _PART_MAX, strict=False):
        if not _PART.fullmatch(part) or len(part) > longest:
            return None
    parts = [_number_part(p) for p in parts]
    return "-".join(parts), open_end and len(parts) < len(_PART_MAX)


def parse_building_room(text: str) -> tuple[str, str] | None:
    """``(building, room)`` for a building and a room said without the unit, as people say
    an address (1栋1002, 1号楼1002室, 1#1002, 1-1002), or None.

    The room has at least ``MIN_ROOM_CHARS`` characters (a floor and a door: 101, 1002), and
    the text must not mark its second number as a unit (3栋2单元 is building 3, unit 2).
    """
    s = _address_text(text)
    if _UNIT_MARKER.search(s):
        return None
    parts = re.sub("-+", "-", _MARKER.sub("-", s)).split("-")
    if len(parts) != 2:
        return None
    building, room = parts
    building_max, _, room_max = _PART_MAX
    if not (_PART.fullmatch(building) and len(building) <= building_max):
        return None
    if not (_PART.fullmatch(room) and MIN_ROOM_CHARS <= len(room) <= room_max):
        return None
    return _number_part(building), _number_part(room)


def normalize_address(text: str) -> str | None:
    """The canonical key of an address: 3栋2单元501, 3号楼2单元501室, ３－２－５０１ → 3-2-501.

    Also accepts the beginning of one (3-2, 3栋 → 3) and an estate name in front
    (幸福里3栋2单元501). Returns None when the text is not an address.
    """
    parsed = parse_address(text)
    return parsed[0] if parsed else None


def address_key(address: str) -> str:
    """The address key indexed for a household; free text when it is not building-unit-room."""
    return normalize_address(address) or _WHITESPACE.sub("", _nfkc(address or "").lower())


# -- per entity --------------------------------------------------------------------------


def resident_terms(name: str, phone: str, id_number: str) -> list[tuple[str, str]]:
    """(kind, term) search keys of a resident (居民): name, pinyin, initials, phone, id.

    No two are equal without a dedupe: each kind's keys are distinct (the name's are deduped
    once per name, a phone's suffixes differ in length) and kinds differ between groups. A
    street office's rebuild computes hundreds of thousands of them.
    """
    ids = normalize_id_number(id_number)
    terms = [*name_terms(name or ""), *_phone_keys(phone)]
    if len(ids) >= MIN_DIGITS:
        terms.append((ID, ids[::-1]))
    return terms


def household_terms(address: str, phone: str = "") -> list[tuple[str, str]]:
    """(kind, term) search keys of a household (户): its address key and phone digits
    (distinct kinds, distinct suffixes: no dedupe needed)."""
    key = address_key(address)
    return [(ADDRESS, key), *_phone_keys(phone)] if key else list(_phone_keys(phone))
