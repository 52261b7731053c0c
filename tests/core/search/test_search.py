"""Search in a store the way Chinese users type: names, pinyin, initials, addresses, phones,
ID tails, ranked, limited, kept current by every edit, each probe on an index. The terms
alone: test_search_terms.py; within a worker's grids: test_search_scope.py."""

from __future__ import annotations

import pytest

from gridterm.domain.validation import id_check_digit
from gridterm.search import index, query
from gridterm.search.plan import plan
from gridterm.search.query import grid_probe_sql, probe_sql
from gridterm.store import Store
from gridterm.store.keys import FAST_KDF
from tests.core.search.register import Register, find, make_id_number, resident_ids


def test_names_pinyin_and_initials(store: Store, register: Register):
    h = register.household("501")
    zhang_san = register.resident(h, "张三")
    zhang_sanfeng = register.resident(h, "张三丰")
    register.resident(h, "李四")
    for text in ("张三", "张", "三", "zhangsan", "zhang", "zs", "ZHANG SAN", "ｚｓ"):
        assert zhang_san in resident_ids(find(store, text)), text
    assert resident_ids(find(store, "三丰")) == [zhang_sanfeng]
    assert resident_ids(find(store, "zsf")) == [zhang_sanfeng]
    assert find(store, "王") == []
    hit = find(store, "张三")[0]
    assert (hit.resident_id, hit.name, hit.address, hit.household_id) == (
        zhang_san,
        "张三",
        "3-2-501",
        h,
    )
    assert (hit.matched_kind, hit.exact, hit.moved_out, hit.grid_id) == ("name", True, False, "g1")


def test_heteronym_surname_found_by_both_readings(store: Store, register: Register):
    h = register.household("502")
    zeng = register.resident(h, "曾小贤")
    assert resident_ids(find(store, "zeng")) == [zeng]
    assert resident_ids(find(store, "ceng")) == [zeng]
    assert resident_ids(find(store, "zxx")) == [zeng]
    assert resident_ids(find(store, "cxx")) == [zeng]


def test_exact_matches_rank_before_prefix_matches(store: Store, register: Register):
    h = register.household("501")
    # Inserted so that index order alone would put the prefix matches first.
    zhang_san = register.resident(h, "张三")
    zhang = register.resident(h, "张")
    zhang_sanfeng = register.resident(h, "张三丰")
    hits = find(store, "张")
    assert resident_ids(hits)[0] == zhang
    assert hits[0].exact
    assert set(resident_ids(hits[1:])) == {zhang_san, zhang_sanfeng}
    assert not any(h.exact for h in hits[1:])

    hits = find(store, "zs")
    assert resident_ids(hits) == [zhang_san, zhang_sanfeng]
    assert [h.exact for h in hits] == [True, False]
    assert resident_ids(find(store, "zhangsan")) == [zhang_san, zhang_sanfeng]

    # Both hold the term 三; the resident whose whole name is 三 ranks first, though the index
    # lists 张三 (inserted earlier, same household) first.
    san = register.resident(h, "三")
    hits = find(store, "三")
    assert resident_ids(hits) == [san, zhang_san, zhang_sanfeng]
    assert [h.exact for h in hits] == [True, False, False]


def test_address_spellings_find_the_same_household(store: Store, register: Register):
    target = register.household("501")
    neighbour = register.household("502")
    other_building = register.household("501", grid="g2")  # 7-2-501
    for text in ("3-2-501", "3栋2单元501", "3号楼2单元501室", "３－２－５０１"):
        hits = find(store, text)
        assert [(h.household_id, h.resident_id) for h in hits] == [(target, None)], text
        assert hits[0].exact and hits[0].matched_kind == "address"
    building_3 = {h.household_id for h in find(store, "3-2")}
    assert building_3 == {target, neighbour}
    assert {h.household_id for h in find(store, "3栋")} == building_3
    assert {h.household_id for h in find(store, "3")} == building_3
    assert {h.household_id for h in find(store, "7")} == {other_building}


