"""``./dev bundle``: build the terminal bundle, start it through login to Today, pack it.

1. ``pyinstaller build.spec`` → dist/gridterm (the spec compiles the translations, trims
   Qt, collects the licences and fails over the size budget);
2. the smoke test: the bundle's own ``gridterm demo`` writes a small encrypted demo
   database, then the bundle starts offscreen (``GRIDTERM_BENCH=today``) in Chinese and in
   English, logs in as the demo grid worker and must paint Today and exit 0, with no crash
   report;
3. dist/gridterm-VERSION-linux-x86_64.tar.gz: the bundle, install.sh, the .desktop file,
   the icons and the LICENSE (docs/bundle.md).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SMOKE_PIN = "135790"
SMOKE_WORKER = "G0001"  # the demo's first grid worker (gridterm demo prints the list)
SMOKE_TIMEOUT_S = 180
SMOKE_LANGUAGES = ("zh_CN", "en")


def build() -> Path:
    """Run PyInstaller on build.spec; returns the bundle folder."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(ROOT / "build.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return DIST / "gridterm"


def smoke(bundle: Path) -> dict[str, object]:
    """Start the bundle through login to Today on a fresh demo database; returns the
    driver's figures. Raises SystemExit with what went wrong."""
    program = bundle / "gridterm"
    with tempfile.TemporaryDirectory(prefix="gridterm-smoke-") as tmp:
        home = Path(tmp)
        # Everything the app writes (settings, log, crash reports) goes into the temp folder.
        env = dict(
            os.environ,
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_STATE_HOME=str(home / "state"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_DATA_HOME=str(home / "data"),
            QT_QPA_PLATFORM="offscreen",
        )
        env.pop("GRIDTERM_BENCH", None)
        db = home / "demo.db"
        demo = [str(program), "demo", "--db", str(db), "--households", "300"]
        _run("demo", [*demo, "--pin", SMOKE_PIN, "--quiet"], env)
        env.update(GRIDTERM_BENCH="today", GRIDTERM_BENCH_LOGIN=f"{SMOKE_WORKER}:{SMOKE_PIN}")
        results: dict[str, object] = {}
        # Both languages: each loads its own catalogue (a missing .qm stops the start).
        for lang in SMOKE_LANGUAGES:
            started = time.monotonic()
            out = _run(
                f"app --lang {lang}", [str(program), "app", "--db", str(db), "--lang", lang], env
            )
            marks = [json.loads(line) for line in out.splitlines() if line.startswith('{"mark"')]
            done = [m for m in marks if m["mark"] == "done"]
            crashes = list(home.rglob("crash-*"))
            if not done or "login_to_today_s" not in done[0]["results"] or crashes:
                raise SystemExit(
                    f"smoke test ({lang}): the bundle did not reach Today (marks {marks}, crash"
                    f" reports {[c.name for c in crashes]})\n{out}"
                )
            results[lang] = dict(
                done[0]["results"], start_to_exit_s=round(time.monotonic() - started, 1)
            )
        return results


def _run(what: str, command: list[str], env: dict[str, str]) -> str:
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:
        raise SystemExit(f"smoke test: {what} did not finish in {SMOKE_TIMEOUT_S} s") from exc
    if done.returncode != 0:
        raise SystemExit(
            f"smoke test: {what} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
        )
    return done.stdout


def pack(bundle: Path) -> Path:
    """The tarball: gridterm-VERSION/ with the bundle, install.sh, the desktop entry, icons."""
    sys.path.insert(0, str(HERE))
    from icons import ICON_SVG, render_pngs

    version = importlib.metadata.version("gridterm")
    name = f"gridterm-{version}"
    tarball = DIST / f"{name}-linux-{platform.machine()}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="gridterm-pack-") as tmp:
        stage = Path(tmp)
        icons = stage / "icons"
        render_pngs(icons)
        shutil.copy2(ICON_SVG, icons / "gridterm.svg")
        with tarfile.open(tarball, "w:gz") as tar:
            tar.add(bundle, arcname=f"{name}/gridterm")
            tar.add(HERE / "install.sh", arcname=f"{name}/install.sh")
            entry = ROOT / "resources" / "app" / "gridterm.desktop"
            tar.add(entry, arcname=f"{name}/gridterm.desktop")
            tar.add(icons, arcname=f"{name}/icons")
            tar.add(ROOT / "LICENSE", arcname=f"{name}/LICENSE")
    return tarball


def main(argv: list[str] | None = None) -> int:
    """Build, smoke-test and pack; prints one line per step with its figure."""
    parser = argparse.ArgumentParser(prog="./dev bundle", description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="reuse dist/gridterm")
    parser.add_argument("--no-smoke", action="store_true", help="skip the start-up test")
    parser.add_argument("--no-pack", action="store_true", help="skip the tarball")
    args = parser.parse_args(argv)
    started = time.monotonic()
    bundle = DIST / "gridterm" if args.no_build else build()
    print(f"bundle: {bundle} ({time.monotonic() - started:.0f} s)", flush=True)
    if not args.no_smoke:
        results = smoke(bundle)
        print(f"smoke test: logged in and painted Today: {json.dumps(results)}", flush=True)
    if not args.no_pack:
        tarball = pack(bundle)
        print(f"tarball: {tarball} ({tarball.stat().st_size / 1e6:.1f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
