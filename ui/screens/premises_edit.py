"""Adding or correcting a stall or shop in the field (商户信息维护): name, operator, licence,
contact, trade and its place in the market (building/floor/row/number)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from gridterm.domain.territory import Premises
from gridterm.services.premises import PREMISES_FIELDS
from ui.context import AppContext
from ui.ops import CoreOp
from ui.screens.base import Navigator
from ui.screens.edit_form import EditScreen
from ui.widgets.form_draft import FormDraft
from ui.workspace import Workspace


class PremisesEditScreen(EditScreen):
    """A new premises (``premises_id`` None) in ``grid_id``, or a correction of one where only
    what changed is saved. The core validates; its error shows next to the field it names."""

    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        ws: Workspace,
        nav: Navigator,
        grid_id: str,
        premises_id: str | None = None,
    ):
        super().__init__(ctx, ws, nav)
        self.setObjectName("premisesEdit")
        self.grid_id = grid_id
        self.premises_id = premises_id
        self.premises: Premises | None = None
        self.saved_premises: Premises | None = None

        self._record_rows()
        self._place_row()
        self.add_buttons()
        # Editing: nothing to save until the stored record is in the form.
        self.save.setEnabled(premises_id is None)
        # The draft comes over the stored record: a new one's at once, an edit's once loaded.
        if premises_id is None:
            self.draft = FormDraft.attach(self, "premises_edit", f"new@{grid_id}")

    def _record_rows(self) -> None:
        """The name, operator, licence, contact phone and trade, a row each."""
        captions = {
            "name": self.tr("Name (required)"),
            "operator": self.tr("Operator"),
            "licence_no": self.tr("Licence no."),
            "contact_phone": self.tr("Contact phone"),
            "trade": self.tr("Trade"),
        }
        self.form.field_names = {"name": self.tr("name of the shop or stall")}
        self.inputs: dict[str, QLineEdit] = {}
        for field, caption in captions.items():
            self.inputs[field] = self._input(field)
            self.form.row(caption, self.inputs[field], field)
        self.inputs["contact_phone"].setInputMethodHints(
            Qt.InputMethodHint.ImhDialableCharactersOnly
        )

    def _place_row(self) -> None:
        """The place in the market on one row: building, floor, row, number (摊位号)."""
        place = QHBoxLayout()
        place.setSpacing(8)
        for field, hint in (
            ("building", self.tr("Building")),
            ("floor", self.tr("Floor")),
            ("row", self.tr("Row")),
            ("number", self.tr("Stall no.")),
        ):
            box = self._input(field)
            box.setPlaceholderText(hint)
            self.inputs[field] = box
            place.addWidget(box, 2 if field == "number" else 1)
        parts = {f: self.inputs[f] for f in ("building", "floor", "row", "number")}
        self.form.row(self.tr("Place in the market"), place, parts=parts)

    def _input(self, field: str) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(f"premises_{field}")
        box.setMinimumHeight(52)
        return box

    def title(self) -> str:
        if self.premises_id is None:
            return self.tr("Add premises")
        if self.premises is None:
            return self.tr("Edit premises")
        return self.tr("Edit {name}").format(name=self.premises.name)

    def reload(self) -> None:
        # Loaded once: a refresh must never overwrite what the inspector is typing.
        if self.premises_id is None or self.premises is not None:
            return
        register = self.ws.premises
        premises_id = self.premises_id
        CoreOp(self, lambda: register.get(premises_id)).success(self._loaded).run(self.ctx.ops)

    def _loaded(self, premises: Premises) -> None:
        self.premises = premises
        for field, box in self.inputs.items():
            box.setText(getattr(premises, field))
        self.save.setEnabled(True)
        self.draft = FormDraft.attach(self, "premises_edit", premises.id)
        self.nav.retitle()
        self.loaded.emit()

    def values(self) -> dict[str, Any]:
        """Every field as typed (trimmed)."""
        return {f: self.inputs[f].text().strip() for f in PREMISES_FIELDS}

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored premises (all of them for a new one)."""
        new = self.values()
        if self.premises is None:
            return {k: v for k, v in new.items() if v or k == "name"}
        return {k: v for k, v in new.items() if v != getattr(self.premises, k)}

    def _save(self) -> None:
        changes = self.changes()
        if not changes:
            self._cancel()
            return
        register = self.ws.premises
        if self.premises is None:
            grid_id = self.grid_id

            def write() -> Premises:
                return register.add(grid_id=grid_id, **changes)
        else:
            premises_id = self.premises.id

            def write() -> Premises:
                return register.edit(premises_id, **changes)

        self.run_save(write, self._saved)

    def _saved(self, premises: Premises) -> None:
        self.saved_premises = premises
        self.nav.back()