def test_address_prefix_stops_at_a_component_typed_as_complete(store: Store, register: Register):
    h3 = register.household("501")
    building_id, unit_id, _, _ = register.units["g1"]
    store.write(
        lambda tx: tx.insert(
            "household",
            {
                "id": "h30",
                "grid_id": "g1",
                "building_id": building_id,
                "unit_id": unit_id,
                "floor": 1,
                "room": "101",
                "address": "30-1-101",
            },
            outbox=False,
        )
    )
    assert {h.household_id for h in find(store, "3栋")} == {h3}
    assert {h.household_id for h in find(store, "3-")} == {h3}
    assert {h.household_id for h in find(store, "3")} == {h3}


def test_phone_digits_and_id_tail(store: Store, register: Register):
    h = register.household("501", phone="027-87654321")
    id_number = make_id_number("42011119800101123")
    li = register.resident(h, "李四", phone="13812345678", id_number=id_number)
    register.resident(h, "王五", phone="13900001111")
    assert resident_ids(find(store, "5678")) == [li]  # last four (尾号)
    assert resident_ids(find(store, "1234")) == [li]  # middle digits
    assert resident_ids(find(store, "812345")) == [li]
    assert resident_ids(find(store, "138")) == []  # three digits is a building, not a phone
    assert resident_ids(find(store, "1381")) == [li]  # the number as it is being typed
    hit = find(store, "13812345678")[0]
    assert (hit.resident_id, hit.matched_kind, hit.exact) == (li, "phone", True)
    assert not find(store, "5678")[0].exact
    household_hits = find(store, "87654321")
    assert [(x.household_id, x.resident_id, x.matched_kind) for x in household_hits] == [
        (h, None, "phone")
    ]
    tail = id_number[-6:]
    assert [(x.resident_id, x.matched_kind) for x in find(store, tail)] == [(li, "id")]
    assert resident_ids(find(store, id_number[-4:])) == [li]
    assert resident_ids(find(store, id_number)) == [li]  # the whole number
    assert find(store, id_number)[0].exact
    assert find(store, "9" + id_number[1:]) == []  # same tail, other number


def test_id_tail_with_x(store: Store, register: Register):
    h = register.household("501")
    first17 = next(
        f"4201111980010112{d}"
        for d in "0123456789"
        if id_check_digit(f"4201111980010112{d}") == "X"
    )
    person = register.resident(h, "赵六", id_number=first17 + "X")
    assert resident_ids(find(store, first17[-3:] + "X")) == [person]
    assert resident_ids(find(store, first17[-3:] + "x")) == [person]


def test_one_hit_per_resident_even_when_many_terms_match(store: Store, register: Register):
    h = register.household("501")
    person = register.resident(h, "钱七", phone="13811111111", id_number="")
    hits = find(store, "1111")
    assert resident_ids(hits) == [person]


def test_limit(store: Store, register: Register):
    h = register.household("501")
    for i in range(8):
        register.resident(h, f"张{'一二三四五六七八'[i]}")
    assert len(find(store, "zhang")) == 8
    assert len(find(store, "zhang", limit=3)) == 3
    assert find(store, "zhang", limit=0) == []


def test_editing_a_name_reindexes(store: Store, register: Register):
    h = register.household("501")
    person = register.resident(h, "张三")
    store.write(lambda tx: tx.update("resident", person, {"name": "王五"}))
    for old in ("张三", "zhangsan", "zs", "三"):
        assert find(store, old) == [], old
    for new in ("王五", "wangwu", "ww"):
        assert resident_ids(find(store, new)) == [person], new


