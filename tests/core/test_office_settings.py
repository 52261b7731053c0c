"""A street office's settings: the built-in defaults, one part changed over them, refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gridterm.domain import office_settings
from gridterm.domain.office_settings import parse
from gridterm.domain.territory import KeyReason
from gridterm.domain.tickets import Level
from gridterm.domain.visit_schedule import DueState, visit_due
from gridterm.errors import ValidationError


def test_the_built_in_defaults_are_the_shipped_ones() -> None:
    s = office_settings.built_in()
    assert s.revision == 0 and s.verify_by_other is False
    assert s.interval_for([KeyReason.ELDERLY_ALONE, KeyReason.LOW_INCOME]) == 7
    assert s.interval_for([]) is None
    assert s.urgent.respond == timedelta(minutes=10)
    assert s.deadline("物业管理", Level.GRID, urgent=True).respond == timedelta(minutes=10)
    assert s.deadline("物业管理", Level.GRID, urgent=False).settle == timedelta(days=3)
    # a category's own deadline at a level, from ticket_categories.yaml
    assert s.deadline("消防安全", Level.GRID, urgent=False).settle == timedelta(days=1)
    assert s.deadline("消防安全", Level.COMMUNITY, urgent=False).settle == timedelta(days=7)
    assert [c.code for c in s.choosable()][:2] == ["环境卫生", "市政设施"]


def test_the_whole_document_reads_back_as_it_was() -> None:
    s = office_settings.built_in()
    assert parse(s.to_document()) == s


def test_one_change_keeps_the_rest() -> None:
    s = parse(
        {
            "visit_intervals": {"elderly_alone": 3},
            "deadlines": {"community": {"settle_days": 5}},
            "urgent": {"respond_minutes": 15},
            "verify_by_other": True,
        }
    )
    assert s.interval_for([KeyReason.ELDERLY_ALONE]) == 3
    assert s.interval_for([KeyReason.LOW_INCOME]) == 30
    community = s.deadline("其他", Level.COMMUNITY, urgent=False)
    assert (community.respond, community.settle) == (timedelta(hours=24), timedelta(days=5))
    assert s.urgent == office_settings.Deadline(timedelta(minutes=15), timedelta(hours=24))
    assert s.verify_by_other is True
    assert s.categories == office_settings.built_in().categories


def test_an_office_lists_its_own_categories_with_their_deadlines() -> None:
    s = parse(
        {
            "categories": [
                {
                    "code": "垃圾分类",
                    "en": "Waste sorting",
                    "department": "城管",
                    "deadlines": {"grid": {"settle_days": 2}},
                },
            ]
        }
    )
    assert [c.code for c in s.choosable()] == ["垃圾分类"]
    assert s.category_label("垃圾分类", "en_US") == "Waste sorting"
    assert s.category_label("物业管理", "en_US") == "物业管理"  # not listed: as stored
    assert s.deadline("垃圾分类", Level.GRID, urgent=False).settle == timedelta(days=2)
    assert parse(s.to_document()) == s


def test_visits_fall_due_by_the_office_interval() -> None:
    s = parse({"visit_intervals": {"elderly_alone": 3}})
    reasons = frozenset({KeyReason.ELDERLY_ALONE})
    today = date(2026, 12, 3)
    last = today - timedelta(days=4)
    assert visit_due("h", reasons, last, today).state is DueState.NOT_DUE  # built in: weekly
    assert visit_due("h", reasons, last, today, s).state is DueState.OVERDUE


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"visit_intervals": {"nobody": 7}},
        {"visit_intervals": {"elderly_alone": 0}},
        {"visit_intervals": {"elderly_alone": "weekly"}},
        {"deadlines": {"district": {"settle_days": 3}}},
        {"deadlines": {"grid": {"settle_days": -1}}},
        {"deadlines": {"grid": {"settle_weeks": 1}}},
        {"urgent": {"respond_minutes": True}},
        {"verify_by_other": "yes"},
        {"categories": []},
        {"categories": [{"code": "a", "en": "A", "deadlines": {"grid": {"settle_days": 0}}}]},
        {"colour": "red"},
    ],
)
def test_a_malformed_document_is_refused(document) -> None:
    with pytest.raises(ValidationError) as caught:
        parse(document)
    assert caught.value.code in ("settings.bad_file", "categories.bad_file")


def test_a_terminal_ignores_a_part_it_does_not_know() -> None:
    s = parse({"colour": "red", "verify_by_other": True}, strict=False)
    assert s.verify_by_other is True


def test_a_built_in_file_with_a_null_deadline_is_refused(tmp_path, monkeypatch) -> None:
    # with no base underneath a null deadline fell through to the base's and raised
    # AttributeError, not the file's error
    text = office_settings.DEFAULT_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "office_settings.yaml"
    broken.write_text(text.replace("settle_days: 3", "settle_days: null", 1), encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != text
    monkeypatch.setattr(office_settings, "DEFAULT_FILE", broken)
    office_settings.built_in.cache_clear()
    try:
        with pytest.raises(ValidationError) as caught:
            office_settings.built_in()
    finally:
        office_settings.built_in.cache_clear()
    assert caught.value.code == "settings.bad_file"
