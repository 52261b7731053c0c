"""How search indexes what Chinese users type, without a database: a resident's name, pinyin
(every reading of a heteronym), initials, phone and ID tail; address spellings; which kind a
query is."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gridterm.search.plan import plan
from gridterm.search.terms import (
    MAX_READINGS,
    household_terms,
    normalize_address,
    resident_terms,
)
from tests.core.search.register import make_id_number


def test_resident_terms_cover_name_pinyin_initials_phone_and_id_tail():
    terms = resident_terms("张三", "13812345678", make_id_number("42011119800101123"))
    assert ("name", "张三") in terms
    assert ("name", "三") in terms  # the given name alone
    assert ("pinyin", "zhangsan") in terms
    assert ("initials", "zs") in terms
    assert ("phone", "13812345678") in terms
    assert ("phone", "5678") in terms
    assert ("phone", "1234") not in terms  # runs are found by prefix of the suffix "12345678"
    assert ("phone", "12345678") in terms
    # The ID number is kept reversed: every tail (尾号) is then a prefix of one key.
    assert [t for k, t in terms if k == "id"] == [make_id_number("42011119800101123")[::-1]]
    assert len(terms) == len(set(terms))
    assert all(t == t.lower() for _, t in terms)


def test_heteronyms_index_every_reading_and_are_capped():
    terms = resident_terms("曾国藩", "", "")
    assert ("pinyin", "zengguofan") in terms
    assert ("pinyin", "cengguofan") in terms
    assert ("initials", "zgf") in terms
    assert ("initials", "cgf") in terms
    many = resident_terms("单长行乐重", "", "")  # 3 × 2 × 3 × 2 × 3 readings
    pinyin = [t for k, t in many if k == "pinyin"]
    assert 1 < len(pinyin) <= MAX_READINGS
    # The surname keeps all its readings (单: dan, shan, chan); given names give way first.
    assert {t[:4] for t in pinyin} >= {"danz", "shan", "chan"}


def test_x_in_id_numbers_is_lowercase_and_latin_names_use_word_initials():
    terms = resident_terms("Tom Lee", "", "42011119800101123X")
    assert ("id", "42011119800101123x"[::-1]) in terms
    assert ("initials", "tl") in terms
    assert ("name", "lee") in terms


@pytest.mark.parametrize(
    "text",
    [
        "3-2-501",
        "3栋2单元501",
        "3号楼2单元501室",
        "3幢2单元501号",
        "３－２－５０１",
        "３栋２单元５０１室",
        "3—2—501",
        "三栋二单元五零一室",
        "幸福里3栋2单元501",
        " 3 - 2 - 501 ",
    ],
)
def test_address_spellings_normalise_to_one_key(text: str):
    assert normalize_address(text) == "3-2-501"


@pytest.mark.parametrize(
    ("text", "key"),
    [("3-2", "3-2"), ("3栋", "3"), ("3栋2单元", "3-2"), ("A座1单元101", "a-1-101")],
)
def test_address_beginnings_normalise(text: str, key: str):
    assert normalize_address(text) == key


@pytest.mark.parametrize("text", ["张三", "3", "13812345678", "138-1234-5678", "zhang-san", ""])
def test_non_addresses_are_refused(text: str):
    assert normalize_address(text) is None


def test_household_terms():
    assert household_terms("3-2-501") == [("address", "3-2-501")]
    terms = household_terms("3-2-501", "027-87654321")
    assert ("phone", "02787654321") in terms
    assert ("phone", "87654321") in terms  # the local number without the area code


def test_importing_search_does_not_load_pypinyin():
    code = (
        "import sys, gridterm.search.terms, gridterm.search.index, gridterm.search.query;"
        "assert 'pypinyin' not in sys.modules, 'pypinyin imported eagerly'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_query_classification():
    assert plan("   ") == []
    assert {p.kinds for p in plan("zs")} == {("pinyin", "initials", "name")}
    assert {p.kinds for p in plan("张")} == {("name",)}
    assert {p.kinds for p in plan("3-2-501")} == {("address",)}
    assert [(p.low, p.exact) for p in plan("3")] == [("3-", False)]  # a short number: building
    assert {k for p in plan("5678") for k in p.kinds} == {"phone", "id"}
    assert [p.exact for p in plan("zhang")] == [True, False]  # exact before prefix
    assert [p.exact for p in plan("5678")] == [True, True, False]


def test_pypinyins_tables_stay_out_of_the_cyclic_collector():
    # its ~190,000 lists made every full collection of a terminal walk them (85–96 ms in the
    # middle of a sync); in a fresh process, the first reading leaves the collector no more
    # to track than before, and the readings are still right
    code = (
        "import gc\n"
        "from gridterm.search.terms import char_readings\n"
        "before = len(gc.get_objects())\n"
        "readings = char_readings('曾')\n"
        "print(len(gc.get_objects()) - before, ','.join(readings))\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    grown, readings = ran.stdout.split()
    assert readings == "ceng,zeng"
    assert int(grown) < 1000


def test_pypinyin_is_not_frozen_where_someone_else_collects():
    # the app turns automatic collection off and freezes on its GUI thread after a full
    # collection (ui/gc.py): freezing here would keep whatever cycles wait for that one
    code = (
        "import gc\n"
        "gc.disable()\n"
        "from gridterm.search.terms import char_readings, pinyin_loaded\n"
        "before = pinyin_loaded()\n"
        "char_readings('曾')\n"
        "print(before, pinyin_loaded(), gc.get_freeze_count())\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert ran.stdout.split() == ["False", "True", "0"]
