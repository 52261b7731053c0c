"""The sync engine imports and runs with PySide6 and qasync made unimportable: the UI adapts
it, it never depends on Qt (docs/architecture.md: layers)."""

from __future__ import annotations

import subprocess
import sys

from tests.sync.server_process import ROOT

PROBE = r"""
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "qasync"}:
            raise ImportError(f"{name} is blocked: the sync engine must not need it")
        return None

sys.meta_path.insert(0, NoQt())
import sync.client, sync.client_cli
for mod in pkgutil.walk_packages(sync.client.__path__, "sync.client."):
    importlib.import_module(mod.name)
print("ok")
"""


def test_sync_client_imports_without_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
