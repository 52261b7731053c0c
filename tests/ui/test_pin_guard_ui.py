"""The login and lock screens under the terminal's PIN guard (gridterm/services/unlock.py):
how many wrong PINs are left, the wait counted down, the wipe held for a supervisor while work
waits for the server, the keys erased, and a device the real server revoked erased after the
worker is told."""

from __future__ import annotations

from pathlib import Path

import pytest

from gridterm.store import Store, pin_guard
from gridterm.store.keys import keyfile_path
from tests.conftest import PIN
from tests.sync.conftest import district, make_terminal, server  # noqa: F401 (fixtures)
from tests.sync.district import PIN as DISTRICT_PIN
from tests.ui.conftest import log_in, tap
from ui.main_window import MainWindow

WRONG = "999999"


def _guard(path: Path, **state: object) -> None:
    guard = pin_guard.PinGuard.load(path)
    if "pending" in state:
        guard.set_pending(state["pending"])  # type: ignore[arg-type]
    if "wipe_after" in state:
        guard.set_wipe_after(state["wipe_after"])  # type: ignore[arg-type]
    guard.save()


def _try(qtbot, window: MainWindow, pin: str, worker: str = "w1") -> str:
    """One PIN as typed on the form (past any countdown); returns what the screen says."""
    window.login.error.hide()
    window.log_in(worker, pin)
    qtbot.waitUntil(
        lambda: window.login.error.isVisible() or window.stack.currentWidget() is window.first_run
    )
    return window.login.error.text()


def test_each_wrong_pin_warns_and_the_wait_is_counted_down(qtbot, window, clock) -> None:
    for left in (9, 8, 7):
        assert _try(qtbot, window, WRONG) == "工号或 PIN 码错误。"
        assert window.login.notice.text() == f"再输错 {left} 次，本机密钥将被清除。"
        assert window.login.submit.isEnabled()
    _try(qtbot, window, WRONG)
    assert window.login.notice.text().splitlines() == [
        "再输错 6 次，本机密钥将被清除。",
        "请在 0:30 后重试。",
    ]
    assert not window.login.submit.isEnabled()  # the screen shows the core's wait
    qtbot.waitUntil(lambda: "0:29" in window.login.notice.text(), timeout=3000)
    assert _try(qtbot, window, PIN) == "输错 PIN 码的次数过多，请稍候再试。"  # the core refuses
    assert window.workspace is None
    clock.t += 31
    window.log_in("w1", PIN)
    qtbot.waitUntil(lambda: window.workspace is not None)


def test_unsynced_work_holds_the_wipe_for_a_supervisor(qtbot, window, db_path, clock) -> None:
    _guard(db_path, wipe_after=5, pending=2)
    for _ in range(5):
        text = _try(qtbot, window, WRONG)
        clock.t += 3600
    assert text.startswith("输错 PIN 码的次数过多。本机可能有未同步的记录")
    assert window.login.supervisor.isVisible()
    # a part-time worker may not confirm it; nothing is erased
    window.login.supervisor_id.setText("p1")
    window.login.supervisor_pin.setText(PIN)
    tap(qtbot, window.login.wipe)
    qtbot.waitUntil(lambda: "只有社区书记" in window.login.error.text())
    assert keyfile_path(db_path).exists()
    window.login.supervisor.show()
    window.login.supervisor_id.setText("s1")
    window.login.supervisor_pin.setText(PIN)
    tap(qtbot, window.login.wipe)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.first_run)
    assert window.first_run.error.text().startswith("输错 PIN 码的次数过多，本机的密钥和数据已清除")
    qtbot.waitUntil(lambda: not db_path.exists() and not keyfile_path(db_path).exists())


def test_at_the_limit_the_lock_screen_erases_the_open_terminal(qtbot, window, db_path, clock):
    with Store.unlock(db_path, "w1", PIN) as store:  # the street office's own limit, pulled
        store.write(
            lambda tx: tx.execute(
                "INSERT INTO office_settings (street_office_id, revision, document, published_at)"
                """ VALUES ('so', 2, '{"pin_lock": {"wipe_after": 5}}', 0)"""
            )
        )
    log_in(qtbot, window)
    window.lock()  # notes that nothing waits for the server, and the office's limit
    qtbot.waitUntil(lambda: pin_guard.PinGuard.load(db_path).pending == 0)
    assert pin_guard.PinGuard.load(db_path).wipe_after == 5
    for _ in range(5):
        window.unlock(WRONG)
        qtbot.waitUntil(
            lambda: (
                window.login.error.isVisible() or window.stack.currentWidget() is window.first_run
            )
        )
        window.login.error.hide()
        clock.t += 3600
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.first_run)
    assert window.workspace is None and window.shell is None
    qtbot.waitUntil(lambda: not db_path.exists() and not keyfile_path(db_path).exists())


def test_a_terminal_closed_after_its_revocation_erases_itself_at_start(qtbot, ctx, db_path):
    guard = pin_guard.PinGuard.load(db_path)
    guard.mark_revoked()
    guard.save()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.first_run)
    assert window.first_run.error.text().startswith("街道已停用这台终端")
    qtbot.waitUntil(lambda: not db_path.exists() and not keyfile_path(db_path).exists())
    window.close()


@pytest.mark.slow
def test_the_real_server_revokes_the_device(qtbot, ctx, tmp_path, server, district) -> None:  # noqa: F811
    from sync.server.auth.enrollment import revoke_device
    from sync.server.db.engine import writing

    t = make_terminal(tmp_path, district, "w1", server.url)
    assert t.sync().ok
    device_id, path = t.login.device.device_id, t.path
    t.close()
    ctx.db_path = path
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.log_in(district.worker("w1"), DISTRICT_PIN)
    qtbot.waitUntil(lambda: window.workspace is not None or window.login.error.isVisible())
    assert window.workspace is not None, window.login.error.text()
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.sync is not None, timeout=10_000)
    with writing(server.engine) as conn:
        assert revoke_device(conn, device_id)
    ws.sync.sync_now()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.first_run, timeout=60_000)
    assert window.first_run.error.text().startswith("街道已停用这台终端")
    assert window.workspace is None
    qtbot.waitUntil(lambda: ws.sync.finished, timeout=30_000)
    qtbot.waitUntil(lambda: not path.exists() and not keyfile_path(path).exists())
    window.close()