def test_editing_other_fields_keeps_the_keys(store: Store, register: Register):
    h = register.household("501")
    person = register.resident(h, "张三", phone="13812345678")
    before = store.query("SELECT term, kind FROM search_term ORDER BY term, kind")
    store.write(lambda tx: tx.update("resident", person, {"health": "高血压"}))
    assert store.query("SELECT term, kind FROM search_term ORDER BY term, kind") == before
    store.write(lambda tx: tx.update("resident", person, {"phone": "13900002222"}))
    assert find(store, "5678") == []
    assert resident_ids(find(store, "2222")) == [person]


def test_moved_out_residents_are_found_but_marked_and_last(store: Store, register: Register):
    h = register.household("501")
    gone = register.resident(h, "张二")  # zhanger: first in index order
    here = register.resident(h, "张一")
    store.write(lambda tx: tx.update("resident", gone, {"moved_out": True}))
    hits = find(store, "zhang")
    assert resident_ids(hits) == [here, gone]
    assert [x.moved_out for x in hits] == [False, True]


def test_deleting_removes_keys(store: Store, register: Register):
    h = register.household("501", phone="13812345678")
    person = register.resident(h, "张三")
    store.write(lambda tx: tx.delete("resident", person))
    assert find(store, "张三") == []
    assert store.query(f"{KEYS} WHERE o.resident_id IS NOT NULL") == []
    assert store.query("SELECT * FROM search_owner WHERE resident_id IS NOT NULL") == []
    store.write(lambda tx: tx.delete("household", h))
    assert find(store, "3-2-501") == []
    assert store.query("SELECT * FROM search_term") == []
    assert store.query("SELECT * FROM search_owner") == []


def test_moving_a_resident_to_another_household_moves_its_keys(store: Store, register: Register):
    old, new = register.household("501"), register.household("502", grid="g2")
    person = register.resident(old, "张三")
    store.write(lambda tx: tx.update("resident", person, {"household_id": new}, outbox=False))
    hits = find(store, "张三")
    assert [(h.household_id, h.resident_id, h.address) for h in hits] == [(new, person, "7-2-502")]
    stale = store.query(f"{KEYS} WHERE o.household_id = ? AND o.resident_id = ?", (old, person))
    assert stale == []
    assert store.query("SELECT * FROM search_owner WHERE household_id = ?", (old,)) == [
        {"id": 1, "household_id": old, "resident_id": None}
    ]


def test_household_edits_reindex(store: Store, register: Register):
    h = register.household("501")
    store.write(lambda tx: tx.update("household", h, {"phone": "13700001234"}))
    assert [x.household_id for x in find(store, "1234")] == [h]
    store.write(lambda tx: tx.update("household", h, {"address": "3-2-601"}))
    assert find(store, "3-2-501") == []
    assert [x.household_id for x in find(store, "3栋2单元601")] == [h]
    # Residents show the household's current address.
    person = register.resident(h, "张三")
    assert find(store, "张三")[0].address == "3-2-601"
    assert find(store, "张三")[0].resident_id == person


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "·", "!?"])
def test_empty_or_meaningless_queries_find_nothing(store: Store, register: Register, text: str):
    register.resident(register.household("501"), "张三")
    assert find(store, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "张",
        "张三",
        "zs",
        "z",
        "3-2",
        "3-2-501",
        "3栋",
        "3",
        "5678",
        "13812345678",
        "123x",
        "1栋1002",
        "张y",
    ],
)
def test_every_probe_uses_an_index(store: Store, text: str):
    def plans(reader) -> list[tuple[str, str]]:
        details = []
        households, residents, grids = query.grid_records_sql(("g1", "g2"))
        statements = [(households, grids), (residents, grids)]
        for probe in plan(text):
            statements += [probe_sql(probe), grid_probe_sql(probe, ("g1", "g2"))]
        for sql, params in statements:
            rows = reader.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            details.append((sql, " | ".join(row[-1] for row in rows)))
        return details

    details = store.read(plans)
    assert len(details) > 1
    for sql, detail in details:
        assert "SCAN" not in detail, detail
        if "FROM household h" in sql:  # a grid's owners, by their household (and resident)
            assert "o USING COVERING INDEX search_owner_key (household_id=?" in detail, detail
        if "CROSS JOIN resident" in sql:
            assert "r USING INDEX resident_household (household_id=?)" in detail, detail
        elif "CROSS JOIN search_term" in sql:  # by grid: household_grid, then each owner's keys
            assert "h USING INDEX household_grid" in detail, detail
            by_owner = "st USING INDEX search_term_owner (owner=?)"
            by_term = "st USING COVERING INDEX search_term_term (term=? AND kind=? AND owner=?)"
            assert by_owner in detail if " >= ?" in sql else by_term in detail, detail
        elif "FROM household h" in sql:
            assert "h USING INDEX household_grid (grid_id=?)" in detail, detail
        else:
            assert "st USING COVERING INDEX search_term_term (term" in detail, detail
            assert "o USING INTEGER PRIMARY KEY (rowid=?)" in detail, detail


