"""The core imports and works with PySide6 made unimportable (docs/architecture.md: layers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = r"""
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "qasync", "requests", "httpx",
                                  "fastapi", "uvicorn"}:
            raise ImportError(f"{name} is blocked: the core must not need it")
        return None

sys.meta_path.insert(0, NoQt())
import gridterm
for mod in pkgutil.walk_packages(gridterm.__path__, "gridterm."):
    if not mod.name.endswith("__main__"):  # running the CLI is not importing it
        importlib.import_module(mod.name)
assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules)
print("ok")
"""


def test_gridterm_imports_without_qt_or_http() -> None:
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_importing_the_core_does_not_load_pinyin() -> None:
    # pypinyin costs ~140 ms and ~60 MB: the app's start-up must not pay for it.
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys, gridterm.services.session, gridterm.store, gridterm.search.query;"
        "print('pypinyin' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.strip() == "False", out.stderr
