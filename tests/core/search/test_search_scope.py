"""Search within a worker's grids: only their households found, for small and large scopes;
a small scope reads its own keys once the index's budget is spent; every grid with
households is no restriction at all."""

from __future__ import annotations

import sys

import pytest

from gridterm.search import query, scope
from gridterm.store import Store
from tests.core.search.register import Register, find, resident_ids


def test_grid_restriction(store: Store, register: Register):
    mine = register.resident(register.household("501", grid="g1"), "张三")
    theirs = register.resident(register.household("501", grid="g2"), "张三")
    assert set(resident_ids(find(store, "张三"))) == {mine, theirs}
    assert resident_ids(find(store, "张三", grid_ids=["g1"])) == [mine]
    assert resident_ids(find(store, "zs", grid_ids={"g2"})) == [theirs]
    assert set(resident_ids(find(store, "zs", grid_ids=("g1", "g2")))) == {mine, theirs}
    assert find(store, "张三", grid_ids=[]) == []
    assert find(store, "张三", grid_ids=["nowhere"]) == []


def test_grid_restriction_for_large_scopes(store: Store, register: Register, monkeypatch):
    monkeypatch.setattr(scope, "SCOPE_SET_MAX", 0)  # remember the hidden households instead
    mine = register.resident(register.household("501", grid="g1"), "张三")
    theirs = register.resident(register.household("501", grid="g2"), "张三")
    register.household("502", grid="g2")  # g2 is the larger: g1's households are hidden
    assert resident_ids(find(store, "zs", grid_ids=["g1"])) == [mine]
    assert resident_ids(find(store, "zs", grid_ids=["g2"])) == [theirs]


@pytest.mark.parametrize("pinyin_loaded", [True, False])
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("zhang", ["张阿", "张子"]),  # pinyin range
        ("张", ["张子", "张阿"]),  # name range, in code point order: 子 < 阿
        ("zz", ["张子"]),  # exact initials
        ("子", ["张子"]),  # exact name
    ],
)
def test_small_scope_switches_to_its_own_keys_after_the_budget(
    store: Store, register: Register, monkeypatch, text: str, names: list[str], pinyin_loaded
):
    monkeypatch.setattr(query, "SCAN_BUDGET", 2)
    others = register.household("501", grid="g2")
    for given in "一二三四五六":  # zhang + e/er/liu/san/si/wu/yi: all before zhangzi
        register.resident(others, "张" + given)
        register.resident(others, "赵" + given + "子")  # …子 before g1's
        register.resident(others, "周子")  # zz
    mine = register.household("501", grid="g1")
    register.resident(mine, "张子")
    register.resident(mine, "张阿")  # zhanga: first in index order
    if not pinyin_loaded:  # pinyin then comes from the index, not from the names
        monkeypatch.delitem(sys.modules, "pypinyin")
    seen: list[tuple[str, ...]] = []
    monkeypatch.setattr(query, "_grid_rows", _spy(query._grid_rows, seen))
    hits = find(store, text, grid_ids=["g1"])
    assert [h.name for h in hits] == names
    assert seen  # the scope's own keys were read
    assert [h.name for h in find(store, text, grid_ids=["g1"], limit=1)] == names[:1]


def test_small_scope_reads_addresses_from_its_households_and_phones_from_the_index(
    store: Store, register: Register, monkeypatch
):
    monkeypatch.setattr(query, "SCAN_BUDGET", 1)
    register.household("301", grid="g2", phone="13712345678")
    register.resident(register.household("302", grid="g2"), "王五", phone="13612345678")
    first = register.household("501", phone="13812345678")
    second = register.household("502")
    li = register.resident(second, "李四", phone="13912345678", id_number="110101199001011234")
    seen: list[tuple[str, ...]] = []
    monkeypatch.setattr(query, "_grid_rows", _spy(query._grid_rows, seen))
    g1 = ["g1"]
    assert {(h.household_id, h.resident_id) for h in find(store, "3", grid_ids=g1)} == {
        (first, None),
        (second, None),
    }
    assert seen == [("address",)]
    assert {(h.household_id, h.resident_id) for h in find(store, "1234", grid_ids=g1)} == {
        (first, None),
        (second, li),
    }
    assert [h.resident_id for h in find(store, "011234", grid_ids=g1)] == [li]
    assert seen == [("address",)]  # phone and ID ranges are short: never switched


def _spy(fn, calls: list[tuple[str, ...]]):
    def wrapper(*args):
        calls.append(args[1].kinds)
        return fn(*args)

    return wrapper


def test_scope_of_every_grid_with_households_is_unrestricted(store: Store, register: Register):
    person = register.resident(register.household("501", grid="g1"), "张三")
    # g2 exists but holds no household on this terminal.
    assert store.read(lambda r: scope.resolve_scope(r, ["g1"])).grids is None
    assert resident_ids(find(store, "张三", grid_ids=["g1"])) == [person]
    register.household("502", grid="g2")
    assert store.read(lambda r: scope.resolve_scope(r, ["g1"])).grids == ("g1",)
