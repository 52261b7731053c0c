"""A household (住户): its tags, residents (masked per role), visit history and open tickets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSize, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from gridterm.domain.residents import Resident
from gridterm.domain.territory import Household
from gridterm.domain.visits import Visit
from gridterm.services.browse import HouseholdPlace
from gridterm.services.deadlines import TicketLine
from ui.context import AppContext
from ui.labels import KEY_REASONS, join_list, label
from ui.models.residents import ResidentModel, shown
from ui.models.tickets import TicketModel
from ui.models.visits import VisitModel
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.screens.record_detail import head_card
from ui.widgets.flow import FlowLayout
from ui.widgets.icons import pixmap
from ui.widgets.table import TouchTable
from ui.widgets.touch import button, clear
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace


@dataclass(frozen=True, slots=True)
class HouseholdData:
    """Everything the household screen shows."""

    household: Household
    place: HouseholdPlace
    residents: list[Resident]
    visits: list[Visit]
    tickets: list[TicketLine]


def read_household(ws: Workspace, household_id: str) -> HouseholdData:
    """One household with its residents, visits and open tickets (blocking)."""
    return HouseholdData(
        household=ws.register.household(household_id),
        place=ws.browse.household_place(household_id),
        residents=ws.register.residents(household_id),
        visits=ws.visits.history(household_id),
        tickets=ws.browse.household_tickets(household_id),
    )


class TagText(QLabel):
    """A tag's words: one line at their full width, wrapped only where the row is narrower
    ("Key household: …" in large English text on a portrait tablet ran under the buttons)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        # a wrapping label's own hint breaks even a short tag in two
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + margins.left()
        width += margins.right() + 2
        return QSize(width, self.heightForWidth(width))


