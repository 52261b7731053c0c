"""Settings (设置): server, language, colours for sunlight and text size (any of both), photo
size, idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from gridterm.errors import ValidationError
from gridterm.services.outbox_status import OutboxSummary
from ui.context import AppContext
from ui.labels import ROLES, label
from ui.screens.base import Navigator, Screen
from ui.screens.settings_tls import TlsRows
from ui.settings import (
    COLOURS,
    IDLE_LOCK_MINUTES,
    LANGUAGE,
    PHOTO_MAX_PX,
    PHOTO_SIZES,
    SERVER_URL,
    TEXT_SIZE,
)
from ui.widgets.form import Choice
from ui.widgets.touch import button
from ui.widgets.touch import label as text_label
from ui.workspace import Workspace

if TYPE_CHECKING:
    from ui.shell import Shell

IDLE_CHOICES = (2, 5, 10, 15)


class SettingsScreen(Screen):
    """Every change applies at once and is stored in QSettings."""

    language_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, ctx: AppContext, ws: Workspace, nav: Navigator, shell: Shell | None = None):
        super().__init__(ctx, ws, nav)
        self.setObjectName("settings")
        if shell is not None:
            self.language_requested.connect(shell.language_requested)
            self.logout_requested.connect(shell.logout_requested)
        self.form_scroll, self.form = self.scrolling_rows()
        self._add_server()
        self._add_language_and_look()
        self._add_photo_size_and_idle_lock()
        self._add_account()
        self.saved = text_label("", "ok")
        self.saved.hide()
        self.body.addWidget(self.saved)
        self.body.addWidget(self.form.error)

    # -- the form's parts ------------------------------------------------------------------

    def _add_server(self) -> None:
        """The server's address with its own Save, and the TLS rows under it."""
        server_row = QHBoxLayout()
        self.server = QLineEdit(self.ctx.settings.get(SERVER_URL))
        self.server.setObjectName("serverUrl")
        self.server.setPlaceholderText("https://grid.example.cn")
        self.save_server = button(self.tr("Save"), object_name="saveServer")
        self.save_server.clicked.connect(self._save_server)
        server_row.addWidget(self.server, 1)
        server_row.addWidget(self.save_server)
        self.form.row(self.tr("Server"), server_row, parts={"url": self.server})
        self.tls = TlsRows(self, self.ctx, self.form, self._said)

    def _add_language_and_look(self) -> None:
        theme = self.ctx.theme
        # Each language is named in itself, so a worker can find theirs whatever is shown.
        # Every choice wraps at the card's edge: the idle lock's four were wider than a
        # portrait screen beside their caption in large English text.
        self.language = Choice([("zh_CN", "中文"), ("en", "English")], "language", wrap=True)
        self.language.set_value(self.ctx.i18n.locale)
        self.language.group.buttonClicked.connect(lambda _: self._language())
        self.form.row(self.tr("Language"), self.language)

        # Two independent choices: high contrast in the sun goes with either text size.
        self.colours = Choice(
            [("normal", self.tr("Normal")), ("high_contrast", self.tr("High contrast (outdoors)"))],
            "colours",
            wrap=True,
        )
        self.colours.set_value(theme.scheme)
        self.colours.group.buttonClicked.connect(lambda _: self._look())
        self.form.row(self.tr("Colours"), self.colours)
        self.text_size = Choice(
            [("normal", self.tr("Normal")), ("large", self.tr("Large text"))], "textSize", wrap=True
        )
        self.text_size.set_value(theme.text_size)
        self.text_size.group.buttonClicked.connect(lambda _: self._look())
        self.form.row(self.tr("Text size"), self.text_size)

    def _add_photo_size_and_idle_lock(self) -> None:
        settings = self.ctx.settings
        self.photo_size = Choice(
            [(str(px), self.tr("{px} px").format(px=px)) for px in PHOTO_SIZES],
            "photoSize",
            wrap=True,
        )
        self.photo_size.set_value(str(settings.get(PHOTO_MAX_PX)))
        self.photo_size.group.buttonClicked.connect(
            lambda _: settings.set(PHOTO_MAX_PX, int(self.photo_size.value() or PHOTO_SIZES[1]))
        )
        self.form.row(self.tr("Photo size (longest side)"), self.photo_size)

        minutes = [(str(m), self.tr("%n min", None, m)) for m in IDLE_CHOICES]
        self.idle = Choice(minutes, "idleLock", wrap=True)
        self.idle.set_value(str(settings.get(IDLE_LOCK_MINUTES)))
        self.idle.group.buttonClicked.connect(lambda _: self._idle())
        self.form.row(self.tr("Lock after idle"), self.idle)

    def _add_account(self) -> None:
        """Who is logged in, the database, the device's unsent count and Log out."""
        user = self.ws.session.user
        account = self.tr("{name} · {role} · worker ID {worker_id}").format(
            name=user.name, role=label(ROLES, user.role), worker_id=user.worker_id
        )
        self.form.row(self.tr("Logged in as"), text_label(account))
        store = self.ws.store
        self.form.row(
            self.tr("Database"),
            text_label(
                (self.tr("Encrypted") if store.encrypted else self.tr("NOT encrypted (developer)"))
                + f"\n{store.path}",
                "muted",
            ),
        )
        # Before logging out a worker needs the device's count: unsent work of every worker
        # stays here and goes with the next sync of whoever logs in.
        self.unsent_note = text_label("", "warning")
        self.unsent_note.setObjectName("unsentOnDevice")
        self.unsent_note.hide()
        self.form.row("", self.unsent_note)
        logout = QHBoxLayout()
        self.logout = button(self.tr("Log out"), "danger", "logoutButton")
        self.logout.clicked.connect(self.logout_requested)
        logout.addWidget(self.logout)
        logout.addStretch(1)
        self.form.row("", logout)

    def title(self) -> str:
        return self.tr("Settings")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Read the device's unsent count (for the note by "log out") off the GUI thread."""
        self.read(self.ws.outbox.summary, self._show_unsent, lambda _: None)

    def _show_unsent(self, s: OutboxSummary) -> None:
        if not s.device_unsent:
            self.unsent_note.hide()
            return
        sentences = [
            self.tr("%n record(s) on this terminal are not sent yet.", None, s.device_unsent)
        ]
        if s.others_unsent:
            sentences.append(self.tr("%n of them by other workers.", None, s.others_unsent))
        sentences.append(self.tr("They stay here and go with the next sync."))
        # Chinese runs its sentences on after 。; English puts a space between them
        gap = "" if self.ctx.i18n.locale.startswith("zh") else " "
        self.unsent_note.setText(gap.join(sentences))
        self.unsent_note.show()

    def _said(self, text: str) -> None:
        self.saved.setText(text)
        self.saved.show()

    def _save_server(self) -> None:
        url = self.server.text().strip().rstrip("/")
        self.form.clear_error()
        self.saved.hide()
        if url and not url.startswith(("https://", "http://")):
            self.form.show_error(ValidationError("enroll.bad_url", "bad URL", field="url"))
            return
        self.ctx.settings.set(SERVER_URL, url)
        self.saved.setText(self.tr("Server saved."))
        self.saved.show()

    def _language(self) -> None:
        locale = self.language.value()
        if locale and locale != self.ctx.i18n.locale:
            self.ctx.settings.set(LANGUAGE, locale)
            self.language_requested.emit(locale)

    def _look(self) -> None:
        colours, text = self.colours.value(), self.text_size.value()
        if colours and text:
            self.ctx.settings.set(COLOURS, colours)
            self.ctx.settings.set(TEXT_SIZE, text)
            self.ctx.theme.apply(colours, text)

    def _idle(self) -> None:
        minutes = int(self.idle.value() or 5)
        self.ctx.settings.set(IDLE_LOCK_MINUTES, minutes)
        self.ctx.idle_lock_ms = minutes * 60_000
        window = self.window()
        idle = getattr(window, "idle", None)
        if idle is not None:
            idle.set_timeout(self.ctx.idle_lock_ms)
