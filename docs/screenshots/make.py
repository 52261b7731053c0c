"""Make the screenshots in this folder: the app under Xvfb on a fresh demo database.

    .venv/bin/python docs/screenshots/make.py            # all of them (README.md lists them)
    .venv/bin/python docs/screenshots/make.py --only zh_CN-today,en-portrait-visit

It starts its own Xvfb (on a free display) when no DISPLAY is set, builds a 1,500-household
demo database (seeded, so the same people appear every time) in a temporary folder, logs in
as the demo grid worker and walks every screen (tests/ui/tours) in each configuration, then as
the demo market inspector through the market screens and part of an inspection. The
configurations are every language × orientation × look (colours × text size): the default
look shows every screen of the tours, each other look the main screens. A full run rewrites
README.md (what each configuration shows) and removes the shots it no longer makes.
``--only`` takes file names without ``.png``. The PNGs are palette images (256 colours, no
dithering: flat UI colours and anti-aliased text look the same, a third of the size).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

LOCALES = ("zh_CN", "en")
DEFAULT_LOOK = ("normal", "normal")
#: (colours, text size): every combination of the two settings.
LOOKS = [DEFAULT_LOOK, ("high_contrast", "normal"), ("normal", "large"), ("high_contrast", "large")]
#: The worker's tour, in order (tests/ui/tours/screens.py); all of them in the default look.
WORKER_SCREENS = (
    "first_run", "login", "today", "register", "building", "household", "household_edit",
    "resident_edit", "resident_errors", "visit", "search", "tickets", "ticket_detail",
    "ticket_history", "photo_viewer", "alerts", "quick_report", "photo_picker", "sync",
    "settings",
)  # fmt: skip
#: The inspector's walk: the market screens, then part of an inspection (which writes: the
#: database is a throw-away demo).
INSPECTOR_SCREENS = (
    "market", "market_grid", "premises", "premises_edit", "hazards", "inspector_alerts",
    "inspection", "inspection_sign", "hazard_detail",
)  # fmt: skip
#: The main screens, shown in every other look: the lists and tables, a detail, the forms with
#: their error lines, a dialog and the settings.
LOOK_SCREENS = {
    "login", "today", "building", "household", "resident_errors", "visit", "search",
    "tickets", "ticket_detail", "ticket_history", "quick_report", "photo_picker", "settings",
    "market_grid", "premises", "hazards", "inspection", "hazard_detail",
}  # fmt: skip
#: The supervisors' screens and the report PDFs come from make_reports.py; the conflict queue
#: was shot by hand from the test data of tests/ui/test_conflict_queue.py (no demo conflicts).
OTHER_SHOTS = {
    "zh_CN-team", "zh_CN-reports", "zh_CN-reports_monthly", "zh_CN-building_coverage",
    "en-team", "en-reports", "en-reports_monthly", "pdf-daily-1", "pdf-monthly-1",
    "pdf-monthly-2", "zh-conflicts", "en-conflicts",
}  # fmt: skip
HOUSEHOLDS = 1500


@dataclass(frozen=True)
class Config:
    """One language, orientation and look."""

    locale: str
    portrait: bool
    look: tuple[str, str]

    @property
    def prefix(self) -> str:
        """``zh_CN``, ``en-portrait-high_contrast-large_text``, …"""
        colours, text = self.look
        parts = [self.locale, "portrait" if self.portrait else ""]
        parts += [colours if colours != "normal" else "", "large_text" if text == "large" else ""]
        return "-".join(p for p in parts if p)

    @property
    def size(self) -> tuple[int, int]:
        """The tablet's window: 1280×800 landscape or 800×1280 portrait."""
        return (800, 1280) if self.portrait else (1280, 800)

    def shows(self, screen: str) -> bool:
        """The default look shows every screen, the others the main ones."""
        return self.look == DEFAULT_LOOK or screen in LOOK_SCREENS


