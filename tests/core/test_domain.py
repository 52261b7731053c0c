"""Rules of the domain that need no store: validation, masking, schedules, hazards, templates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gridterm.domain.hazards import Hazard, HazardAction, HazardStatus
from gridterm.domain.inspections import (
    ChecklistTemplate,
    HazardInspection,
    InspectionStatus,
    ItemOutcome,
    Severity,
    check_completion,
    ensure_in_progress,
)
from gridterm.domain.residents import mask, mask_name, validate_resident_fields
from gridterm.domain.rounds import CheckKind, Location, next_check_kind, validate_check
from gridterm.domain.territory import KeyReason, Premises, validate_household_changes
from gridterm.domain.users import Role, User
from gridterm.domain.validation import id_check_digit, id_number
from gridterm.domain.visit_schedule import DueState, round_order, visit_due
from gridterm.errors import FieldErrors, TransitionError, ValidationError, each_error
from gridterm.ids import id_timestamp_ms, new_id
from tests.conftest import NOW

TODAY = date(2026, 11, 20)
VALID_ID = "11010519491231002" + id_check_digit("11010519491231002")


def test_uuid7_ids_are_time_ordered_and_unique() -> None:
    ids = [new_id() for _ in range(5000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert abs(id_timestamp_ms(ids[0]) - NOW.timestamp() * 1000) < 10 * 365 * 86400 * 1000


def test_identity_numbers_are_checked() -> None:
    assert id_number(VALID_ID.lower()) == VALID_ID
    wrong = VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")
    for bad in (wrong, "123", "11010519491231002A"):
        with pytest.raises(ValidationError) as err:
            id_number(bad)
        assert err.value.code == "field.bad_id_number"


def test_resident_validation_normalises_and_refuses() -> None:
    ok = validate_resident_fields(
        {
            "name": " 曾小贤 ",
            "gender": "male",
            "birth_date": "1950-02-03",
            "id_number": VALID_ID,
            "phone": "13812345678",
        },
        partial=False,
    )
    assert ok["name"] == "曾小贤" and ok["birth_date"] == "1950-02-03"
    cases = [
        ({"gender": "male"}, False, "field.required"),
        ({"name": "x", "gender": "robot"}, False, "field.invalid_choice"),
        ({"phone": "12345"}, True, "field.bad_phone"),
        ({"birth_date": "2999-01-01"}, True, "field.bad_date"),
        ({"salary": 1}, True, "resident.field_not_editable"),
        ({}, True, "resident.no_changes"),
    ]
    for fields, partial, code in cases:
        with pytest.raises(ValidationError) as err:
            validate_resident_fields(fields, partial=partial)
        assert err.value.code == code


def test_every_bad_field_of_one_save_is_reported_at_once() -> None:
    with pytest.raises(FieldErrors) as err:
        validate_resident_fields(
            {"name": " ", "phone": "12345", "id_number": "123", "birth_date": "x"}, partial=True
        )
    got = [(e.field, e.code) for e in err.value.errors]
    assert got == [
        ("name", "field.required"),
        ("phone", "field.bad_phone"),
        ("id_number", "field.bad_id_number"),
        ("birth_date", "field.bad_date"),
    ]
    # read as one error, it is the first (the server's answer, the CLI)
    assert (err.value.code, err.value.field) == ("field.required", "name")
    with pytest.raises(FieldErrors) as err:
        validate_resident_fields({}, partial=False)
    assert [e.field for e in err.value.errors] == ["name", "gender"]
    with pytest.raises(FieldErrors) as err:
        validate_household_changes({"phone": "1", "vacant": "yes", "notes": "x" * 2001})
    assert [(e.field, e.code) for e in each_error(err.value)] == [
        ("phone", "field.bad_phone"),
        ("vacant", "field.not_bool"),
        ("notes", "field.too_long"),
    ]
    with pytest.raises(FieldErrors) as err:
        Premises.create(id="p", grid_id="g", name="", contact_phone="12", number="n" * 21)
    assert [e.field for e in err.value.errors] == ["name", "contact_phone", "number"]
    # one bad field is still a plain ValidationError
    with pytest.raises(ValidationError) as one:
        validate_household_changes({"phone": "1"})
    assert type(one.value) is ValidationError and each_error(one.value) == (one.value,)


def test_household_edits_only_touch_editable_fields() -> None:
    got = validate_household_changes(
        {"key_reasons": ["pregnant", "elderly_alone"], "vacant": False}
    )
    assert got == {"key_reasons": ["elderly_alone", "pregnant"], "vacant": False}
    for changes in ({"address": "9-9-909"}, {"vacant": "yes"}, {"key_reasons": ["rich"]}, {}):
        with pytest.raises(ValidationError):
            validate_household_changes(changes)
    # a number where the list belongs (a pushed record) is the field's error, not a TypeError
    with pytest.raises(ValidationError) as caught:
        validate_household_changes({"key_reasons": 5})
    assert caught.value.code == "field.not_list"


def test_personal_data_is_masked_per_role() -> None:
    assert mask("phone", "13812345678") == "138****5678"
    assert mask("id_number", VALID_ID) == VALID_ID[:4] + "*" * 10 + VALID_ID[-4:]
    assert mask("health", "高血压") == "***"
    assert mask_name("欧阳娜娜") == "欧***"
    courier = User("u", "p1", "骑手", Role.PART_TIME_WORKER)
    worker = User("u", "w1", "网格员", Role.GRID_WORKER)
    assert not courier.sees_unmasked("phone") and worker.sees_unmasked("id_number")
    assert courier.sees_unmasked("name")  # not personal data in the sense of the register


def test_key_households_come_due_by_their_strictest_reason() -> None:
    reasons = frozenset({KeyReason.LOW_INCOME, KeyReason.ELDERLY_ALONE})
    assert visit_due("h", reasons, TODAY - timedelta(days=7), TODAY).state is DueState.DUE
    late = visit_due("h", reasons, TODAY - timedelta(days=10), TODAY)
    assert late.state is DueState.OVERDUE and late.days_overdue == 3
    assert visit_due("h", reasons, TODAY - timedelta(days=2), TODAY).state is DueState.NOT_DUE
    assert visit_due("h", frozenset(), None, TODAY) is None
    assert visit_due("h", reasons, None, TODAY).state is DueState.OVERDUE


def test_round_order_puts_never_visited_then_most_overdue_first() -> None:
    weekly = frozenset({KeyReason.ELDERLY_ALONE})
    items = [
        visit_due("due", weekly, TODAY - timedelta(days=7), TODAY),
        visit_due("late2", weekly, TODAY - timedelta(days=9), TODAY),
        visit_due("never", weekly, None, TODAY),
        visit_due("late5", weekly, TODAY - timedelta(days=12), TODAY),
        visit_due("fine", weekly, TODAY, TODAY),
    ]
    assert [i.household_id for i in round_order(items)] == ["never", "late5", "late2", "due"]


def test_check_in_and_out_alternate() -> None:
    assert next_check_kind(None) is CheckKind.IN
    assert next_check_kind(CheckKind.IN) is CheckKind.OUT
    validate_check(None, CheckKind.IN)
    with pytest.raises(ValidationError):
        validate_check(None, CheckKind.OUT)
    with pytest.raises(ValidationError):
        validate_check(CheckKind.IN, CheckKind.IN)
    with pytest.raises(ValidationError):
        Location(91.0, 120.0)


TEMPLATE = {
    "code": "small_shop",
    "version": 2,
    "title": "小商户消防安全检查",
    "items": [
        {"code": "wiring", "text": "私拉乱接电线", "severity": "critical"},
        {"code": "ebike", "text": "电动自行车违规停放充电"},
    ],
}


def test_checklist_templates_validate() -> None:
    template = ChecklistTemplate.parse("t", TEMPLATE)
    assert template.item("wiring").default_severity is Severity.CRITICAL
    with pytest.raises(ValidationError):
        template.item("gas")
    for broken in (
        {**TEMPLATE, "items": []},
        {**TEMPLATE, "version": 0},
        {**TEMPLATE, "items": TEMPLATE["items"] * 2},
    ):
        with pytest.raises(ValidationError):
            ChecklistTemplate.parse("t", broken)


def test_an_inspection_completes_only_with_every_item_answered() -> None:
    template = ChecklistTemplate.parse("t", TEMPLATE)
    answers = {"wiring": ItemOutcome.create("wiring", "fail", note="插线板串接")}
    with pytest.raises(ValidationError) as err:
        check_completion(template, answers)
    assert err.value.params["first"] == "ebike"
    answers["ebike"] = ItemOutcome.create("ebike", "na")
    check_completion(template, answers)
    with pytest.raises(ValidationError):
        ItemOutcome.create("wiring", "fail")  # a failure needs evidence
    done = HazardInspection(
        "i", "p", "m1", "u", "small_shop", 2, NOW, status=InspectionStatus.COMPLETED
    )
    with pytest.raises(TransitionError):
        ensure_in_progress(done)


def test_hazard_closed_loop() -> None:
    hazard = Hazard(
        "hz",
        "i",
        "p",
        "m1",
        "wiring",
        Severity.CRITICAL,
        TODAY,
        "经营者",
        "插线板串接",
        HazardStatus.OPEN,
        NOW,
    )
    assert hazard.is_overdue(TODAY + timedelta(days=1))

    def step(h: Hazard, action: HazardAction, **extra: object) -> Hazard:
        moved, _ = h.apply(
            action, step_id="s", by_user="u", role=Role.MARKET_INSPECTOR, at=NOW, **extra
        )
        return moved

    photo = ("a" * 64,)
    h = step(hazard, HazardAction.START_RECTIFICATION)
    h = step(h, HazardAction.REINSPECT_FAIL, note="仍在串接")
    assert h.status is HazardStatus.RECTIFYING
    with pytest.raises(TransitionError):
        step(h, HazardAction.VERIFY_CLOSE, photos=photo)
    h = step(h, HazardAction.RECTIFY, photos=photo)
    h = step(step(h, HazardAction.REINSPECT_PASS, photos=photo), HazardAction.VERIFY_CLOSE,
             photos=photo)  # fmt: skip
    assert h.status is HazardStatus.CLOSED and h.closed_at == NOW
    assert not h.is_overdue(TODAY + timedelta(days=30))