class HouseholdScreen(Screen):
    """Detail of one household, with Visit, Edit and Add resident."""

    watches = frozenset({"household", "resident", "visit", "ticket", "ticket_transition"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, household_id: str):
        super().__init__(ctx, ws, nav)
        self.setObjectName("household")
        self.household_id = household_id
        self.data: HouseholdData | None = None
        self.body.addWidget(self._head_card())
        self.body.addWidget(self._tabs(), 1)
        self._tab_titles()

    # -- the parts -------------------------------------------------------------------------

    def _head_card(self) -> QWidget:
        """Where the household is, its tags, phone and notes, beside its actions."""
        info = QVBoxLayout()
        self.where = text_label("", "muted")
        info.addWidget(self.where)
        tags_box = QWidget()
        self.tags = FlowLayout(tags_box, spacing=12)
        info.addWidget(tags_box)
        info.addLayout(self._details())
        self.visit_button = button(self.tr("Record a visit"), "primary", "visitButton")
        self.visit_button.setMinimumWidth(220)
        self.visit_button.clicked.connect(lambda: self.nav.start_visit(self.household_id))
        self.edit_button = button(self.tr("Edit household"), "", "editHousehold")
        self.edit_button.clicked.connect(self._edit)
        self.add_resident = button(self.tr("Add resident"), "", "addResident")
        self.add_resident.clicked.connect(lambda: self._edit_resident(None))
        return head_card(info, (self.visit_button, self.edit_button, self.add_resident))

    def _details(self) -> QGridLayout:
        """The phone (masked, with Show where the role may see it) and the notes."""
        self.details = QGridLayout()
        self.details.setHorizontalSpacing(12)
        self.phone = text_label("")
        self.phone.setObjectName("householdPhone")
        self.notes = text_label("")
        self.details.addWidget(text_label(self.tr("Phone"), "muted"), 0, 0)
        self._phone_revealed = False
        self.show_phone = button(self.tr("Show"), "", "showPhone")
        self.show_phone.setToolTip(self.tr("Show the phone number (the view is recorded)"))
        self.show_phone.setVisible(False)
        self.show_phone.clicked.connect(self._reveal_phone)
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone)
        phone_row.addWidget(self.show_phone)
        phone_row.addStretch(1)
        self.details.addLayout(phone_row, 0, 1)
        self.details.addWidget(text_label(self.tr("Notes"), "muted"), 1, 0)
        self.details.addWidget(self.notes, 1, 1)
        self.details.setColumnStretch(1, 1)
        return self.details

    def _tabs(self) -> QTabWidget:
        """Residents, visits and open tickets, a table each (titled with their counts)."""
        session = self.ws.session
        self.tabs = QTabWidget()
        self.tabs.setObjectName("householdTabs")
        self.resident_model = ResidentModel(session.user, session.today())
        self.resident_table = TouchTable(
            self.resident_model,
            stretch=(ResidentModel.COL_NAME,),
            name=self.tr("Residents"),
            # a narrow view: gender, then the (masked) phone, then health are in the form
            give_way=(ResidentModel.COL_GENDER, ResidentModel.COL_PHONE, ResidentModel.COL_HEALTH),
        )
        self.resident_table.setObjectName("residentTable")
        # a tap on a masked personal cell reveals it; anywhere else it opens the resident
        self.resident_table.clicked.connect(self._resident_tapped)
        self.visit_model = VisitModel()
        self.visit_table = TouchTable(
            self.visit_model, stretch=(VisitModel.COL_RAISED,), name=self.tr("Visits")
        )
        self.visit_table.setObjectName("visitTable")
        self.ticket_model = TicketModel(self.ctx.theme, session.now)
        self.ticket_table = TouchTable(
            self.ticket_model, stretch=(TicketModel.COL_TITLE,), name=self.tr("Open tickets")
        )
        self.ticket_table.setObjectName("householdTickets")
        self.ticket_table.on_row(lambda t: self.nav.open_ticket(t.ticket.id))
        for table in (self.resident_table, self.visit_table, self.ticket_table):
            self.tabs.addTab(table, "")
        return self.tabs

    def _tab_titles(self) -> None:
        d = self.data
        counts = (len(d.residents), len(d.visits), len(d.tickets)) if d else (0, 0, 0)
        self.tabs.setTabText(0, self.tr("Residents (%n)", None, counts[0]))
        self.tabs.setTabText(1, self.tr("Visits (%n)", None, counts[1]))
        self.tabs.setTabText(2, self.tr("Open tickets (%n)", None, counts[2]))

    def title(self) -> str:
        if self.data is None:
            return self.tr("Household")
        return self.tr("Household {address}").format(address=self.data.household.address)

    def reload(self) -> None:
        self.read(lambda: read_household(self.ws, self.household_id), self._apply)

    def _apply(self, data: HouseholdData) -> None:
        self.data = data
        h, p = data.household, data.place
        self.where.setText(
            self.tr(
                "{community} · {grid} · building {building}, unit {unit}, floor {floor}"
            ).format(
                community=p.community_name,
                grid=p.grid_name,
                building=p.building_number,
                unit=p.unit,
                floor=h.floor,
            )
        )
        self._show_tags(h)
        user = self.ws.session.user
        self.phone.setText(shown("phone", h.phone, self._phone_revealed) or self.tr("none"))
        self.show_phone.setVisible(
            bool(h.phone) and user.sees_unmasked("phone") and not self._phone_revealed
        )
        self.notes.setText(h.notes or self.tr("none"))
        self.resident_model.set_rows(data.residents)
        self.visit_model.set_rows(data.visits)
        self.ticket_model.set_rows(data.tickets)
        self._tab_titles()
        self.nav.retitle()
        self.loaded.emit()

    def _show_tags(self, h: Household) -> None:
        clear(self.tags)
        tags: list[tuple[str, str]] = []
        if h.key_reasons:
            reasons = join_list([label(KEY_REASONS, r) for r in sorted(h.key_reasons)])
            tags.append(
                ("key_household", self.tr("Key household: {reasons}").format(reasons=reasons))
            )
        if h.party_member:
            tags.append(("party_member", self.tr("Party member household")))
        if h.vacant:
            tags.append(("vacant", self.tr("Vacant")))
        if h.rental:
            tags.append(("rental", self.tr("Rental")))
        if not tags:
            self.tags.addWidget(text_label(self.tr("No tags"), "muted"))
        for symbol, text in tags:
            # Symbol and words stay together when the row wraps on a narrow screen.
            entry = QWidget()
            pair = QHBoxLayout(entry)
            pair.setContentsMargins(0, 0, 0, 0)
            icon = QLabel()
            icon.setPixmap(pixmap(symbol, size=28))
            pair.addWidget(icon)
            tag = TagText(text)
            tag.setObjectName(f"tag_{symbol}")
            pair.addWidget(tag)
            self.tags.addWidget(entry)

    def _edit(self) -> None:
        if self.data is None:
            return
        from ui.screens.household_edit import HouseholdEditScreen

        self.nav.push(
            HouseholdEditScreen(self.ctx, self.ws, self.nav, household=self.data.household)
        )

    def _resident_tapped(self, index: QModelIndex) -> None:
        resident = self.resident_table.row_of(index)
        field = self.resident_model.may_reveal(resident, index.column())
        if field is None:
            self._edit_resident(resident)
            return
        CoreOp(self, lambda: self.ws.reveals.reveal("resident", resident.id, field)).success(
            lambda _value: self.resident_model.reveal(resident.id, field)
        ).run(self.ctx.ops)

    def _reveal_phone(self) -> None:
        def shown_now(_value: str) -> None:
            self._phone_revealed = True
            if self.data is not None:
                self._apply(self.data)

        CoreOp(
            self, lambda: self.ws.reveals.reveal("household", self.household_id, "phone")
        ).success(shown_now).run(self.ctx.ops)

    def _edit_resident(self, resident: Resident | None) -> None:
        from ui.screens.resident_edit import ResidentEditScreen

        self.nav.push(
            ResidentEditScreen(
                self.ctx, self.ws, self.nav, household_id=self.household_id, resident=resident
            )
        )
