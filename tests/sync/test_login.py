"""Enrollment once, login offline by PIN, token renewed online; the command line."""

from __future__ import annotations

import pytest

from gridterm.errors import WrongPinError
from gridterm.services import unlock
from gridterm.services.unlock import KeysErasedError
from gridterm.store.keys import keyfile_path
from sync.client.auth import enroll, sign_in
from sync.client.errors import Refused
from sync.server.auth.enrollment import revoke_device
from sync.server.auth.sessions import revoke_sessions
from sync.server.db.engine import writing
from tests.sync.conftest import make_terminal, open_terminal, record_visits, server_ids
from tests.sync.district import PIN
from tests.sync.helpers import gridterm


def test_login_is_offline_and_the_token_is_renewed_online(tmp_path, server, district, proxy):
    t = make_terminal(tmp_path, district, "w1", proxy.url)
    assert t.sync().ok
    path = t.path
    t.close()
    proxy.go_offline()
    # no network: the PIN alone opens the terminal
    store = sign_in(path, district.worker("w1"), PIN)
    store.close()
    with pytest.raises(WrongPinError):
        sign_in(path, district.worker("w1"), "999999")
    proxy.go_offline(False)

    with writing(server.engine) as conn:  # e.g. an administrator ended every session
        revoke_sessions(conn, district.user_ids["w1"])
    t = open_terminal(path, district, "w1", proxy.url)
    try:
        ids = record_visits(t, district.households["g1"], 3)
        report = t.sync()
        assert report.ok, report  # a fresh token was fetched with the PIN held in memory
        assert sorted(server_ids(server, "visit", ids)) == sorted(ids)
    finally:
        t.close()


def test_a_code_enrolls_once(server, district):
    code = district.code()
    enroll(server.url, code)
    with pytest.raises(Refused) as refused:
        enroll(server.url, code)
    assert refused.value.code == "enroll.code_invalid"


def test_command_line_enroll_and_sync(tmp_path, server, district):
    db = tmp_path / "cli" / "gridterm.db"
    worker = district.worker("w1")
    out = gridterm(
        "enroll", "--db", str(db), "--server", server.url, "--code", district.code(),
        "--worker-id", worker,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = gridterm("sync", "--db", str(db), "--worker-id", worker, "--json")
    assert out.returncode == 0, out.stderr
    assert '"ok": true' in out.stdout and '"pulled": ' in out.stdout

    t = open_terminal(db, district, "w1", server.url)
    record_visits(t, district.households["g1"], 2)
    household = district.households["g1"][0]
    # an edit the server refuses (written past the app's own checks on purpose)
    t.store.write(lambda tx: tx.update("household", household, {"phone": "bad"}))
    t.close()
    out = gridterm("sync", "--db", str(db), "--worker-id", worker)
    assert out.returncode == 1  # a quarantined record is a failure to report
    for word in ("pushed 3", "confirmed 2", "rejected 1", "pulled", "photos", "bytes", " s"):
        assert word in out.stdout, out.stdout


def test_a_revoked_device_is_told_so_and_marks_its_keys_for_erasing(tmp_path, server, district):
    t = make_terminal(tmp_path, district, "w1", server.url)
    try:
        assert t.sync().ok
        record_visits(t, district.households["g1"], 1)  # unsynced: a revoked device keeps none
        with writing(server.engine) as conn:  # the street office withdraws the terminal
            assert revoke_device(conn, t.login.device.device_id)
        report = t.sync()
        assert report.error == "auth.device_revoked", report
        assert unlock.is_revoked(t.path)  # noted before the worker is told
    finally:
        t.close()
    with pytest.raises(KeysErasedError) as caught:  # a restart does not open it again
        sign_in(t.path, district.worker("w1"), PIN)
    assert caught.value.code == "store.device_revoked"
    unlock.erase_revoked(t.path)
    assert not keyfile_path(t.path).exists() and not t.path.exists()


def test_a_token_never_enrolled_is_not_told_revoked(server):
    from sync.client.auth import Device, _online_login
    from sync.client.errors import AuthRequired
    from sync.client.transport import Transport

    transport = Transport(server.url)
    try:
        with pytest.raises(AuthRequired) as caught:
            _online_login(transport, Device(server.url, "d", "not-a-token"), "G0001", PIN)
    finally:
        transport.close()
    assert caught.value.code == "auth.device_invalid"
