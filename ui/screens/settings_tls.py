"""The certificate rows of Settings: a street office's own CA bundle and an optional pinned
certificate fingerprint, checked (off the GUI thread) before they are kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ui.context import AppContext
from ui.ops import CoreOp
from ui.settings import CA_BUNDLE, PIN_SHA256
from ui.widgets.form import Form
from ui.widgets.touch import button

translate = QCoreApplication.translate


class TlsRows:
    """Adds the CA bundle and pin rows to ``form``; Save checks and keeps both."""

    def __init__(
        self, owner: QWidget, ctx: AppContext, form: Form, said: Callable[[str], None]
    ) -> None:
        self.owner, self.ctx, self.form, self.said = owner, ctx, form, said
        self.ca_bundle = QLineEdit(ctx.settings.get(CA_BUNDLE))
        self.ca_bundle.setObjectName("caBundle")
        self.ca_bundle.setPlaceholderText(
            translate("Settings", "Street office CA file (.pem); empty: the system's")
        )
        self.pin = QLineEdit(ctx.settings.get(PIN_SHA256))
        self.pin.setObjectName("certificatePin")
        self.pin.setPlaceholderText(translate("Settings", "SHA-256 fingerprint; empty: no pin"))
        self.save = button(translate("Settings", "Save"), object_name="saveCertificate")
        self.save.clicked.connect(self._save)
        row = QHBoxLayout()
        row.addWidget(self.pin, 1)
        row.addWidget(self.save)
        form.row(translate("Settings", "CA certificates"), self.ca_bundle, "ca_bundle")
        form.row(translate("Settings", "Pinned certificate"), row, parts={"pin": self.pin})

    def _save(self) -> None:
        from ui.sync_runner import trust_of

        ca, pin = self.ca_bundle.text().strip(), self.pin.text().strip()
        self.form.clear_error()
        CoreOp(self.owner, lambda: trust_of(ca, pin)).success(self._kept).failure(
            self.form.show_error
        ).run(self.ctx.ops)

    def _kept(self, trust: object) -> None:
        self.ctx.settings.set(CA_BUNDLE, getattr(trust, "ca_bundle", ""))
        self.ctx.settings.set(PIN_SHA256, getattr(trust, "pin_sha256", ""))
        self.said(translate("Settings", "Certificate settings saved; used from the next login."))