def test_rebuild_and_bulk_rows(store: Store, register: Register):
    h = register.household("501", phone="13812345678")
    person = register.resident(h, "曾三", phone="13900001111", id_number="")
    owners = {
        (r["household_id"], r["resident_id"]): r["id"]
        for r in store.query("SELECT * FROM search_owner")
    }
    expected = store.query("SELECT term, kind, owner FROM search_term")
    rows = index.resident_rows(owners[h, person], "曾三", "13900001111", "")
    rows += index.household_rows(owners[h, None], "3-2-501", "13812345678")
    assert sorted(tuple(r.values()) for r in expected) == sorted(rows)
    store.write(lambda tx: tx.execute("DELETE FROM search_term"))
    store.write(lambda tx: tx.execute("DELETE FROM search_owner"))
    assert find(store, "ceng") == []
    assert store.write(index.rebuild) == len(rows)
    assert resident_ids(find(store, "ceng")) == [person]


def test_a_bulk_write_makes_the_search_indexes_once(store: Store, register: Register):
    h = register.household("501", phone="13812345678")
    person = register.resident(h, "曾三")
    schema = store.query(SEARCH_SCHEMA)
    made: list[str] = []

    def write(tx):
        tx.conn.set_trace_callback(lambda sql: made.append(sql) if "CREATE INDEX" in sql else None)
        try:
            with tx.bulk():  # households' keys and then residents' are rebuilt at its end
                tx.touched("household", h)
                tx.touched("resident", person)
        finally:
            tx.conn.set_trace_callback(None)

    store.write(write)
    assert len(made) == 3  # each of the three indexes once, not once per rebuild
    after = store.query(SEARCH_SCHEMA)
    assert sorted(after, key=str) == sorted(schema, key=str)
    assert resident_ids(find(store, "ceng")) == [person]
    assert find(store, "5678")


#: The keys with the household and resident each one finds.
KEYS = "SELECT st.*, o.* FROM search_term st JOIN search_owner o ON o.id = st.owner"
SEARCH_SCHEMA = (
    "SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('search_term', 'search_owner')"
)


def test_install_is_idempotent(store: Store, register: Register):
    index.install(store)  # the fixture installed it already
    person = register.resident(register.household("501"), "张三")
    assert resident_ids(find(store, "张三")) == [person]
    assert store.query("SELECT count(*) AS n FROM search_term WHERE kind = 'name'") == [{"n": 2}]


def test_installing_the_index_gives_a_register_that_never_had_keys_its_keys(tmp_path):
    # what `gridterm sync` left before it kept the keys: the records, no search keys
    with Store.create(tmp_path / "bare.db", "w1", "123456", FAST_KDF) as bare:
        register = Register(bare)
        h = register.household("501", phone="13812345678")
        person = register.resident(h, "曾三")
        assert find(bare, "ceng") == []
        index.install(bare)
        assert resident_ids(find(bare, "ceng")) == [person]
        assert h in {hit.household_id for hit in find(bare, "5678")}
