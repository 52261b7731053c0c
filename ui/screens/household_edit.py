"""Correcting a household (修改住户信息): key reasons, tags, phone and notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gridterm.domain.territory import Household, KeyReason
from ui.context import AppContext
from ui.labels import KEY_REASONS, label
from ui.ops import CoreOp
from ui.screens.base import Navigator
from ui.screens.edit_form import EditScreen
from ui.widgets.flow import FlowLayout
from ui.widgets.form import toggle
from ui.widgets.form_draft import FormDraft
from ui.widgets.personal import PersonalEdit
from ui.workspace import Workspace


class HouseholdEditScreen(EditScreen):
    """Only what changed is saved (the outbox carries changed fields only)."""

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, household: Household):
        super().__init__(ctx, ws, nav)
        self.setObjectName("householdEdit")
        self.household = household
        user = ws.session.user

        # The toggles wrap at the card's edge: three to a row were 1,111 px wide in large
        # English text on a portrait tablet.
        reasons_box, tags_box = QWidget(), QWidget()
        reasons = FlowLayout(reasons_box, spacing=8)
        self.reason_buttons: dict[KeyReason, Any] = {}
        for reason in KeyReason:
            b = toggle(label(KEY_REASONS, reason), f"reason_{reason.value}")
            b.setChecked(reason in household.key_reasons)
            self.reason_buttons[reason] = b
            reasons.addWidget(b)
        self.form.row(self.tr("Key household because"), reasons_box)
        tags = FlowLayout(tags_box, spacing=8)
        self.party_member = toggle(self.tr("Party member household"), "partyMember")
        self.vacant = toggle(self.tr("Vacant"), "vacant")
        self.rental = toggle(self.tr("Rental"), "rental")
        for b, on in (
            (self.party_member, household.party_member),
            (self.vacant, household.vacant),
            (self.rental, household.rental),
        ):
            b.setChecked(on)
            tags.addWidget(b)
        self.form.row(self.tr("Tags"), tags_box)
        self.phone = PersonalEdit("phone", household.phone, may_reveal=user.sees_unmasked("phone"))
        self.phone.wanted.connect(self._reveal_phone)
        self.form.row(self.tr("Phone"), self.phone, "phone")
        self.notes = QPlainTextEdit(household.notes)
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(140)
        self.form.row(self.tr("Notes"), self.notes, "notes")
        self.add_buttons()
        self.draft = FormDraft.attach(self, "household_edit", household.id)

    def title(self) -> str:
        return self.tr("Edit household {address}").format(address=self.household.address)

    def _reveal_phone(self) -> None:
        hid = self.household.id
        CoreOp(self, lambda: self.ws.reveals.reveal("household", hid, "phone")).success(
            self.phone.revealed
        ).run(self.ctx.ops)

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored household."""
        h = self.household
        new: dict[str, Any] = {
            "key_reasons": sorted(r.value for r, b in self.reason_buttons.items() if b.isChecked()),
            "party_member": self.party_member.isChecked(),
            "vacant": self.vacant.isChecked(),
            "rental": self.rental.isChecked(),
            "notes": self.notes.toPlainText().strip(),
        }
        phone = self.phone.changed_value()
        if phone is not None:
            new["phone"] = phone
        old = {
            "key_reasons": sorted(r.value for r in h.key_reasons),
            "party_member": h.party_member,
            "vacant": h.vacant,
            "rental": h.rental,
            "notes": h.notes,
            "phone": h.phone,
        }
        return {k: v for k, v in new.items() if v != old[k]}

    def saved_text(self) -> str:
        return self.tr("Household saved.")

    def _save(self) -> None:
        changes = self.changes()
        if not changes:
            self._cancel()
            return
        register, household_id = self.ws.register, self.household.id
        self.run_save(lambda: register.edit_household(household_id, **changes))
