"""Is the server reachable? A cheap probe (``/healthz``: no login, no database on this side).

The operating system's view (Qt's QNetworkInformation in the app) says whether there is a
network at all; the probe says whether this server answers over it.
"""

from __future__ import annotations

import requests

from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION

#: A probe gives up quickly: it only decides whether a sync is worth starting.
PROBE_TIMEOUT = (3.0, 3.0)


class ServerProbe:
    """``probe()`` is True when the server answers its health check."""

    def __init__(self, server_url: str, ca_bundle: str = "") -> None:
        self.url = server_url.rstrip("/") + "/healthz"
        #: a street office's own CA (tls.TlsTrust); a certificate problem shows in the sync
        self.verify: str | bool = ca_bundle or True

    def __call__(self) -> bool:
        """One GET with short timeouts; any failure means unreachable."""
        try:
            answer = requests.get(
                self.url,
                timeout=PROBE_TIMEOUT,
                headers={HEADER_PROTOCOL: str(PROTOCOL_VERSION)},
                verify=self.verify,
            )
        except requests.RequestException:
            return False
        return answer.status_code == 200
