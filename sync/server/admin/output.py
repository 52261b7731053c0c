"""How the admin commands print: a table with headers for people, JSON for scripts."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
from collections.abc import Sequence
from typing import Any

#: (key in each row, header) of one table column.
Column = tuple[str, str]


def wants_json(args: argparse.Namespace) -> bool:
    """True when ``--json`` was given at any level."""
    return bool(getattr(args, "json", False))


def print_json(data: Any) -> None:
    """``data`` as one JSON document (Chinese kept readable)."""
    print(json.dumps(data, ensure_ascii=False, default=str))


def print_table(args: argparse.Namespace, columns: Sequence[Column], rows: list[dict]) -> None:
    """``rows`` as a table with ``columns`` (or as a JSON list of objects with ``--json``)."""
    if wants_json(args):
        print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    for _, header in columns:
        table.add_column(header, no_wrap=True, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(key)) for key, _ in columns))
    # A pipe has no width: lay out the whole table rather than squeeze it into 80 columns.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 10_000
    laid_out = io.StringIO()
    Console(file=laid_out, width=width, highlight=False, color_system=None).print(table)
    for line in laid_out.getvalue().splitlines():
        print(line.rstrip())


def print_result(args: argparse.Namespace, text: str, data: dict[str, Any]) -> None:
    """One result: ``text`` for people, ``data`` as JSON for scripts."""
    if wants_json(args):
        print_json(data)
    else:
        print(text)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
