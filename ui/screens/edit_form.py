"""What the register's edit forms share (household, resident, premises): a scrolling form,
Cancel and Save below it, a draft, and saving off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout

from ui.context import AppContext
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets.form_draft import FormDraft
from ui.widgets.toast import show_toast
from ui.widgets.touch import button
from ui.workspace import Workspace


class EditScreen(Screen):
    """An edit form: ``form`` in a scrolling card, its errors and the buttons in view below
    it; ``draft`` (attached by the screen once its fields are built) keeps what was typed."""

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.form_scroll, self.form = self.scrolling_rows()
        self.draft: FormDraft | None = None

    def add_buttons(self) -> None:
        """Cancel and Save under the form (call after its rows)."""
        # Error and buttons stay in view below the scrolling form.
        self.body.addWidget(self.form.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = button(self.tr("Cancel"))
        cancel.clicked.connect(self._cancel)
        self.save = button(self.tr("Save"), "primary", "saveButton")
        self.save.setMinimumWidth(200)
        self.save.clicked.connect(self._save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        self.body.addLayout(buttons)

    def leaving(self) -> None:
        if self.draft is not None:
            self.draft.leaving()

    def _cancel(self) -> None:
        if self.draft is not None:
            self.draft.discard()
        self.nav.back()

    def _save(self) -> None:
        """Save what was entered (each form its own)."""
        raise NotImplementedError

    def saved_text(self) -> str:
        """What the toast says once the form saved ("" for none); each form its own."""
        return ""

    def _saved_and_back(self, _result: object) -> None:
        # The form closes at once: say it was saved, over the screen the worker goes back to,
        # as the visit form does.
        text = self.saved_text()
        if text:
            show_toast(self.window(), text)
        self.nav.back()

    def run_save(self, work: Callable[[], Any], saved: Callable[[Any], None] | None = None) -> None:
        """Save with ``work`` off the GUI thread, forgetting the draft once it succeeded;
        then ``saved`` (default: back), or the errors beside their fields."""
        self.form.clear_error()
        self.save.setEnabled(False)
        if self.draft is not None:
            work = self.draft.discarded_after(work)
        CoreOp(self, work).success(saved or self._saved_and_back).failure(
            self.form.show_error
        ).finally_(lambda: self.save.setEnabled(True)).run(self.ctx.ops)
