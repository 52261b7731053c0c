"""A ticket's action panel: each action shows its own fields, each with its own caption."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import log_in, tap
from tests.ui.helpers import report

#: The fields each action asks for (the note is always there).
FIELDS = {
    "accept": {"note"},
    "escalate": {"note"},
    "dispatch": {"note", "department"},
    "report_in": {"note"},
    "mark_handled": {"note"},
    "verify": {"note", "photo"},
    "reopen": {"note"},
    "close": {"note"},
}
CAPTIONS = {"note": "说明", "department": "处置部门", "photo": "现场照片"}


def _visible_captions(detail) -> set[str]:
    return {
        lab.text()
        for lab in detail.panel.findChildren(QLabel)
        if lab.isVisible() and lab.property("role") == "muted" and lab.text()
    }


def _check_panel(qtbot, detail, action: str) -> None:
    tap(qtbot, detail.findChild(type(detail.confirm), f"action_{action}"))
    form = detail.panel_form
    shown = {field for field, widget in form.fields.items() if widget.isVisible()}
    assert shown == FIELDS[action], action
    # Every shown field has its own caption beside it, and no caption stands without a field.
    assert _visible_captions(detail) == {CAPTIONS[f] for f in FIELDS[action]}, action
    for field in shown:
        caption, widget = form.captions[field], form.fields[field]
        assert caption.geometry().center().y() - widget.geometry().center().y() in range(
            -widget.height(), widget.height()
        ), (action, field)
    tap(qtbot, detail.action_panel.cancel)  # cancel


def test_each_action_shows_the_captions_of_its_own_fields(qtbot, window) -> None:
    log_in(qtbot, window)
    ticket = report(window)
    tickets = window.workspace.tickets
    window.shell.show_tab("tickets")
    window.shell.open_ticket(ticket.id)
    detail = window.shell.top_screen()
    seen: set[str] = set()
    for step, kwargs in (
        (None, {}),
        ("accept", {}),
        ("dispatch", {"department": "物业"}),
        ("mark_handled", {}),
    ):
        if step is not None:
            tickets.act(ticket.id, step, **kwargs)
            detail.reload()
        qtbot.waitUntil(lambda s=step: detail.data is not None and _at(detail, s))
        for action in detail.action_buttons():
            _check_panel(qtbot, detail, action)
            seen.add(action)
    assert {"accept", "escalate", "dispatch", "mark_handled", "verify", "reopen"} <= seen


def _at(detail, step: str | None) -> bool:
    expected = {None: "reported", "accept": "accepted", "dispatch": "dispatched"}
    return detail.data.ticket.status.value == expected.get(step, "handled")
