"""A form shows every error of one save at once, each beside its field, and each goes as soon
as its field is changed; nothing moves when they appear (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from gridterm.errors import FieldErrors, ValidationError
from tests.ui.conftest import log_in, tap, type_text
from tests.ui.helpers import open_household
from ui.widgets.form import Form


def place(widget: QWidget) -> QRect:
    """Where ``widget`` is in its window, after pending layout work."""
    QApplication.processEvents()
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def shown(form) -> dict[str, str]:
    """The errors beside the fields, by field."""
    return {f: line.text() for f, line in form.field_errors.items() if line.text()}


def new_resident(qtbot, window):
    household = open_household(qtbot, window, "h-g1-602")
    tap(qtbot, household.add_resident)
    return household, window.shell.top_screen()


def test_a_new_resident_shows_all_its_errors_and_each_clears_with_its_field(qtbot, window) -> None:
    log_in(qtbot, window)
    household, edit = new_resident(qtbot, window)
    assert (edit.save.text(), window.shell.top.title.text()) == ("保存", "新增居民")
    qtbot.keyClicks(edit.personal["phone"].edit, "12345")
    qtbot.keyClicks(edit.personal["id_number"].edit, "123")
    qtbot.keyClicks(edit.birth_date, "1948-13-40")
    targets = [edit.save, *edit.form.fields.values()]
    before = [place(w) for w in targets]
    tap(qtbot, edit.save)  # no name, no gender, three bad values
    qtbot.waitUntil(lambda: len(shown(edit.form)) == 5)
    assert shown(edit.form) == {
        "name": "请填写姓名。",
        "gender": "请选择性别。",
        "birth_date": "出生日期不是有效日期。",
        "phone": "电话不是有效的电话号码（11 位手机号或座机号）。",
        "id_number": "身份证号无效，请核对全部 18 位。",
    }
    assert not edit.form.error.isVisible()
    assert edit.name.hasFocus()  # the first wrong field, from the top
    assert [place(w) for w in targets] == before  # the room was kept: nothing moved

    type_text(qtbot, edit.name, "李建国")
    assert "name" not in shown(edit.form) and len(shown(edit.form)) == 4
    tap(qtbot, edit.gender.buttons["male"])
    edit.personal["phone"].edit.clear()
    qtbot.keyClicks(edit.personal["phone"].edit, "13900001111")
    assert set(shown(edit.form)) == {"birth_date", "id_number"}  # the others still say so
    edit.birth_date.selectAll()
    qtbot.keyClick(edit.birth_date, Qt.Key.Key_Backspace)
    edit.personal["id_number"].edit.clear()
    qtbot.keyClicks(edit.personal["id_number"].edit, "x")  # a keystroke is a change
    assert shown(edit.form) == {}
    edit.personal["id_number"].edit.clear()
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: window.shell.top_screen() is household)
    qtbot.waitUntil(lambda: household.resident_model.rowCount() == 1)


def test_an_english_form_names_each_field_beside_it(qtbot, window, ctx) -> None:
    ctx.i18n.switch("en")
    log_in(qtbot, window)
    _, edit = new_resident(qtbot, window)
    qtbot.keyClicks(edit.personal["phone"].edit, "12345")
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: len(shown(edit.form)) == 3)
    assert shown(edit.form) == {
        "name": "Please fill in the name.",
        "gender": "Please choose the gender.",
        "phone": "The phone is not a phone number (11-digit mobile or landline).",
    }


def test_a_household_edit_shows_both_bad_fields(qtbot, window) -> None:
    log_in(qtbot, window)
    household = open_household(qtbot, window, "h-g1-601")
    tap(qtbot, household.edit_button)
    edit = window.shell.top_screen()
    edit.phone.revealed("")  # as after Show
    qtbot.keyClicks(edit.phone.edit, "555")
    edit.notes.setPlainText("很长" * 1001)
    outbox = window.workspace.store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    tap(qtbot, edit.save)
    qtbot.waitUntil(lambda: len(shown(edit.form)) == 2)
    assert shown(edit.form) == {
        "phone": "电话不是有效的电话号码（11 位手机号或座机号）。",
        "notes": "备注太长（最多 2000 个字）。",
    }
    assert window.workspace.store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == outbox
    qtbot.keyClicks(edit.notes, "x")
    assert set(shown(edit.form)) == {"phone"}


def test_a_visit_says_what_type_and_outcome_it_lacks_at_once(qtbot, window) -> None:
    log_in(qtbot, window)
    window.shell.start_visit("h-g1-501")
    visit = window.shell.top_screen()
    qtbot.waitUntil(lambda: visit.start is not None)
    visit.visit_type.set_value(None)
    tap(qtbot, visit.save)
    qtbot.waitUntil(lambda: len(shown(visit.form)) == 2)
    assert shown(visit.form) == {"visit_type": "请选择走访类型。", "outcome": "请选择处理结果。"}
    tap(qtbot, visit.visit_type.buttons["routine"])
    assert shown(visit.form) == {"outcome": "请选择处理结果。"}
    tap(qtbot, visit.outcome.buttons["nothing_raised"])
    assert shown(visit.form) == {}


def test_an_action_panels_error_goes_when_its_field_is_filled(qtbot, window) -> None:
    log_in(qtbot, window)
    ticket = window.workspace.tickets.open(grid_id="g1", category="物业管理", title="楼道灯坏了")
    window.shell.show_tab("tickets")
    window.shell.open_ticket(ticket.id)
    detail = window.shell.top_screen()
    qtbot.waitUntil(lambda: detail.data is not None)
    tap(qtbot, detail.findChild(type(detail.confirm), "action_escalate"))
    tap(qtbot, detail.confirm)  # no reason
    qtbot.waitUntil(lambda: detail.panel_form.error.isVisible())
    assert detail.panel_form.error.text() == "请说明上报上级的原因。"
    type_text(qtbot, detail.note, "需要街道协调")
    assert not detail.panel_form.error.isVisible()


def test_an_error_of_a_hidden_row_is_said_under_the_form(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = Form()
    host.setLayout(form)
    form.row("标题", QLineEdit(), "title")
    form.row("备注", QLineEdit(), "notes")
    form.show_row("title", False)
    host.show()
    form.show_error(
        FieldErrors(
            [
                ValidationError("field.required", field="title"),
                ValidationError("field.too_long", field="notes", max_len=9),
            ]
        )
    )
    assert shown(form) == {"notes": "备注太长（最多 9 个字）。"}
    assert form.error.isVisible() and form.error.text() == "请填写标题。"


def test_a_quick_report_says_a_missing_category_beside_its_other_errors(qtbot, window) -> None:
    """The core checks the category with the rest: both errors of one tap show together."""
    log_in(qtbot, window, "p1")
    report = window.shell.top_screen()
    store = window.workspace.store
    # the ticket and its first step, and what would send them (an alert's seen mark may come)
    count = (
        "SELECT (SELECT count(*) FROM ticket) + (SELECT count(*) FROM ticket_transition)"
        " + (SELECT count(*) FROM outbox WHERE entity LIKE 'ticket%') AS n"
    )
    before = store.query(count)[0]["n"]
    tickets = store.query("SELECT count(*) AS n FROM ticket")[0]["n"]
    report.location.clear()
    qtbot.keyClicks(report.location, "gate " * 41)  # 205 characters: over the 200
    tap(qtbot, report.send)  # and no category
    qtbot.waitUntil(lambda: len(shown(report.form)) == 2)
    assert shown(report.form) == {
        "category": "请选择类别。",
        "location": "地址或位置太长（最多 200 个字）。",
    }
    assert not report.form.error.isVisible() and not report.done.isVisible()
    assert store.query(count)[0]["n"] == before  # nothing saved

    tap(qtbot, report.category.buttons["环境卫生"])
    assert set(shown(report.form)) == {"location"}
    report.location.end(False)
    qtbot.keyClick(report.location, Qt.Key.Key_Backspace)
    assert shown(report.form) == {}
    report.location.setText("3 号楼东门")
    with qtbot.waitSignal(report.reported, timeout=5000) as sent:
        tap(qtbot, report.send)
    assert (sent.args[0].category, sent.args[0].location) == ("环境卫生", "3 号楼东门")
    assert store.query("SELECT count(*) AS n FROM ticket")[0]["n"] == tickets + 1


def test_a_quick_report_without_a_grid_says_so_beside_its_other_errors(qtbot, window) -> None:
    """The service finds the worker's grid: none is one more error of the same tap."""
    log_in(qtbot, window, "p1")
    report = window.shell.top_screen()
    store = window.workspace.store
    store.write(lambda tx: tx.execute("DELETE FROM user_grid WHERE user_id = 'user-p1'"))
    before = store.query("SELECT count(*) AS n FROM ticket")[0]["n"]
    tap(qtbot, report.send)  # and no category
    qtbot.waitUntil(lambda: report.form.error.isVisible())
    assert shown(report.form) == {"category": "请选择类别。"}
    assert report.form.error.text() == "该网格不在您的管辖范围内。"
    assert not report.done.isVisible()
    assert store.query("SELECT count(*) AS n FROM ticket")[0]["n"] == before
