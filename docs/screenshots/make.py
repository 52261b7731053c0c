"""Make the screenshots in this folder: the app under Xvfb on a fresh demo database.

    .venv/bin/python docs/screenshots/make.py            # all of them (about a minute)
    .venv/bin/python docs/screenshots/make.py --only zh_CN-today

It starts its own Xvfb when no DISPLAY is set, builds a 1,500-household demo database (seeded,
so the same people appear every time) in a temporary folder, logs in as the demo grid worker
and walks every screen (tests/ui/tours) in each configuration below, then as the demo market
inspector through the market screens (``inspector_tour``). ``--only`` takes a file name
without ``.png`` (``zh_CN-market``, ``zh_CN-portrait-premises``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

#: (prefix, locale, (colours, text size), size, screens or None for all)
Config = tuple[str, str, tuple[str, str], tuple[int, int], set[str] | None]
NORMAL = ("normal", "normal")
#: A few screens in every other look, both languages (the forms, with their error lines).
LOOK_SCREENS = {"today", "resident_errors", "visit", "settings", "ticket_history", "photo_picker"}
CONFIGS: list[Config] = [
    ("zh_CN", "zh_CN", NORMAL, (1280, 800), None),
    ("en", "en", NORMAL, (1280, 800), {"login", "today", "building", "household", "visit",
                                       "tickets", "ticket_detail", "alerts", "sync",
                                       "photo_viewer", *LOOK_SCREENS}),
    ("zh_CN-high_contrast", "zh_CN", ("high_contrast", "normal"), (1280, 800),
     {"today", "building", "household", "ticket_detail", "quick_report", *LOOK_SCREENS}),
    ("zh_CN-large_text", "zh_CN", ("normal", "large"), (1280, 800), LOOK_SCREENS),
    ("zh_CN-high_contrast-large_text", "zh_CN", ("high_contrast", "large"), (1280, 800),
     LOOK_SCREENS),
    ("en-high_contrast", "en", ("high_contrast", "normal"), (1280, 800), LOOK_SCREENS),
    ("en-large_text", "en", ("normal", "large"), (1280, 800), LOOK_SCREENS),
    ("en-high_contrast-large_text", "en", ("high_contrast", "large"), (1280, 800),
     LOOK_SCREENS),
    ("zh_CN-portrait", "zh_CN", NORMAL, (800, 1280),
     {"login", "today", "building", "household", "visit", "tickets", "quick_report",
      "ticket_history", "photo_picker", "photo_viewer"}),
    ("zh_CN-portrait-high_contrast-large_text", "zh_CN", ("high_contrast", "large"),
     (800, 1280), {"today", "visit", "settings"}),
    ("en-portrait", "en", NORMAL, (800, 1280),
     {"today", "tickets", "household", "ticket_history", "photo_picker"}),
]  # fmt: skip
#: The market inspector (市场巡查员) walks tests/ui/tours' inspector_tour, then runs part of
#: an inspection (tests/ui/tours/inspection.py, which writes: the database is a throw-away
#: demo) in these.
INSPECTOR_CONFIGS: list[Config] = [
    ("zh_CN", "zh_CN", NORMAL, (1280, 800), None),
    ("zh_CN-portrait", "zh_CN", NORMAL, (800, 1280),
     {"market_grid", "premises", "inspection", "hazard_detail"}),
    ("en", "en", NORMAL, (1280, 800), {"hazards", "hazard_detail", "inspector_alerts"}),
    ("en-portrait", "en", NORMAL, (800, 1280), {"hazard_detail"}),
]  # fmt: skip
HOUSEHOLDS = 1500


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """An X server for the real window (xcb), unless one is there already."""
    if os.environ.get("DISPLAY"):
        return None
    display = ":97"
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x1280x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)  # Xvfb has no readiness signal
    os.environ["DISPLAY"] = display
    return proc


def make_pictures(folder: Path, count: int = 14) -> Path:
    """A pictures folder of placeholder photos, one every few hours back (the same each
    run), for the photo picker."""
    from random import Random

    from gridterm.demo.photos import placeholder_png

    folder.mkdir(parents=True)
    rng = Random(12)
    newest = time.mktime((2026, 11, 30, 16, 20, 0, 0, 0, -1))
    for i in range(count):
        path = folder / f"IMG_{2026_1130_0000 + i}.png"
        path.write_bytes(placeholder_png(rng))
        when = newest - i * 5 * 3600
        os.utime(path, (when, when))
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", help="make only the screenshots with these names (comma-separated)"
    )
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    xvfb = start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        return shoot(args.out, set(args.only.split(",")) if args.only else None)
    finally:
        if xvfb is not None:
            xvfb.terminate()


def shoot(out: Path, only: set[str] | None) -> int:
    import asyncio

    import qasync
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from gridterm.demo.generator import build_demo
    from gridterm.store.keys import FAST_KDF
    from tests.ui.tours import Wait, inspection_tour, inspector_tour, tour
    from ui.context import AppContext, DemoUser
    from ui.demo_db import save_demo_users
    from ui.gc import GuiThreadCollector
    from ui.i18n import Translations
    from ui.main_window import MainWindow
    from ui.ops import Ops
    from ui.settings import PHOTO_FOLDER, AppSettings
    from ui.theme import Theme

    work = Path(tempfile.mkdtemp(prefix="gridterm-shots-"))
    db = work / "demo" / "gridterm-demo.db"
    result = build_demo(db, HOUSEHOLDS, kdf=FAST_KDF)
    users = [DemoUser(u.worker_id, u.name, u.role.value, u.pin) for u in result.users]
    save_demo_users(db, users)
    worker = users[0]
    inspector = next(u for u in users if u.role == "market_inspector")

    app = QApplication.instance() or QApplication(sys.argv[:1])
    collector = GuiThreadCollector(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)  # the script pumps Qt events itself
    i18n = Translations(app)
    theme = Theme(app)
    made = 0

    def wait(ok: Callable[[], bool], timeout: float = 15.0) -> None:
        end = time.monotonic() + timeout
        while not ok():
            if time.monotonic() > end:
                raise TimeoutError("the screen did not load")
            app.processEvents()
            time.sleep(0.01)

    def settle() -> None:
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)

    pictures = make_pictures(work / "Pictures")
    walks = [(c, worker, tour, True) for c in CONFIGS]

    def inspector_walk(window: MainWindow, wait: Wait) -> Iterator[tuple[str, QWidget]]:
        yield from inspector_tour(window, wait)
        yield from inspection_tour(window.shell, wait)

    walks += [(c, inspector, inspector_walk, False) for c in INSPECTOR_CONFIGS]
    for (prefix, locale, look, size, wanted), user, walk, with_login in walks:
        i18n.switch(locale)
        theme.apply(*look)
        settings = AppSettings(work / f"{prefix}.ini")
        settings.set(PHOTO_FOLDER, str(pictures))  # what the photo picker shows
        ctx = AppContext(
            settings=settings,
            ops=Ops(loop),
            i18n=i18n,
            theme=theme,
            db_path=db,
            demo_users=users,
            locate=False,
        )
        window = MainWindow(ctx)
        window.resize(*size)
        window.show()
        settle()

        def save(
            name: str,
            screen: QWidget | None = None,
            prefix: str = prefix,
            wanted: set[str] | None = wanted,
            window: MainWindow = window,
        ) -> None:
            nonlocal made
            full = f"{prefix}-{name}"
            if (wanted is not None and name not in wanted) or (only and full not in only):
                return
            settle()
            # a dialog over the window (the photo picker, a photo opened large) is its own
            target = screen if isinstance(screen, QDialog) else window
            target.grab().save(str(out / f"{full}.png"))
            made += 1
            print(f"{full}.png")

        if with_login:
            window.stack.setCurrentWidget(window.first_run)
            save("first_run")
            window.stack.setCurrentWidget(window.login)
            save("login")
        window.login.worker_id.setText(user.worker_id)
        window.login.pin.setText(user.pin)
        window.login.submit.click()
        wait(lambda w=window: w.shell is not None)
        for name, screen in walk(window, wait):
            save(name, screen)
        window.close()
        ctx.ops.shutdown()
        window.deleteLater()
        settle()
    collector.stop()
    shutil.rmtree(work, ignore_errors=True)
    print(f"{made} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
