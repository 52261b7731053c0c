"""Adding or correcting a resident (居民): moved in or out, a new phone number, …"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit

from gridterm.domain.residents import Gender, Relation, Resident
from ui.context import AppContext
from ui.labels import GENDERS, RELATIONS, label
from ui.ops import CoreOp
from ui.screens.base import Navigator
from ui.screens.edit_form import EditScreen
from ui.widgets.form import Choice, toggle
from ui.widgets.form_draft import FormDraft
from ui.widgets.personal import PersonalEdit
from ui.workspace import Workspace


class ResidentEditScreen(EditScreen):
    """A new resident (``resident`` None) or an edit; personal fields the role may not read
    stay masked and cannot be changed here."""

    def __init__(
        self,
        ctx: AppContext,
        ws: Workspace,
        nav: Navigator,
        household_id: str,
        resident: Resident | None,
    ):
        super().__init__(ctx, ws, nav)
        self.setObjectName("residentEdit")
        self.household_id = household_id
        self.resident = resident
        self._add_person(resident)
        self._add_personal(resident)
        self._add_status(resident)
        self.add_buttons()
        subject = resident.id if resident is not None else f"new@{household_id}"
        self.draft = FormDraft.attach(self, "resident_edit", subject)

    def _add_person(self, r: Resident | None) -> None:
        """Name, gender, relation to the head and date of birth."""
        self.name = QLineEdit(r.name if r else "")
        self.name.setObjectName("name")
        self.form.row(self.tr("Name"), self.name, "name")
        self.gender = Choice([(g.value, label(GENDERS, g)) for g in Gender], "gender")
        self.gender.set_value(r.gender.value if r else None)
        self.form.row(self.tr("Gender"), self.gender, "gender")
        self.relation = QComboBox()
        self.relation.setObjectName("relation")
        for rel in Relation:
            self.relation.addItem(label(RELATIONS, rel), rel.value)
        self.relation.setCurrentIndex(
            self.relation.findData(r.relation.value if r else Relation.OTHER.value)
        )
        self.form.row(self.tr("Relation to head"), self.relation, "relation")
        self.birth_date = QLineEdit(r.birth_date.isoformat() if r and r.birth_date else "")
        self.birth_date.setObjectName("birthDate")
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD, e.g. 1948-03-02"))
        self.form.row(self.tr("Date of birth"), self.birth_date, "birth_date")

    def _add_personal(self, r: Resident | None) -> None:
        """Phone, ID number and health, masked, with Show for a role that may read them (a new
        resident's typed in clear)."""
        user = self.ws.session.user
        self.personal: dict[str, PersonalEdit] = {}
        for field, text in (
            ("phone", self.tr("Phone")),
            ("id_number", self.tr("ID number")),
            ("health", self.tr("Health")),
        ):
            edit = PersonalEdit(
                field,
                getattr(r, field) if r else "",
                may_reveal=user.sees_unmasked(field),
                new=r is None,
            )
            edit.wanted.connect(lambda f=field: self._reveal(f))
            self.personal[field] = edit
            self.form.row(text, edit, field)

    def _add_status(self, r: Resident | None) -> None:
        """Party member, and moved out (for a resident already registered)."""
        flags = QHBoxLayout()
        self.party_member = toggle(self.tr("Party member"), "residentPartyMember")
        self.party_member.setChecked(bool(r and r.party_member))
        self.moved_out = toggle(self.tr("Moved out"), "movedOut")
        self.moved_out.setChecked(bool(r and r.moved_out))
        self.moved_out.setVisible(r is not None)
        flags.addWidget(self.party_member)
        flags.addWidget(self.moved_out)
        flags.addStretch(1)
        self.form.row(self.tr("Status"), flags)

    def _reveal(self, field: str) -> None:
        if self.resident is None:
            return
        rid = self.resident.id
        CoreOp(self, lambda: self.ws.reveals.reveal("resident", rid, field)).success(
            self.personal[field].revealed
        ).run(self.ctx.ops)

    def title(self) -> str:
        if self.resident is None:
            return self.tr("New resident")
        return self.tr("Edit resident {name}").format(name=self.resident.name)

    def values(self) -> dict[str, Any]:
        """The form as the core's field names (masked fields left out)."""
        values: dict[str, Any] = {
            "name": self.name.text(),
            "relation": self.relation.currentData(),
            "birth_date": self.birth_date.text().strip() or None,
            "party_member": self.party_member.isChecked(),
        }
        gender = self.gender.value()
        if gender is not None or self.resident is None:
            values["gender"] = gender
        for field, edit in self.personal.items():
            value = edit.changed_value()
            if value is not None:
                values[field] = value
        if self.resident is not None:
            values["moved_out"] = self.moved_out.isChecked()
        return values

    def _changes(self) -> dict[str, Any]:
        values = self.values()
        r = self.resident
        if r is None:
            return values
        old = {
            "name": r.name,
            "relation": r.relation.value,
            "birth_date": r.birth_date.isoformat() if r.birth_date else None,
            "party_member": r.party_member,
            "gender": r.gender.value,
            "phone": r.phone,
            "id_number": r.id_number,
            "health": r.health,
            "moved_out": r.moved_out,
        }
        return {k: v for k, v in values.items() if v != old.get(k)}

    def saved_text(self) -> str:
        return self.tr("Resident saved.")

    def _save(self) -> None:
        changes = self._changes()
        if self.resident is not None and not changes:
            self._cancel()
            return
        resident, register, household_id = self.resident, self.ws.register, self.household_id

        def work() -> Resident:
            if resident is None:
                return register.add_resident(household_id, **changes)
            return register.edit_resident(resident.id, **changes)

        self.run_save(work)
