"""Shared by the inspection and hazard screen tests: a test database with the market
inspector i1, a checklist and two stalls, and a hazard found on it through the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from gridterm.services.inspections import Inspections
from gridterm.store import Store
from gridterm.store.keys import FAST_KDF
from tests.conftest import PIN
from tests.core.helpers import write_template

ITEMS_V1 = [
    {"code": "wiring", "text": "私拉乱接电线", "severity": "major", "deadline_days": 7},
    {"code": "ebike", "text": "电动自行车违规停放充电", "severity": "critical", "deadline_days": 3},
    {"code": "exits", "text": "安全出口、疏散通道堵塞", "severity": "major", "deadline_days": 1},
    {"code": "extinguisher", "text": "灭火器缺失或过期", "severity": "minor", "deadline_days": 7},
    {"code": "gas", "text": "液化气瓶违规使用", "severity": "critical", "deadline_days": 1},
]
ITEMS_V2 = [*ITEMS_V1, {"code": "signs", "text": "消防标识缺失", "severity": "minor"}]
PREMISES_ID = "p-1"


def with_stalls(db_path: Path) -> Path:
    """The UI test database at ``db_path`` plus the market inspector i1, checklist ``shop``
    v1 and two stalls of market m1 (for a module's own ``db_path`` fixture)."""
    store = Store.unlock(db_path, "w1", PIN)
    store.add_local_user("i1", PIN, FAST_KDF)
    write_template(store, 1, ITEMS_V1)

    def write(tx) -> None:
        for pid, name, number in ((PREMISES_ID, "鑫源五金", "101"), ("p-2", "宏达电料", "102")):
            tx.insert(
                "premises",
                {
                    "id": pid,
                    "grid_id": "m1",
                    "name": name,
                    "operator": "王老板",
                    "licence_no": f"LIC{number}",
                    "building": "A区",
                    "floor": "1层",
                    "row": "3",
                    "number": number,
                },
                outbox=False,
            )

    store.write(write)
    store.close()
    return db_path


def service(window) -> Inspections:
    """The logged-in worker's inspections service, to compare the screens with."""
    return Inspections(window.workspace.session)


def hazard_on(window, fail: tuple[str, ...] = ("wiring",)) -> str:
    """Complete an inspection through the core with ``fail`` failed; returns the hazard."""
    svc = service(window)
    inspection = svc.start(PREMISES_ID, "shop")
    before = window.workspace.store.blobs.put(png("#cc2222"))
    window.workspace.store.write(
        lambda tx: tx.execute(
            "INSERT OR IGNORE INTO attachment (sha256, size, mime, kind, created_at)"
            " VALUES (?, 1, 'image/png', 'photo', '2026-11-20T09:30:00+00:00')",
            (before,),
        )
    )
    for item in svc.template_of(inspection.id).items:
        if item.code in fail:
            svc.answer(inspection.id, item.code, "fail", note="插线板串接", photos=(before,))
        else:
            svc.answer(inspection.id, item.code, "pass")
    (hazard,) = svc.complete(inspection.id, operator_absent="外出进货")
    return hazard.id


def png(color: str) -> bytes:
    """A small PNG of one colour."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def open_hazard(qtbot, window, hazard_id: str):
    """The hazard's detail screen, from the tickets section, once its data is shown."""
    window.shell.show_tab("tickets")
    window.shell.open_hazard(hazard_id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None, timeout=5000)
    return detail