CONFIGS = [Config(lang, portrait, look) for lang in LOCALES for portrait in (False, True)
           for look in LOOKS]  # fmt: skip


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """An X server for the real window (xcb), unless one is there already. Xvfb picks a free
    display and says which (-displayfd): another run (or another worktree's) may hold one."""
    if os.environ.get("DISPLAY"):
        return None
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1280x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read) as answer:
        display = answer.readline().strip()  # written once the server accepts clients
    if not display:
        raise RuntimeError("Xvfb did not start")
    os.environ["DISPLAY"] = f":{display}"
    return proc


def make_pictures(folder: Path, count: int = 14) -> Path:
    """A pictures folder of placeholder photos, one every few hours back (the same each
    run), for the photo picker."""
    from random import Random

    from gridterm.demo.photos import placeholder_png

    folder.mkdir(parents=True)
    rng = Random(12)
    newest = time.mktime((2026, 11, 30, 16, 20, 0, 0, 0, -1))
    for i in range(count):
        path = folder / f"IMG_{2026_1130_0000 + i}.png"
        path.write_bytes(placeholder_png(rng))
        when = newest - i * 5 * 3600
        os.utime(path, (when, when))
    return folder


def save_png(image: object, path: Path) -> None:
    """Save a QImage or QPixmap as a palette PNG (``save_palette``)."""
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 100)  # type: ignore[attr-defined]  # fast: compressed below
    save_palette(io.BytesIO(bytes(buffer.data().data())), path)


def save_palette(source: Path | io.BytesIO, path: Path) -> None:
    """Write the picture ``source`` as a 256-colour palette PNG (median cut, no dithering)."""
    from PIL import Image

    with Image.open(source) as picture:
        palette = picture.convert("RGB").quantize(
            256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    palette.save(path, "PNG", optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", help="make only the screenshots with these names (comma-separated)"
    )
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    # a real X window by default; QT_QPA_PLATFORM=offscreen draws without any display
    offscreen = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    xvfb = None if offscreen else start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "offscreen" if offscreen else "xcb"
    try:
        from shoot import Shooter

        only = set(args.only.split(",")) if args.only else None
        made = Shooter(args.out, only).run()
        if only is None:
            tidy(args.out, made)
        print(f"{len(made)} screenshots in {args.out}")
        return 0
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def tidy(out: Path, made: list[str]) -> None:
    """After a full run: remove the shots no longer made and list the rest in README.md."""
    keep = set(made) | OTHER_SHOTS
    for stale in sorted(out.glob("*.png")):
        if stale.stem not in keep:
            print(f"removed {stale.name} (no longer made)")
            stale.unlink()
    (out / "README.md").write_text(index(made), encoding="utf-8")


def index(made: list[str]) -> str:
    """README.md: each configuration with the screens it shows (generated by make.py)."""
    shown = set(made)
    lines = [
        "# Screenshots",
        "",
        "Made by `make.py` (the terminal app: `.venv/bin/python docs/screenshots/make.py`) and",
        "`make_reports.py` (the supervisors' screens and the report PDFs); this file is",
        "written by make.py's full run. A file is `<configuration>-<screen>.png`.",
        "",
        "| Configuration | Window | Colours | Text | Screens |",
        "|---|---|---|---|---|",
    ]
    for c in CONFIGS:
        screens = [s for s in (*WORKER_SCREENS, *INSPECTOR_SCREENS) if f"{c.prefix}-{s}" in shown]
        width, height = c.size
        lines.append(
            f"| `{c.prefix}` | {width}×{height} | {c.look[0]} | {c.look[1]} | "
            f"{', '.join(screens)} |"
        )
    lines += [
        "",
        "Screens: " + ", ".join(f"`{s}`" for s in (*WORKER_SCREENS, *INSPECTOR_SCREENS)),
        "(the grid worker's tour, then the market inspector's). From make_reports.py:",
        "`zh_CN-team`, `zh_CN-reports`, `zh_CN-reports_monthly`, `zh_CN-building_coverage`, the",
        "same three in `en`, and `pdf-daily-1`, `pdf-monthly-1`, `pdf-monthly-2`. By hand:",
        "`zh-conflicts`, `en-conflicts` (the supervisors' conflict queue, from test data).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
