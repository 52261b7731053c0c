"""The third-party licences of what a bundle redistributes, collected at build time.

build.spec calls :func:`write_licenses` with PyInstaller's tables of what went into the
bundle (Python modules, binaries, data). Every file is traced to what it came from:

- a Python distribution (its dist-info's licence files and its ``License`` metadata);
- the Python interpreter itself (its LICENSE.txt);
- on Debian, a system package (``dpkg -S``; its /usr/share/doc/PKG/copyright).

Qt and Qt for Python ship no licence text in their wheels: the LGPL-3.0 and GPL-3.0 texts
(packaging/licenses/) and a notice of where the exact sources are go in with them.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "licenses"
#: Names of licence files a dist-info holds (PEP 639 puts them under licenses/).
LICENSE_NAME = re.compile(r"^(licen[cs]e|copying|notice|authors|copyright)", re.IGNORECASE)
QT_DISTS = {"pyside6-essentials", "pyside6-addons", "shiboken6"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _owners() -> dict[Path, md.Distribution]:
    """Every installed file → the distribution that installed it."""
    owners: dict[Path, md.Distribution] = {}
    for dist in md.distributions():
        for file in dist.files or ():
            owners[Path(str(dist.locate_file(file))).resolve()] = dist
    return owners


def _debian_package(path: Path) -> str | None:
    """The Debian package a system file came from, or None (not Debian, not packaged)."""
    if shutil.which("dpkg-query") is None:
        return None
    for candidate in (path, path.resolve()):
        found = subprocess.run(
            ["dpkg-query", "-S", str(candidate)], capture_output=True, text=True, check=False
        )
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].strip()
    return None


def _dist_license_files(dist: md.Distribution) -> list[Path]:
    files = []
    for file in dist.files or ():
        parts = Path(str(file)).parts
        if parts and parts[0].endswith(".dist-info") and LICENSE_NAME.match(parts[-1]):
            files.append(Path(str(dist.locate_file(file))))
    return files


def _license_summary(dist: md.Distribution) -> str:
    meta = dist.metadata
    found = meta.get("License-Expression") or meta.get("License") or ""
    if not found or len(found) > 80:  # some put the whole text in License
        classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []]
        found = ", ".join(c for c in classifiers if "License" in c or "GPL" in c) or found[:80]
    return found.splitlines()[0] if found else "see its licence files"


def trace(sources: Iterable[str]) -> tuple[set[str], set[str], bool]:
    """Distributions (canonical names), Debian packages and whether Python's own files are
    among the bundle's source files."""
    owners = _owners()
    by_name = {_canonical(d.metadata["Name"]): d for d in md.distributions()}
    dists: set[str] = set()
    debs: set[str] = set()
    python = False
    base = Path(sys.base_prefix).resolve()
    for source in sources:
        path = Path(source).resolve()
        dist = owners.get(path)
        if dist is not None:
            dists.add(_canonical(dist.metadata["Name"]))
        elif path.is_relative_to(base) or path.name.startswith("libpython"):
            python = True
        elif path.is_file() and path.is_relative_to("/usr"):
            package = _debian_package(path)
            if package:
                debs.add(package)
    # GridTerm itself is not a third party (LICENSE)
    return {d for d in dists if d in by_name and d != "gridterm"}, debs, python


def write_licenses(sources: Iterable[str], out_dir: Path) -> Path:
    """Write out_dir/THIRD-PARTY-NOTICES.txt and each component's licence files under
    out_dir; returns the notices file."""
    sources = list(sources)
    dists, debs, python = trace(sources)
    ffmpeg = any("avcodec" in Path(source).name for source in sources)
    by_name = {_canonical(d.metadata["Name"]): d for d in md.distributions()}
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    lines = [
        "GridTerm terminal bundle: third-party components",
        "",
        "GridTerm's own code is proprietary (LICENSE). The bundle redistributes the components",
        "below, each under its own licence; their licence texts are in the folders beside",
        "this file.",
        "",
    ]
    lines += _qt_notice(by_name, dists, out_dir, ffmpeg)
    lines += ["Python packages:", ""]
    for name in sorted(dists):
        dist = by_name[name]
        version = dist.version
        folder = out_dir / f"{name}-{version}"
        folder.mkdir()
        for file in _dist_license_files(dist):
            shutil.copy2(file, folder / file.name)
        if name in QT_DISTS:
            for text in TEXTS.glob("*.txt"):
                shutil.copy2(text, folder / text.name)
        lines.append(f"  {name} {version}: {_license_summary(dist)}")
    if python:
        lines += ["", f"Python {sys.version.split()[0]}: PSF License (python/LICENSE.txt)"]
        _copy_python_license(out_dir / "python")
    if debs:
        lines += ["", "System libraries (Debian packages; copyright files in debian/):", ""]
        (out_dir / "debian").mkdir()
        for package in sorted(debs):
            copyright_file = Path("/usr/share/doc") / package.split(":")[0] / "copyright"
            if copyright_file.is_file():
                shutil.copy2(copyright_file, out_dir / "debian" / f"{package.split(':')[0]}.txt")
            lines.append(f"  {package}")
    notices = out_dir / "THIRD-PARTY-NOTICES.txt"
    notices.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return notices


def _qt_notice(
    by_name: dict[str, md.Distribution], dists: set[str], out_dir: Path, ffmpeg: bool
) -> list[str]:
    if not dists & QT_DISTS:
        return []
    version = by_name["shiboken6"].version if "shiboken6" in by_name else "?"
    major_minor = ".".join(version.split(".")[:2])
    for text in TEXTS.glob("*.txt"):
        shutil.copy2(text, out_dir / text.name)
    lines = [
        f"Qt {version} and Qt for Python (PySide6, shiboken6) {version}",
        "  are used under the GNU Lesser General Public License v3 (LGPL-3.0.txt, with the",
        "  GNU GPL v3 it refers to, GPL-3.0.txt). They are the unmodified shared libraries",
        "  and modules of the pyside6-essentials/pyside6-addons wheels, in _internal/PySide6;",
        "  they may be replaced with other builds of the same version. Their source code:",
        f"    https://download.qt.io/official_releases/qt/{major_minor}/{version}/src/",
        "    https://download.qt.io/official_releases/QtForPython/pyside6/",
    ]
    if ffmpeg:
        lines += [
            "  The FFmpeg libraries beside them (libavcodec, libavformat, libavutil, libswscale,",
            "  libswresample: Qt Multimedia's camera backend) are the LGPL-2.1-or-later build",
            "  of FFmpeg that Qt ships; its source: https://ffmpeg.org/download.html",
        ]
    offer = "  The distributor of this bundle also provides a copy of these sources on request."
    return [*lines, offer, ""]


def _copy_python_license(folder: Path) -> None:
    folder.mkdir()
    lib = Path(sys.base_prefix)
    for candidate in (
        lib / "LICENSE.txt",
        lib / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "LICENSE.txt",
        Path(f"/usr/share/doc/python{sys.version_info.major}.{sys.version_info.minor}/copyright"),
    ):
        if candidate.is_file():
            shutil.copy2(candidate, folder / "LICENSE.txt")
            return
