"""Screenshots of the supervisors' screens and a page of each report PDF.

    .venv/bin/python docs/screenshots/make_reports.py

Like ``make.py`` (its Xvfb and demo set-up): logs in as the demo community supervisor and
saves 团队 and 报表 (daily and monthly) in Chinese and English, and the building view with
coverage shading; then writes the daily and monthly PDFs of the demo community and renders
pages with ``pdftoppm`` (poppler-utils) to ``pdf-*.png``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from make import HOUSEHOLDS, save_palette, save_png, start_xvfb  # noqa: E402


def main() -> int:
    xvfb = start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        return shoot(HERE)
    finally:
        if xvfb is not None:
            xvfb.terminate()


def shoot(out: Path) -> int:
    import asyncio

    import qasync
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from gridterm.demo.generator import build_demo
    from gridterm.store.keys import FAST_KDF
    from ui.context import AppContext, DemoUser
    from ui.demo_db import save_demo_users
    from ui.gc import GuiThreadCollector
    from ui.i18n import Translations
    from ui.main_window import MainWindow
    from ui.ops import Ops
    from ui.settings import AppSettings
    from ui.theme import Theme

    work = Path(tempfile.mkdtemp(prefix="gridterm-report-shots-"))
    db = work / "demo" / "gridterm-demo.db"
    result = build_demo(db, HOUSEHOLDS, kdf=FAST_KDF)
    users = [DemoUser(u.worker_id, u.name, u.role.value, u.pin) for u in result.users]
    save_demo_users(db, users)
    boss = next(u for u in users if u.role == "community_supervisor")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collector = GuiThreadCollector(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    i18n, theme = Translations(app), Theme(app)

    def wait(ok: Callable[[], bool], timeout: float = 30.0) -> None:
        end = time.monotonic() + timeout
        while not ok():
            if time.monotonic() > end:
                raise TimeoutError("the screen did not load")
            app.processEvents()
            time.sleep(0.01)
        for _ in range(30):
            app.processEvents()
            time.sleep(0.01)

    for locale in ("zh_CN", "en"):
        i18n.switch(locale)
        ctx = AppContext(AppSettings(work / f"{locale}.ini"), Ops(loop), i18n, theme, db_path=db,
                         demo_users=users, locate=False)  # fmt: skip
        window = MainWindow(ctx)
        window.resize(1280, 800)
        window.show()
        window.login.worker_id.setText(boss.worker_id)
        window.login.pin.setText(boss.pin)
        window.login.submit.click()
        wait(lambda w=window: w.shell is not None)
        shell = window.shell
        _screens(window, shell, wait, out, locale)
        if locale == "zh_CN":
            _building(shell, wait)
            save_png(window.grab(), out / "zh_CN-building_coverage.png")
        window.close()
        ctx.ops.shutdown()
        window.deleteLater()
        # no event loop runs here: deliver the deferred delete now (see shoot.py)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        wait(lambda: True)
    _pdfs(db, boss.worker_id, boss.pin, out, result.today - timedelta(days=1))
    collector.stop()
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _screens(window, shell, wait, out: Path, locale: str) -> None:  # type: ignore[no-untyped-def]
    """Team, the daily log of yesterday and last month's summary, saved."""
    shell.show_tab("team")
    team = shell.top_screen()
    wait(lambda s=team: s.team is not None)
    save_png(window.grab(), out / f"{locale}-team.png")
    shell.show_tab("reports")
    reports = shell.top_screen()
    yesterday = reports.day.date().addDays(-1)
    reports.day.setDate(yesterday)
    wait(lambda s=reports: s.document is not None and s.document.kind == "daily")
    save_png(window.grab(), out / f"{locale}-reports.png")
    reports.kind.setCurrentIndex(1)
    last_month = yesterday.addMonths(-1)
    reports.day.setDate(last_month)
    label = last_month.toString("yyyy-MM")
    wait(lambda s=reports, m=label: s.document is not None and s.document.kind == "monthly"
         and s.document.header[-1][1] == m)  # fmt: skip
    reports.table_pick.setCurrentIndex(3)  # key-household coverage
    wait(lambda: True)
    save_png(window.grab(), out / f"{locale}-reports_monthly.png")


def _building(shell, wait) -> None:  # type: ignore[no-untyped-def]
    """The building with the most key households, its tiles shaded by last visit."""
    (row,) = shell.ws.store.query(
        "SELECT building_id FROM household WHERE key_reasons != '[]'"
        " GROUP BY building_id ORDER BY count(*) DESC LIMIT 1"
    )
    shell.show_tab("register")
    shell.open_building(row["building_id"])
    building = shell.top_screen()
    wait(lambda: building.data is not None)
    building.shading.setChecked(True)
    wait(lambda: True)


def _pdfs(db: Path, worker: str, pin: str, out: Path, day) -> None:  # type: ignore[no-untyped-def]
    from gridterm.services.reports import Reports
    from gridterm.services.session import Session
    from gridterm.store import Store

    store = Store.unlock(db, worker, pin)
    reports = Reports(Session.login(store, worker))
    work = Path(tempfile.mkdtemp())
    month = (day.replace(day=1) - timedelta(days=1)).isoformat()[:7]
    for name, report, pages in (
        ("daily", reports.daily(day.isoformat()), (1,)),
        ("monthly", reports.monthly(month), (1, 2)),
    ):
        pdf = reports.export(report, "pdf", work / f"{name}.pdf")
        for page in pages:
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                 str(pdf), str(out / f"pdf-{name}-{page}")],
                check=True,
            )  # fmt: skip
            save_palette(out / f"pdf-{name}-{page}.png", out / f"pdf-{name}-{page}.png")
    store.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
