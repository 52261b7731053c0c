"""The demo generator (演示数据): deterministic, realistic, consistent, and usable at once."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, time
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from gridterm import cli
from gridterm.demo import bulk, names
from gridterm.demo.clock import CHINA
from gridterm.demo.generator import DemoResult, build_demo
from gridterm.domain.hazards import HazardStatus
from gridterm.domain.territory import KeyReason, format_address
from gridterm.domain.tickets import Level, TicketStatus
from gridterm.domain.users import Role
from gridterm.domain.validation import id_number, phone
from gridterm.errors import StoreError, WrongPinError
from gridterm.store import Store
from gridterm.store.keys import FAST_KDF

HOUSEHOLDS = 300
SEED = 7
TODAY = date(2026, 11, 20)


def _build(path: Path, **options: Any) -> DemoResult:
    options = {"seed": SEED, "kdf": FAST_KDF, "today": TODAY} | options
    return build_demo(path, HOUSEHOLDS, **options)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return _build(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture(scope="module")
def db(demo: DemoResult):
    first = demo.users[0]
    with Store.unlock(demo.path, first.worker_id, first.pin) as store:
        yield store


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every demo table's rows, in a stable order; the outbox without its own bookkeeping."""
    tables = {t: store.query(f"SELECT * FROM {t}") for t in bulk.COLUMNS}
    tables["outbox"] = store.query("SELECT entity, entity_id, op, fields FROM outbox")
    return {t: sorted((tuple(r.values()) for r in rows), key=repr) for t, rows in tables.items()}


def test_same_seed_gives_the_same_rows_and_ids(demo, db, tmp_path):
    again = _build(tmp_path / "again.db")
    first = again.users[0]
    with Store.unlock(again.path, first.worker_id, first.pin) as store:
        assert _dump(store) == _dump(db)
    assert [(u.worker_id, u.pin) for u in again.users] == [(u.worker_id, u.pin) for u in demo.users]


def test_another_seed_gives_other_people(db, tmp_path):
    other = _build(tmp_path / "other.db", seed=SEED + 1, plaintext=True)
    with Store.open_plaintext(other.path) as store:
        theirs = {r["id_number"] for r in store.query("SELECT id_number FROM resident")}
    ours = {r["id_number"] for r in db.query("SELECT id_number FROM resident")}
    assert len(ours & theirs) < len(ours) // 10


def test_child_process_draws_the_same_data(db, tmp_path):
    # Large demos are drawn in a child process: it must not change a single row.
    result = _build(tmp_path / "child.db", plaintext=True, in_child=True)
    with Store.open_plaintext(result.path) as store:
        assert _dump(store) == _dump(db)


def test_counts_are_roughly_as_asked(demo, db):
    c = demo.counts
    assert c["household"] == HOUSEHOLDS
    assert 2.2 <= c["resident"] / HOUSEHOLDS <= 2.9
    assert 4.0 <= c["visit"] / HOUSEHOLDS <= 6.5
    for table, n in c.items():
        if table != "outbox":
            assert db.query(f"SELECT count(*) AS n FROM {table}")[0]["n"] == n, table


def test_every_table_of_the_demo_has_rows(db):
    for table in [*bulk.COLUMNS, "outbox"]:
        assert db.query(f"SELECT count(*) AS n FROM {table}")[0]["n"] > 0, table


def test_foreign_keys_are_consistent(db):
    assert db.query("PRAGMA foreign_key_check") == []
    orphans = db.query(
        "SELECT count(*) AS n FROM visit v WHERE v.ticket_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.id = v.ticket_id)"
    )
    assert orphans[0]["n"] == 0


