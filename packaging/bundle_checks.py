"""Checks build.spec runs on a finished bundle: the size budget, and (Linux) that every
Qt library, plugin and FFmpeg library the bundle holds finds the Qt libraries it links to
inside the bundle, so trimming Qt never leaves a plugin that fails to load on a terminal.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

#: The budget of the unpacked bundle (issue 17), in MB of 1,000,000 bytes.
BUDGET_MB = 200
#: Libraries that must come from the bundle, never from the build machine: a terminal has
#: no Qt or FFmpeg of its own (and a system one would be another version).
BUNDLED_ONLY = re.compile(r"^lib(Qt6|pyside6|shiboken6|av(codec|format|util)|sw(scale|resample))")


class BundleError(Exception):
    """The bundle breaks a rule; the message says which and what is in the way."""


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (symlinks not followed), as unpacked."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def largest(folder: Path, count: int = 12) -> list[tuple[int, str]]:
    """The biggest top-level items of the bundle's content folder, for the failure message."""
    content = folder / "_internal" if (folder / "_internal").is_dir() else folder
    sizes = []
    for item in content.iterdir():
        size = folder_size(item) if item.is_dir() else item.lstat().st_size
        sizes.append((size, item.name))
    return sorted(sizes, reverse=True)[:count]


def check_size(folder: Path, budget_mb: float = BUDGET_MB) -> float:
    """The bundle's size in MB; raises BundleError when over the budget."""
    size_mb = folder_size(folder) / 1e6
    if size_mb > budget_mb:
        biggest = "\n".join(f"  {size / 1e6:7.1f} MB  {name}" for size, name in largest(folder))
        raise BundleError(
            f"the bundle is {size_mb:.1f} MB, over its {budget_mb} MB budget; largest:\n{biggest}"
        )
    return size_mb


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path.suffix == ""):
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def check_linked(folder: Path, dropped: re.Pattern[str] | None = None) -> int:
    """Every ELF file's Qt/FFmpeg dependencies resolve inside the bundle, and none needs a
    library the build dropped (``dropped`` matches its name); Linux only. Returns how many
    files were checked; raises BundleError naming what is missing."""
    if not sys.platform.startswith("linux"):
        return 0
    content = folder / "_internal"
    lib_dirs = [content, content / "PySide6" / "Qt" / "lib", content / "PySide6"]
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(str(d) for d in lib_dirs))
    problems = []
    root = folder.resolve()
    files = _elf_files(folder)
    for path in files:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            name, _, target = line.strip().partition(" => ")
            target = target.split(" (")[0].strip()
            if dropped is not None and dropped.search(name):
                problems.append(f"  {path.relative_to(folder)} needs {name}, which was dropped")
            elif BUNDLED_ONLY.match(name) and (
                target == "not found" or not Path(target).resolve().is_relative_to(root)
            ):
                problems.append(f"  {path.relative_to(folder)} needs {name} ({target})")
    if problems:
        raise BundleError("libraries missing from the bundle:\n" + "\n".join(sorted(problems)))
    return len(files)
