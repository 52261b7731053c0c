"""A draft for any form of named fields (household, resident, premises edits), as the visit
form keeps one: written a moment after every change (``gridterm.store.drafts``), restored when
the form opens again after a crash or a back tap, discarded with the save.

The fields are the form's named editors, found by object name: line and text edits (not
read-only ones: a masked value is not the worker's input), combo boxes (their data) and
checkable buttons (toggles and the buttons of a ``Choice``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from gridterm.store.drafts import Drafts
from ui.formatting import time_text
from ui.ops import CoreOp, Ops
from ui.quiet import QuietTimer
from ui.widgets.form import edit_signal
from ui.widgets.touch import label

T = TypeVar("T")
# Typing pauses this long before the draft is written (as the visit form's).
DRAFT_DELAY_MS = 400


def form_fields(root: QWidget) -> dict[str, QWidget]:
    """The named editors under ``root`` whose values a draft keeps."""
    found: dict[str, QWidget] = {}
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton):
        for widget in root.findChildren(kind):
            name = widget.objectName()
            if not name or name.startswith("qt_") or name in found:
                continue
            if isinstance(widget, QLineEdit | QPlainTextEdit) and widget.isReadOnly():
                continue
            if isinstance(widget, QAbstractButton) and not widget.isCheckable():
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
                continue
            found[name] = widget
    return found


def value_of(widget: QWidget) -> Any:
    """What a field holds, as JSON."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    raise TypeError(f"a draft keeps no {type(widget).__name__}")


def set_value(widget: QWidget, value: Any) -> None:
    """Put a kept value back into its field."""
    if isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, QAbstractButton) and bool(value):
        widget.setChecked(True)  # an exclusive group unchecks the others itself
    elif isinstance(widget, QAbstractButton):
        group = widget.group()
        if group is None or not group.exclusive():
            widget.setChecked(False)


def write_draft(
    drafts: Drafts,
    draft: tuple[str, str, dict[str, Any], str | None],
    ops: Ops,
    saved: Callable[[], None] | None,
    owner: QObject,
    then: Callable[[], object] | None = None,
) -> None:
    """Write ``draft`` (its id, kind, payload and subject) off the GUI thread, then do
    ``then`` (let go of the photos the draft no longer names); ``saved`` is called once it
    is in. Without ``saved`` the form is closing: the write outlives ``owner``. A failed
    write says nothing: the next change writes the draft again."""
    draft_id, kind, payload, subject = draft

    def write() -> None:
        drafts.save(draft_id, kind, payload, subject)
        if then is not None:
            then()

    op = CoreOp(owner if saved is not None else None, write).failure(lambda _: None)
    if saved is not None:
        op.success(lambda _: saved())
    op.run(ops)


class FormDraft(QObject):
    """The draft of one form: ``kind`` and ``subject`` (the record, or where a new one goes)
    name it, so opening the same form again finds it. ``notice`` shows "restored"."""

    saved = Signal()
    restored = Signal()

    @classmethod
    def attach(cls, screen: Any, kind: str, subject: str) -> FormDraft:
        """The draft of a screen's scrolling form, its notice at the top of the screen (call
        once the form's fields are built)."""
        notice = label("", "ok")
        notice.setObjectName("draftRestored")
        notice.hide()
        screen.body.insertWidget(0, notice)
        return cls(screen, kind, subject, screen.form_scroll.widget(), notice)

    def __init__(self, screen: Any, kind: str, subject: str, root: QWidget, notice: QLabel):
        super().__init__(screen)
        self.screen = screen
        self.kind = kind
        self.subject = subject
        self.draft_id = f"{kind}:{subject}"
        self.notice = notice
        self.fields = form_fields(root)
        self._restoring = False
        self._timer = QuietTimer(self, DRAFT_DELAY_MS, self.save)
        for widget in self.fields.values():
            edit_signal(widget).connect(self.changed)
        drafts, draft_id = screen.ws.drafts, self.draft_id
        CoreOp(self, lambda: [d for d in drafts.load(kind) if d["id"] == draft_id]).success(
            self._restore
        ).failure(lambda _: None).run(screen.ctx.ops)

    def payload(self) -> dict[str, Any]:
        """Every field's value by its object name."""
        return {name: value_of(widget) for name, widget in self.fields.items()}

    def changed(self, *_: object) -> None:
        """A field changed: write the draft once the worker pauses."""
        if not self._restoring:
            self._timer.poke()

    def save(self, parent_alive: bool = True) -> None:
        """Write the draft now (off the GUI thread)."""
        self._timer.cancel()
        write_draft(
            self.screen.ws.drafts,
            (self.draft_id, self.kind, self.payload(), self.subject),
            self.screen.ctx.ops,
            self.saved.emit if parent_alive else None,
            self,
        )

    def leaving(self) -> None:
        """The form closes without saving (back): a pending draft is written at once."""
        if self._timer.pending:
            self.save(parent_alive=False)

    def discarded_after(self, work: Callable[[], T]) -> Callable[[], T]:
        """``work`` (the save, off the GUI thread) and forgetting the draft, in one
        transaction; a failed save keeps it."""
        self._timer.cancel()
        drafts, draft_id = self.screen.ws.drafts, self.draft_id
        return lambda: drafts.discarded_with(draft_id, work)

    def discard(self) -> None:
        """The worker cancelled: forget the draft."""
        self._timer.cancel()
        drafts, draft_id = self.screen.ws.drafts, self.draft_id
        CoreOp(None, lambda: drafts.discard(draft_id)).failure(lambda _: None).run(
            self.screen.ctx.ops
        )

    def _restore(self, found: list[dict[str, Any]]) -> None:
        if not found:
            return
        self._restoring = True
        try:
            for name, value in found[0]["payload"].items():
                if name in self.fields:
                    set_value(self.fields[name], value)
        finally:
            self._restoring = False
        self.notice.setText(
            self.tr("Restored your unsaved changes from {time}.").format(
                time=time_text(datetime.fromisoformat(found[0]["updated_at"]))
            )
        )
        self.notice.show()
        self.restored.emit()
