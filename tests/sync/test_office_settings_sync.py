"""Street-office settings published on the server (the admin command) reach every terminal of
the office with its next pull, through the real server; offline it keeps the last received."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gridterm.domain.territory import KeyReason
from gridterm.services.office_settings import current
from gridterm.services.schedule import due_visits
from gridterm.services.visits import Visits
from sync.server.admin import territory
from sync.server.cli import main
from sync.server.db.engine import writing
from tests.sync.conftest import make_terminal, open_terminal


def _admin(server, *args: str) -> int:
    url = server.engine.url.render_as_string(hide_password=False)
    return main(["admin", "--db", url, *args])


def _key_household(district) -> str:
    with writing(district.engine) as conn:
        unit = conn.exec_driver_sql(
            "SELECT unit_id FROM household WHERE id = ?", (district.households["g1"][0],)
        ).scalar_one()
        household, _ = territory.household(
            conn, unit, 6, "601", {"key_reasons": [KeyReason.ELDERLY_ALONE.value]}
        )
    return household


def test_a_changed_setting_reaches_a_terminal(tmp_path, server, district):
    office = f"街道{district.tag}"
    household = _key_household(district)
    t = make_terminal(tmp_path, district, "w1", server.url)
    try:
        t.sync()
        assert t.store.read(current).revision == 0  # nothing published: the built-in ones
        today = datetime.now(UTC).date()
        Visits(t.session()).record(
            household_id=household,
            visited_at=(datetime.now(UTC) - timedelta(days=4)).isoformat(),
            visit_type="routine",
            outcome="nothing_raised",
        )
        assert household not in [d.household_id for d in due_visits(t.session(), today)]

        change = tmp_path / "settings.yaml"
        change.write_text(
            "visit_intervals: {elderly_alone: 3}\nverify_by_other: true\n", encoding="utf-8"
        )
        assert _admin(server, "settings-publish", str(change), "--street-office", office) == 0
        t.sync()
        received = t.store.read(current)
        assert (received.revision, received.verify_by_other) == (1, True)
        assert received.interval_for([KeyReason.ELDERLY_ALONE]) == 3
        assert received.interval_for([KeyReason.LOW_INCOME]) == 30  # not named: kept
        due = {d.household_id: d for d in due_visits(t.session(), today)}
        assert due[household].interval_days == 3 and due[household].days_overdue == 1

        # a second change builds on the first
        change.write_text("urgent: {respond_minutes: 15}\n", encoding="utf-8")
        assert _admin(server, "settings-publish", str(change), "--street-office", office) == 0
        t.sync()
        again = t.store.read(current)
        assert again.revision == 2 and again.verify_by_other is True
        assert again.urgent.respond == timedelta(minutes=15)
    finally:
        t.close()

    # offline (no server at this address): the terminal keeps what it received
    offline = open_terminal(t.path, district, "w1", "http://127.0.0.1:9")
    try:
        kept = offline.store.read(current)
        assert (kept.revision, kept.interval_for([KeyReason.ELDERLY_ALONE])) == (2, 3)
    finally:
        offline.close()


def test_another_offices_settings_stay_there(tmp_path, server, district, capsys):
    with writing(server.engine) as conn:
        other = territory.street_office(conn, f"别的街道{district.tag}")
    change = tmp_path / "settings.json"
    change.write_text('{"verify_by_other": true}', encoding="utf-8")
    assert _admin(server, "settings-publish", str(change), "--street-office", other) == 0
    t = make_terminal(tmp_path, district, "w2", server.url)
    try:
        t.sync()
        assert t.store.read(current).revision == 0
    finally:
        t.close()
    assert _admin(server, "settings-show", "--street-office", other) == 0
    assert '"verify_by_other": true' in capsys.readouterr().out


def test_a_malformed_file_changes_nothing(tmp_path, server, district, capsys):
    office = f"街道{district.tag}"
    bad = tmp_path / "bad.yaml"
    bad.write_text("visit_intervals: {elderly_alone: 0}\n", encoding="utf-8")
    assert _admin(server, "settings-publish", str(bad), "--street-office", office) == 1
    assert "visit_intervals.elderly_alone" in capsys.readouterr().err
    assert _admin(server, "settings-show", "--street-office", office) == 0
    assert '"revision": 0' in capsys.readouterr().out


def test_verify_by_another_person_switched_on_from_the_server(tmp_path, server, district):
    from gridterm.errors import PermissionDeniedError
    from gridterm.services.tickets import Tickets

    office = f"街道{district.tag}"
    t = make_terminal(tmp_path, district, "w1", server.url)
    try:
        t.sync()
        tickets = Tickets(t.session())
        before = tickets.open(grid_id=district.grids["g1"], category="环境卫生", title="堆物")
        for action in ("accept", "mark_handled"):
            tickets.act(before.id, action)
        change = tmp_path / "rule.yaml"
        change.write_text("verify_by_other: true\n", encoding="utf-8")
        assert _admin(server, "settings-publish", str(change), "--street-office", office) == 0
        t.sync()
        with pytest.raises(PermissionDeniedError) as refused:
            tickets.act(before.id, "verify", photo="a" * 64)
        assert refused.value.code == "verify.same_person"
    finally:
        t.close()
