"""Personal data is shown in clear only through a recorded reveal (issue 16, item 5)."""

from __future__ import annotations

import pytest

from gridterm.errors import NotFoundError, PermissionDeniedError, ValidationError
from gridterm.services.reveals import Reveals


def _resident(territory, household_id: str) -> str:
    territory.store.write(
        lambda tx: tx.insert(
            "resident",
            {"id": "r1", "household_id": household_id, "name": "王秀英", "gender": "female",
             "id_number": "420106194103021220", "health": "精神疾病规律服药"},
            outbox=False,
        )
    )  # fmt: skip
    return "r1"


def _reveals(store):
    return store.query("SELECT * FROM personal_data_reveal")


def test_a_reveal_returns_the_value_and_is_recorded_for_the_next_sync(territory):
    rid = _resident(territory, territory.household())
    reveals = Reveals(territory.session("w1"))
    assert reveals.reveal("resident", rid, "health") == "精神疾病规律服药"
    (row,) = _reveals(territory.store)
    assert (row["record"], row["record_id"], row["field"]) == ("resident", rid, "health")
    assert row["user_id"] == territory.session("w1").user.id
    (op,) = territory.store.query(
        "SELECT op, state FROM outbox WHERE entity = 'personal_data_reveal'"
    )
    assert (op["op"], op["state"]) == ("create", "pending")


def test_a_household_phone_is_revealed_the_same_way(territory):
    hid = territory.household(phone="13812345678")
    assert Reveals(territory.session("w1")).reveal("household", hid, "phone") == "13812345678"
    assert _reveals(territory.store)[0]["record"] == "household"


@pytest.mark.parametrize(
    ("worker", "field", "error"),
    [
        ("p1", "id_number", PermissionDeniedError),  # a part-time worker may not
        ("i1", "health", PermissionDeniedError),  # nor an inspector, health
        ("w2", "id_number", PermissionDeniedError),  # another grid
        ("w1", "name", ValidationError),  # not a personal field
    ],
)
def test_a_reveal_the_role_or_area_does_not_allow_writes_nothing(territory, worker, field, error):
    rid = _resident(territory, territory.household())
    with pytest.raises(error):
        Reveals(territory.session(worker)).reveal("resident", rid, field)
    assert _reveals(territory.store) == []


def test_an_unknown_record_is_not_found(territory):
    with pytest.raises(NotFoundError):
        Reveals(territory.session("w1")).reveal("resident", "nobody", "id_number")
