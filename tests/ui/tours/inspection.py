"""The inspection screens for screenshots and translation checks (see screens.py).

``inspection_tour`` runs part of a checklist on the first premises of the inspector's market
(a failed item expanded with its photo and note), shows the signature step with a drawn
signature, pauses (the inspection stays in progress), and shows a hazard with photos before
and after — re-inspecting one as failed with a photo when no hazard has an after photo yet.
Unlike the main tour it writes: run it on a demo or test database only.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from gridterm.services.hazards import Hazards
from tests.ui.tours.screens import Wait


def inspection_tour(shell: Any, wait: Wait) -> Iterator[tuple[str, QWidget]]:
    """Yield ("inspection", …), ("inspection_sign", …) and ("hazard_detail", …)."""
    translate = QCoreApplication.translate
    session = shell.ws.session
    premises_id = _first_premises(shell)
    if premises_id is not None:
        shell.start_inspection(premises_id)
        screen: Any = shell.top_screen()
        wait(lambda: bool(screen.cards) or screen.error.isVisible())
        cards = list(screen.cards.values())
        for c in cards[:2]:
            if c.value() is None:
                c.result.buttons["pass"].click()
        failed = cards[2] if len(cards) > 2 else cards[-1]
        failed.result.buttons["fail"].click()
        if not failed.photos.digests:
            failed.photos.add_image(_scene())
            wait(lambda: bool(failed.photos.digests))
        failed.note.setText(translate("Tour", "Extension leads chained behind the counter"))
        screen.item_scroll.ensureWidgetVisible(failed)
        wait(lambda: shell.ctx.ops.busy == 0)
        yield "inspection", screen

        for c in cards:
            if c.value() is None:
                c.result.buttons["pass"].click()
        screen.finish.click()
        screen.signature.canvas.strokes = _signature_strokes()
        screen.signature.canvas.update()
        yield "inspection_sign", screen
        screen.pages.setCurrentIndex(0)
        wait(lambda: shell.ctx.ops.busy == 0)
        shell.back()  # paused: the inspection stays in progress

    service = Hazards(session)
    lines = service.my_open_hazards()
    if not lines:
        return
    shown = next((line.hazard for line in lines if all(service.before_after(line.hazard.id))), None)
    if shown is None:
        # One with a photo from when it was found, so the comparison has both sides.
        open_ones = [line.hazard for line in lines if line.hazard.status != "reinspected"]
        with_before = (h for h in open_ones if service.before_after(h.id)[0])
        shown = next(with_before, open_ones[0] if open_ones else lines[0].hazard)
        photo = _store_photo(shell, wait)
        service.reinspect(
            shown.id,
            passed=False,
            note=translate("Tour", "Still chained; told the operator again"),
            photos=(photo,),
        )
    shell.open_hazard(shown.id)
    detail: Any = shell.top_screen()
    wait(lambda: detail.data is not None)
    wait(lambda: shell.ctx.ops.busy == 0)
    yield "hazard_detail", detail
    shell.back()


def _first_premises(shell: Any) -> str | None:
    session = shell.ws.session
    grids = session.store.read(session.visible_grid_ids)
    if not grids:
        return None
    marks = ",".join("?" * len(grids))
    found = session.store.query(
        f"SELECT id FROM premises WHERE grid_id IN ({marks}) ORDER BY building, floor, number "
        "LIMIT 1",
        tuple(grids),
    )
    return found[0]["id"] if found else None


def _scene(color: str = "#b4532a") -> QImage:
    """A made-up photo: a counter with a tangle of leads (no camera on a screenshot run)."""
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#d9d4c7"))
    painter = QPainter(image)
    painter.fillRect(0, 380, 800, 220, QColor("#7a5c3e"))
    painter.setPen(QColor(color))
    for i in range(12):
        painter.drawLine(100 + i * 50, 420, 160 + i * 40, 560 - i * 8)
    painter.end()
    return image


def _store_photo(shell: Any, wait: Wait) -> str:
    from gridterm.services.attachments import add_attachment
    from ui.widgets.photos import jpeg_bytes

    data = jpeg_bytes(_scene("#2a7ab4"), 1600)
    return add_attachment(shell.ws.session, data, "image/jpeg").sha256


def _signature_strokes() -> list[list[QPointF]]:
    """A flowing scribble like a hand-written name."""
    first = [QPointF(60 + t * 4, 120 - 40 * math.sin(t / 6)) for t in range(60)]
    second = [QPointF(320 + t * 3, 110 + 30 * math.cos(t / 4)) for t in range(50)]
    return [first, second, [QPointF(200, 150), QPointF(420, 150)]]
