"""First run (首次使用): try the app on demo data, or enroll the terminal with a server."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QProgressBar, QVBoxLayout, QWidget

from gridterm.errors import ValidationError
from ui.widgets import accessible
from ui.widgets.responsive import ResponsiveRow
from ui.widgets.touch import button, card, screen_widget
from ui.widgets.touch import label as text_label


def check_enrollment(url: str, code: str) -> tuple[str, str]:
    """Validate what was typed before anything goes to the network."""
    url = url.strip()
    if not url.startswith(("https://", "http://")) or len(url) < 12:
        raise ValidationError("enroll.bad_url", "server URL must be http(s)://…", field="url")
    # Codes are read out or scanned as ABCD-EFGH-JKLM; case, dashes and spaces do not matter.
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(letters) != 12 or any(ch not in "-  " and not ch.isalnum() for ch in code.strip()):
        raise ValidationError(
            "enroll.bad_code", "an enrollment code has 12 characters", field="code"
        )
    return url.rstrip("/"), f"{letters[:4]}-{letters[4:8]}-{letters[8:]}"


class FirstRunScreen(QWidget):
    """Two ways in: demo data on this terminal, or enrollment with the street office's server."""

    demo_requested = Signal()
    enroll_requested = Signal(str, str, str, str)  # server URL, code, worker ID, PIN

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        page = screen_widget()
        root.addWidget(page)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(40, 32, 40, 32)
        outer.setSpacing(20)
        outer.addWidget(text_label(self.tr("Welcome to GridTerm"), "title"))
        outer.addWidget(
            text_label(
                self.tr("The field terminal for grid workers. How do you want to start?"), "muted"
            )
        )
        row = ResponsiveRow(spacing=24)
        outer.addWidget(row, 1)
        row.add(self._demo_card(), 1)
        row.add(self._enroll_card(), 1)

    @staticmethod
    def _way_in(title: str, text: str) -> tuple[QWidget, QVBoxLayout]:
        """A card for one way in: its title and what it means."""
        way_card, way = card()
        way.addWidget(text_label(title, "section"))
        way.addWidget(text_label(text))
        return way_card, way

    def _demo_card(self) -> QWidget:
        """Demo data: what it makes, the progress while it is made, and its button."""
        demo_card, demo = self._way_in(
            self.tr("Try with demo data"),
            self.tr(
                "A made-up street office with communities, buildings, households and "
                "tickets is created on this terminal. No server and no network needed."
            ),
        )
        demo.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_text = text_label("", "muted")
        self.progress_text.hide()
        demo.addWidget(self.progress_text)
        demo.addWidget(self.progress)
        self.demo_button = button(self.tr("Use demo data"), "primary", "demoButton")
        self.demo_button.clicked.connect(self.demo_requested)
        demo.addWidget(self.demo_button)
        return demo_card

    def _enroll_card(self) -> QWidget:
        """Enrollment: the server, the code, the worker's ID and PIN, its error and button."""
        enroll_card, enroll = self._way_in(
            self.tr("Enroll with a server"),
            self.tr("Your supervisor gives you the server address and a one-time enrollment code."),
        )
        # Each field is named by what it takes; its example stays in the description.
        self.server_url = _field(
            enroll,
            "serverUrl",
            self.tr("Server address"),
            self.tr("Server address, e.g. https://grid.example.cn"),
        )
        self.code = _field(
            enroll,
            "enrollCode",
            self.tr("Enrollment code"),
            self.tr("Enrollment code, e.g. ABCD-EFGH-JKLM"),
        )
        self.worker_id = _field(
            enroll, "enrollWorkerId", self.tr("Worker ID"), self.tr("Your worker ID")
        )
        self.pin = _field(enroll, "enrollPin", self.tr("PIN"), self.tr("Your PIN (6 to 12 digits)"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = text_label("", "error")
        self.error.setObjectName("enrollError")
        self.error.hide()
        enroll.addWidget(self.error)
        enroll.addStretch(1)
        self.enroll_button = button(self.tr("Enroll"), "primary", "enrollButton")
        self.enroll_button.clicked.connect(
            lambda: self.enroll_requested.emit(
                self.server_url.text(), self.code.text(), self.worker_id.text(), self.pin.text()
            )
        )
        enroll.addWidget(self.enroll_button)
        return enroll_card

    def set_enrolling(self) -> None:
        """Show progress while the server is asked."""
        self.set_building(True)
        self.progress_text.setText(self.tr("Enrolling with the server…"))

    def set_building(self, building: bool) -> None:
        """Show progress while the demo database is made (it takes a few seconds)."""
        self.demo_button.setEnabled(not building)
        self.enroll_button.setEnabled(not building)
        self.progress.setVisible(building)
        self.progress_text.setVisible(building)
        self.progress_text.setText(
            self.tr("Creating the demo street office… this takes a few seconds.")
        )

    def show_error(self, message: str) -> None:
        """Show why enrolling failed."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.error.setAlignment(Qt.AlignmentFlag.AlignLeft)


def _field(layout: QVBoxLayout, object_name: str, name: str, example: str) -> QLineEdit:
    """A line of the enrollment card, named ``name`` with ``example`` as its placeholder."""
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setPlaceholderText(example)
    accessible.name(field, name, example)
    layout.addWidget(field)
    return field
