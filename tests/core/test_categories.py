"""Ticket categories are data: one YAML list a street office configures, read by the core
(no Qt), used by the forms, the ticket list and the demo; an old, unknown code shows raw."""

from __future__ import annotations

import pytest

from gridterm.demo import vocab
from gridterm.domain import categories
from gridterm.domain.categories import category_label, parse, ticket_categories
from gridterm.errors import ValidationError
from gridterm.services.hazards import HAZARD_TICKET_CATEGORY


def test_the_shipped_list_has_labels_in_both_languages() -> None:
    shipped = ticket_categories(categories.DEFAULT_FILE)
    assert [c.code for c in shipped][:3] == ["环境卫生", "市政设施", "物业管理"]
    assert all(c.zh and c.en for c in shipped)
    assert category_label("物业管理", "zh_CN") == "物业管理"
    assert category_label("物业管理", "en_US") == "Property management"
    assert category_label("other", "zh_CN") == "其他"


def test_an_unknown_category_of_an_old_ticket_displays_as_stored() -> None:
    assert category_label("老类别", "en") == "老类别"
    assert categories.find("老类别") is None


def test_the_hazard_category_is_listed_but_not_offered_to_pick() -> None:
    hazard = categories.find(HAZARD_TICKET_CATEGORY)
    assert hazard is not None and not hazard.choosable
    assert HAZARD_TICKET_CATEGORY not in [c.code for c in categories.choosable()]


def test_the_demo_draws_its_tickets_from_the_list() -> None:
    listed = {c.code: c for c in ticket_categories(categories.DEFAULT_FILE)}
    assert vocab.TICKET_KINDS
    for code, titles, department in vocab.TICKET_KINDS:
        assert listed[code].examples == titles and listed[code].department == department


def test_a_street_office_uses_its_own_list(tmp_path, monkeypatch) -> None:
    own = tmp_path / "cats.yaml"
    own.write_text(
        "categories:\n  - {code: 垃圾分类, en: Waste sorting, department: 城管}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(categories.ENV_FILE, str(own))
    assert [c.code for c in categories.choosable()] == ["垃圾分类"]
    assert category_label("垃圾分类", "en") == "Waste sorting"
    assert category_label("物业管理", "en") == "物业管理"  # no longer listed: raw


@pytest.mark.parametrize(
    "text",
    [
        "",
        "categories: []",
        "categories:\n  - {en: No code}",
        "categories:\n  - {code: a, en: A}\n  - {code: a, en: B}",
        "categories:\n  - {code: a, en: A, examples: 3}",
        "categories: [",
    ],
)
def test_a_malformed_list_is_refused_clearly(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse(text)
    assert err.value.code == "categories.bad_file"
