"""Login (登录) with worker ID and PIN, a PIN pad for gloved fingers, and the idle lock."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext, DemoUser
from ui.labels import ROLES, label
from ui.settings import LAST_WORKER_ID
from ui.widgets import accessible
from ui.widgets.touch import button, card, clear, make_big, screen_widget
from ui.widgets.touch import label as text_label


class LoginScreen(QWidget):
    """Asks for worker ID and PIN; in locked mode only the PIN of the worker who locked it."""

    login_requested = Signal(str, str)  # worker id, PIN
    unlock_requested = Signal(str)  # PIN
    switch_worker_requested = Signal()
    wipe_confirm_requested = Signal(str, str)  # a supervisor's worker id, PIN
    first_painted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.locked_worker = ""
        self._painted = False
        # the wait after too many wrong PINs, counted down (the core said how long)
        self._wait_left = 0
        self._remaining: int | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        page = screen_widget()
        root.addWidget(page)
        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(32)
        outer.addStretch(1)
        self.outer = outer
        top = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        self.form_card = self._form_card()
        outer.addWidget(self.form_card, 0, top)
        # beside the form in landscape, under it in portrait, like the demo accounts
        outer.addWidget(self._supervisor_box(), 0, top)
        outer.addWidget(self._demo_card(), 0, top)
        outer.addStretch(1)
        self.set_demo_users(ctx.demo_users)

    def _form_card(self) -> QWidget:
        """The login form: worker ID, PIN and its pad, what went wrong, and the buttons."""
        form_card, form = card()
        form_card.setMinimumWidth(440)
        form_card.setMaximumWidth(560)
        self.title = text_label(self.tr("GridTerm"), "title")
        self.subtitle = text_label(self.tr("Log in with your worker ID and PIN"), "muted")
        form.addWidget(self.title)
        form.addWidget(self.subtitle)
        self.worker_id = QLineEdit()
        self.worker_id.setObjectName("workerId")
        self.worker_id.setPlaceholderText(self.tr("Worker ID"))
        accessible.name(self.worker_id, self.tr("Worker ID"))
        self.worker_id.setText(self.ctx.settings.get(LAST_WORKER_ID))
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setPlaceholderText(self.tr("PIN (6 to 12 digits)"))
        accessible.name(self.pin, self.tr("PIN"), self.tr("PIN (6 to 12 digits)"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.pin.returnPressed.connect(self._submit)
        self.worker_id.returnPressed.connect(self.pin.setFocus)
        form.addWidget(self.worker_id)
        form.addWidget(self.pin)
        form.addLayout(self._pin_pad())
        self.submit = button(self.tr("Log in"), "primary", "loginButton")
        self.submit.clicked.connect(self._submit)
        form.addWidget(self.submit)
        self.switch_worker = button(self.tr("Log in as another worker"), "flat")
        self.switch_worker.clicked.connect(self.switch_worker_requested)
        self.switch_worker.hide()
        form.addWidget(self.switch_worker)
        # what went wrong goes under every button: above them it pushed them down
        self.error = text_label("", "error")
        self.error.setObjectName("loginError")
        self.error.hide()
        form.addWidget(self.error)
        self.notice = text_label("", "warning")
        self.notice.setObjectName("loginNotice")
        self.notice.hide()
        form.addWidget(self.notice)
        return form_card

    def _demo_card(self) -> QWidget:
        """The demo accounts, a tap filling one in (filled by ``set_demo_users``)."""
        self.demo_card, demo = card()
        self.demo_card.setMaximumWidth(460)
        demo.addWidget(text_label(self.tr("Demo accounts"), "section"))
        demo.addWidget(
            text_label(self.tr("Made-up people and places. Tap an account to fill it in."), "muted")
        )
        self.demo_list = QVBoxLayout()
        demo.addLayout(self.demo_list)
        demo.addStretch(1)
        return self.demo_card

    def _supervisor_box(self) -> QWidget:
        """Where a supervisor on the spot confirms erasing a terminal that holds unsynced work
        (shown only when the core held the wipe for that)."""
        box, layout = card()
        box.setMinimumWidth(400)
        box.setMaximumWidth(460)
        layout.addWidget(text_label(self.tr("Supervisor's confirmation"), "section"))
        layout.addWidget(
            text_label(
                self.tr(
                    "Supervisor: your worker ID and PIN erase this terminal now. "
                    "Its unsynced work is lost."
                ),
                "muted",
            )
        )
        self.supervisor_id = QLineEdit()
        self.supervisor_id.setObjectName("supervisorId")
        self.supervisor_id.setPlaceholderText(self.tr("Supervisor's worker ID"))
        accessible.name(self.supervisor_id, self.tr("Supervisor's worker ID"))
        self.supervisor_pin = QLineEdit()
        self.supervisor_pin.setObjectName("supervisorPin")
        self.supervisor_pin.setPlaceholderText(self.tr("Supervisor's PIN"))
        accessible.name(self.supervisor_pin, self.tr("Supervisor's PIN"))
        self.supervisor_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.supervisor_pin.setMaxLength(12)
        self.supervisor_pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.wipe = button(self.tr("Erase this terminal"), "danger", "wipeButton")
        self.wipe.clicked.connect(
            lambda: self.wipe_confirm_requested.emit(
                self.supervisor_id.text().strip(), self.supervisor_pin.text().strip()
            )
        )
        for w in (self.supervisor_id, self.supervisor_pin, self.wipe):
            layout.addWidget(w)
        layout.addStretch(1)
        box.hide()
        self.supervisor = box
        return box

    def _pin_pad(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "⌫"]
        for i, key in enumerate(keys):
            b = button(self.tr("Clear") if key == "C" else key)
            b.setObjectName(f"pinKey_{ {'C': 'clear', '⌫': 'back'}.get(key, key) }")
            make_big(b)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if key == "⌫":
                accessible.name(b, self.tr("Delete the last digit"))
            b.clicked.connect(lambda _=False, k=key: self._key(k))
            grid.addWidget(b, i // 3, i % 3)
        return grid

    def _key(self, key: str) -> None:
        if key == "C":
            self.pin.clear()
        elif key == "⌫":
            self.pin.backspace()
        else:
            self.pin.insert(key)

    def set_demo_users(self, users: list[DemoUser]) -> None:
        """Show the demo accounts (hidden when the database is not a demo)."""
        clear(self.demo_list)
        for user in users[:6]:
            text = self.tr("{name} · {role}\nWorker ID {worker_id} · PIN {pin}").format(
                name=user.name,
                role=label(ROLES, user.role),
                worker_id=user.worker_id,
                pin=user.pin,
            )
            b = button(text)
            b.setObjectName(f"demo_{user.worker_id}")
            b.setStyleSheet("text-align: left; padding: 6px 14px;")
            b.clicked.connect(lambda _=False, u=user: self._fill(u))
            self.demo_list.addWidget(b)
        self.demo_card.setVisible(bool(users) and not self.locked_worker)
        self._anchor()

    def _fill(self, user: DemoUser) -> None:
        self.worker_id.setText(user.worker_id)
        self.pin.setText(user.pin)

    def _submit(self) -> None:
        pin = self.pin.text().strip()
        if self.locked_worker:
            self.unlock_requested.emit(pin)
        else:
            self.login_requested.emit(self.worker_id.text().strip(), pin)

    def set_busy(self, busy: bool) -> None:
        """Disable the form while the PIN is checked."""
        self.submit.setEnabled(not busy and not self._wait_left)
        self.wipe.setEnabled(not busy)
        self.submit.setText(self.tr("Checking…") if busy else self.tr("Log in"))

    def show_error(
        self,
        message: str,
        *,
        remaining: int | None = None,
        wait_s: int = 0,
        held: bool = False,
    ) -> None:
        """Show why logging in failed, and clear the PIN. ``remaining``: wrong PINs left
        before the keys are erased; ``wait_s``: the wait before the next try (the form stays
        disabled, counting down); ``held``: the wipe waits for a supervisor's confirmation."""
        self.error.setText(message)
        self.error.show()
        self.pin.clear()
        self.supervisor_pin.clear()
        self.pin.setFocus()
        self._remaining = remaining
        self._wait_left = max(0, int(wait_s))
        self.supervisor.setVisible(held)
        if held:
            self.demo_card.hide()
            self._anchor()
        self._show_notice()
        if self._wait_left:
            self._countdown.start()

    def _tick(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        self._show_notice()

    def _show_notice(self) -> None:
        lines = []
        if self._remaining is not None and not self.supervisor.isVisibleTo(self):
            lines.append(
                self.tr("%n more wrong PIN(s) erase this terminal's keys.", "", self._remaining)
                if self._remaining
                else self.tr("The limit of wrong PINs on this terminal is reached.")
            )
        if self._wait_left:
            minutes, seconds = divmod(self._wait_left, 60)
            lines.append(self.tr("Try again in {time}.").format(time=f"{minutes}:{seconds:02d}"))
        else:
            self._countdown.stop()
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))
        self.submit.setEnabled(not self._wait_left)

    def set_locked(self, worker_id: str, name: str) -> None:
        """Locked mode: only this worker's PIN unlocks; others may log in instead."""
        self.locked_worker = worker_id
        self.title.setText(self.tr("Locked"))
        self.subtitle.setText(
            self.tr("{name} ({worker_id}), enter your PIN to continue.").format(
                name=name, worker_id=worker_id
            )
        )
        self.worker_id.setText(worker_id)
        self.worker_id.setEnabled(False)
        self.switch_worker.show()
        self.demo_card.hide()
        self.reset()

    def set_unlocked(self) -> None:
        """Back to the normal login form."""
        self.locked_worker = ""
        self.title.setText(self.tr("GridTerm"))
        self.subtitle.setText(self.tr("Log in with your worker ID and PIN"))
        self.worker_id.setEnabled(True)
        self.switch_worker.hide()
        self.demo_card.setVisible(bool(self.ctx.demo_users))
        self.reset()

    def reset(self) -> None:
        """Clear the PIN and any error (a wait the core asked for goes on counting)."""
        self.pin.clear()
        self.error.hide()
        self.supervisor.hide()
        self.supervisor_pin.clear()
        self.set_busy(False)
        self._anchor()  # the lock, the unlock and a wipe given up change the cards shown

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Side by side in landscape; the demo accounts go under the form in portrait.
        portrait = event.size().width() < event.size().height()
        self.outer.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        # stacked, the space above the cards is the margin alone, the stretch goes under them
        self.outer.setStretch(0, 0 if portrait else 1)
        self._anchor()

    def _anchor(self) -> None:
        """Centre the cards by their top margin, set when the window's size or the cards
        shown change and never when a message appears: centred by the layout, the form
        moved up by half of every error and notice, and with it every key of the pad."""
        portrait = self.outer.direction() == QBoxLayout.Direction.TopToBottom
        cards = [w for w in (self.form_card, self.supervisor, self.demo_card) if not w.isHidden()]
        hints = [w.sizeHint().height() for w in cards]
        spacing = self.outer.spacing() * (len(hints) - 1)
        used = sum(hints) + spacing if portrait else max(hints, default=0)
        # and leave under the form the room its messages take when they appear (two lines
        # each), or the shorter screen squeezed the pad to make it
        line = self.error.fontMetrics().lineSpacing()
        form = self.form_card.layout()
        room = 2 * (2 * line + (form.spacing() if form is not None else 0))
        centred = (self.height() - used) // 2
        top = max(24, min(centred, self.height() - used - room - 24))
        self.outer.setContentsMargins(32, top, 32, 24)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
