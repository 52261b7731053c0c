"""The project's size rules (HELPERS.md standards, issue 13): no Python file over 400 lines
outside migrations, no function over 80 lines. A file or function past them is split by idea
before it lands, so the next engineer reads one thing at a time."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 80
# Schema migrations are numbered and never edited once shipped: their length is history's.
# Hidden folders hold the venvs and git; build output is not ours to size.
SKIPPED_FOLDERS = {"migrations", "build", "dist", "__pycache__", "node_modules"}


def python_files(root: Path = ROOT) -> Iterator[Path]:
    """Every Python file of the project the rules apply to."""
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts[:-1]
        if any(p.startswith(".") or p in SKIPPED_FOLDERS for p in parts):
            continue
        yield path


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int, int]]:
    """The functions (and methods, nested ones too) of ``source`` longer than ``limit`` lines,
    as (name, first line, length); a function's lines run from its ``def`` to its last line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                found.append((node.name, node.lineno, length))
    return found


def test_no_file_is_over_400_lines() -> None:
    over = []
    for path in python_files():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_FILE_LINES:
            over.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert over == []


def test_no_function_is_over_80_lines() -> None:
    over = []
    for path in python_files():
        for name, line, length in long_functions(path.read_text(encoding="utf-8")):
            over.append(f"{path.relative_to(ROOT)}:{line} {name}: {length} lines")
    assert over == []


def _function(name: str, lines: int, indent: str = "", keyword: str = "def") -> str:
    body = "".join(f"{indent}    x{i} = {i}\n" for i in range(lines - 1))
    return f"{indent}{keyword} {name}():\n{body}"


def test_the_checks_see_what_they_are_meant_to(tmp_path: Path) -> None:
    source = (
        _function("long", 81)
        + _function("fits", 80)
        + "class A:\n"
        + _function("method", 82, "    ", "async def")
        + _function("inner", 81, "        ")
    )
    assert [(name, length) for name, _, length in long_functions(source)] == [
        ("long", 81),
        ("method", 163),
        ("inner", 81),
    ]
    for folder in ("gridterm/store/migrations", ".venv/lib", "ui/screens"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "m.py").write_text("x = 1\n")
    assert [p.relative_to(tmp_path).as_posix() for p in python_files(tmp_path)] == [
        "ui/screens/m.py"
    ]
