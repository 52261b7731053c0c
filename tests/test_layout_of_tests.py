"""How the tests share code (docs/testing.md): a test module imports what it shares from
helper modules (``helpers.py``, ``district.py``, ``accessibility.py``…) and fixtures from
conftest, never from another test module, so moving or splitting one test file breaks no
other."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def _is_test_module(dotted: str) -> bool:
    parts = dotted.split(".")
    return parts[0] == "tests" and parts[-1].startswith("test_")


def imported_test_modules(source: str, package: str) -> list[str]:
    """The test modules that ``source`` (a module of ``package``) imports, as dotted names."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _is_test_module(a.name)]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing module's package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if _is_test_module(base):
                found.append(base)
            found += [f"{base}.{a.name}" for a in node.names if _is_test_module(f"{base}.{a.name}")]
    return found


def _offenders() -> list[str]:
    out = []
    for path in sorted(TESTS.rglob("*.py")):
        package = ".".join(path.parent.relative_to(ROOT).parts)
        for name in imported_test_modules(path.read_text(encoding="utf-8"), package):
            out.append(f"{path.relative_to(ROOT)} imports {name}")
    return out


def test_no_module_under_tests_imports_a_test_module():
    assert _offenders() == []


def test_the_check_sees_every_way_of_importing_a_test_module():
    seen = [
        imported_test_modules(src, "tests.ui")
        for src in (
            "from tests.ui.test_layout import problems",
            "import tests.ui.test_layout",
            "from tests.ui import test_layout",
            "from .test_layout import problems",
            "from . import test_layout",
            "def f():\n    from tests.sync.test_login import _gridterm",
        )
    ]
    assert seen == [
        ["tests.ui.test_layout"],
        ["tests.ui.test_layout"],
        ["tests.ui.test_layout"],
        ["tests.ui.test_layout"],
        ["tests.ui.test_layout"],
        ["tests.sync.test_login"],
    ]
    helpers = "from tests.ui.helpers import problems\nfrom tests.ui.conftest import log_in"
    assert imported_test_modules(helpers, "tests.ui") == []