def test_the_register_looks_like_a_real_community(db):
    households = db.query("SELECT * FROM household")
    residents = db.query("SELECT * FROM resident")
    share = lambda n: n / len(households)  # noqa: E731
    assert 0.03 <= share(sum(h["vacant"] for h in households)) <= 0.10
    assert 0.10 <= share(sum(h["rental"] for h in households)) <= 0.22
    assert 0.05 <= share(sum(h["party_member"] for h in households)) <= 0.30
    elderly = sum(1 for r in residents if r["birth_date"] <= f"{TODAY.year - 60}-{TODAY:%m-%d}")
    assert 0.22 <= elderly / len(residents) <= 0.38
    reasons = Counter(k for h in households for k in json.loads(h["key_reasons"]))
    top_two = {reason for reason, _ in reasons.most_common(2)}
    assert top_two == {KeyReason.ELDERLY_ALONE.value, KeyReason.EMPTY_NEST.value}
    assert not any(h["vacant"] and h["key_reasons"] != "[]" for h in households)


def test_people_have_valid_identity_numbers_and_phones(db):
    residents = db.query("SELECT name, gender, id_number, phone FROM resident")
    for r in residents:
        assert id_number(r["id_number"]) == r["id_number"]
        assert phone(r["phone"]) == r["phone"]
        assert 2 <= len(r["name"]) <= 4
        # the 17th digit is odd for men, even for women
        assert (int(r["id_number"][16]) % 2 == 1) == (r["gender"] == "male")
    assert any(r["name"][0] in names.HETERONYM_SURNAMES for r in residents)


def test_addresses_are_building_unit_room(db):
    rows = db.query(
        "SELECT h.address, h.room, h.floor, b.number AS building, u.number AS unit, b.floors"
        " FROM household h JOIN building b ON b.id = h.building_id JOIN unit u ON u.id = h.unit_id"
    )
    for r in rows:
        assert r["address"] == format_address(r["building"], r["unit"], r["room"])
        assert r["room"].startswith(str(r["floor"])) and 1 <= r["floor"] <= r["floors"]
    assert len({r["address"] for r in rows}) == len(rows)


def test_history_ends_before_today(db):
    midnight = datetime.combine(TODAY, time(), CHINA).astimezone(UTC).isoformat()
    columns = {
        "visit": ("visited_at", "created_at"),
        "ticket": ("reported_at", "updated_at"),
        "ticket_transition": ("at",),
        "check_in": ("at",),
        "hazard_inspection": ("started_at", "completed_at"),
        "hazard": ("found_at", "closed_at"),
    }
    for table, names_ in columns.items():
        for column in names_:
            latest = db.query(f"SELECT max({column}) AS t FROM {table}")[0]["t"]
            assert latest < midnight, (table, column, latest)
    closed = db.query("SELECT count(*) AS n FROM hazard WHERE closed_at < found_at")
    assert closed[0]["n"] == 0


def test_tickets_exist_in_every_status_at_every_level(db):
    seen = {(r["level"], r["status"]) for r in db.query("SELECT level, status FROM ticket")}
    assert seen == {(lv.value, st.value) for lv in Level for st in TicketStatus}


def test_ticket_histories_replay_to_the_ticket(db):
    steps: dict[str, list[dict[str, Any]]] = {}
    for t in db.query("SELECT * FROM ticket_transition ORDER BY at, id"):
        steps.setdefault(t["ticket_id"], []).append(t)
    for ticket in db.query("SELECT * FROM ticket"):
        history = steps[ticket["id"]]
        assert history[0]["action"] == "report" and history[0]["from_status"] is None
        for before, after in pairwise(history):
            assert (after["from_status"], after["from_level"]) == (
                before["to_status"],
                before["to_level"],
            )
        assert (history[-1]["to_status"], history[-1]["to_level"]) == (
            ticket["status"],
            ticket["level"],
        )


