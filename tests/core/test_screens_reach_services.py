"""Screens reach the core only through the services held on the Workspace (docs/architecture.md,
*Screens and services*): read from the ui sources, without Qt.

A ui module may import what the core's services, search and reports *are* (their value types,
enums and constants, and pure helpers that take no session) but not a function that works on
the session or the database, nor build a service: those are ``ws.<service>.<method>()``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
#: The packages whose use cases screens must reach through a service.
CORE = ("gridterm.services", "gridterm.search", "gridterm.reports")
#: What works on the session or the database, named by its parameters' annotations.
SESSION_TYPES = re.compile(r"\b(Session|Reader|Store|Tx)\b")
#: Where the core is reached before a Workspace exists, and why.
BEFORE_WORKSPACE = {
    # builds the Workspace: opening the store and the session, then every service once
    "ui/workspace.py": {"*"},
    # login, the idle lock and the PIN guard come before a worker has a Workspace
    "ui/main_window.py": {"gridterm.services.unlock", "gridterm.search.index"},
}


def _typing_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:`` (names for annotations only)."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }


def _imports(path: Path) -> Iterator[tuple[str, str, int]]:
    """(module, name, line) for each name a ui file imports from the core's packages; a
    module imported as a whole is (module, "", line)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _typing_only(tree)
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(CORE):
            for alias in node.names:
                module = f"{node.module}.{alias.name}"
                try:
                    importlib.import_module(module)
                except ImportError:
                    yield node.module or "", alias.name, node.lineno
                else:
                    yield module, "", node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(CORE):
                    yield alias.name, "", node.lineno


def _takes_the_session(obj: object) -> bool:
    """A function or a class whose parameters name a session, reader, store or transaction."""
    target = obj.__init__ if inspect.isclass(obj) else obj
    if not callable(target):
        return False
    try:
        parameters = inspect.signature(target).parameters.values()
    except (TypeError, ValueError):  # a builtin or a C type: no use case of ours
        return False
    return any(SESSION_TYPES.search(str(p.annotation)) for p in parameters)


def _ui_files() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def test_the_rule_sees_the_ui_sources() -> None:
    # the walk would pass vacuously on an empty or moved tree
    names = {str(p.relative_to(ROOT)) for p in _ui_files()}
    assert {"ui/workspace.py", "ui/screens/register.py", "ui/screens/sync.py"} <= names
    found = {m for m, _, _ in _imports(UI / "workspace.py")}
    assert "gridterm.services.browse" in found


def test_the_rule_catches_a_session_function_and_a_service() -> None:
    from gridterm.services import browse, today

    assert _takes_the_session(today.due_households)
    assert _takes_the_session(browse.Browse)
    assert not _takes_the_session(browse.GridRow)


def test_screens_import_no_core_function_and_build_no_service() -> None:
    wrong = []
    for path in _ui_files():
        where = str(path.relative_to(ROOT))
        allowed = BEFORE_WORKSPACE.get(where, set())
        if "*" in allowed:
            continue
        for module, name, line in _imports(path):
            if not name:
                if module not in allowed:
                    wrong.append(f"{where}:{line} imports the module {module}")
                continue
            obj = getattr(importlib.import_module(module), name)
            if _takes_the_session(obj):
                wrong.append(f"{where}:{line} imports {module}.{name}")
    assert not wrong, "call ws.<service>.<method>() instead:\n" + "\n".join(wrong)


def test_screens_widgets_and_models_query_no_store_of_their_own() -> None:
    # SQL and reads of their own were the third way in (a building's heading, a refused
    # record's screen, the worker's grids); photo bytes still come from ``ws.store.blobs``
    reading = re.compile(r"\bstore\.(query|read|write|execute)\(")
    wrong = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("screens", "widgets", "models")
        for path in sorted((UI / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reading.search(line)
    ]
    assert not wrong, "read through ws.<service> instead: " + ", ".join(wrong)
