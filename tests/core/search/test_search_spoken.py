"""Search as people say things: a room without its unit (1栋1002), a surname then pinyin or
initials (张y), a list cut at its limit, and too few digits for a phone number."""

from __future__ import annotations

import pytest

from gridterm.search import query
from gridterm.search.plan import SHORT_NUMBER, plan
from gridterm.search.query import SearchAnswer, answer
from gridterm.search.terms import parse_building_room, spells
from gridterm.store import Store
from tests.core.search.register import Register, find, resident_ids

# -- a room without its unit -------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["1栋1002", "1号楼1002", "1-1002", "1#1002", "1栋1002室", "1幢1002号", "幸福里1栋1002"]
)
def test_a_building_and_room_without_the_unit_parse(text: str):
    assert parse_building_room(text) == ("1", "1002")


@pytest.mark.parametrize("text", ["1栋1单元1002", "3栋2", "1-1-1002", "3栋2单元", "张三", "1-10"])
def test_a_unit_or_a_short_number_is_not_a_room(text: str):
    assert parse_building_room(text) is None


def test_a_room_said_without_its_unit_is_found_in_every_unit(store: Store, register: Register):
    unit_1 = register.household("1002", address="1-1-1002")
    unit_2 = register.household("1002", address="1-2-1002")
    register.household("1001", address="1-1-1001")
    register.household("1002", address="10-1-1002")  # building 10, not 1
    register.household("1002", address="2-1-1002")
    theirs = register.household("1002", address="1-3-1002", grid="g2")
    for text in ("1栋1002", "1号楼1002", "1-1002", "1#1002", "1栋1002室"):
        hits = find(store, text, grid_ids=["g1"])
        assert {h.household_id for h in hits} == {unit_1, unit_2}, text
        assert all(h.exact and h.matched_kind == "address" for h in hits), text
    assert {h.household_id for h in find(store, "1栋1002")} == {unit_1, unit_2, theirs}
    assert [h.household_id for h in find(store, "1栋1单元1002")] == [unit_1]


def test_a_room_typed_so_far_finds_the_rooms_it_begins(store: Store, register: Register):
    register.household("1001", address="1-1-1001")
    register.household("1002", address="1-2-1002")
    register.household("1101", address="1-2-1101")
    register.household("1001", address="10-1-1001")
    hits = find(store, "1栋100")
    assert sorted(h.address for h in hits) == ["1-1-1001", "1-2-1002"]
    assert not any(h.exact for h in hits)


def test_an_address_recorded_without_a_unit_is_found_too(store: Store, register: Register):
    plain = register.household("1002", address="1-1002")
    with_unit = register.household("1002", address="1-1-1002")
    assert {h.household_id for h in find(store, "1栋1002")} == {plain, with_unit}


def test_the_units_are_found_with_one_seek_each(store: Store, register: Register, monkeypatch):
    for unit in ("1", "2", "10", "b"):
        register.household("1002", address=f"1-{unit}-1002")
        register.household("1003", address=f"1-{unit}-1003")
    assert store.read(lambda r: query._units(r, "1-")) == ["1", "10", "2", "b"]
    sql = f"EXPLAIN QUERY PLAN {query.NEXT_TERM_SQL}"
    detail = store.read(lambda r: " | ".join(row[-1] for row in r.conn.execute(sql, ("",) * 3)))
    assert "USING COVERING INDEX search_term_term (term>? AND term<?)" in detail, detail


# -- characters then pinyin --------------------------------------------------------------


@pytest.mark.parametrize(
    ("chars", "typed", "covered"),
    [
        ("张勇", "张y", 2),
        ("勇", "y", 1),
        ("勇", "yong", 1),
        ("永红", "yh", 2),
        ("永红", "yongh", 2),
        ("永红", "y", 1),
        ("三丰", "三f", 2),
        ("小明", "xiaom", 2),
        ("小贤", "x", 1),
        ("勇", "yongx", None),
        ("勇", "z", None),
        ("三丰", "f", None),
    ],
)
def test_letters_spell_the_characters_they_begin(chars: str, typed: str, covered: int | None):
    assert spells(chars, typed) == covered


def test_characters_then_pinyin_find_the_names_they_begin(store: Store, register: Register):
    h = register.household("501")
    yong = register.resident(h, "张勇")
    yong_hong = register.resident(h, "张永红")
    register.resident(h, "章勇")  # zhang yong too, but another character
    register.resident(h, "赵云")  # zy too
    register.resident(h, "张三")
    zeng = register.resident(h, "曾小贤")
    li_zhang_yong = register.resident(h, "李张勇")
    assert set(resident_ids(find(store, "张y"))) == {yong, yong_hong, li_zhang_yong}
    assert set(resident_ids(find(store, "张 Y"))) == {yong, yong_hong, li_zhang_yong}
    assert resident_ids(find(store, "张yh")) == [yong_hong]
    assert resident_ids(find(store, "张yongh")) == [yong_hong]
    hits = find(store, "张yong")
    # 张勇 spelled whole, then within a name (as 张勇 finds 李张勇), then only begun
    assert resident_ids(hits) == [yong, li_zhang_yong, yong_hong]
    assert [h.exact for h in hits] == [True, False, False]
    assert resident_ids(find(store, "曾x")) == [zeng]
    assert find(store, "张xy") == []
    assert {p.kinds for p in plan("张y")} == {("name",)}


def test_characters_then_pinyin_in_a_small_scope(store: Store, register: Register, monkeypatch):
    monkeypatch.setattr(query, "SCAN_BUDGET", 1)
    others = register.household("501", grid="g2")
    for given in "阿爱安昂":
        register.resident(others, "张" + given)
    mine = register.household("501")
    yong = register.resident(mine, "张勇")
    register.resident(mine, "张三")
    assert resident_ids(find(store, "张y", grid_ids=["g1"])) == [yong]


# -- what the search box shows -----------------------------------------------------------


def test_the_answer_says_when_the_list_was_cut(store: Store, register: Register):
    h = register.household("501")
    for given in "一二三四五":
        register.resident(h, "张" + given)
    cut = store.read(lambda r: answer(r, "zhang", limit=3))
    assert (len(cut.hits), cut.more) == (3, True)
    whole = store.read(lambda r: answer(r, "zhang", limit=5))
    assert (len(whole.hits), whole.more) == (5, False)


@pytest.mark.parametrize(
    ("text", "hint"),
    [("138", SHORT_NUMBER), ("1", SHORT_NUMBER), ("1381", None), ("张", None), ("3-2", None)],
)
def test_too_few_digits_for_a_phone_number_come_with_a_hint(
    store: Store, register: Register, text: str, hint: str | None
):
    register.resident(register.household("501"), "李四", phone="13812345678")
    found: SearchAnswer = store.read(lambda r: answer(r, text))
    assert found.hint == hint
