"""Quick report (随手拍) for part-time grid workers: photo, category, send — three taps.

The location is filled in from the terminal's position (or the last address typed), and the
one line of text is optional: a ticket is titled by its category when nothing is typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from gridterm.domain.rounds import Location
from gridterm.domain.tickets import Ticket
from ui.context import AppContext
from ui.labels import category_codes, category_label
from ui.ops import CoreOp
from ui.screens.base import Navigator, Screen
from ui.widgets.flow import FlowLayout
from ui.widgets.form import Choice, Form, toggle
from ui.widgets.location import Positioning
from ui.widgets.photos import PhotoStrip
from ui.widgets.touch import button, make_big
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

LAST_LOCATION_KEY = "report/last_location"


class QuickReportScreen(Screen):
    """Three steps on one page; ``reported`` is emitted with the new ticket."""

    reported = Signal(object)

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator):
        super().__init__(ctx, ws, nav)
        self.setObjectName("quickReport")
        self.form_scroll, outer = self.scrolling_form()
        self.form = Form()
        outer.addLayout(self.form)
        outer.addStretch(1)  # rows keep their height; spare room goes below

        self.photos = PhotoStrip(ctx, ws)
        for b in (self.photos.camera_button, self.photos.file_button):
            make_big(b, "huge")
        self.photos.failed.connect(self.form.add_error)
        self.form.row(self.tr("1 · Photo"), self.photos, "photos")

        categories = QWidget()
        # wrapped at the card's edge: five to a row were 1,666 px wide in large English text
        grid = FlowLayout(categories, spacing=8)
        self.category = Choice([], "reportCategory")
        # one indexed row, read once as the screen opens
        self.office = ws.office_settings.current()
        for i, stored in enumerate(category_codes(self.office)):
            b = toggle(category_label(stored, self.office), f"category_{i}")
            make_big(b)
            self.category.group.addButton(b)
            self.category.buttons[stored] = b
            grid.addWidget(b)
        self.form.row(self.tr("2 · What kind of problem"), categories, "category")

        self.location = QLineEdit(str(ctx.settings.qsettings.value(LAST_LOCATION_KEY, "")))
        self.location.setObjectName("reportLocation")
        self.location.setPlaceholderText(self.tr("Address or place, e.g. east gate of building 3"))
        self.form.row(self.tr("Where"), self.location, "location")
        self.text = QLineEdit()
        self.text.setObjectName("reportText")
        self.text.setPlaceholderText(self.tr("One line, optional: what is wrong"))
        # the one line is the title and the description both: either one's error shows under it
        self.form.row(self.tr("What"), self.text, "title", parts={"description": self.text})
        self.urgent = toggle(self.tr("Urgent (10-minute response)"), "reportUrgent")
        urgent_row = QHBoxLayout()
        urgent_row.addWidget(self.urgent)
        urgent_row.addStretch(1)
        self.form.row("", urgent_row)

        self.done = text_label("", "ok")
        self.done.setObjectName("reportDone")
        self.done.hide()
        self.body.addWidget(self.done)
        self.body.addWidget(self.form.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.send = button(self.tr("3 · Send report"), "primary", "sendReport")
        make_big(self.send, "huge")
        self.send.clicked.connect(self._send)
        buttons.addWidget(self.send)
        self.body.addLayout(buttons)
        self._locate()

    def title(self) -> str:
        return self.tr("Quick report")

    def _locate(self) -> None:
        self.positioning = Positioning(self, self.ctx.locate)
        self.positioning.fixed.connect(self._located)
        self.positioning.current(self._located)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.positioning.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.positioning.stop()
        super().hideEvent(event)

    def _located(self, location: Location | None) -> None:
        if location is not None and not self.location.text():
            self.location.setText(
                self.tr("Position {lat:.5f}, {lon:.5f}").format(
                    lat=location.latitude, lon=location.longitude
                )
            )

    def _send(self) -> None:
        self.form.clear_error()
        self.done.hide()
        # The core checks the category with everything else, so a missing one shows beside
        # the other errors of the same tap.
        category = self.category.value() or ""
        text = self.text.text().strip()
        title = text or (
            self.tr("Quick report: {category}").format(
                category=category_label(category, self.office)
            )
            if category
            else self.title()
        )
        tickets = self.ws.tickets
        location, photos, urgent = (
            self.location.text().strip(),
            tuple(self.photos.digests),
            self.urgent.isChecked(),
        )

        def work() -> Ticket:
            return tickets.report(
                category=category,
                title=title[:100],
                description=text,
                urgent=urgent,
                location=location,
                photos=photos,
            )

        self.send.setEnabled(False)
        CoreOp(self, work).success(self._sent).failure(self.form.show_error).finally_(
            lambda: self.send.setEnabled(True)
        ).run(self.ctx.ops)

    def _sent(self, ticket: Ticket) -> None:
        self.ctx.settings.qsettings.setValue(LAST_LOCATION_KEY, self.location.text().strip())
        self.done.setText(
            self.tr("Reported: {title}. It is in Tickets.").format(title=ticket.title)
        )
        self.done.show()
        self.photos.set_digests([])
        self.category.set_value(None)
        self.text.clear()
        self.urgent.setChecked(False)
        self.reported.emit(ticket)
