"""Quick report in three taps, the sync page and its quarantine, settings applied live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from tests.ui.conftest import click_row, log_in, open_tab, tap, type_text
from ui.settings import COLOURS, LANGUAGE, PHOTO_MAX_PX

LEFT = Qt.MouseButton.LeftButton


def test_a_part_time_worker_reports_in_three_taps(qtbot, window, tmp_path) -> None:
    picture = tmp_path / "pile.png"
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#887766"))
    image.save(str(picture))
    log_in(qtbot, window, "p1")
    assert window.shell.current == "report"
    assert "register" not in window.shell.nav.buttons  # part-timers do not browse residents
    report = window.shell.top_screen()
    # Tap 1: the photo (the file picker stands in for the camera on this machine).
    report.photos.add_file(picture)
    qtbot.waitUntil(lambda: len(report.photos.digests) == 1)
    # Tap 2: the category.
    tap(qtbot, report.category.buttons["环境卫生"])
    # Tap 3: send.
    with qtbot.waitSignal(report.reported, timeout=5000) as sent:
        tap(qtbot, report.send)
    ticket = sent.args[0]
    assert ticket.title == "随手拍：环境卫生"
    assert ticket.photos == tuple(report.photos.digests) or len(ticket.photos) == 1
    assert report.done.isVisible()
    assert report.category.value() is None  # ready for the next one


def test_a_report_needs_a_category(qtbot, window) -> None:
    log_in(qtbot, window, "p1")
    report = window.shell.top_screen()
    type_text(qtbot, report.text, "垃圾桶满了")
    tap(qtbot, report.send)
    # the core says it (a call off the GUI thread), as it says every other field's error
    qtbot.waitUntil(lambda: report.form.field_errors["category"].text() == "请选择类别。")


def refuse(store, entity: str, field: str, reason: str = "field.bad_phone") -> str:
    """Put the newest outbox row of ``entity`` in the quarantine, as a sync would."""

    def write(tx):
        row = tx.one(
            "SELECT op_id FROM outbox WHERE entity = ? ORDER BY seq DESC LIMIT 1", (entity,)
        )
        tx.execute(
            "UPDATE outbox SET state = 'rejected', reason = ?, state_at = ? WHERE op_id = ?",
            (reason, "2026-11-21T08:00:00+00:00", row["op_id"]),
        )
        tx.execute(
            "INSERT INTO sync_rejection (op_id, reason, message, field, at) VALUES (?, ?, ?, ?, ?)",
            (row["op_id"], reason, "bad phone", field, "2026-11-21T08:00:00+00:00"),
        )
        return row["op_id"]

    return store.write(write)


def test_the_quarantine_corrects_and_resends(qtbot, window) -> None:
    log_in(qtbot, window)
    ws = window.workspace
    ws.register.edit_household("h-g1-502", phone="13900001111")
    refuse(ws.store, "household", "phone")
    sync = open_tab(qtbot, window, "sync")
    qtbot.waitUntil(lambda: sync.data is not None)
    assert sync.numbers["rejected"].text() == "1"
    assert sync.last_sync.text() == "本终端从未同步。"
    assert sync.tabs.tabText(1) == "隔离区（1）"
    window.shell.top.sync.reload()  # what its 15-second poll does
    qtbot.waitUntil(lambda: "1 条需处理" in window.shell.top.sync.text())
    sync.tabs.setCurrentIndex(1)
    assert sync.quarantine.model.index(0, 3).data().startswith("电话不是有效的电话号码")
    click_row(qtbot, sync.quarantine.table, 0)
    assert (
        sync.quarantine.fix_label.text() == "电话"
        and sync.quarantine.fix_value.text() == "13900001111"
    )
    sync.quarantine.fix_value.clear()
    type_text(qtbot, sync.quarantine.fix_value, "13900002222")
    tap(qtbot, sync.quarantine.correct)
    qtbot.waitUntil(lambda: sync.numbers["rejected"].text() == "0")
    assert ws.register.household("h-g1-502").phone == "13900002222"
    tap(qtbot, sync.sync_now)
    qtbot.waitUntil(sync.message.isVisible)
    assert sync.message.text().startswith("本终端尚未注册到服务器")


def test_resend_and_open_a_refused_ticket(qtbot, window) -> None:
    log_in(qtbot, window)
    ws = window.workspace
    ticket = ws.tickets.open(grid_id="g1", category="物业管理", title="漏水")
    refuse(ws.store, "ticket", "", "grid.out_of_scope")
    sync = open_tab(qtbot, window, "sync")
    qtbot.waitUntil(lambda: sync.quarantine.model.rowCount() == 1)
    sync.tabs.setCurrentIndex(1)
    click_row(qtbot, sync.quarantine.table, 0)
    assert not sync.quarantine.correct.isVisible()
    tap(qtbot, sync.quarantine.open_record)
    qtbot.waitUntil(lambda: window.shell.top_screen().objectName() == "ticketDetail")
    assert window.shell.top_screen().ticket_id == ticket.id
    window.shell.back()
    tap(qtbot, sync.quarantine.resend)
    qtbot.waitUntil(lambda: sync.quarantine.model.rowCount() == 0)


def test_settings_apply_at_once(qtbot, window, ctx) -> None:
    log_in(qtbot, window)
    settings = open_tab(qtbot, window, "settings")
    tap(qtbot, settings.colours.buttons["high_contrast"])
    assert ctx.theme.scheme == "high_contrast" and ctx.settings.get(COLOURS) == "high_contrast"
    tap(qtbot, settings.photo_size.buttons["1024"])
    assert ctx.settings.get(PHOTO_MAX_PX) == 1024
    settings.server.setText("ftp://nope")
    tap(qtbot, settings.save_server)
    assert settings.form.field_errors["url"].text().startswith("服务器地址须以 https://")
    tap(qtbot, settings.language.buttons["en"])
    qtbot.waitUntil(lambda: window.shell.top.title.text() == "Settings")
    assert ctx.settings.get(LANGUAGE) == "en"
    assert window.shell.nav.buttons["today"].text() == "Today"
    assert window.shell.current == "settings"
    tap(qtbot, window.shell.top_screen().language.buttons["zh_CN"])
    qtbot.waitUntil(lambda: window.shell.top.title.text() == "设置")
    ctx.theme.apply("normal", "normal")


def test_log_out_returns_to_login(qtbot, window) -> None:
    log_in(qtbot, window)
    settings = open_tab(qtbot, window, "settings")
    tap(qtbot, settings.logout)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login)
    assert window.workspace is None
