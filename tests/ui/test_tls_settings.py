"""Settings keep a street office's CA bundle and a certificate pin, checked first; a bad one
is explained in the worker's language and nothing is kept (issue 16, item 6)."""

from __future__ import annotations

from sync.client.tls import fingerprint
from tests.security.tls_server import make_pki
from tests.ui.conftest import log_in, open_tab, tap
from ui.settings import CA_BUNDLE, PIN_SHA256


def test_a_bad_pin_is_explained_and_a_good_trust_is_kept(qtbot, window, ctx, tmp_path) -> None:
    log_in(qtbot, window)
    settings = open_tab(qtbot, window, "settings")
    settings.tls.pin.setText("not a fingerprint")
    tap(qtbot, settings.tls.save)
    qtbot.waitUntil(lambda: settings.form.error.isVisible())
    assert "证书设置有误" in settings.form.error.text()
    assert ctx.settings.get(PIN_SHA256) == ""
    pki = make_pki(tmp_path)
    settings.tls.ca_bundle.setText(str(pki.ca_pem))
    settings.tls.pin.setText(fingerprint(pki.cert_pem.read_bytes()).upper())
    tap(qtbot, settings.tls.save)
    qtbot.waitUntil(lambda: ctx.settings.get(CA_BUNDLE) == str(pki.ca_pem))
    assert ctx.settings.get(PIN_SHA256) == fingerprint(pki.cert_pem.read_bytes())
    assert settings.saved.text() == "证书设置已保存，下次登录起生效。"
