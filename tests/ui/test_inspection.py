"""Running an inspection on real widgets: answers saved as given, pause, crash, template
versions, the operator's signature; its screens translated and fitting the tablet. The
hazard's closed loop on its detail screen: test_hazard_detail.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gridterm.domain.inspections import InspectionStatus
from tests.core.helpers import write_template
from tests.ui.conftest import log_in, tap, type_text, wait_idle
from tests.ui.helpers import crash_and_restart, pick_photo, picture
from tests.ui.inspections import (
    ITEMS_V1,
    ITEMS_V2,
    PREMISES_ID,
    hazard_on,
    service,
    with_stalls,
)
from tests.ui.layout import problems_on_tour, tablet_window, wait_for
from tests.ui.texts import untranslated, visible_texts

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """The UI test database with the market inspector i1, a checklist and two stalls."""
    return with_stalls(db_path)


def open_inspection(qtbot, window, premises: str = PREMISES_ID):
    window.shell.show_tab("tickets")
    window.shell.start_inspection(premises)
    screen = window.shell.top_screen()
    qtbot.waitUntil(lambda: bool(screen.cards), timeout=5000)
    return screen


def answer(qtbot, screen, code: str, result: str) -> None:
    tap(qtbot, screen.cards[code].result.buttons[result])


def sign(qtbot, pad) -> None:
    """Drag across the pad with the mouse button down, like a finger."""
    canvas = pad.canvas
    y = canvas.height() // 2
    QTest.mousePress(canvas, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(30, y))
    for x in range(40, 260, 20):
        QTest.mouseMove(canvas, QPoint(x, y + (x % 40) - 20))
    QTest.mouseRelease(canvas, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(260, y))


def drafted(window, code: str) -> dict[str, object]:
    """What the draft holds for one item."""
    drafts = window.workspace.drafts.load("inspection")
    return drafts[0]["payload"]["items"].get(code, {}) if drafts else {}


def test_the_signature_pad_draws_clears_and_exports_a_png(qtbot) -> None:
    from ui.widgets.signature import SignaturePad

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 300)
    pad.show()
    assert pad.is_empty() and pad.png_bytes() == b""
    with qtbot.waitSignal(pad.changed):
        sign(qtbot, pad)
    image = QImage.fromData(pad.png_bytes())
    assert (image.width(), image.height()) == (pad.canvas.width(), pad.canvas.height())
    dark = sum(
        1
        for x in range(0, image.width(), 4)
        if QColor(image.pixel(x, image.height() // 2)).red() < 128
    )
    assert dark > 0  # the stroke is in the picture, black on white
    tap(qtbot, pad.clear_button)
    assert pad.is_empty() and pad.png_bytes() == b""


def fail_ebike_with_evidence(qtbot, window, screen, tmp_path) -> None:
    """A failure opens its evidence and the hazard, pre-filled from the item; a photo, a note
    and a lower severity are given, the answer saved and the severity drafted."""
    answer(qtbot, screen, "ebike", "fail")
    ebike = screen.cards["ebike"]
    assert ebike.failure.isVisible()
    assert ebike.severity.value() == "critical"
    assert ebike.responsible.text() == "王老板"
    assert ebike.deadline.date().toString("yyyy-MM-dd") > "2026-01-01"
    pick_photo(qtbot, ebike.photos, picture(tmp_path, "ebike", "#aa3333"))
    qtbot.waitUntil(lambda: service(window).answers(screen.inspection_id).get("ebike") is not None)
    type_text(qtbot, ebike.note, "楼道内充电")
    tap(qtbot, ebike.severity.buttons["major"])
    qtbot.waitUntil(lambda: drafted(window, "ebike").get("severity") == "major")


def test_a_whole_inspection_paused_crashed_resumed_signed_and_finished(
    qtbot, ctx, window, tmp_path
) -> None:
    log_in(qtbot, window, "i1")
    screen = open_inspection(qtbot, window)
    assert window.shell.top.title.text() == "巡查：鑫源五金"
    assert screen.progress.text() == "已答 0/5"
    answer(qtbot, screen, "wiring", "pass")
    answer(qtbot, screen, "exits", "na")
    qtbot.waitUntil(lambda: len(service(window).answers(screen.inspection_id)) == 2)
    assert screen.progress.text() == "已答 2/5"

    fail_ebike_with_evidence(qtbot, window, screen, tmp_path)

    # Pause mid-way: the inspection stays in progress and comes back as it was.
    inspection_id = screen.inspection_id
    tap(qtbot, screen.pause)
    wait_idle(qtbot, window)
    assert [i.id for i in service(window).in_progress()] == [inspection_id]
    screen = open_inspection(qtbot, window)
    assert screen.inspection_id == inspection_id
    assert screen.resumed.isVisible()
    assert screen.cards["wiring"].value() == "pass"
    assert screen.cards["ebike"].note.text() == "楼道内充电"
    assert screen.cards["ebike"].severity.value() == "major"
    assert len(screen.cards["ebike"].photos.digests) == 1

    # A second failure whose note is being typed when the terminal dies.
    answer(qtbot, screen, "gas", "fail")
    type_text(qtbot, screen.cards["gas"].note, "液化气罐放在柜台下")
    qtbot.waitUntil(lambda: drafted(window, "gas").get("note") == "液化气罐放在柜台下")
    wait_idle(qtbot, window)
    again = crash_and_restart(qtbot, ctx, window, "i1")
    screen = open_inspection(qtbot, again)
    assert screen.inspection_id == inspection_id
    assert screen.cards["gas"].value() == "fail"
    assert screen.cards["gas"].note.text() == "液化气罐放在柜台下"

    # Finishing with an item unanswered says so and points at it.
    tap(qtbot, screen.finish)
    assert screen.error.text() == "还有 1 项未检查。"
    assert screen.pages.currentWidget() is screen.checklist_page
    answer(qtbot, screen, "extinguisher", "fail")
    tap(qtbot, screen.finish)
    assert screen.error.text() == "不合格项需要照片或说明。"
    note_error = screen.cards["extinguisher"].form.field_errors["note"]
    assert note_error.text() == "不合格项需要照片或说明。"
    answer(qtbot, screen, "extinguisher", "pass")
    tap(qtbot, screen.finish)
    assert screen.pages.currentWidget() is screen.sign_page
    assert screen.summary.text() == "2 个不合格项将作为隐患上报。"

    tap(qtbot, screen.complete)
    qtbot.waitUntil(lambda: screen.sign_error.isVisible())
    assert screen.sign_error.text() == "请经营者签名，或说明无法签名的原因。"
    sign(qtbot, screen.signature)
    assert not screen.signature.is_empty()
    with qtbot.waitSignal(screen.completed, timeout=5000) as done:
        tap(qtbot, screen.complete)
    hazards = {h.item_code: h for h in done.args[0]}
    assert set(hazards) == {"ebike", "gas"}
    assert hazards["ebike"].severity.value == "major"
    assert hazards["gas"].deadline.isoformat() > "2026-01-01"
    assert "液化气罐放在柜台下" in hazards["gas"].description
    done_inspection = service(again).get(inspection_id)
    assert done_inspection.status is InspectionStatus.COMPLETED
    signature = again.workspace.store.blobs.get(done_inspection.signature)
    assert signature.startswith(b"\x89PNG") and not QImage.fromData(signature).isNull()
    kind = again.workspace.store.query(
        "SELECT kind FROM attachment WHERE sha256 = ?", (done_inspection.signature,)
    )
    assert kind[0]["kind"] == "signature"
    assert again.workspace.drafts.load("inspection") == []
    again.workspace.close()
    again.workspace = None


def test_an_inspection_keeps_its_checklist_version(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    screen = open_inspection(qtbot, window)
    answer(qtbot, screen, "wiring", "pass")
    qtbot.waitSignal(screen.answer_saved, timeout=3000)
    wait_idle(qtbot, window)
    tap(qtbot, screen.pause)
    wait_idle(qtbot, window)
    write_template(window.workspace.store, 2, ITEMS_V2)  # arrives by sync meanwhile
    screen = open_inspection(qtbot, window)
    assert list(screen.cards) == [i["code"] for i in ITEMS_V1]
    assert "版本 1" in screen.heading.text()
    tap(qtbot, screen.pause)
    window.shell.start_inspection("p-2")
    other = window.shell.top_screen()
    qtbot.waitUntil(lambda: bool(other.cards), timeout=5000)
    assert list(other.cards) == [i["code"] for i in ITEMS_V2]


def test_operator_absent_needs_a_reason(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    screen = open_inspection(qtbot, window)
    for code in screen.cards:
        answer(qtbot, screen, code, "pass")
    tap(qtbot, screen.finish)
    assert screen.summary.text() == "未发现隐患：各项均合格或不适用。"
    tap(qtbot, screen.absent)
    assert screen.absent_reason.isVisible()
    tap(qtbot, screen.complete)
    qtbot.waitUntil(lambda: screen.sign_error.isVisible())
    assert screen.sign_error.text() == "请填写经营者不在场的原因。"
    type_text(qtbot, screen.absent_reason, "外出进货")
    with qtbot.waitSignal(screen.completed, timeout=5000) as done:
        tap(qtbot, screen.complete)
    assert done.args[0] == []
    # A completed inspection opened again is not editable.
    (finished,) = window.workspace.store.query("SELECT id, status FROM hazard_inspection")
    assert finished["status"] == "completed"
    window.shell.start_inspection(PREMISES_ID, finished["id"])
    again = window.shell.top_screen()
    qtbot.waitUntil(lambda: again.error.isVisible(), timeout=5000)
    assert again.error.text() == "本次巡查已完成，不能再修改。"
    assert not again.finish.isEnabled() and not again.cards


def test_the_inspection_tour_is_translated(qtbot, window) -> None:
    from tests.ui.tours import inspection_tour

    log_in(qtbot, window, "i1")
    hazard_on(window)
    seen, bad = [], []
    for name, _screen in inspection_tour(
        window.shell, lambda ok: qtbot.waitUntil(ok, timeout=5000)
    ):
        seen.append(name)
        QApplication.processEvents()
        bad += [(name, *b) for b in untranslated(visible_texts(window))]
    assert seen == ["inspection", "inspection_sign", "hazard_detail"]
    assert bad == []


@pytest.mark.parametrize(
    ("size", "locale", "text"),
    [((1280, 800), "zh_CN", "normal"), ((800, 1280), "zh_CN", "normal"),
     ((800, 1280), "en", "large")],
    ids=["landscape", "portrait", "portrait-en-large"],
)  # fmt: skip
def test_the_inspection_screens_fit_the_tablet(qtbot, ctx, size, locale, text) -> None:
    from tests.ui.tours import inspection_tour

    with tablet_window(qtbot, ctx, size, locale, text) as window:
        log_in(qtbot, window, "i1")
        hazard_on(window)
        window.shell.show_tab("tickets")
        steps = inspection_tour(window.shell, wait_for(qtbot))
        bad = problems_on_tour(qtbot, window, steps, size)
    assert bad == [], "\n".join(bad)


def test_a_choice_of_checklists_when_there_are_several(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    window.workspace.store.write(
        lambda tx: tx.insert(
            "checklist_template",
            {
                "id": "food-v1",
                "code": "food",
                "version": 1,
                "title": "餐饮店",
                "items": [{"code": "hood", "text": "油烟道未清洗"}],
            },
            outbox=False,
        )
    )
    window.shell.show_tab("tickets")
    window.shell.start_inspection(PREMISES_ID)
    screen = window.shell.top_screen()
    qtbot.waitUntil(lambda: screen.picker.isVisible(), timeout=5000)
    tap(qtbot, screen.findChild(type(screen.finish), "template_food"))
    qtbot.waitUntil(lambda: bool(screen.cards), timeout=5000)
    assert list(screen.cards) == ["hood"]
    assert not screen.picker.isVisible()
    assert [i.template_code for i in service(window).in_progress()] == ["food"]


def test_finishing_shows_what_every_failed_item_lacks_at_once(qtbot, window) -> None:
    log_in(qtbot, window, "i1")
    screen = open_inspection(qtbot, window)
    for code in ("wiring", "gas"):
        answer(qtbot, screen, code, "fail")
    screen.cards["gas"].responsible.clear()
    for code in ("ebike", "exits", "extinguisher"):
        answer(qtbot, screen, code, "pass")
    tap(qtbot, screen.finish)
    lines = {c: screen.cards[c].form.field_errors for c in ("wiring", "gas")}
    assert lines["wiring"]["note"].text() == "不合格项需要照片或说明。"
    assert lines["gas"]["note"].text() == "不合格项需要照片或说明。"
    assert lines["gas"]["responsible"].text() == "请填写整改责任方。"
    assert screen.pages.currentWidget() is screen.checklist_page
    type_text(qtbot, screen.cards["gas"].note, "液化气罐放在柜台下")
    assert lines["gas"]["note"].text() == "" and lines["wiring"]["note"].text() != ""