def test_hazards_exist_in_every_status_with_answers(db):
    statuses = {r["status"] for r in db.query("SELECT status FROM hazard")}
    assert statuses == {s.value for s in HazardStatus}
    failed = db.query(
        "SELECT count(*) AS n FROM hazard h JOIN checklist_answer a"
        " ON a.inspection_id = h.inspection_id AND a.item_code = h.item_code"
        " WHERE a.result = 'fail'"
    )
    assert failed[0]["n"] == db.query("SELECT count(*) AS n FROM hazard")[0]["n"]
    template = db.query("SELECT * FROM checklist_template")[0]
    assert (template["code"], template["version"]) == ("small_shop", 1)
    assert len(json.loads(template["items"])) == 8


def test_key_households_are_visited_more_often(db):
    rows = db.query(
        "SELECT h.key_reasons != '[]' AS key, count(v.id) * 1.0 / count(DISTINCT h.id) AS per"
        " FROM household h LEFT JOIN visit v ON v.household_id = h.id"
        " WHERE h.vacant = 0 GROUP BY 1"
    )
    per = {r["key"]: r["per"] for r in rows}
    assert per[1] > 2 * per[0]


def test_every_role_has_users_and_a_demo_login(demo, db):
    roles = {r["role"] for r in db.query("SELECT DISTINCT role FROM user")}
    assert roles == {role.value for role in Role}
    assert {u.role for u in demo.users} == set(Role)
    assigned = db.query(
        "SELECT u.role, g.kind FROM user_grid ug JOIN user u ON u.id = ug.user_id"
        " JOIN grid g ON g.id = ug.grid_id"
    )
    assert ("market_inspector", "special") in {(r["role"], r["kind"]) for r in assigned}
    assert ("grid_worker", "residential") in {(r["role"], r["kind"]) for r in assigned}


def test_every_demo_user_unlocks_the_database_with_their_pin(demo):
    for user in demo.users:
        with Store.unlock(demo.path, user.worker_id, user.pin) as store:
            assert store.query("SELECT name FROM user WHERE worker_id = ?", (user.worker_id,))
    with pytest.raises(WrongPinError):
        Store.unlock(demo.path, demo.users[0].worker_id, "000000")


def test_search_terms_are_indexed(demo, db):
    n = db.query("SELECT count(*) AS n FROM search_term")[0]["n"]
    assert n > 10 * demo.counts["resident"]
    resident = db.query("SELECT id, name FROM resident LIMIT 1")[0]
    found = db.query(
        "SELECT kind FROM search_term st JOIN search_owner o ON o.id = st.owner"
        " WHERE o.resident_id = ? AND st.term = ?",
        (resident["id"], resident["name"]),
    )
    assert found == [{"kind": "name"}]
    kinds = {r["kind"] for r in db.query("SELECT DISTINCT kind FROM search_term")}
    assert {"name", "pinyin", "initials", "phone", "address"} <= kinds
    index = db.query("SELECT name FROM sqlite_master WHERE name = 'search_term_term'")
    assert index, "the index dropped for the bulk load is back"


def test_only_recent_unsent_work_waits_in_the_outbox(db):
    pending = Counter(r["entity"] for r in db.query("SELECT entity FROM outbox"))
    assert pending == {"visit": 3, "ticket": 1, "ticket_transition": 1}


def test_refuses_to_overwrite_unless_told(demo):
    with pytest.raises(StoreError) as caught:
        _build(demo.path)
    assert caught.value.code == "store.exists"


def test_cli_builds_prints_pins_and_refuses_to_overwrite(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("gridterm.demo.cli.DEFAULT_KDF", FAST_KDF)
    path = tmp_path / "cli.db"
    argv = ["demo", "--db", str(path), "--households", "60", "--pin", "246810", "--quiet"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "G0001" in out and "246810" in out and "street_staff" in out
    with Store.unlock(path, "J0001", "246810") as store:
        assert store.query("SELECT count(*) AS n FROM household")[0]["n"] == 60

    assert cli.main(argv) == 2
    assert "exists already" in capsys.readouterr().err
    assert cli.main([*argv, "--force", "--seed", "1"]) == 0
